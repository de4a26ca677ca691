#pragma once

#include <optional>

#include <QString>

#include "NvList.h"

// receive_resume_token: "1-<fletcher4 word0>-<packed nvlist length>-<hex of zlib(packed nvlist)>", as OpenZFS
// builds it in get_receive_resume_stats_impl() and checks it in zfs_send_resume_token_to_nvlist().
class ResumeToken
{
public:
    quint64 fromGuid = 0;  // 0: full stream
    quint64 object = 0;
    quint64 offset = 0;
    quint64 bytes = 0;
    quint64 toGuid = 0;
    QString toName;
    bool largeBlockOk = false;
    bool embedOk = false;
    bool compressOk = false;
    bool rawOk = false;

    NvList toNvList() const;
    QString encode() const;

    // On failure *error is OpenZFS's reason, e.g. "resume token is corrupt (incorrect checksum)".
    static std::optional<NvList> decodeNvList(const QString &token, QString *error);
    static std::optional<ResumeToken> decode(const QString &token, QString *error);

    static quint64 fletcher4Word0(const QByteArray &data);
};
