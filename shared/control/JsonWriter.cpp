// SPDX-License-Identifier: MIT
#include "shared/control/JsonWriter.h"

namespace Api {

JsonWriter::JsonWriter(qsizetype reserve)
{
    if (reserve > 0) {
        m_out.reserve(reserve);
    }
}

void JsonWriter::separate()
{
    if (m_needComma) {
        m_out.append(',');
    }
}

void JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    m_needComma = false;
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_needComma = true;
}

void JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    m_needComma = false;
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_needComma = true;
}

void JsonWriter::key(const char *latin1Key)
{
    separate();
    m_out.append('"');
    m_out.append(latin1Key);
    m_out.append("\":", 2);
    m_needComma = false;
}

void JsonWriter::value(const QString &string)
{
    separate();
    appendEscaped(string);
    m_needComma = true;
}

void JsonWriter::value(const char *latin1String)
{
    value(QString::fromLatin1(latin1String));
}

void JsonWriter::value(bool boolean)
{
    separate();
    m_out.append(boolean ? "true" : "false");
    m_needComma = true;
}

void JsonWriter::value(qint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
    m_needComma = true;
}

void JsonWriter::value(quint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
    m_needComma = true;
}

void JsonWriter::value(const Timestamp &timestamp)
{
    separate();
    m_out.append('"');
    m_out.append(timestamp.toRfc3339());
    m_out.append('"');
    m_needComma = true;
}

void JsonWriter::null()
{
    separate();
    m_out.append("null", 4);
    m_needComma = true;
}

void JsonWriter::raw(const QByteArray &json)
{
    separate();
    m_out.append(json);
    m_needComma = true;
}

// Go's encodeState.string with escapeHTML: '"' and '\\' escaped, \n \r \t by name, every other control
// character and <, >, & as \u00XX with lower-case hex, U+2028 and U+2029 as \u2028/\u2029, invalid UTF-16
// (lone surrogates) as U+FFFD.
void JsonWriter::appendEscaped(const QString &string)
{
    static constexpr char Hex[] = "0123456789abcdef";
    m_out.append('"');
    const QChar *chars = string.constData();
    const qsizetype size = string.size();
    qsizetype runStart = 0;
    // Runs of plain ASCII are narrowed in one go into space grown once, not appended a character at a time.
    auto flushAscii = [&](qsizetype end) {
        const qsizetype count = end - runStart;
        if (count <= 0) {
            return;
        }
        const qsizetype at = m_out.size();
        m_out.resize(at + count);
        char *out = m_out.data() + at;
        for (qsizetype j = 0; j < count; ++j) {
            out[j] = char(chars[runStart + j].unicode());
        }
    };
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t u = chars[i].unicode();
        if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\' && u != '<' && u != '>' && u != '&') {
            continue;
        }
        flushAscii(i);
        runStart = i + 1;
        if (u < 0x80) {
            switch (u) {
            case '"':
                m_out.append("\\\"", 2);
                break;
            case '\\':
                m_out.append("\\\\", 2);
                break;
            case '\n':
                m_out.append("\\n", 2);
                break;
            case '\r':
                m_out.append("\\r", 2);
                break;
            case '\t':
                m_out.append("\\t", 2);
                break;
            default: {
                const char esc[6] = {'\\', 'u', '0', '0', Hex[u >> 4], Hex[u & 0xf]};
                m_out.append(esc, 6);
            }
            }
            continue;
        }
        if (u == 0x2028 || u == 0x2029) {
            m_out.append(u == 0x2028 ? "\\u2028" : "\\u2029", 6);
            continue;
        }
        char32_t codePoint = u;
        if (QChar::isHighSurrogate(u) && i + 1 < size && QChar::isLowSurrogate(chars[i + 1].unicode())) {
            codePoint = QChar::surrogateToUcs4(u, chars[i + 1].unicode());
            ++i;
            runStart = i + 1;
        } else if (QChar::isSurrogate(u)) {
            codePoint = 0xfffd;
        }
        if (codePoint < 0x800) {
            m_out.append(char(0xc0 | (codePoint >> 6)));
            m_out.append(char(0x80 | (codePoint & 0x3f)));
        } else if (codePoint < 0x10000) {
            m_out.append(char(0xe0 | (codePoint >> 12)));
            m_out.append(char(0x80 | ((codePoint >> 6) & 0x3f)));
            m_out.append(char(0x80 | (codePoint & 0x3f)));
        } else {
            m_out.append(char(0xf0 | (codePoint >> 18)));
            m_out.append(char(0x80 | ((codePoint >> 12) & 0x3f)));
            m_out.append(char(0x80 | ((codePoint >> 6) & 0x3f)));
            m_out.append(char(0x80 | (codePoint & 0x3f)));
        }
    }
    flushAscii(size);
    m_out.append('"');
}

void JsonWriter::timeOrNull(const Timestamp &timestamp)
{
    if (timestamp.isZero()) {
        null();
    } else {
        value(timestamp);
    }
}

void JsonWriter::value(const QStringList &strings)
{
    beginArray();
    for (const QString &string : strings) {
        value(string);
    }
    endArray();
}

}  // namespace Api
