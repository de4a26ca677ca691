// SPDX-License-Identifier: MIT
// Feeds arbitrary input to the resume token decoder. The first byte chooses what the rest is: the token text, a
// packed nvlist or a zlib stream; the latter two are wrapped in a token with a correct checksum so that the fuzzer
// reaches the decompressor and the nvlist reader instead of stopping at the checksum. A decoded token must satisfy
// what the daemon relies on.
#include <cstdint>
#include <cstdlib>

#include <QByteArray>
#include <QString>
#include <QtEndian>

#include "daemon/zfs/ResumeToken.h"

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

QString wrap(const QByteArray &compressed, quint64 packedLength)
{
    quint64 sum = 0;
    for (qsizetype i = 0; i + 4 <= compressed.size(); i += 4)
        sum += qFromUnaligned<quint32>(compressed.constData() + i);
    return QStringLiteral("1-%1-%2-%3")
        .arg(QString::number(sum, 16), QString::number(packedLength, 16), QString::fromLatin1(compressed.toHex()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    QString token;
    switch (data[0] % 3) {
    case 0:
        token = QString::fromLatin1(input);
        break;
    case 1:
        token = wrap(qCompress(input).mid(4), quint64(input.size()));
        break;
    default:
        // The first two bytes declare the packed length, so that decompressed streams can also reach the nvlist.
        if (input.size() < 2)
            return 0;
        token = wrap(input.mid(2), qFromLittleEndian<quint16>(input.constData()));
        break;
    }
    QString error;
    const std::optional<Zfs::ResumeToken> decoded = Zfs::ResumeToken::decode(token, &error);
    if (!decoded) {
        check(error.startsWith(QStringLiteral("resume token: ")));
        return 0;
    }
    check(error.isEmpty());
    const qsizetype at = decoded->toName.indexOf(QLatin1Char('@'));
    check(at > 0 && at < decoded->toName.size() - 1);
    const QString filesystem = decoded->toName.first(at);
    check(!decoded->validateFor(filesystem, decoded->toGuid, decoded->fromGuid));
    check(decoded->validateFor(filesystem, decoded->toGuid + 1, decoded->fromGuid).has_value());
    check(decoded->validateFor(filesystem + QLatin1Char('x'), decoded->toGuid, decoded->fromGuid).has_value());
    check(
        decoded->validateFor(filesystem, decoded->toGuid, decoded->fromGuid ? std::nullopt : std::optional<quint64>(1))
            .has_value());
    return 0;
}
