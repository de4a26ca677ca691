#include "NvList.h"

#include <QtEndian>

namespace {

constexpr int pairHeaderSize = 16;  // nvp_size, nvp_name_sz, nvp_reserve, nvp_value_elem, nvp_type

int align8(int n)
{
    return (n + 7) & ~7;
}

void appendLe32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

void appendLe16(QByteArray &out, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

void appendLe64(QByteArray &out, quint64 v)
{
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}

}  // namespace

void NvList::addBoolean(const QString &name)
{
    m_pairs.append(Pair{name, Type::Boolean, 0, {}});
}

void NvList::addUint64(const QString &name, quint64 value)
{
    m_pairs.append(Pair{name, Type::Uint64, value, {}});
}

void NvList::addString(const QString &name, const QString &value)
{
    m_pairs.append(Pair{name, Type::String, 0, value});
}

const NvList::Pair *NvList::find(const QString &name) const
{
    for (const Pair &p : m_pairs) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QByteArray NvList::packNative() const
{
    QByteArray out;
    // nvs_header_t: encoding NV_ENCODE_NATIVE, little-endian host, two reserved bytes.
    out.append('\0');
    out.append('\1');
    out.append('\0');
    out.append('\0');
    appendLe32(out, 0);  // nvl_version
    appendLe32(out, 1);  // nvl_nvflag = NV_UNIQUE_NAME, as fnvlist_alloc() makes them
    for (const Pair &p : m_pairs) {
        const QByteArray name = p.name.toUtf8() + '\0';
        const int valueOffset = align8(pairHeaderSize + int(name.size()));
        QByteArray value;
        int elements = 1;
        switch (p.type) {
        case Type::Boolean:
            elements = 0;
            break;
        case Type::Uint64:
            appendLe64(value, p.number);
            break;
        case Type::String:
            value = p.text.toUtf8() + '\0';
            break;
        }
        const int size = align8(valueOffset + int(value.size()));
        const qsizetype start = out.size();
        appendLe32(out, quint32(size));
        appendLe16(out, quint16(name.size()));
        appendLe16(out, 0);
        appendLe32(out, quint32(elements));
        appendLe32(out, quint32(p.type));
        out.append(name);
        out.append(QByteArray(valueOffset - pairHeaderSize - name.size(), '\0'));
        out.append(value);
        out.append(QByteArray(size - (out.size() - start), '\0'));
    }
    appendLe32(out, 0);  // nvs_native_nvl_fini: a zero nvp_size ends the list
    return out;
}

std::optional<NvList> NvList::unpackNative(const QByteArray &packed, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<NvList> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (packed.size() < 16)
        return fail(QStringLiteral("nvlist too short"));
    if (packed.at(0) != 0)
        return fail(QStringLiteral("nvlist is not natively encoded"));
    if (packed.at(1) != 1)
        return fail(QStringLiteral("nvlist is big-endian"));
    const char *data = packed.constData();
    qsizetype pos = 12;
    NvList list;
    for (;;) {
        if (pos + 4 > packed.size())
            return fail(QStringLiteral("nvlist truncated"));
        const quint32 size = qFromLittleEndian<quint32>(data + pos);
        if (size == 0)
            break;
        if (size < pairHeaderSize || pos + qsizetype(size) > packed.size())
            return fail(QStringLiteral("nvpair size out of range"));
        const quint16 nameSize = qFromLittleEndian<quint16>(data + pos + 4);
        const quint32 type = qFromLittleEndian<quint32>(data + pos + 12);
        const qsizetype valueOffset = align8(pairHeaderSize + nameSize);
        if (nameSize == 0 || valueOffset > qsizetype(size))
            return fail(QStringLiteral("nvpair name out of range"));
        Pair p;
        p.name = QString::fromUtf8(data + pos + pairHeaderSize, nameSize - 1);
        const char *value = data + pos + valueOffset;
        const qsizetype valueRoom = qsizetype(size) - valueOffset;
        switch (type) {
        case quint32(Type::Boolean):
            p.type = Type::Boolean;
            break;
        case quint32(Type::Uint64):
            if (valueRoom < 8)
                return fail(QStringLiteral("uint64 nvpair truncated"));
            p.type = Type::Uint64;
            p.number = qFromLittleEndian<quint64>(value);
            break;
        case quint32(Type::String): {
            const qsizetype len = qstrnlen(value, size_t(valueRoom));
            if (len == valueRoom)
                return fail(QStringLiteral("string nvpair not terminated"));
            p.type = Type::String;
            p.text = QString::fromUtf8(value, len);
            break;
        }
        default:
            return fail(QStringLiteral("unsupported nvpair type %1").arg(type));
        }
        list.m_pairs.append(p);
        pos += size;
    }
    return list;
}

QString NvList::print() const
{
    // libnvpair: "%s = " then the value; uint64 as 0x%llx, booleans as 1.
    QString out = QStringLiteral("nvlist version: 0\n");
    for (const Pair &p : m_pairs) {
        out += QLatin1Char('\t') + p.name + QStringLiteral(" = ");
        switch (p.type) {
        case Type::Boolean:
            out += QLatin1Char('1');
            break;
        case Type::Uint64:
            out += QStringLiteral("0x") + QString::number(p.number, 16);
            break;
        case Type::String:
            out += p.text;
            break;
        }
        out += QLatin1Char('\n');
    }
    return out;
}
