// SPDX-License-Identifier: MIT
#pragma once

// A plain folder the restore core takes for a mounted ZFS filesystem: <temporary>/<name> is its mount point, the
// folders <mount point>/.zfs/snapshot/<snapshot> are its snapshots, and installMountinfo() writes a mountinfo that
// names it and points $HOLDFAST_MOUNTINFO there. As on ZFS, a file that did not change between snapshots is one
// object (keep() makes a hard link: same inode, size and time); a changed one is a new file.

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <utime.h>

class FakeSnapshotTree
{
public:
    explicit FakeSnapshotTree(const QString &dataset = QStringLiteral("tank/home"),
                              const QString &name = QStringLiteral("home"))
        : m_dataset(dataset)
    {
        m_mountPoint = m_dir.filePath(name);
        QDir().mkpath(m_mountPoint + QStringLiteral("/.zfs/snapshot"));
    }

    ~FakeSnapshotTree()
    {
        if (m_installed) {
            qunsetenv("HOLDFAST_MOUNTINFO");
        }
    }

    bool isValid() const
    {
        return m_dir.isValid();
    }

    QString temporaryPath() const
    {
        return m_dir.path();
    }

    QString mountPoint() const
    {
        return m_mountPoint;
    }

    QString dataset() const
    {
        return m_dataset;
    }

    QString snapshotRoot(const QString &snapshot) const
    {
        return m_mountPoint + QStringLiteral("/.zfs/snapshot/") + snapshot;
    }

    // zrepl's naming: "zrepl_20261201_100000_000" for 2026-12-01 10:00 UTC.
    static QString snapshotName(const QDateTime &utc, const QString &prefix = QStringLiteral("zrepl_"))
    {
        return prefix + utc.toUTC().toString(QStringLiteral("yyyyMMdd_HHmmss_zzz"));
    }

    QString addSnapshot(const QString &snapshot)
    {
        QDir().mkpath(snapshotRoot(snapshot));
        return snapshotRoot(snapshot);
    }

    // Writes a new file (a new inode: whatever was there is unlinked first, so links to it keep their content).
    static QString
    writeFile(const QString &base, const QString &relative, const QByteArray &content, const QDateTime &modified)
    {
        const QString path = base + QLatin1Char('/') + relative;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile::remove(path);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
            qFatal("cannot write %s", qPrintable(path));
        }
        file.close();
        setModified(path, modified);
        return path;
    }

    static void setModified(const QString &path, const QDateTime &modified)
    {
        const utimbuf times{modified.toSecsSinceEpoch(), modified.toSecsSinceEpoch()};
        ::utime(QFile::encodeName(path).constData(), &times);
    }

    QString writeLive(const QString &relative, const QByteArray &content, const QDateTime &modified)
    {
        return writeFile(m_mountPoint, relative, content, modified);
    }

    QString writeInSnapshot(const QString &snapshot,
                            const QString &relative,
                            const QByteArray &content,
                            const QDateTime &modified)
    {
        return writeFile(snapshotRoot(snapshot), relative, content, modified);
    }

    // `relative` of `from` (a snapshot, or "" for the live tree) is in `snapshot` unchanged: one object, as ZFS
    // keeps it.
    void keep(const QString &relative, const QString &from, const QString &snapshot)
    {
        const QString source = (from.isEmpty() ? m_mountPoint : snapshotRoot(from)) + QLatin1Char('/') + relative;
        const QString target = snapshotRoot(snapshot) + QLatin1Char('/') + relative;
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (::link(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) != 0) {
            qFatal("cannot link %s to %s", qPrintable(source), qPrintable(target));
        }
    }

    QByteArray mountinfo() const
    {
        // mountinfo(5): id, parent, dev, root, mount point, options, optional fields, "-", type, source, options.
        return "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
               "120 22 0:50 / "
               + QFile::encodeName(m_mountPoint) + " rw,relatime shared:70 - zfs " + m_dataset.toUtf8()
               + " rw,xattr,posixacl\n";
    }

    // Points the restore core's mount table at this tree (and only this one).
    void installMountinfo()
    {
        const QString path = m_dir.filePath(QStringLiteral("mountinfo"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(mountinfo()) < 0) {
            qFatal("cannot write %s", qPrintable(path));
        }
        qputenv("HOLDFAST_MOUNTINFO", QFile::encodeName(path));
        m_installed = true;
    }

private:
    QTemporaryDir m_dir;
    QString m_dataset;
    QString m_mountPoint;
    bool m_installed = false;
};
