// SPDX-License-Identifier: MIT
#include "daemon/holds/PauseStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Holds {

PauseStore::PauseStore(QString path)
    : m_path(std::move(path))
{
}

QString PauseStore::defaultStateDirectory()
{
    const QString own = qEnvironmentVariable("HOLDFAST_STATE_DIR");
    if (!own.isEmpty()) {
        return own;
    }
    const QString systemd = qEnvironmentVariable("STATE_DIRECTORY");
    if (!systemd.isEmpty()) {
        return systemd.section(u':', 0, 0);
    }
    if (geteuid() == 0) {
        return u"/var/lib/holdfast"_s;
    }
    const QString xdg = qEnvironmentVariable("XDG_STATE_HOME");
    return (xdg.isEmpty() ? QDir::homePath() + u"/.local/state"_s : xdg) + u"/holdfast"_s;
}

QString PauseStore::defaultPath()
{
    return defaultStateDirectory() + u"/paused-jobs.json"_s;
}

bool PauseStore::load(QString *error)
{
    m_paused.clear();
    QFile file(m_path);
    if (!file.exists()) {
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1 << 20), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = u"%1 is not the paused jobs' JSON object ({\"paused\": [...]}): %2"_s.arg(
            m_path, parseError.error != QJsonParseError::NoError ? parseError.errorString() : u"not an object"_s);
        return false;
    }
    const QJsonValue list = document.object().value("paused"_L1);
    if (!list.isArray() && !list.isUndefined()) {
        *error = u"%1: \"paused\" is not a list of job names"_s.arg(m_path);
        return false;
    }
    for (const QJsonValue &name : list.toArray()) {
        if (name.isString() && !name.toString().isEmpty()) {
            m_paused.insert(name.toString());
        }
    }
    return true;
}

bool PauseStore::setPaused(const QString &job, bool paused, QString *error)
{
    if (isPaused(job) == paused) {
        return true;
    }
    if (paused) {
        m_paused.insert(job);
    } else {
        m_paused.remove(job);
    }
    if (!save(error)) {
        if (paused) {
            m_paused.remove(job);
        } else {
            m_paused.insert(job);
        }
        return false;
    }
    return true;
}

bool PauseStore::save(QString *error) const
{
    const QString directory = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(directory)) {
        *error = u"cannot create the state directory %1"_s.arg(directory);
        return false;
    }
    QStringList names(m_paused.cbegin(), m_paused.cend());
    names.sort();
    QJsonObject root;
    root.insert("paused"_L1, QJsonArray::fromStringList(names));
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(root).toJson());
    if (!file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace Holds
