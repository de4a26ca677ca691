#pragma once

#include <optional>

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

// Everything the emulated pools hold. One JSON file in $HOLDFAST_ZFS_EMULATOR_DIR, read and written under an
// exclusive flock() held for the whole command, so concurrent zfs/zpool invocations serialize like ioctls do.
struct PartialReceive
{
    quint64 toGuid = 0;
    quint64 fromGuid = 0;
    QString toName;                  // the sender's snapshot name, as the token carries it
    QString targetSnap;              // the snapshot name the finished receive gets on this side
    quint64 offset = 0;              // payload bytes received so far
    quint64 bytes = 0;               // stream bytes received so far
    quint32 flags = 0;               // SendStream::Flag bits of the interrupted stream
    bool createdFilesystem = false;  // the receive created the filesystem: `recv -A` destroys it again
};

struct Dataset
{
    QString name;
    QString type;  // filesystem, volume, snapshot, bookmark
    quint64 guid = 0;
    quint64 createtxg = 0;
    qint64 creation = 0;
    quint64 referenced = 0;
    quint64 written = 0;
    bool deferDestroy = false;
    QMap<QString, QString> props;     // source "local"
    QMap<QString, QString> received;  // source "received"
    QMap<QString, qint64> holds;      // tag -> unix time
    std::optional<PartialReceive> partial;

    bool isSnapshot() const
    {
        return type == QLatin1String("snapshot");
    }

    bool isBookmark() const
    {
        return type == QLatin1String("bookmark");
    }

    bool isFilesystemLike() const
    {
        return !isSnapshot() && !isBookmark();
    }

    QString parentFilesystem() const;  // for snapshots and bookmarks: the dataset they belong to
    QString shortName() const;         // "@a" / "#b"
};

struct Pool
{
    QString name;
    quint64 guid = 0;
    quint64 txg = 1;
    qint64 creation = 0;
    QStringList vdevs;
    QMap<QString, QString> props;
};

class EmulatorState
{
public:
    EmulatorState() = default;
    ~EmulatorState();
    EmulatorState(const EmulatorState &) = delete;
    EmulatorState &operator=(const EmulatorState &) = delete;

    // Opens and locks the state; false with *error when HOLDFAST_ZFS_EMULATOR_DIR is unset or unusable.
    bool open(QString *error);
    bool save(QString *error);
    // Lets other invocations in while this one only streams data (send to a pipe that a recv drains).
    void unlock();

    QString directory() const
    {
        return m_directory;
    }

    QMap<QString, Pool> pools;
    QMap<QString, Dataset> datasets;  // by full name: pool/fs, pool/fs@snap, pool/fs#book

    static QString poolOf(const QString &name);
    Dataset *find(const QString &name);

    bool exists(const QString &name) const
    {
        return datasets.contains(name);
    }

    quint64 nextTxg(const QString &pool);
    quint64 newGuid();
    qint64 now() const;

    // Direct children (filesystems and volumes) and the snapshots/bookmarks of a dataset.
    QStringList childrenOf(const QString &name) const;
    QList<Dataset *> snapshotsOf(const QString &fs);  // by createtxg
    QList<Dataset *> bookmarksOf(const QString &fs);
    QStringList descendantsOf(const QString &name) const;  // everything below, any type, excluding name

private:
    int m_lockFd = -1;
    QString m_directory;
};
