// SPDX-License-Identifier: MIT
#include "app/core/SnapshotBrowser.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace Gui {

void SnapshotBrowser::setSource(const RestoreSource &source)
{
    m_source = source;
    m_snapshot = {};
    m_folder.clear();
}

void SnapshotBrowser::setSnapshot(const Restore::SnapshotEntry &snapshot)
{
    m_snapshot = snapshot;
}

void SnapshotBrowser::clearSnapshot()
{
    m_snapshot = {};
}

bool SnapshotBrowser::isPlainName(const QString &name)
{
    return !name.isEmpty() && name != u"." && name != u".." && !name.contains(u'/') && !name.contains(QChar(0));
}

bool SnapshotBrowser::setRelativeFolder(const QString &folder)
{
    if (folder.contains(QChar(0))) {
        return false;
    }
    QString cleaned = QDir::cleanPath(folder);
    while (cleaned.startsWith(u'/')) {
        cleaned.remove(0, 1);
    }
    if (cleaned == u".") {
        cleaned.clear();
    }
    if (cleaned == u".." || cleaned.startsWith(u"../")) {
        return false;
    }
    m_folder = cleaned;
    return true;
}

bool SnapshotBrowser::enter(const QString &name)
{
    if (!isPlainName(name)) {
        return false;
    }
    m_folder = m_folder.isEmpty() ? name : m_folder + u'/' + name;
    return true;
}

bool SnapshotBrowser::up()
{
    if (m_folder.isEmpty()) {
        return false;
    }
    const qsizetype slash = m_folder.lastIndexOf(u'/');
    m_folder = slash < 0 ? QString() : m_folder.left(slash);
    return true;
}

QString SnapshotBrowser::join(const QString &base, const QString &relative)
{
    if (relative.isEmpty()) {
        return base;
    }
    return base.endsWith(u'/') ? QString(base + relative) : QString(base + u'/' + relative);
}

QString SnapshotBrowser::folderPath() const
{
    return hasSnapshot() ? join(m_snapshot.root, m_folder) : QString();
}

QString SnapshotBrowser::snapshotPath(const QString &name) const
{
    return hasSnapshot() ? join(folderPath(), name) : QString();
}

QString SnapshotBrowser::relativePath(const QString &name) const
{
    return m_folder.isEmpty() ? name : join(m_folder, name);
}

QString SnapshotBrowser::livePath(const QString &name) const
{
    return m_source.isMounted() ? join(m_source.mountPoint, relativePath(name)) : QString();
}

QString SnapshotBrowser::displayFolder() const
{
    if (m_source.isMounted()) {
        return join(m_source.mountPoint, m_folder);
    }
    return u"%1: /%2"_s.arg(m_source.dataset, m_folder);
}

}  // namespace Gui
