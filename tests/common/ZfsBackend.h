#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "ZfsCommandResult.h"

// A place where `zfs` and `zpool` commands can be run: tests (and later the daemon under test) use
// environment(), zfsBinary() and zpoolBinary() so the same command runs on any backend. Pools are file-backed
// and created with unique names, so runs never see each other's datasets; the backend destroys what it created.
class ZfsBackend
{
public:
    ZfsBackend();
    virtual ~ZfsBackend();
    ZfsBackend(const ZfsBackend &) = delete;
    ZfsBackend &operator=(const ZfsBackend &) = delete;

    virtual QString name() const = 0;
    // Whether commands can be run; when not, unavailableReason() says why.
    virtual bool start() = 0;
    // Destroys the pools this backend created and releases what start() acquired.
    virtual void stop() = 0;
    virtual QProcessEnvironment environment() const = 0;
    virtual QString zfsBinary() const = 0;
    virtual QString zpoolBinary() const = 0;

    QString unavailableReason() const;

    // Pool names are "hft<pid>p<n>": unique per process, and a leftover's pid tells whether its owner still runs.
    QString nextPoolName();
    bool createPool(const QString &name, int sizeMiB, QString *error = nullptr);
    bool destroyPool(const QString &name, QString *error = nullptr);
    void destroyPools();
    QStringList pools() const;

    ZfsCommandResult run(const QString &program,
                         const QStringList &arguments,
                         const QByteArray &input = {},
                         int timeoutMs = 120000) const;
    ZfsCommandResult zfs(const QStringList &arguments, const QByteArray &input = {}) const;
    ZfsCommandResult zpool(const QStringList &arguments) const;

    static QString poolNamePrefix();
    // Whether the rows of backend `name` ("openzfs", "zfs-fuse", "emulator") run: all of them, unless
    // HOLDFAST_TEST_BACKEND (or the conformance suite's HOLDFAST_CONFORMANCE_BACKEND) names one. The OpenZFS VM's
    // runs name "openzfs", so that the other backends' rows do not run again there.
    static bool selected(const QString &name);

protected:
    void setUnavailableReason(const QString &reason);
    QString workDirectory() const;

private:
    QTemporaryDir m_workDirectory;
    QStringList m_pools;
    QString m_unavailableReason;
    int m_poolCounter = 0;
};
