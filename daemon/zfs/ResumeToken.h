// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QString>
#include <QStringView>

namespace Zfs {

// What a receiver's `receive_resume_token` property says about the interrupted stream. OpenZFS builds the token in
// get_receive_resume_stats_impl() (module/zfs/dmu_recv.c) and `zfs send -t` trusts it, so the sender decodes it
// itself and compares it with what it would have sent before handing it to zfs: a token is input from the other
// side and may be stale or malicious.
struct ResumeToken
{
    quint64 toGuid = 0;
    std::optional<quint64> fromGuid;  // nullopt: the interrupted stream was a full send
    QString toName;                   // "pool/fs@snap"
    quint64 object = 0, offset = 0, bytes = 0;
    bool rawOk = false, compressOk = false, embedOk = false, largeBlockOk = false;

    // Hard limits, far above what OpenZFS produces (a few hundred bytes), so that a hostile token costs little.
    static constexpr qsizetype MaxTokenLength = 1 << 20;
    static constexpr qsizetype MaxPackedLength = 1 << 20;
    static constexpr int MaxNvListDepth = 16;
    static constexpr int MaxNvPairs = 1024;

    // Decodes "<version>-<fletcher4 word 0>-<packed length>-<hex of zlib(packed nvlist)>" (libzfs_sendrecv.c,
    // zfs_send_resume_token_to_nvlist). On failure *error (when given) says what is wrong, starting with
    // "resume token: ".
    static std::optional<ResumeToken> decode(QStringView token, QString *error);

    // nullopt when the token resumes exactly the send of expectedToGuid (incremental from expectedFromGuid, or full
    // when that is nullopt) on filesystem; otherwise why the token must not be used.
    std::optional<QString>
    validateFor(const QString &filesystem, quint64 expectedToGuid, std::optional<quint64> expectedFromGuid) const;
};

}  // namespace Zfs
