#pragma once

#include <memory>

#include <QProcess>

#include "ZfsBackend.h"

// zfs-fuse, a real (v0.7-era) ZFS in user space. Its tools reach the daemon over the fixed socket
// /var/run/zfs/zfs_socket, so one zfs-fuse serves the whole machine: an already running one is reused, otherwise
// one is started as a child and stopped again by stop(), the destructor or QCoreApplication::aboutToQuit.
class ZfsFuseFixture : public ZfsBackend
{
public:
    ZfsFuseFixture();
    ~ZfsFuseFixture() override;

    QString name() const override;
    bool start() override;
    void stop() override;
    QProcessEnvironment environment() const override;
    QString zfsBinary() const override;
    QString zpoolBinary() const override;

    // Whether start() launched the daemon (and stop() will end it) rather than reusing a running one.
    bool ownsDaemon() const;

private:
    bool checkPrerequisites();
    bool daemonAnswers() const;
    bool launchDaemon();
    void destroyLeftoverPools();
    void stopDaemon();

    std::unique_ptr<QProcess> m_daemon;
    QString m_daemonBinary;
    QString m_zfsBinary;
    QString m_zpoolBinary;
    bool m_started = false;
    bool m_attempted = false;
};
