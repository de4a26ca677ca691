// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include "shared/control/Timestamp.h"

namespace Api {

// Reads typed fields out of QJsonObjects with Go's decoding rules: a missing field or a null keeps the zero value,
// a value of the wrong type is an error. The first error is kept with the path of the field
// ("snapjob.snap.Snapshotting.State: expected a number, got string").
class JsonReader
{
public:
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void fail(const QString &path, const QString &message);

    QString string(const QJsonObject &object, QLatin1StringView key, const QString &path);
    bool boolean(const QJsonObject &object, QLatin1StringView key, const QString &path);
    qint64 integer(const QJsonObject &object, QLatin1StringView key, const QString &path);
    Timestamp time(const QJsonObject &object, QLatin1StringView key, const QString &path);
    // An object field: false (and no error) when missing or null; an error when it is something else.
    bool object(const QJsonObject &object, QLatin1StringView key, const QString &path, QJsonObject *out);
    bool array(const QJsonObject &object, QLatin1StringView key, const QString &path, QJsonArray *out);
    // An array element that must be an object.
    bool element(const QJsonValue &value, const QString &path, QJsonObject *out);
    // Calls f(element, elementPath) for each object of the array field `key` (missing or null: none), until the
    // first error.
    template<typename F>
    void forEachObject(const QJsonObject &object, QLatin1StringView key, const QString &path, F &&f)
    {
        QJsonArray list;
        this->array(object, key, path, &list);
        const QString listPath = join(path, key);
        for (qsizetype i = 0; i < list.size() && ok(); ++i) {
            const QString elementPath = join(listPath, i);
            QJsonObject element;
            if (!this->element(list[i], elementPath, &element)) {
                return;
            }
            f(element, elementPath);
        }
    }
    // An array field of strings (missing or null: empty).
    QStringList strings(const QJsonObject &object, QLatin1StringView key, const QString &path);

    // A document that must be one JSON object: nullopt with "<what> is not valid JSON: <why> at offset <n>" or
    // "<what> is not a JSON object" in *error.
    static std::optional<QJsonObject> parseObject(const QByteArray &json, const QString &what, QString *error);

    static QString join(const QString &path, QLatin1StringView key);
    static QString join(const QString &path, qsizetype index);

private:
    static QString typeName(const QJsonValue &value);
    QString m_error;
};

}  // namespace Api
