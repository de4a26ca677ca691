// SPDX-License-Identifier: MIT
// bench-replication's network ways: a stream over a loopback connection, copied by a minimal plain-socket relay (the
// baseline of tcp) or carried by one of Holdfast's transports — tcp, tls, ssh+stdinserver — in either direction
// (Rpc::Client against a Daemon::PassiveServer whose passive side runs in a thread of its own, as a second daemon
// would). See bench/README.md.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "Measurement.h"
#include "StreamEnds.h"
#include "daemon/async/Awaitables.h"

namespace ReplicationBench {

class PassiveSide;

enum class Link
{
    Tcp,
    Tls,
    Ssh,
};

// The files of a test PKI (tests/integration/pki.sh), as a tls serve and connect name them.
struct TlsFiles
{
    QString ca;
    QString serverCert;
    QString serverKey;
    QString clientCert;
    QString clientKey;
    QString serverCn;  // what the server certificate says, the connect's server_cn
    QString clientCn;  // what the client certificate says, in the serve's client_cns
};

// How the active side reaches the private sshd of PrivateSshd: one key per passive job (its authorized_keys entry
// forces `holdfast stdinserver` towards that job's sockdir), the ssh options of a connect.
struct SshLink
{
    quint16 port = 0;
    QString sinkKey;
    QString sourceKey;
    QStringList options;
    // The sshd sessions ended since the bench started: their CPU, once every session of a run is gone.
    std::function<double()> sessionsCpu;
    // Waits until sshd has no session left (the last connection's processes are reaped).
    std::function<void()> settle;
};

class NetworkWays
{
public:
    // `environment`: what the passive side gives the processes it runs.
    NetworkWays(StreamEnds &ends, QProcessEnvironment environment);
    ~NetworkWays();

    // The tcp passive side (a sink and a source).
    bool start(std::string *error);
    // The tls passive side; false with *error when it cannot serve (then the tls ways are not run).
    bool startTls(const TlsFiles &files, std::string *error);
    // The stdinserver passive side: a sink and a source listening in sockdirs of their own, for client1.
    bool startStdinserver(const QString &sinkSockdir, const QString &sourceSockdir, std::string *error);

    void setSshLink(SshLink link)
    {
        m_ssh = std::move(link);
    }

    // "TLSv1.3 TLS_AES_256_GCM_SHA384": what Qt's TLS connector negotiates with the tls passive side (a connection
    // made for that alone); protocol and cipher apart.
    bool tlsSession(QString *protocol, QString *cipher, std::string *error);

    // With the bench's stream ends, `size` bytes; each checks the count on both sides and the consumer's verdict.
    // The baseline: producer → pipe → this thread → loopback TCP → a second thread → pipe → consumer, read() and
    // write() of 1 MiB, pipes of 1 MiB as Holdfast's.
    std::optional<Run> rawTcpCopy(qint64 size, std::string *error);
    // Push → sink: Rpc::Client::sendStream (the Receive call); the consumer runs on the passive side.
    std::optional<Run> push(Link link, qint64 size, std::string *error);
    // Source → pull: Rpc::Client::receiveStream (the Send call); the producer runs on the passive side.
    std::optional<Run> pull(Link link, qint64 size, std::string *error);

    // The tcp ways with any ends (`zfs send`, `zfs recv`); Run::bytes is StreamOutcome::bytes, checked by the caller.
    std::optional<Run> push(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error);
    std::optional<Run> pull(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error);

private:
    std::optional<Run> stream(Link link,
                              bool push,
                              const Async::ProcessSpec &producer,
                              const Async::ProcessSpec &consumer,
                              std::string *error);
    std::optional<Run> checkedStream(Link link, bool push, qint64 size, std::string *error);

    StreamEnds &m_ends;
    QProcessEnvironment m_environment;
    std::unique_ptr<PassiveSide> m_passive;
    TlsFiles m_tls;
    SshLink m_ssh;
};

const char *linkName(Link link);

}  // namespace ReplicationBench
