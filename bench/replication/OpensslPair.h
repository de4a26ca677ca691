// SPDX-License-Identifier: MIT
// The baseline of bench-replication's tls ways: `openssl s_client` sending the bench's stream over loopback TLS to
// `openssl s_server`, which hands it to the bench's consumer; the certificates of a test PKI made by
// tests/integration/pki.sh, and the protocol and cipher that Qt negotiated. See bench/README.md.
#pragma once

#include <optional>
#include <string>

#include <QString>

#include "Measurement.h"
#include "NetworkWays.h"
#include "StreamEnds.h"

namespace ReplicationBench {

// Runs `script` (pki.sh) to make a PKI in `dir`; false with *why when it cannot (no bash, no openssl, a failure).
bool makeTestPki(const QString &script, const QString &dir, TlsFiles *files, std::string *why);

class OpensslPair
{
public:
    OpensslPair(QString openssl, TlsFiles files, StreamEnds &ends)
        : m_openssl(std::move(openssl))
        , m_files(std::move(files))
        , m_ends(ends)
    {}

    // "TLSv1.3" or "TLSv1.2", and the cipher's OpenSSL name (what Qt's OpenSSL backend reports).
    void setSession(QString protocol, QString cipher)
    {
        m_protocol = std::move(protocol);
        m_cipher = std::move(cipher);
    }

    // producer → s_client → TLS over 127.0.0.1 → s_server → consumer. Run::cpuChildren is the stream ends',
    // Run::cpuTool the openssl pair's; Run::bytes what the consumer checked.
    std::optional<Run> copy(qint64 size, std::string *error);

private:
    QStringList sessionArguments() const;

    QString m_openssl;
    TlsFiles m_files;
    StreamEnds &m_ends;
    QString m_protocol;
    QString m_cipher;
};

}  // namespace ReplicationBench
