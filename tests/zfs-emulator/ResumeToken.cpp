#include "ResumeToken.h"

#include <algorithm>
#include <cctype>

#include <QtEndian>

#include <zlib.h>

quint64 ResumeToken::fletcher4Word0(const QByteArray &data)
{
    // fletcher_4_native_varsize(): the first accumulator is the plain sum of the 32-bit native words; a tail
    // shorter than a word is not summed (real tokens with odd lengths confirm it).
    quint64 a = 0;
    for (qsizetype i = 0; i + 4 <= data.size(); i += 4)
        a += qFromLittleEndian<quint32>(data.constData() + i);
    return a;
}

NvList ResumeToken::toNvList() const
{
    // Same order as get_receive_resume_stats_impl() adds them.
    NvList nv;
    if (fromGuid != 0)
        nv.addUint64(QStringLiteral("fromguid"), fromGuid);
    nv.addUint64(QStringLiteral("object"), object);
    nv.addUint64(QStringLiteral("offset"), offset);
    nv.addUint64(QStringLiteral("bytes"), bytes);
    nv.addUint64(QStringLiteral("toguid"), toGuid);
    nv.addString(QStringLiteral("toname"), toName);
    if (largeBlockOk)
        nv.addBoolean(QStringLiteral("largeblockok"));
    if (embedOk)
        nv.addBoolean(QStringLiteral("embedok"));
    if (compressOk)
        nv.addBoolean(QStringLiteral("compressok"));
    if (rawOk)
        nv.addBoolean(QStringLiteral("rawok"));
    return nv;
}

QString ResumeToken::encode() const
{
    const QByteArray packed = toNvList().packNative();
    uLongf compressedSize = compressBound(uLong(packed.size()));
    QByteArray compressed(qsizetype(compressedSize), '\0');
    // The kernel's gzip_compress() uses level 6, zlib's default.
    compress2(reinterpret_cast<Bytef *>(compressed.data()),
              &compressedSize,
              reinterpret_cast<const Bytef *>(packed.constData()),
              uLong(packed.size()),
              6);
    compressed.resize(qsizetype(compressedSize));
    return QStringLiteral("1-%1-%2-%3")
        .arg(QString::number(fletcher4Word0(compressed), 16),
             QString::number(packed.size(), 16),
             QString::fromLatin1(compressed.toHex()));
}

std::optional<NvList> ResumeToken::decodeNvList(const QString &token, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<NvList> {
        *error = QStringLiteral("resume token is corrupt (%1)").arg(why);
        return std::nullopt;
    };
    const QStringList parts = token.split(QLatin1Char('-'));
    bool versionOk = false;
    bool checksumOk = false;
    bool lengthOk = false;
    if (parts.size() != 4)
        return fail(QStringLiteral("invalid format"));
    const uint version = parts[0].toUInt(&versionOk);
    const quint64 checksum = parts[1].toULongLong(&checksumOk, 16);
    const quint64 packedLength = parts[2].toULongLong(&lengthOk, 16);
    if (!versionOk || !checksumOk || !lengthOk)
        return fail(QStringLiteral("invalid format"));
    if (version != 1) {
        *error = QStringLiteral("resume token is corrupt (invalid version %1)").arg(version);
        return std::nullopt;
    }
    const QByteArray hex = parts[3].toLatin1();
    if (hex.isEmpty() || hex.size() % 2 != 0
        || std::any_of(hex.begin(), hex.end(), [](char c) { return !std::isxdigit(uchar(c)); }))
        return fail(QStringLiteral("payload is not hex-encoded"));
    const QByteArray compressed = QByteArray::fromHex(hex);
    if (fletcher4Word0(compressed) != checksum)
        return fail(QStringLiteral("incorrect checksum"));
    if (packedLength > 1024 * 1024)
        return fail(QStringLiteral("decompression failed"));
    QByteArray packed(qsizetype(packedLength), '\0');
    uLongf packedSize = uLongf(packedLength);
    if (uncompress(reinterpret_cast<Bytef *>(packed.data()),
                   &packedSize,
                   reinterpret_cast<const Bytef *>(compressed.constData()),
                   uLong(compressed.size()))
            != Z_OK
        || packedSize != packedLength)
        return fail(QStringLiteral("decompression failed"));
    QString why;
    std::optional<NvList> nv = NvList::unpackNative(packed, &why);
    if (!nv)
        return fail(QStringLiteral("nvlist_unpack failed"));
    return nv;
}

std::optional<ResumeToken> ResumeToken::decode(const QString &token, QString *error)
{
    const std::optional<NvList> nv = decodeNvList(token, error);
    if (!nv)
        return std::nullopt;
    ResumeToken t;
    for (const NvList::Pair &p : nv->pairs()) {
        if (p.name == QLatin1String("fromguid"))
            t.fromGuid = p.number;
        else if (p.name == QLatin1String("object"))
            t.object = p.number;
        else if (p.name == QLatin1String("offset"))
            t.offset = p.number;
        else if (p.name == QLatin1String("bytes"))
            t.bytes = p.number;
        else if (p.name == QLatin1String("toguid"))
            t.toGuid = p.number;
        else if (p.name == QLatin1String("toname"))
            t.toName = p.text;
        else if (p.name == QLatin1String("largeblockok"))
            t.largeBlockOk = true;
        else if (p.name == QLatin1String("embedok"))
            t.embedOk = true;
        else if (p.name == QLatin1String("compressok"))
            t.compressOk = true;
        else if (p.name == QLatin1String("rawok"))
            t.rawOk = true;
    }
    if (t.toGuid == 0 || t.toName.isEmpty()) {
        *error = QStringLiteral("resume token is corrupt");
        return std::nullopt;
    }
    return t;
}
