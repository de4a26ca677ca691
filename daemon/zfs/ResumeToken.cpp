// SPDX-License-Identifier: MIT
#include "daemon/zfs/ResumeToken.h"

#include <array>

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QStringDecoder>
#include <QtEndian>

using namespace Qt::StringLiterals;

#include <zlib.h>

namespace Zfs {
namespace {

// ZFS_SEND_RESUME_TOKEN_VERSION in OpenZFS include/sys/zfs_ioctl.h.
constexpr int TokenVersion = 1;

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = u"resume token: "_s + message;
    return false;
}

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

std::optional<quint64> parseHex64(QStringView text)
{
    if (text.isEmpty() || text.size() > 16)
        return std::nullopt;
    quint64 value = 0;
    for (const QChar c : text) {
        const int digit = hexDigit(c);
        if (digit < 0)
            return std::nullopt;
        value = (value << 4) | quint64(digit);
    }
    return value;
}

// fletcher_4_native() over the compressed bytes; the token carries only word 0, the plain sum of the 32-bit words.
// "Native" is the byte order of the host that checks it, as `zfs send -t` would on this machine; a trailing
// partial word is not summed (the scalar implementation stops at size / 4 words).
quint64 fletcher4Word0(QByteArrayView data)
{
    quint64 a = 0;
    for (qsizetype i = 0; i + 4 <= data.size(); i += 4)
        a += qFromUnaligned<quint32>(data.data() + i);
    return a;
}

// zlib's inflate with the output capped while it is produced (qUncompress keeps doubling its buffer for a zip
// bomb) and nothing accepted after the end of the stream.
class Inflater
{
public:
    Inflater(QByteArrayView input, qsizetype maxOutput)
        : m_in(input)
        , m_maxOutput(maxOutput)
    {
    }

    std::optional<QByteArray> run(QString *error)
    {
        z_stream stream{};
        if (inflateInit(&stream) != Z_OK) {
            fail(error, u"zlib: cannot initialise the decompressor"_s);
            return std::nullopt;
        }
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(m_in.data()));
        stream.avail_in = uInt(m_in.size());
        QByteArray out;
        constexpr qsizetype Chunk = 64 * 1024;
        int status = Z_OK;
        QString problem;
        while (status == Z_OK) {
            if (out.size() >= m_maxOutput) {
                problem = u"decompressed payload exceeds %1 bytes"_s.arg(m_maxOutput);
                break;
            }
            const qsizetype room = qMin(Chunk, m_maxOutput - out.size());
            const qsizetype before = out.size();
            out.resize(before + room);
            stream.next_out = reinterpret_cast<Bytef *>(out.data() + before);
            stream.avail_out = uInt(room);
            status = inflate(&stream, Z_NO_FLUSH);
            out.resize(before + room - qsizetype(stream.avail_out));
            if (status == Z_BUF_ERROR && stream.avail_in == 0) {
                problem = u"zlib: truncated stream"_s;
            } else if (status == Z_BUF_ERROR) {
                status = Z_OK;  // the output chunk was full: go round again
            }
        }
        if (problem.isEmpty()) {
            if (status == Z_NEED_DICT) {
                problem = u"zlib: preset dictionary not supported"_s;
            } else if (status == Z_DATA_ERROR || status == Z_STREAM_ERROR || status == Z_MEM_ERROR) {
                problem = u"zlib: %1"_s.arg(stream.msg ? QString::fromLatin1(stream.msg) : u"invalid data"_s);
            } else if (status == Z_STREAM_END && stream.avail_in != 0) {
                problem = u"zlib: %1 bytes after the end of the stream"_s.arg(stream.avail_in);
            } else if (status != Z_STREAM_END) {
                problem = u"zlib: truncated stream"_s;
            }
        }
        inflateEnd(&stream);
        if (!problem.isEmpty()) {
            fail(error, problem);
            return std::nullopt;
        }
        return out;
    }

private:
    QByteArrayView m_in;
    qsizetype m_maxOutput;
};

// data_type_t in OpenZFS include/sys/nvpair.h.
enum DataType : qint32
{
    Boolean = 1,
    Byte = 2,
    Int16 = 3,
    Uint16 = 4,
    Int32 = 5,
    Uint32 = 6,
    Int64 = 7,
    Uint64 = 8,
    String = 9,
    ByteArray = 10,
    Int16Array = 11,
    Uint16Array = 12,
    Int32Array = 13,
    Uint32Array = 14,
    Int64Array = 15,
    Uint64Array = 16,
    StringArray = 17,
    Hrtime = 18,
    NvList = 19,
    NvListArray = 20,
    BooleanValue = 21,
    Int8 = 22,
    Uint8 = 23,
    BooleanArray = 24,
    Int8Array = 25,
    Uint8Array = 26,
    Double = 27
};

QString typeName(qint32 type)
{
    static constexpr std::array<const char *, 28> names = {
        "unknown",       "boolean",     "byte",         "int16",         "uint16",      "int32",        "uint32",
        "int64",         "uint64",      "string",       "byte array",    "int16 array", "uint16 array", "int32 array",
        "uint32 array",  "int64 array", "uint64 array", "string array",  "hrtime",      "nvlist",       "nvlist array",
        "boolean value", "int8",        "uint8",        "boolean array", "int8 array",  "uint8 array",  "double"};
    if (type >= 0 && type < qint32(names.size()))
        return QString::fromLatin1(names[type]);
    return u"type %1"_s.arg(type);
}

// Size of one element of a fixed-size type, or of each array element, in the native encoding (i_get_value_size);
// 0 for the types whose size depends on their content.
int nativeElementSize(qint32 type)
{
    switch (type) {
    case Byte:
    case Int8:
    case Uint8:
    case ByteArray:
    case Int8Array:
    case Uint8Array:
        return 1;
    case Int16:
    case Uint16:
    case Int16Array:
    case Uint16Array:
        return 2;
    case Int32:
    case Uint32:
    case BooleanValue:
    case Int32Array:
    case Uint32Array:
    case BooleanArray:
        return 4;
    case Int64:
    case Uint64:
    case Hrtime:
    case Double:
    case Int64Array:
    case Uint64Array:
        return 8;
    default:
        return 0;
    }
}

bool isArray(qint32 type)
{
    return (type >= ByteArray && type <= StringArray) || type == NvListArray || type >= BooleanArray;
}

struct NvValue
{
    qint32 type = 0;
    quint64 number = 0;
    QString text;
};

// Unpacks an nvlist as nvlist_unpack() does (module/nvpair/nvpair.c, nvs_native_* and nvs_xdr_*), checking every
// size against the bytes that are really there. Nested lists are checked and skipped; only the top-level pairs are
// kept, because a resume token's fields are all at the top.
class NvListReader
{
public:
    explicit NvListReader(QByteArrayView data)
        : m_data(data)
    {}

    std::optional<QHash<QString, NvValue>> read(QString *error)
    {
        if (!header() || !list(4, 0, &m_pos)) {
            fail(error, u"nvlist: "_s + m_error);
            return std::nullopt;
        }
        if (m_pos != m_data.size()) {
            fail(error, u"nvlist: %1 bytes after the end of the list"_s.arg(m_data.size() - m_pos));
            return std::nullopt;
        }
        return m_top;
    }

private:
    // nvs_header_t: encoding, endianness, two reserved bytes.
    bool header()
    {
        if (m_data.size() < 4)
            return setError(u"truncated header"_s);
        const int encoding = quint8(m_data[0]);
        const int endian = quint8(m_data[1]);
        if (encoding != 0 && encoding != 1)
            return setError(u"unknown encoding %1"_s.arg(encoding));
        if (endian != 0 && endian != 1)
            return setError(u"unknown byte order %1"_s.arg(endian));
        m_xdr = encoding == 1;
        // XDR is big-endian whatever the header says; native follows the header (NV_BIG_ENDIAN 0,
        // NV_LITTLE_ENDIAN 1).
        m_bigEndian = m_xdr || endian == 0;
        return true;
    }

    bool setError(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    bool has(qsizetype at, qsizetype count, qsizetype end) const
    {
        return at >= 0 && count >= 0 && at <= end && count <= end - at;
    }

    quint32 u32(qsizetype at) const
    {
        return m_bigEndian ? qFromBigEndian<quint32>(m_data.data() + at)
                           : qFromLittleEndian<quint32>(m_data.data() + at);
    }

    qint32 i32(qsizetype at) const
    {
        return qint32(u32(at));
    }

    quint64 u64(qsizetype at) const
    {
        return m_bigEndian ? qFromBigEndian<quint64>(m_data.data() + at)
                           : qFromLittleEndian<quint64>(m_data.data() + at);
    }

    qint16 i16(qsizetype at) const
    {
        return m_bigEndian ? qFromBigEndian<qint16>(m_data.data() + at) : qFromLittleEndian<qint16>(m_data.data() + at);
    }

    static qsizetype align(qsizetype value, qsizetype to)
    {
        return (value + to - 1) & ~(to - 1);
    }

    std::optional<QString> utf8(QByteArrayView bytes, const QString &what)
    {
        if (bytes.contains('\0')) {
            setError(u"%1 contains a NUL byte"_s.arg(what));
            return std::nullopt;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder(bytes);
        if (decoder.hasError()) {
            setError(u"%1 is not UTF-8"_s.arg(what));
            return std::nullopt;
        }
        return text;
    }

    // nvlist: version, flags, pairs, terminator; *end is where it stops.
    bool list(qsizetype at, int depth, qsizetype *end)
    {
        if (depth > ResumeToken::MaxNvListDepth)
            return setError(u"nested deeper than %1 levels"_s.arg(ResumeToken::MaxNvListDepth));
        if (!has(at, 8, m_data.size()))
            return setError(u"truncated list header at offset %1"_s.arg(at));
        const qint32 version = i32(at);
        if (version != 0)
            return setError(u"unsupported version %1 at offset %2"_s.arg(version).arg(at));
        qsizetype pos = at + 8;
        while (true) {
            bool done = false;
            if (!(m_xdr ? xdrPair(&pos, depth, &done) : nativePair(&pos, depth, &done)))
                return false;
            if (done)
                break;
        }
        *end = pos;
        return true;
    }

    bool countPair(qsizetype at)
    {
        if (++m_pairCount > ResumeToken::MaxNvPairs)
            return setError(u"more than %1 pairs at offset %2"_s.arg(ResumeToken::MaxNvPairs).arg(at));
        return true;
    }

    bool checkElements(const QString &name, qint32 type, qint32 elements, qsizetype at)
    {
        if (type < Boolean || type > Double)
            return setError(u"pair \"%1\" at offset %2 has unknown type %3"_s.arg(name).arg(at).arg(type));
        const qint32 expected = type == Boolean ? 0 : 1;
        if (isArray(type) ? elements < 0 : elements != expected)
            return setError(u"pair \"%1\" at offset %2 of type %3 has %4 elements"_s.arg(name)
                                .arg(at)
                                .arg(typeName(type))
                                .arg(elements));
        return true;
    }

    bool keep(const QString &name, const NvValue &value, int depth, qsizetype at)
    {
        if (depth != 0)
            return true;
        // libzfs packs with NV_UNIQUE_NAME; two "toguid" pairs would let the two sides read different values.
        if (m_top.contains(name))
            return setError(u"duplicate pair \"%1\" at offset %2"_s.arg(name).arg(at));
        m_top.insert(name, value);
        return true;
    }

    // Native pair (nvpair_t): size, name size, reserved, element count, type, name (NUL-terminated), value at the
    // next 8-byte boundary, the whole padded to 8. Embedded lists follow the pair.
    bool nativePair(qsizetype *pos, int depth, bool *done)
    {
        const qsizetype at = *pos;
        if (!has(at, 4, m_data.size()))
            return setError(u"truncated pair at offset %1"_s.arg(at));
        const qint32 size = i32(at);
        if (size == 0) {
            *pos = at + 4;
            *done = true;
            return true;
        }
        if (!countPair(at))
            return false;
        if (size < 16)
            return setError(u"pair at offset %1 has invalid size %2"_s.arg(at).arg(size));
        if (!has(at, size, m_data.size()))
            return setError(u"truncated pair at offset %1"_s.arg(at));
        const qsizetype pairEnd = at + size;
        const qint16 nameSize = i16(at + 4);
        const qint32 elements = i32(at + 8);
        const qint32 type = i32(at + 12);
        if (nameSize < 1 || !has(at + 16, nameSize, pairEnd) || m_data[at + 16 + nameSize - 1] != '\0')
            return setError(u"pair at offset %1 has an invalid name"_s.arg(at));
        const std::optional<QString> name = utf8(m_data.sliced(at + 16, nameSize - 1), u"pair name"_s);
        if (!name || !checkElements(*name, type, elements, at))
            return false;
        const qsizetype valueAt = at + align(16 + nameSize, 8);
        if (valueAt > pairEnd)
            return setError(
                u"pair \"%1\" at offset %2 declares size %3, its contents need %4"_s.arg(*name).arg(at).arg(size).arg(
                    valueAt - at));
        NvValue value{type, 0, {}};
        qsizetype valueSize = 0;
        if (const int elementSize = nativeElementSize(type); elementSize != 0) {
            valueSize = qsizetype(elementSize) * elements;
        } else if (type == String || type == StringArray) {
            // A string array holds a pointer slot per string, then the strings.
            qsizetype p = valueAt + (type == StringArray ? 8 * qsizetype(elements) : 0);
            const qint32 strings = type == String ? 1 : elements;
            for (qint32 i = 0; i < strings; ++i) {
                const qsizetype nul = p < pairEnd ? m_data.sliced(p, pairEnd - p).indexOf('\0') : -1;
                if (nul < 0)
                    return setError(
                        u"string \"%1\" at offset %2 is not terminated within its pair"_s.arg(*name).arg(at));
                if (type == String) {
                    const std::optional<QString> text = utf8(m_data.sliced(p, nul), u"string \"%1\""_s.arg(*name));
                    if (!text)
                        return false;
                    value.text = *text;
                }
                p += nul + 1;
            }
            valueSize = p - valueAt;
        } else if (type == NvList || type == NvListArray) {
            // The nvlist_t (and, for arrays, a pointer) is stored in the pair; the lists themselves follow it.
            valueSize = (type == NvList ? 1 : qsizetype(elements)) * (type == NvList ? 24 : 32);
        }
        const qsizetype needed = align(valueAt - at + valueSize, 8);
        if (needed != size)
            return setError(
                u"pair \"%1\" at offset %2 declares size %3, its contents need %4"_s.arg(*name).arg(at).arg(size).arg(
                    needed));
        if (type == Uint64 || type == Int64 || type == Hrtime)
            value.number = u64(valueAt);
        else if (type == BooleanValue)
            value.number = u32(valueAt);
        if (!keep(*name, value, depth, at))
            return false;
        *pos = pairEnd;
        if (type == NvList || type == NvListArray) {
            const qint32 lists = type == NvList ? 1 : elements;
            for (qint32 i = 0; i < lists; ++i) {
                if (!list(*pos, depth + 1, pos))
                    return false;
            }
        }
        return true;
    }

    // XDR string: length, bytes, padding to 4.
    std::optional<QByteArrayView> xdrString(qsizetype *p, qsizetype end, const QString &what)
    {
        if (!has(*p, 4, end)) {
            setError(u"%1 at offset %2 is truncated"_s.arg(what).arg(*p));
            return std::nullopt;
        }
        const quint32 length = u32(*p);
        if (!has(*p + 4, qsizetype(length), end) || !has(*p + 4, align(qsizetype(length), 4), end)) {
            setError(u"%1 at offset %2 is truncated"_s.arg(what).arg(*p));
            return std::nullopt;
        }
        const QByteArrayView bytes = m_data.sliced(*p + 4, length);
        *p += 4 + align(qsizetype(length), 4);
        return bytes;
    }

    // XDR pair: encoded size (the whole pair, embedded lists included), decoded (native) size, name, type,
    // element count, value. The list ends with two zero sizes.
    bool xdrPair(qsizetype *pos, int depth, bool *done)
    {
        const qsizetype at = *pos;
        if (!has(at, 8, m_data.size()))
            return setError(u"truncated pair at offset %1"_s.arg(at));
        const qint32 size = i32(at);
        if (size == 0) {
            *pos = at + 8;
            *done = true;
            return true;
        }
        if (!countPair(at))
            return false;
        if (size < 24)
            return setError(u"pair at offset %1 has invalid size %2"_s.arg(at).arg(size));
        if (!has(at, size, m_data.size()))
            return setError(u"truncated pair at offset %1"_s.arg(at));
        const qsizetype pairEnd = at + size;
        qsizetype p = at + 8;
        const std::optional<QByteArrayView> nameBytes = xdrString(&p, pairEnd, u"name of pair"_s);
        if (!nameBytes)
            return false;
        const std::optional<QString> name = utf8(*nameBytes, u"pair name"_s);
        if (!name)
            return false;
        if (!has(p, 8, pairEnd))
            return setError(u"pair \"%1\" at offset %2 is truncated"_s.arg(*name).arg(at));
        const qint32 type = i32(p);
        const qint32 elements = i32(p + 4);
        p += 8;
        if (!checkElements(*name, type, elements, at))
            return false;
        NvValue value{type, 0, {}};
        const auto need = [&](qsizetype bytes) {
            if (has(p, bytes, pairEnd))
                return true;
            return setError(
                u"pair \"%1\" at offset %2 declares size %3, its contents need more"_s.arg(*name).arg(at).arg(size));
        };
        switch (type) {
        case Boolean:
            break;
        case BooleanValue:
        case Byte:
        case Int8:
        case Uint8:
        case Int16:
        case Uint16:
        case Int32:
        case Uint32:
            // xdr_char, xdr_short and xdr_int all take four bytes.
            if (!need(4))
                return false;
            value.number = u32(p);
            p += 4;
            break;
        case Int64:
        case Uint64:
        case Hrtime:
        case Double:
            if (!need(8))
                return false;
            value.number = u64(p);
            p += 8;
            break;
        case String: {
            const std::optional<QByteArrayView> bytes = xdrString(&p, pairEnd, u"string \"%1\""_s.arg(*name));
            if (!bytes)
                return false;
            const std::optional<QString> text = utf8(*bytes, u"string \"%1\""_s.arg(*name));
            if (!text)
                return false;
            value.text = *text;
            break;
        }
        case ByteArray:
            // xdr_opaque: no count, padded to 4.
            if (!need(align(elements, 4)))
                return false;
            p += align(elements, 4);
            break;
        case StringArray:
            for (qint32 i = 0; i < elements; ++i) {
                if (!xdrString(&p, pairEnd, u"string array \"%1\""_s.arg(*name)))
                    return false;
            }
            break;
        case NvList:
        case NvListArray: {
            const qint32 lists = type == NvList ? 1 : elements;
            for (qint32 i = 0; i < lists; ++i) {
                if (!list(p, depth + 1, &p))
                    return false;
            }
            break;
        }
        default: {
            // xdr_array: a count that must match, then the elements (8 bytes for 64-bit ones, 4 for the rest).
            if (!need(4))
                return false;
            if (u32(p) != quint32(elements))
                return setError(
                    u"pair \"%1\" at offset %2 has %3 elements but its array %4"_s.arg(*name).arg(at).arg(elements).arg(
                        u32(p)));
            p += 4;
            const qsizetype elementSize = (type == Int64Array || type == Uint64Array) ? 8 : 4;
            if (!need(elementSize * elements))
                return false;
            p += elementSize * elements;
            break;
        }
        }
        if (p != pairEnd)
            return setError(
                u"pair \"%1\" at offset %2 declares size %3, its contents need %4"_s.arg(*name).arg(at).arg(size).arg(
                    p - at));
        if (!keep(*name, value, depth, at))
            return false;
        *pos = pairEnd;
        return true;
    }

    QByteArrayView m_data;
    bool m_xdr = false;
    bool m_bigEndian = false;
    qsizetype m_pos = 0;
    int m_pairCount = 0;
    QHash<QString, NvValue> m_top;
    QString m_error;
};

bool takeUint64(const QHash<QString, NvValue> &pairs, const QString &name, bool required, quint64 *out, QString *error)
{
    const auto it = pairs.constFind(name);
    if (it == pairs.cend())
        return !required || fail(error, u"missing "_s + name);
    if (it->type != Uint64)
        return fail(error, u"%1 has type %2, expected uint64"_s.arg(name, typeName(it->type)));
    *out = it->number;
    return true;
}

// The send flags are added with fnvlist_add_boolean(): present means set.
bool takeFlag(const QHash<QString, NvValue> &pairs, const QString &name, bool *out, QString *error)
{
    const auto it = pairs.constFind(name);
    if (it == pairs.cend())
        return true;
    if (it->type == Boolean)
        *out = true;
    else if (it->type == BooleanValue)
        *out = it->number != 0;
    else
        return fail(error, u"%1 has type %2, expected boolean"_s.arg(name, typeName(it->type)));
    return true;
}

bool isSnapshotName(const QString &name)
{
    // ZFS_MAX_DATASET_NAME_LEN is 256 with the NUL.
    const qsizetype at = name.indexOf(u'@');
    if (name.size() > 255 || at <= 0 || at == name.size() - 1 || name.indexOf(u'@', at + 1) >= 0)
        return false;
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

std::optional<ResumeToken> fromPairs(const QHash<QString, NvValue> &pairs, QString *error)
{
    ResumeToken token;
    if (!takeUint64(pairs, u"toguid"_s, true, &token.toGuid, error))
        return std::nullopt;
    const auto name = pairs.constFind(u"toname"_s);
    if (name == pairs.cend()) {
        fail(error, u"missing toname"_s);
        return std::nullopt;
    }
    if (name->type != String) {
        fail(error, u"toname has type %1, expected string"_s.arg(typeName(name->type)));
        return std::nullopt;
    }
    if (!isSnapshotName(name->text)) {
        fail(error, u"toname \"%1\" is not a snapshot name"_s.arg(name->text));
        return std::nullopt;
    }
    token.toName = name->text;
    // `zfs send -t` looks object and offset up with fnvlist_lookup_uint64(), which aborts when they are missing.
    if (!takeUint64(pairs, u"object"_s, true, &token.object, error)
        || !takeUint64(pairs, u"offset"_s, true, &token.offset, error)
        || !takeUint64(pairs, u"bytes"_s, false, &token.bytes, error))
        return std::nullopt;
    if (pairs.contains(u"fromguid"_s)) {
        quint64 from = 0;
        if (!takeUint64(pairs, u"fromguid"_s, true, &from, error))
            return std::nullopt;
        token.fromGuid = from;
    }
    if (!takeFlag(pairs, u"rawok"_s, &token.rawOk, error) || !takeFlag(pairs, u"compressok"_s, &token.compressOk, error)
        || !takeFlag(pairs, u"embedok"_s, &token.embedOk, error)
        || !takeFlag(pairs, u"largeblockok"_s, &token.largeBlockOk, error))
        return std::nullopt;
    return token;
}

std::optional<QByteArray> decodeHex(QStringView hex, QString *error)
{
    if (hex.isEmpty()) {
        fail(error, u"empty payload"_s);
        return std::nullopt;
    }
    if (hex.size() % 2 != 0) {
        fail(error, u"payload has odd length %1"_s.arg(hex.size()));
        return std::nullopt;
    }
    QByteArray bytes(hex.size() / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < hex.size(); ++i) {
        const int digit = hexDigit(hex[i]);
        if (digit < 0) {
            fail(error, u"payload is not hex-encoded at character %1"_s.arg(i));
            return std::nullopt;
        }
        if (i % 2 == 0)
            bytes[i / 2] = char(digit << 4);
        else
            bytes[i / 2] = char(bytes[i / 2] | digit);
    }
    return bytes;
}

}  // namespace

std::optional<ResumeToken> ResumeToken::decode(QStringView token, QString *error)
{
    if (token.isEmpty()) {
        fail(error, u"empty"_s);
        return std::nullopt;
    }
    if (token.size() > MaxTokenLength) {
        fail(error, u"%1 characters exceed the limit of %2"_s.arg(token.size()).arg(MaxTokenLength));
        return std::nullopt;
    }
    // The header is "%u-%llx-%llx-" (zfs_send_resume_token_to_nvlist); the payload is hex and has no '-'.
    const qsizetype dash1 = token.indexOf(u'-');
    const qsizetype dash2 = dash1 < 0 ? -1 : token.indexOf(u'-', dash1 + 1);
    const qsizetype dash3 = dash2 < 0 ? -1 : token.indexOf(u'-', dash2 + 1);
    if (dash3 < 0) {
        fail(error, u"expected <version>-<checksum>-<packed length>-<payload>"_s);
        return std::nullopt;
    }
    const QStringView versionText = token.first(dash1);
    bool versionOk = versionText.size() <= 9;
    for (const QChar c : versionText)
        versionOk = versionOk && c >= u'0' && c <= u'9';
    if (versionText.isEmpty() || !versionOk) {
        fail(error, u"version \"%1\" is not a decimal number"_s.arg(versionText));
        return std::nullopt;
    }
    if (const int version = versionText.toInt(); version != TokenVersion) {
        fail(error, u"unsupported version %1"_s.arg(version));
        return std::nullopt;
    }
    const QStringView checksumText = token.sliced(dash1 + 1, dash2 - dash1 - 1);
    const std::optional<quint64> checksum = parseHex64(checksumText);
    if (!checksum) {
        fail(error, u"checksum \"%1\" is not a 64-bit hexadecimal number"_s.arg(checksumText));
        return std::nullopt;
    }
    const QStringView lengthText = token.sliced(dash2 + 1, dash3 - dash2 - 1);
    const std::optional<quint64> packedLength = parseHex64(lengthText);
    if (!packedLength) {
        fail(error, u"packed length \"%1\" is not a 64-bit hexadecimal number"_s.arg(lengthText));
        return std::nullopt;
    }
    if (*packedLength > quint64(MaxPackedLength)) {
        fail(error, u"packed length %1 exceeds the limit of %2 bytes"_s.arg(*packedLength).arg(MaxPackedLength));
        return std::nullopt;
    }
    const std::optional<QByteArray> compressed = decodeHex(token.sliced(dash3 + 1), error);
    if (!compressed)
        return std::nullopt;
    if (fletcher4Word0(*compressed) != *checksum) {
        fail(error, u"checksum mismatch"_s);
        return std::nullopt;
    }
    // Decompressed up to the hard limit rather than to the declared length, so that a mismatch can say by how much.
    const std::optional<QByteArray> packed = Inflater(*compressed, MaxPackedLength).run(error);
    if (!packed)
        return std::nullopt;
    if (quint64(packed->size()) != *packedLength) {
        fail(error, u"packed length %1 does not match %2"_s.arg(*packedLength).arg(packed->size()));
        return std::nullopt;
    }
    const std::optional<QHash<QString, NvValue>> pairs = NvListReader(*packed).read(error);
    if (!pairs)
        return std::nullopt;
    return fromPairs(*pairs, error);
}

std::optional<QString> ResumeToken::validateFor(const QString &filesystem,
                                                quint64 expectedToGuid,
                                                std::optional<quint64> expectedFromGuid) const
{
    const QStringView tokenFilesystem = QStringView(toName).first(qMax<qsizetype>(0, toName.indexOf(u'@')));
    if (tokenFilesystem != filesystem)
        return u"resume token: resumes a send of %1, not of filesystem %2"_s.arg(toName, filesystem);
    if (toGuid != expectedToGuid)
        return u"resume token: toguid %1 does not match %2 (%3)"_s.arg(toGuid).arg(expectedToGuid).arg(toName);
    if (fromGuid && !expectedFromGuid)
        return u"resume token: resumes an incremental send from guid %1, expected a full send"_s.arg(*fromGuid);
    if (!fromGuid && expectedFromGuid)
        return u"resume token: resumes a full send, expected an incremental send from guid %1"_s.arg(*expectedFromGuid);
    if (fromGuid && *fromGuid != *expectedFromGuid)
        return u"resume token: fromguid %1 does not match %2"_s.arg(*fromGuid).arg(*expectedFromGuid);
    return std::nullopt;
}

}  // namespace Zfs
