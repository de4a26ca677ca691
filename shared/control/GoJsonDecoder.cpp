// SPDX-License-Identifier: MIT
#include "shared/control/GoJsonDecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Api {

namespace {

// Go's quoteChar (encoding/json/scanner.go) for the byte in an error message.
QString quoteChar(unsigned char c)
{
    if (c == '\'') {
        return u"'\\''"_s;
    }
    if (c == '"') {
        return u"'\"'"_s;
    }
    switch (c) {
    case '\a':
        return u"'\\a'"_s;
    case '\b':
        return u"'\\b'"_s;
    case '\f':
        return u"'\\f'"_s;
    case '\n':
        return u"'\\n'"_s;
    case '\r':
        return u"'\\r'"_s;
    case '\t':
        return u"'\\t'"_s;
    case '\v':
        return u"'\\v'"_s;
    default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
        return u"'\\x%1'"_s.arg(int(c), 2, 16, QLatin1Char('0'));
    }
    if (c >= 0x80) {
        return u"'\\u%1'"_s.arg(int(c), 4, 16, QLatin1Char('0'));
    }
    return u"'"_s + QLatin1Char(char(c)) + u"'"_s;
}

// A syntax check of exactly one JSON value that stops where the value ends, as Go's decoder reads it.
class Scanner
{
public:
    explicit Scanner(QByteArrayView data)
        : m_data(data)
    {
    }

    // The end offset of the first value, or nullopt with Go's message in `error`.
    std::optional<qsizetype> scanFirstValue(QString *error)
    {
        skipSpace();
        if (m_pos >= m_data.size()) {
            *error = u"EOF"_s;
            return std::nullopt;
        }
        if (!value()) {
            *error = m_error;
            return std::nullopt;
        }
        return m_pos;
    }

private:
    bool atEnd() const { return m_pos >= m_data.size(); }
    unsigned char peek() const { return static_cast<unsigned char>(m_data[m_pos]); }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
            ++m_pos;
        }
    }

    bool fail(const QString &context)
    {
        if (atEnd()) {
            m_error = u"unexpected EOF"_s;
        } else {
            m_error = u"invalid character "_s + quoteChar(peek()) + u" "_s + context;
        }
        return false;
    }

    bool value()
    {
        skipSpace();
        if (atEnd()) {
            return fail({});
        }
        switch (peek()) {
        case '{':
            return object();
        case '[':
            return array();
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
                return number();
            }
            return fail(u"looking for beginning of value"_s);
        }
    }

    bool literal(const char *word)
    {
        ++m_pos;
        for (const char *p = word + 1; *p; ++p) {
            if (atEnd() || peek() != static_cast<unsigned char>(*p)) {
                return fail(u"in literal %1 (expecting %2)"_s.arg(QLatin1StringView(word),
                                                                  quoteChar(static_cast<unsigned char>(*p))));
            }
            ++m_pos;
        }
        return true;
    }

    bool digits()
    {
        bool any = false;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            ++m_pos;
            any = true;
        }
        return any;
    }

    bool number()
    {
        if (peek() == '-') {
            ++m_pos;
            if (atEnd() || peek() < '0' || peek() > '9') {
                return fail(u"in numeric literal"_s);
            }
        }
        if (peek() == '0') {
            ++m_pos;
        } else {
            digits();
        }
        if (!atEnd() && peek() == '.') {
            ++m_pos;
            if (!digits()) {
                return fail(u"after decimal point in numeric literal"_s);
            }
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                ++m_pos;
            }
            if (!digits()) {
                return fail(u"in exponent of numeric literal"_s);
            }
        }
        return true;
    }

    static bool isHex(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

    bool string()
    {
        ++m_pos;
        while (!atEnd()) {
            const unsigned char c = peek();
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20) {
                return fail(u"in string literal"_s);
            }
            ++m_pos;
            if (c != '\\') {
                continue;
            }
            if (atEnd()) {
                break;
            }
            const unsigned char e = peek();
            if (e == 'u') {
                ++m_pos;
                for (int i = 0; i < 4; ++i) {
                    if (atEnd() || !isHex(peek())) {
                        return fail(u"in \\u hexadecimal character escape"_s);
                    }
                    ++m_pos;
                }
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                ++m_pos;
            } else {
                return fail(u"in string escape code"_s);
            }
        }
        return fail({});
    }

    bool object()
    {
        ++m_pos;
        skipSpace();
        if (!atEnd() && peek() == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (atEnd() || peek() != '"') {
                return fail(u"looking for beginning of object key string"_s);
            }
            if (!string()) {
                return false;
            }
            skipSpace();
            if (atEnd() || peek() != ':') {
                return fail(u"after object key"_s);
            }
            ++m_pos;
            if (!value()) {
                return false;
            }
            skipSpace();
            if (!atEnd() && peek() == ',') {
                ++m_pos;
                continue;
            }
            if (!atEnd() && peek() == '}') {
                ++m_pos;
                return true;
            }
            return fail(u"after object key:value pair"_s);
        }
    }

    bool array()
    {
        ++m_pos;
        skipSpace();
        if (!atEnd() && peek() == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            if (!value()) {
                return false;
            }
            skipSpace();
            if (!atEnd() && peek() == ',') {
                ++m_pos;
                continue;
            }
            if (!atEnd() && peek() == ']') {
                ++m_pos;
                return true;
            }
            return fail(u"after array element"_s);
        }
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    QString m_error;
};

}  // namespace

std::optional<QJsonValue> decodeFirstJsonValue(QByteArrayView body, QString *error)
{
    Scanner scanner(body);
    const auto end = scanner.scanFirstValue(error);
    if (!end) {
        return std::nullopt;
    }
    // The scanner has checked the syntax; wrapping the value in an array lets QJsonDocument read scalars too.
    QByteArray wrapped;
    wrapped.reserve(*end + 2);
    wrapped.append('[').append(body.first(*end)).append(']');
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Only what Go accepts and Qt does not (such as nesting deeper than Qt's limit) ends up here.
        *error = parseError.errorString();
        return std::nullopt;
    }
    return doc.array().at(0);
}

QString goJsonKind(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Bool:
        return u"bool"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    default:
        return u"null"_s;
    }
}

}  // namespace Api
