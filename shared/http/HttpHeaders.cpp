// SPDX-License-Identifier: MIT
#include "shared/http/HttpHeaders.h"

namespace Http {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

}  // namespace

void Headers::add(QByteArray name, QByteArray value)
{
    m_fields.append(HeaderField{std::move(name), std::move(value)});
}

void Headers::set(QByteArray name, QByteArray value)
{
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (sameName(m_fields[i].name, name)) {
            m_fields[i].value = std::move(value);
            // Keep the first position so that the order on the wire stays stable; drop the repeats.
            for (qsizetype j = m_fields.size() - 1; j > i; --j) {
                if (sameName(m_fields[j].name, name)) {
                    m_fields.removeAt(j);
                }
            }
            return;
        }
    }
    add(std::move(name), std::move(value));
}

void Headers::remove(QByteArrayView name)
{
    m_fields.removeIf([name](const HeaderField &field) { return sameName(field.name, name); });
}

bool Headers::contains(QByteArrayView name) const
{
    for (const HeaderField &field : m_fields) {
        if (sameName(field.name, name)) {
            return true;
        }
    }
    return false;
}

QByteArray Headers::value(QByteArrayView name) const
{
    for (const HeaderField &field : m_fields) {
        if (sameName(field.name, name)) {
            return field.value;
        }
    }
    return {};
}

QList<QByteArray> Headers::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const HeaderField &field : m_fields) {
        if (sameName(field.name, name)) {
            result.append(field.value);
        }
    }
    return result;
}

QList<QByteArray> Headers::listValues(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const HeaderField &field : m_fields) {
        if (!sameName(field.name, name)) {
            continue;
        }
        for (const QByteArray &element : field.value.split(',')) {
            QByteArray trimmed = element.trimmed();
            if (!trimmed.isEmpty()) {
                result.append(std::move(trimmed));
            }
        }
    }
    return result;
}

bool Headers::hasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const QByteArray &element : listValues(name)) {
        if (sameName(element, token)) {
            return true;
        }
    }
    return false;
}

}  // namespace Http
