// SPDX-License-Identifier: MIT
// Decoding of OpenZFS resume tokens: real tokens from ZoL 0.8.1, tokens the emulator makes, hand-made malformed
// tokens, and the check that a token resumes exactly the send the sender would make.
#include <optional>

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include "ResumeToken.h"  // the emulator's encoder, tests/zfs-emulator: the cross-check
#include "daemon/zfs/ResumeToken.h"

using namespace Qt::StringLiterals;

namespace {

// The test builds tokens with its own encoder (qCompress for zlib) so that malformed ones can be made on purpose.
quint64 fletcher4Word0(const QByteArray &data)
{
    quint64 a = 0;
    for (qsizetype i = 0; i + 4 <= data.size(); i += 4)
        a += qFromLittleEndian<quint32>(data.constData() + i);
    return a;
}

QByteArray zlib(const QByteArray &packed)
{
    return qCompress(packed).mid(4);  // qCompress prefixes the length, big-endian
}

QString tokenFromCompressed(const QByteArray &compressed, quint64 packedLength)
{
    return u"1-%1-%2-%3"_s.arg(QString::number(fletcher4Word0(compressed), 16),
                               QString::number(packedLength, 16),
                               QString::fromLatin1(compressed.toHex()));
}

QString tokenFromPacked(const QByteArray &packed)
{
    return tokenFromCompressed(zlib(packed), quint64(packed.size()));
}

enum Type : qint32
{
    Boolean = 1,
    Uint64 = 8,
    String = 9,
    Uint64Array = 16,
    NvListType = 19,
    BooleanValue = 21
};

// libnvpair's native encoding, written out field by field.
class NativeList
{
public:
    explicit NativeList(bool bigEndian = false)
        : m_bigEndian(bigEndian)
    {}

    NativeList &uint64(const QByteArray &name, quint64 value)
    {
        return pair(name, Uint64, 1, number(value, 8));
    }

    NativeList &string(const QByteArray &name, const QByteArray &value)
    {
        return pair(name, String, 1, value + '\0');
    }

    NativeList &boolean(const QByteArray &name)
    {
        return pair(name, Boolean, 0, {});
    }

    // sizeDelta makes the pair lie about its size.
    NativeList &pair(const QByteArray &name, qint32 type, qint32 elements, const QByteArray &value, int sizeDelta = 0)
    {
        const qsizetype valueAt = align(16 + name.size() + 1);
        const qsizetype size = align(valueAt + value.size());
        QByteArray p = number(quint64(size + sizeDelta), 4) + number(quint64(name.size() + 1), 2) + number(0, 2)
                       + number(quint64(elements), 4) + number(quint64(qint64(type)), 4) + name + '\0';
        p.append(valueAt - p.size(), '\0');
        p += value;
        p.append(size - p.size(), '\0');
        m_body += p;
        return *this;
    }

    NativeList &raw(const QByteArray &bytes)
    {
        m_body += bytes;
        return *this;
    }

    // The list as embedded in another: version, flags, pairs, terminator.
    QByteArray list() const
    {
        return number(0, 4) + number(1, 4) + m_body + number(0, 4);
    }

    QByteArray packed() const
    {
        return QByteArray("\x00", 1) + char(m_bigEndian ? 0 : 1) + QByteArray(2, '\0') + list();
    }

    QByteArray number(quint64 value, int bytes) const
    {
        QByteArray out(bytes, '\0');
        for (int i = 0; i < bytes; ++i)
            out[m_bigEndian ? bytes - 1 - i : i] = char(value >> (8 * i));
        return out;
    }

private:
    static qsizetype align(qsizetype value)
    {
        return (value + 7) & ~qsizetype(7);
    }

    bool m_bigEndian;
    QByteArray m_body;
};

// libnvpair's XDR encoding.
class XdrList
{
public:
    XdrList &uint64(const QByteArray &name, quint64 value)
    {
        return pair(name, Uint64, 1, be(value >> 32) + be(value));
    }

    XdrList &string(const QByteArray &name, const QByteArray &value)
    {
        return pair(name, String, 1, str(value));
    }

    XdrList &boolean(const QByteArray &name)
    {
        return pair(name, Boolean, 0, {});
    }

    XdrList &raw(const QByteArray &bytes)
    {
        m_body += bytes;
        return *this;
    }

    XdrList &pair(const QByteArray &name, qint32 type, qint32 elements, const QByteArray &value, int sizeDelta = 0)
    {
        const QByteArray rest = str(name) + be(quint32(type)) + be(quint32(elements)) + value;
        m_body += be(quint32(8 + rest.size() + sizeDelta)) + be(quint32(64)) + rest;
        return *this;
    }

    QByteArray list() const
    {
        return be(0) + be(1) + m_body + be(0) + be(0);
    }

    QByteArray packed() const
    {
        return QByteArray("\x01\x01\x00\x00", 4) + list();
    }

    static QByteArray be(quint64 value)
    {
        QByteArray out(4, '\0');
        qToBigEndian(quint32(value), out.data());
        return out;
    }

    static QByteArray str(const QByteArray &s)
    {
        QByteArray out = be(quint32(s.size())) + s;
        out.append((4 - s.size() % 4) % 4, '\0');
        return out;
    }

private:
    QByteArray m_body;
};

NativeList typicalNative(bool bigEndian = false)
{
    NativeList list(bigEndian);
    list.uint64("fromguid", 11)
        .uint64("object", 2)
        .uint64("offset", 0x2c0000)
        .uint64("bytes", 0x2e2540)
        .uint64("toguid", 22)
        .string("toname", "pool/fs@b")
        .boolean("embedok")
        .boolean("largeblockok");
    return list;
}

const QString full =
    u"1-b338b54f3-c0-789c636064000310a500c4ec50360710e72765a52697303030419460caa7a515a796806474e0f26c48f249952"
    "5a9c540ba42430fabfe92fcf4d2cc140686c88a76d578ae45530c90e439c1f27989b9a90c0c5545a905390539892569f945b9"
    "40234bf48b8b921d12c1660200c61a1aba"_s;

}  // namespace

class TestResumeToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realTokens_data();
    void realTokens();
    void malformed_data();
    void malformed();
    void encodings_data();
    void encodings();
    void emulatorEncodedTokens_data();
    void emulatorEncodedTokens();
    void emulatorResumableReceive();
    void validateFor_data();
    void validateFor();
};

void TestResumeToken::realTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<quint64>("toGuid");
    QTest::addColumn<bool>("incremental");
    QTest::addColumn<quint64>("fromGuid");
    QTest::addColumn<QString>("toName");
    QTest::addColumn<quint64>("bytes");
    QTest::addColumn<bool>("raw");
    // zrepl platformtest/tests/resumeTokenParsing.go (zrepl 58c08c855f), generated on ZoL 0.8.1. zrepl expects
    // toguid, fromguid, toname, compressok and rawok; object, offset and bytes are what the nvlists hold.
    QTest::addRow("zreplplatformtest/dst/full")
        << full << 0x94a20a5f25877859ULL << false << 0ULL << u"zreplplatformtest/src@a"_s << 0x2e2878ULL << false;
    QTest::addRow("zreplplatformtest/dst/full_raw")
        << u"1-e3f40c323-f8-789c636064000310a500c4ec50360710e72765a52697303030419460caa7a515a796806474e0f26c48f24995"
           "25a9c540da454f0fabfe92fcf4d2cc140686c88a76d578ae45530c90e439c1f27989b9a90c0c5545a905390539892569f945b94023"
           "4bf48b8b921d12c1e6713320dc9f9c9f5b50945a5c9c9f0d119380ba07265f94580e936200004ff12141"_s
        << 0x94a20a5f25877859ULL << false << 0ULL << u"zreplplatformtest/src@a"_s << 0x2e2e44ULL << true;
    QTest::addRow("zreplplatformtest/dst/inc")
        << u"1-eadabb296-e8-789c636064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3cd7a2290a40363b92bafca4ac"
           "d4e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b518483ba8ea61d55f920f714515bf9b3fc3c396ef0648f29c60f9"
           "bcc4dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b09900d43e2191"_s
        << 0xf784e1004f460f7aULL << true << 0x94a20a5f25877859ULL << u"zreplplatformtest/src@b"_s << 0x2e2540ULL
        << false;
    QTest::addRow("zreplplatformtest/dst/inc_raw")
        << u"1-1164f8d409-120-789c636064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3cd7a2290a40363b92bafca4"
           "acd4e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b51848f368eb61d55f920f714515bf9b3fc3c396ef0648f29c60"
           "f9bcc4dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b079dc0c087f26e7e71614a51617e76743c424a0ee81c91725"
           "96c3a41800dd2c2818"_s
        << 0xf784e1004f460f7aULL << true << 0x94a20a5f25877859ULL << u"zreplplatformtest/src@b"_s << 0x2e2b0cULL
        << true;
}

void TestResumeToken::realTokens()
{
    QFETCH(QString, token);
    QFETCH(quint64, toGuid);
    QFETCH(bool, incremental);
    QFETCH(quint64, fromGuid);
    QFETCH(QString, toName);
    QFETCH(quint64, bytes);
    QFETCH(bool, raw);
    QString error;
    const std::optional<Zfs::ResumeToken> t = Zfs::ResumeToken::decode(token, &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->toGuid, toGuid);
    QCOMPARE(t->fromGuid.has_value(), incremental);
    if (incremental)
        QCOMPARE(*t->fromGuid, fromGuid);
    QCOMPARE(t->toName, toName);
    QCOMPARE(t->object, 2ULL);
    QCOMPARE(t->offset, 0x2c0000ULL);
    QCOMPARE(t->bytes, bytes);
    QCOMPARE(t->rawOk, raw);
    QCOMPARE(t->compressOk, raw);
    QCOMPARE(t->embedOk, false);
    QCOMPARE(t->largeBlockOk, false);
    QVERIFY(!t->validateFor(
        toName.section(u'@', 0, 0), toGuid, incremental ? std::optional<quint64>(fromGuid) : std::nullopt));
}

void TestResumeToken::malformed_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const QString &token, const QString &error) {
        QTest::newRow(name) << token << u"resume token: "_s + error;
    };
    const QByteArray good = typicalNative().packed();
    const QString goodHeader = tokenFromPacked(good).section(u'-', 0, 2);
    const QByteArray compressed = zlib(good);

    row("empty", QString(), u"empty"_s);
    row("no fields", u"hello"_s, u"expected <version>-<checksum>-<packed length>-<payload>"_s);
    row("three fields", u"1-abc-10"_s, u"expected <version>-<checksum>-<packed length>-<payload>"_s);
    row("version not a number", u"x-1-1-00"_s, u"version \"x\" is not a decimal number"_s);
    row("version empty", u"-1-1-00"_s, u"version \"\" is not a decimal number"_s);
    row("version 2", u"2-1-1-00"_s, u"unsupported version 2"_s);
    row("version 0", u"0-1-1-00"_s, u"unsupported version 0"_s);
    row("checksum not hex", u"1-xyz-10-00"_s, u"checksum \"xyz\" is not a 64-bit hexadecimal number"_s);
    row("checksum over 64 bits",
        u"1-10000000000000000-10-00"_s,
        u"checksum \"10000000000000000\" is not a 64-bit hexadecimal number"_s);
    row("packed length not hex", u"1-0--00"_s, u"packed length \"\" is not a 64-bit hexadecimal number"_s);
    row("huge packed length",
        u"1-0-ffffffffffffffff-00"_s,
        u"packed length 18446744073709551615 exceeds the limit of 1048576 bytes"_s);
    row("packed length over limit", u"1-0-100001-00"_s, u"packed length 1048577 exceeds the limit of 1048576 bytes"_s);
    row("empty payload", u"1-0-10-"_s, u"empty payload"_s);
    row("odd payload", u"1-0-10-abc"_s, u"payload has odd length 3"_s);
    row("payload not hex", u"1-0-10-00zz"_s, u"payload is not hex-encoded at character 2"_s);
    row("dash in payload", u"1-0-10-00-0"_s, u"payload is not hex-encoded at character 2"_s);
    row("trailing newline",
        tokenFromPacked(good) + u'\n',
        u"payload has odd length %1"_s.arg(compressed.size() * 2 + 1));
    row("non-ASCII hex", u"1-0-10-0\u0661"_s, u"payload is not hex-encoded at character 1"_s);
    row("too long",
        u"1-0-10-"_s + QString(Zfs::ResumeToken::MaxTokenLength, u'0'),
        u"1048583 characters exceed the limit of 1048576"_s);

    QString flipped = full;
    flipped[20] = flipped[20] == u'0' ? u'1' : u'0';
    row("checksum mismatch", flipped, u"checksum mismatch"_s);
    // zrepl's "corrupted" case.
    row("zrepl corrupted",
        u"1-1164f8d409-120-badf00d064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3cd7a2290a40363b92bafca4acd4"
        "e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b51848f368eb61d55f920f714515bf9b3fc3c396ef0648f29c60f9bcc4"
        "dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b079dc0c087f26e7e71614a51617e76743c424a0ee81c9172596c3a418"
        "00dd2c2818"_s,
        u"checksum mismatch"_s);
    row("packed length too small",
        tokenFromCompressed(compressed, 16),
        u"packed length 16 does not match %1"_s.arg(good.size()));
    row("packed length too large",
        tokenFromCompressed(compressed, good.size() + 8),
        u"packed length %1 does not match %2"_s.arg(good.size() + 8).arg(good.size()));
    row("zlib garbage",
        tokenFromCompressed(QByteArray::fromHex("0123456789abcdef"), 8),
        u"zlib: incorrect header check"_s);
    row("zlib bad header check", tokenFromCompressed(QByteArray::fromHex("789d0000"), 8), u"zlib: incorrect header check"_s);
    row("zlib preset dictionary",
        tokenFromCompressed(QByteArray::fromHex("78bb00000000"), 8),
        u"zlib: preset dictionary not supported"_s);
    row("zlib truncated",
        tokenFromCompressed(compressed.first(compressed.size() / 2), good.size()),
        u"zlib: truncated stream"_s);
    row("zlib no trailer",
        tokenFromCompressed(compressed.first(compressed.size() - 4), good.size()),
        u"zlib: truncated stream"_s);
    QByteArray badAdler = compressed;
    badAdler[badAdler.size() - 1] = char(badAdler.back() ^ 1);
    row("zlib Adler-32", tokenFromCompressed(badAdler, good.size()), u"zlib: incorrect data check"_s);
    row("zlib trailing bytes",
        tokenFromCompressed(compressed + "ab", good.size()),
        u"zlib: 2 bytes after the end of the stream"_s);
    // Block type 3 right after the header: first byte 0b111 (final, type 3).
    row("zlib block type 3", tokenFromCompressed(QByteArray::fromHex("78010700"), 8), u"zlib: invalid block type"_s);
    row("zlib stored length check",
        tokenFromCompressed(QByteArray::fromHex("7801010500fbff"), 5),
        u"zlib: invalid stored block lengths"_s);
    // A fixed block that starts with a copy (length 3, distance 1) while nothing has been written yet.
    row("zlib distance too far",
        tokenFromCompressed(QByteArray::fromHex("78010302"), 8),
        u"zlib: invalid distance too far back"_s);
    row("zip bomb",
        tokenFromCompressed(zlib(QByteArray(8 << 20, '\0')), 0x100000),
        u"decompressed payload exceeds 1048576 bytes"_s);

    // nvlist
    const auto packedRow = [&](const char *name, const QByteArray &packed, const QString &error) {
        row(name, tokenFromPacked(packed), error);
    };
    // zlib of no bytes (qCompress makes nothing of nothing).
    row("nvlist empty", tokenFromCompressed(QByteArray::fromHex("789c030000000001"), 0), u"nvlist: truncated header"_s);
    packedRow(
        "nvlist unknown encoding", QByteArray("\x07\x01\x00\x00", 4) + good.mid(4), u"nvlist: unknown encoding 7"_s);
    packedRow("nvlist unknown byte order",
              QByteArray("\x00\x05\x00\x00", 4) + good.mid(4),
              u"nvlist: unknown byte order 5"_s);
    packedRow("nvlist header only", good.first(4), u"nvlist: truncated list header at offset 4"_s);
    QByteArray version1 = good;
    version1[4] = 1;
    packedRow("nvlist version 1", version1, u"nvlist: unsupported version 1 at offset 4"_s);
    packedRow("nvlist no terminator",
              good.first(good.size() - 4),
              u"nvlist: truncated pair at offset %1"_s.arg(good.size() - 4));
    packedRow("nvlist cut in a pair", good.first(40), u"nvlist: truncated pair at offset 12"_s);
    packedRow("nvlist trailing bytes", good + QByteArray(8, '\0'), u"nvlist: 8 bytes after the end of the list"_s);
    packedRow("pair size beyond the end",
              NativeList().pair("toguid", Uint64, 1, NativeList().number(1, 8), 4096).packed(),
              u"nvlist: truncated pair at offset 12"_s);
    packedRow("pair size too small",
              NativeList().pair("toguid", Uint64, 1, NativeList().number(1, 8), -8).packed(),
              u"nvlist: pair \"toguid\" at offset 12 declares size 24, its contents need 32"_s);
    packedRow("pair size below header",
              NativeList().raw(NativeList().number(8, 4) + QByteArray(12, '\0')).packed(),
              u"nvlist: pair at offset 12 has invalid size 8"_s);
    packedRow("pair size negative",
              NativeList().raw(NativeList().number(0xfffffff0, 4) + QByteArray(12, '\0')).packed(),
              u"nvlist: pair at offset 12 has invalid size -16"_s);
    QByteArray unterminatedName = NativeList().uint64("toguid", 1).packed();
    unterminatedName[12 + 16 + 6] = 'x';
    packedRow("name not terminated", unterminatedName, u"nvlist: pair at offset 12 has an invalid name"_s);
    QByteArray longName = NativeList().uint64("toguid", 1).packed();
    longName[12 + 4] = 100;
    packedRow("name size beyond pair", longName, u"nvlist: pair at offset 12 has an invalid name"_s);
    packedRow("unknown type",
              NativeList().pair("x", 99, 1, QByteArray(8, '\0')).packed(),
              u"nvlist: pair \"x\" at offset 12 has unknown type 99"_s);
    packedRow("uint64 with two elements",
              NativeList().pair("toguid", Uint64, 2, QByteArray(16, '\0')).packed(),
              u"nvlist: pair \"toguid\" at offset 12 of type uint64 has 2 elements"_s);
    packedRow("array with negative count",
              NativeList().pair("a", Uint64Array, -1, {}).packed(),
              u"nvlist: pair \"a\" at offset 12 of type uint64 array has -1 elements"_s);
    packedRow("array larger than its pair",
              NativeList().pair("a", Uint64Array, 0x10000000, QByteArray(8, '\0')).packed(),
              u"nvlist: pair \"a\" at offset 12 declares size 32, its contents need 2147483672"_s);
    packedRow("string not terminated",
              NativeList().pair("toname", String, 1, "pool/fs@abcdefgh").packed(),
              u"nvlist: string \"toname\" at offset 12 is not terminated within its pair"_s);
    packedRow("string not UTF-8",
              NativeList().string("toname", "pool/\xff@a").packed(),
              u"nvlist: string \"toname\" is not UTF-8"_s);
    packedRow("duplicate toguid",
              NativeList().uint64("toguid", 1).uint64("toguid", 2).packed(),
              u"nvlist: duplicate pair \"toguid\" at offset 44"_s);
    // Native lists embedded in a pair follow it; one level more than allowed.
    QByteArray inner = NativeList().uint64("x", 1).list();
    for (int i = 0; i < Zfs::ResumeToken::MaxNvListDepth; ++i)
        inner = NativeList().pair("n", NvListType, 1, QByteArray(24, '\0')).raw(inner).list();
    NativeList deep;
    deep.pair("n", NvListType, 1, QByteArray(24, '\0')).raw(inner);
    packedRow("nested too deep", deep.packed(), u"nvlist: nested deeper than 16 levels"_s);
    NativeList many;
    for (int i = 0; i <= Zfs::ResumeToken::MaxNvPairs; ++i)
        many.boolean("b" + QByteArray::number(i).rightJustified(4, '0'));
    packedRow("too many pairs", many.packed(), u"nvlist: more than 1024 pairs at offset %1"_s.arg(12 + 1024 * 24));
    packedRow("xdr pair size lies",
              XdrList().pair("toguid", Uint64, 1, QByteArray(8, '\0'), 4096).packed(),
              u"nvlist: truncated pair at offset 12"_s);
    packedRow("xdr pair size short",
              XdrList().pair("toguid", Uint64, 1, QByteArray(8, '\0'), -4).packed(),
              u"nvlist: pair \"toguid\" at offset 12 declares size 32, its contents need more"_s);
    packedRow("xdr name length lies",
              XdrList().raw(XdrList::be(32) + XdrList::be(64) + XdrList::be(0x1000) + QByteArray(20, '\0')).packed(),
              u"nvlist: name of pair at offset 20 is truncated"_s);

    // Fields
    packedRow("missing toguid",
              NativeList().uint64("object", 1).uint64("offset", 0).string("toname", "p/f@s").packed(),
              u"missing toguid"_s);
    packedRow("missing toname",
              NativeList().uint64("object", 1).uint64("offset", 0).uint64("toguid", 1).packed(),
              u"missing toname"_s);
    packedRow("missing object",
              NativeList().uint64("offset", 0).uint64("toguid", 1).string("toname", "p/f@s").packed(),
              u"missing object"_s);
    packedRow("toguid is a string",
              NativeList().string("toguid", "1").packed(),
              u"toguid has type string, expected uint64"_s);
    packedRow("toname is a number",
              NativeList().uint64("object", 1).uint64("offset", 0).uint64("toguid", 1).uint64("toname", 1).packed(),
              u"toname has type uint64, expected string"_s);
    packedRow(
        "toname not a snapshot",
        NativeList().uint64("object", 1).uint64("offset", 0).uint64("toguid", 1).string("toname", "pool/fs").packed(),
        u"toname \"pool/fs\" is not a snapshot name"_s);
    packedRow(
        "toname with two @",
        NativeList().uint64("object", 1).uint64("offset", 0).uint64("toguid", 1).string("toname", "p@a@b").packed(),
        u"toname \"p@a@b\" is not a snapshot name"_s);
    packedRow("rawok is a string",
              NativeList()
                  .uint64("object", 1)
                  .uint64("offset", 0)
                  .uint64("toguid", 1)
                  .string("toname", "p@a")
                  .string("rawok", "yes")
                  .packed(),
              u"rawok has type string, expected boolean"_s);
    packedRow("fromguid is a string",
              NativeList()
                  .uint64("object", 1)
                  .uint64("offset", 0)
                  .uint64("toguid", 1)
                  .string("toname", "p@a")
                  .string("fromguid", "1")
                  .packed(),
              u"fromguid has type string, expected uint64"_s);
}

void TestResumeToken::malformed()
{
    QFETCH(QString, token);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!Zfs::ResumeToken::decode(token, &actual));
    QCOMPARE(actual, error);
    // Callers may not care why.
    QVERIFY(!Zfs::ResumeToken::decode(token, nullptr));
}

void TestResumeToken::encodings_data()
{
    QTest::addColumn<QByteArray>("packed");
    QTest::addRow("native little-endian") << typicalNative().packed();
    QTest::addRow("native big-endian") << typicalNative(true).packed();
    QTest::addRow("xdr") << XdrList()
                                .uint64("fromguid", 11)
                                .uint64("object", 2)
                                .uint64("offset", 0x2c0000)
                                .uint64("bytes", 0x2e2540)
                                .uint64("toguid", 22)
                                .string("toname", "pool/fs@b")
                                .boolean("embedok")
                                .boolean("largeblockok")
                                .packed();
    // OpenZFS 2 adds redaction fields (a uint64 array) and may add more; nested lists are checked and skipped.
    NativeList extra = typicalNative();
    extra.pair("redact_snaps", Uint64Array, 2, extra.number(5, 8) + extra.number(6, 8))
        .pair("nested", NvListType, 1, QByteArray(24, '\0'))
        .raw(NativeList().uint64("toguid", 999).string("s", "x").list())
        .pair("savedok", BooleanValue, 1, extra.number(1, 4));
    QTest::addRow("native with array and nested list") << extra.packed();
    QTest::addRow("xdr with array and nested list")
        << XdrList()
               .uint64("fromguid", 11)
               .uint64("object", 2)
               .uint64("offset", 0x2c0000)
               .uint64("bytes", 0x2e2540)
               .uint64("toguid", 22)
               .string("toname", "pool/fs@b")
               .boolean("embedok")
               .boolean("largeblockok")
               .pair("redact_snaps", Uint64Array, 1, XdrList::be(1) + XdrList::be(0) + XdrList::be(5))
               .pair("nested", NvListType, 1, XdrList().uint64("toguid", 999).list())
               .packed();
}

void TestResumeToken::encodings()
{
    QFETCH(QByteArray, packed);
    QString error;
    const std::optional<Zfs::ResumeToken> t = Zfs::ResumeToken::decode(tokenFromPacked(packed), &error);
    QVERIFY2(t, qPrintable(error));
    QVERIFY(t->fromGuid == std::optional<quint64>(11));
    QCOMPARE(t->toGuid, 22ULL);
    QCOMPARE(t->toName, u"pool/fs@b"_s);
    QCOMPARE(t->object, 2ULL);
    QCOMPARE(t->offset, 0x2c0000ULL);
    QCOMPARE(t->bytes, 0x2e2540ULL);
    QVERIFY(t->embedOk && t->largeBlockOk && !t->rawOk && !t->compressOk);
}

void TestResumeToken::emulatorEncodedTokens_data()
{
    QTest::addColumn<quint64>("fromGuid");
    QTest::addColumn<quint64>("toGuid");
    QTest::addColumn<QString>("toName");
    QTest::addColumn<int>("flags");
    QTest::addRow("full") << 0ULL << 0x94a20a5f25877859ULL << u"pool/src@a"_s << 0;
    QTest::addRow("incremental, all flags")
        << 0x94a20a5f25877859ULL << 0xf784e1004f460f7aULL << u"tank/a/b/c@zrepl_20240101_000000_000"_s << 15;
    QTest::addRow("guid with every bit") << 1ULL << ~0ULL << u"p@s"_s << 5;
    QTest::addRow("unicode name") << 0ULL << 42ULL << u"pool/d\u00e4ten@sn\u00e4p"_s << 10;
    QTest::addRow("long name") << 7ULL << 8ULL << (u"pool/"_s + QString(200, u'x') + u"@s"_s) << 3;
}

void TestResumeToken::emulatorEncodedTokens()
{
    QFETCH(quint64, fromGuid);
    QFETCH(quint64, toGuid);
    QFETCH(QString, toName);
    QFETCH(int, flags);
    ::ResumeToken source;
    source.fromGuid = fromGuid;
    source.toGuid = toGuid;
    source.toName = toName;
    source.object = 77;
    source.offset = 0x1234567;
    source.bytes = 0x7654321;
    source.largeBlockOk = flags & 1;
    source.embedOk = flags & 2;
    source.compressOk = flags & 4;
    source.rawOk = flags & 8;
    QString error;
    const std::optional<Zfs::ResumeToken> t = Zfs::ResumeToken::decode(source.encode(), &error);
    QVERIFY2(t, qPrintable(error));
    QVERIFY(t->fromGuid == (fromGuid ? std::optional<quint64>(fromGuid) : std::nullopt));
    QCOMPARE(t->toGuid, toGuid);
    QCOMPARE(t->toName, toName);
    QCOMPARE(t->object, 77ULL);
    QCOMPARE(t->offset, 0x1234567ULL);
    QCOMPARE(t->bytes, 0x7654321ULL);
    QCOMPARE(t->largeBlockOk, source.largeBlockOk);
    QCOMPARE(t->embedOk, source.embedOk);
    QCOMPARE(t->compressOk, source.compressOk);
    QCOMPARE(t->rawOk, source.rawOk);
}

// The token a cut `zfs send | zfs recv -s` leaves behind in the emulator, as the daemon would read it.
void TestResumeToken::emulatorResumableReceive()
{
    const QString bin = QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR);
    if (!QFileInfo::exists(bin + u"/zfs"_s))
        QSKIP("the zfs emulator was not built");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOLDFAST_ZFS_EMULATOR_DIR"_s, dir.path());
    // Standard output, or nullopt when the command failed.
    const auto run = [&](const QString &tool, const QStringList &args) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(bin + u'/' + tool, args);
        p.waitForFinished(30000);
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0
                   ? std::optional<QString>(QString::fromUtf8(p.readAllStandardOutput()))
                   : std::nullopt;
    };
    QVERIFY(run(u"zpool"_s, {u"create"_s, u"-m"_s, u"none"_s, u"pool"_s, u"/dev/null"_s}));
    QVERIFY(run(u"zfs"_s, {u"create"_s, u"pool/src"_s}));
    QVERIFY(run(u"zfs"_s, {u"snapshot"_s, u"pool/src@a"_s}));
    QVERIFY(run(u"zfs"_s, {u"snapshot"_s, u"pool/src@b"_s}));
    QProcess sender;
    QProcess receiver;
    QProcessEnvironment sendEnv = env;
    sendEnv.insert(u"HOLDFAST_ZFS_EMULATOR_FAULTS"_s, u"send:cut-after-bytes=5000"_s);
    sender.setProcessEnvironment(sendEnv);
    receiver.setProcessEnvironment(env);
    sender.setStandardOutputProcess(&receiver);
    receiver.start(bin + u"/zfs"_s, {u"recv"_s, u"-s"_s, u"pool/dst"_s});
    sender.start(bin + u"/zfs"_s, {u"send"_s, u"pool/src@a"_s});
    QVERIFY(sender.waitForFinished(30000));
    QVERIFY(receiver.waitForFinished(30000));
    QCOMPARE(receiver.exitCode(), 1);
    const QString token =
        run(u"zfs"_s, {u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"value"_s, u"receive_resume_token"_s, u"pool/dst"_s})
            .value_or(QString())
            .trimmed();
    const quint64 guid = run(u"zfs"_s, {u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"value"_s, u"guid"_s, u"pool/src@a"_s})
                             .value_or(QString())
                             .trimmed()
                             .toULongLong();
    const quint64 otherGuid =
        run(u"zfs"_s, {u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"value"_s, u"guid"_s, u"pool/src@b"_s})
            .value_or(QString())
            .trimmed()
            .toULongLong();
    QVERIFY2(token.startsWith(u"1-"_s), qPrintable(token));
    QVERIFY(guid != 0 && otherGuid != 0);
    QString error;
    const std::optional<Zfs::ResumeToken> t = Zfs::ResumeToken::decode(token, &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->toName, u"pool/src@a"_s);
    QCOMPARE(t->toGuid, guid);
    QVERIFY(!t->fromGuid);
    QVERIFY(t->offset > 0);
    QVERIFY(!t->validateFor(u"pool/src"_s, guid, std::nullopt));
    QVERIFY(t->validateFor(u"pool/src"_s, otherGuid, std::nullopt));
    QVERIFY(t->validateFor(u"pool/src"_s, guid, guid));
    // The emulator's own decoder reads the same fields: the two implementations agree.
    const std::optional<::ResumeToken> theirs = ::ResumeToken::decode(token, &error);
    QVERIFY2(theirs, qPrintable(error));
    QCOMPARE(theirs->toGuid, t->toGuid);
    QCOMPARE(theirs->offset, t->offset);
    QCOMPARE(theirs->bytes, t->bytes);
    QCOMPARE(theirs->object, t->object);
}

void TestResumeToken::validateFor_data()
{
    QTest::addColumn<QString>("toName");
    QTest::addColumn<quint64>("tokenTo");
    QTest::addColumn<quint64>("tokenFrom");  // 0: full
    QTest::addColumn<QString>("filesystem");
    QTest::addColumn<quint64>("to");
    QTest::addColumn<quint64>("from");   // 0: full
    QTest::addColumn<QString>("error");  // empty: the token matches
    const QString fs = u"pool/fs"_s;
    const QString snap = u"pool/fs@b"_s;
    QTest::addRow("full matches") << snap << 2ULL << 0ULL << fs << 2ULL << 0ULL << QString();
    QTest::addRow("incremental matches") << snap << 2ULL << 1ULL << fs << 2ULL << 1ULL << QString();
    QTest::addRow("other filesystem") << snap << 2ULL << 0ULL << u"pool/other"_s << 2ULL << 0ULL
                                      << u"resume token: resumes a send of pool/fs@b, not of filesystem pool/other"_s;
    QTest::addRow("child filesystem")
        << snap << 2ULL << 0ULL << u"pool/fs/child"_s << 2ULL << 0ULL
        << u"resume token: resumes a send of pool/fs@b, not of filesystem pool/fs/child"_s;
    QTest::addRow("parent filesystem") << snap << 2ULL << 0ULL << u"pool"_s << 2ULL << 0ULL
                                       << u"resume token: resumes a send of pool/fs@b, not of filesystem pool"_s;
    QTest::addRow("prefix of the name") << snap << 2ULL << 0ULL << u"pool/f"_s << 2ULL << 0ULL
                                        << u"resume token: resumes a send of pool/fs@b, not of filesystem pool/f"_s;
    QTest::addRow("other toguid") << snap << 2ULL << 0ULL << fs << 3ULL << 0ULL
                                  << u"resume token: toguid 2 does not match 3 (pool/fs@b)"_s;
    QTest::addRow("incremental token, full wanted")
        << snap << 2ULL << 1ULL << fs << 2ULL << 0ULL
        << u"resume token: resumes an incremental send from guid 1, expected a full send"_s;
    QTest::addRow("full token, incremental wanted")
        << snap << 2ULL << 0ULL << fs << 2ULL << 1ULL
        << u"resume token: resumes a full send, expected an incremental send from guid 1"_s;
    QTest::addRow("other fromguid") << snap << 2ULL << 1ULL << fs << 2ULL << 5ULL
                                    << u"resume token: fromguid 1 does not match 5"_s;
    QTest::addRow("everything wrong names the filesystem")
        << snap << 2ULL << 1ULL << u"x/y"_s << 3ULL << 5ULL
        << u"resume token: resumes a send of pool/fs@b, not of filesystem x/y"_s;
}

void TestResumeToken::validateFor()
{
    QFETCH(QString, toName);
    QFETCH(quint64, tokenTo);
    QFETCH(quint64, tokenFrom);
    QFETCH(QString, filesystem);
    QFETCH(quint64, to);
    QFETCH(quint64, from);
    QFETCH(QString, error);
    // Through decode, as the daemon gets them.
    NativeList list;
    if (tokenFrom)
        list.uint64("fromguid", tokenFrom);
    list.uint64("object", 1)
        .uint64("offset", 0)
        .uint64("bytes", 0)
        .uint64("toguid", tokenTo)
        .string("toname", toName.toUtf8());
    QString decodeError;
    const std::optional<Zfs::ResumeToken> t = Zfs::ResumeToken::decode(tokenFromPacked(list.packed()), &decodeError);
    QVERIFY2(t, qPrintable(decodeError));
    const std::optional<QString> actual =
        t->validateFor(filesystem, to, from ? std::optional<quint64>(from) : std::nullopt);
    QCOMPARE(actual.value_or(QString()), error);
}

QTEST_GUILESS_MAIN(TestResumeToken)
#include "TestResumeToken.moc"
