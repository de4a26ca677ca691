// SPDX-License-Identifier: MIT
#include "shared/control/JsonReader.h"

#include <QJsonDocument>

namespace Api {

void JsonReader::fail(const QString &path, const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
    }
}

std::optional<QJsonObject> JsonReader::parseObject(const QByteArray &json, const QString &what, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 is not valid JSON: %2 at offset %3").arg(what, parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1 is not a JSON object").arg(what);
        return std::nullopt;
    }
    return doc.object();
}

QStringList JsonReader::strings(const QJsonObject &object, QLatin1StringView key, const QString &path)
{
    QJsonArray list;
    QStringList out;
    if (!array(object, key, path, &list)) {
        return out;
    }
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list[i].isString()) {
            fail(join(join(path, key), i), QStringLiteral("expected a string, got %1").arg(typeName(list[i])));
            return out;
        }
        out.append(list[i].toString());
    }
    return out;
}

QString JsonReader::join(const QString &path, QLatin1StringView key)
{
    return path.isEmpty() ? QString(key) : path + QLatin1Char('.') + key;
}

QString JsonReader::join(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString JsonReader::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString JsonReader::string(const QJsonObject &object, QLatin1StringView key, const QString &path)
{
    const QJsonValue v = object.value(key);
    if (v.isString()) {
        return v.toString();
    }
    if (!v.isUndefined() && !v.isNull()) {
        fail(join(path, key), QStringLiteral("expected a string, got ") + typeName(v));
    }
    return {};
}

bool JsonReader::boolean(const QJsonObject &object, QLatin1StringView key, const QString &path)
{
    const QJsonValue v = object.value(key);
    if (v.isBool()) {
        return v.toBool();
    }
    if (!v.isUndefined() && !v.isNull()) {
        fail(join(path, key), QStringLiteral("expected true or false, got ") + typeName(v));
    }
    return false;
}

qint64 JsonReader::integer(const QJsonObject &object, QLatin1StringView key, const QString &path)
{
    const QJsonValue v = object.value(key);
    if (v.isDouble()) {
        const double d = v.toDouble();
        const auto i = qint64(d);
        if (double(i) != d) {
            fail(join(path, key), QStringLiteral("expected an integer, got %1").arg(d));
            return 0;
        }
        return i;
    }
    if (!v.isUndefined() && !v.isNull()) {
        fail(join(path, key), QStringLiteral("expected a number, got ") + typeName(v));
    }
    return 0;
}

Timestamp JsonReader::time(const QJsonObject &object, QLatin1StringView key, const QString &path)
{
    const QJsonValue v = object.value(key);
    if (v.isString()) {
        const QString s = v.toString();
        if (auto t = Timestamp::parse(s.toLatin1())) {
            return *t;
        }
        fail(join(path, key), QStringLiteral("not an RFC 3339 time: \"%1\"").arg(s));
        return {};
    }
    if (!v.isUndefined() && !v.isNull()) {
        fail(join(path, key), QStringLiteral("expected a time string, got ") + typeName(v));
    }
    return {};
}

bool JsonReader::object(const QJsonObject &object, QLatin1StringView key, const QString &path, QJsonObject *out)
{
    const QJsonValue v = object.value(key);
    if (v.isObject()) {
        *out = v.toObject();
        return true;
    }
    if (!v.isUndefined() && !v.isNull()) {
        fail(join(path, key), QStringLiteral("expected an object, got ") + typeName(v));
    }
    return false;
}

bool JsonReader::array(const QJsonObject &object, QLatin1StringView key, const QString &path, QJsonArray *out)
{
    const QJsonValue v = object.value(key);
    if (v.isArray()) {
        *out = v.toArray();
        return true;
    }
    if (!v.isUndefined() && !v.isNull()) {
        fail(join(path, key), QStringLiteral("expected an array, got ") + typeName(v));
    }
    return false;
}

bool JsonReader::element(const QJsonValue &value, const QString &path, QJsonObject *out)
{
    if (value.isObject()) {
        *out = value.toObject();
        return true;
    }
    fail(path, QStringLiteral("expected an object, got ") + typeName(value));
    return false;
}

}  // namespace Api
