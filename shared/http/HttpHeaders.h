// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Http {

struct HeaderField
{
    QByteArray name;
    QByteArray value;
};

// Header fields in arrival order. Names compare case-insensitively (RFC 9110 §5.1); repeated fields are kept
// apart so that callers can tell "Content-Length: 1, 2" from two fields.
class Headers
{
public:
    void add(QByteArray name, QByteArray value);
    // Replaces every field of that name with one field.
    void set(QByteArray name, QByteArray value);
    void remove(QByteArrayView name);

    bool contains(QByteArrayView name) const;
    // The first field of that name, or an empty array.
    QByteArray value(QByteArrayView name) const;
    QList<QByteArray> values(QByteArrayView name) const;
    // RFC 9110 §5.6.1: all values of a list-valued field, split at commas, trimmed, empty elements dropped.
    QList<QByteArray> listValues(QByteArrayView name) const;
    // True if the comma-separated list field `name` contains `token` (case-insensitive).
    bool hasToken(QByteArrayView name, QByteArrayView token) const;

    qsizetype size() const { return m_fields.size(); }
    bool isEmpty() const { return m_fields.isEmpty(); }
    const QList<HeaderField> &fields() const { return m_fields; }
    void clear() { m_fields.clear(); }

private:
    QList<HeaderField> m_fields;
};

}  // namespace Http
