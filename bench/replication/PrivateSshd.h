// SPDX-License-Identifier: MIT
// bench-replication's private sshd on 127.0.0.1 (as tests/integration/sshd-env.sh starts one): three client keys,
// two whose authorized_keys entries force a command (`holdfast stdinserver` towards the sink's and the source's
// sockdir) and a plain one for the baseline, `ssh 127.0.0.1 'bench-replication --consume …'` and `… --produce …`
// moving the same bytes with the same cipher. See bench/README.md.
#pragma once

#include <optional>
#include <string>

#include <QString>
#include <QStringList>

#include <sys/types.h>

#include "Measurement.h"
#include "StreamEnds.h"

namespace ReplicationBench {

class PrivateSshd
{
public:
    explicit PrivateSshd(StreamEnds &ends)
        : m_ends(ends)
    {}

    ~PrivateSshd();

    PrivateSshd(const PrivateSshd &) = delete;
    PrivateSshd &operator=(const PrivateSshd &) = delete;

    // Keys, authorized_keys, sshd_config in `dir`, and sshd listening; false with *why when sshd cannot run here
    // (not root, openssh not installed, sshd does not come up).
    bool start(const QString &dir, const QString &sinkCommand, const QString &sourceCommand, std::string *why);

    quint16 port() const
    {
        return m_port;
    }

    QString sinkKey() const
    {
        return m_sinkKey;
    }

    QString sourceKey() const
    {
        return m_sourceKey;
    }

    // The -o options of every ssh the bench runs: the private known_hosts, and the cipher when one is asked for.
    QStringList options() const;

    void setCipher(QString cipher)
    {
        m_cipher = std::move(cipher);
    }

    // The cipher ssh and sshd agree on, from `ssh -v` (one connection made for that alone).
    QString negotiatedCipher(std::string *error);

    // The CPU of sshd's sessions that ended (each session's processes: sshd's own, and what ran under it).
    double sessionsCpu() const;
    // Waits (10 s at most) until sshd has no session left.
    void settle() const;

    // The baseline: producer | ssh 127.0.0.1 'bench-replication --consume …' (push) or
    // ssh 127.0.0.1 'bench-replication --produce …' | consumer (pull), with the plain key. Run::cpuChildren is the
    // ssh client's and the local stream end's, Run::cpuRemote the sshd session's with the remote stream end.
    std::optional<Run> copy(bool push, qint64 size, std::string *error);

private:
    QStringList sshArguments(const QString &key) const;
    void stop();

    StreamEnds &m_ends;
    QString m_dir;
    QString m_ssh;
    QString m_sinkKey;
    QString m_sourceKey;
    QString m_plainKey;
    QString m_knownHosts;
    QString m_cipher;
    pid_t m_pid = -1;
    quint16 m_port = 0;
};

}  // namespace ReplicationBench
