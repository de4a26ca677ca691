// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "shared/control/Timestamp.h"

namespace Api {

// Streams compact JSON the way Go's encoding/json writes it: object fields in the order given (Go writes struct
// fields in declaration order, which QJsonObject cannot keep), and Go's string escaping (HTML characters and
// U+2028/U+2029 as \u escapes). Both let Holdfast answer with the bytes zrepl would send, and writing straight into
// one buffer keeps a 10,000-filesystem status cheap. Reading JSON is left to QJsonDocument.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 0);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // The key of the next value inside an object.
    void key(const char *latin1Key);

    void value(const QString &string);
    void value(const char *latin1String);
    void value(bool boolean);
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(quint64 number);
    void value(const Timestamp &timestamp);
    // Holdfast's own JSON writes an unknown time as null (zrepl's shapes write Go's zero time instead).
    void timeOrNull(const Timestamp &timestamp);
    void value(const QStringList &strings);  // an array of strings
    void null();
    // A field of an object: key(k), then the value.
    template<typename T>
    void field(const char *latin1Key, const T &v)
    {
        key(latin1Key);
        value(v);
    }
    void timeOrNullField(const char *latin1Key, const Timestamp &timestamp)
    {
        key(latin1Key);
        timeOrNull(timestamp);
    }
    // Already encoded JSON, inserted as one value.
    void raw(const QByteArray &json);

    const QByteArray &data() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void separate();
    void appendEscaped(const QString &string);

    QByteArray m_out;
    bool m_needComma = false;
};

}  // namespace Api
