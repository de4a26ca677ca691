#include "ZfsFuseFixture.h"

#include <cerrno>
#include <csignal>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include <sys/prctl.h>
#include <unistd.h>

namespace {

const QStringList sbinDirectories = {
    QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/local/sbin")};

QString findSbinExecutable(const QString &name)
{
    const QString found = QStandardPaths::findExecutable(name, sbinDirectories);
    return found.isEmpty() ? QStandardPaths::findExecutable(name) : found;
}

bool processIsAlive(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

ZfsFuseFixture::ZfsFuseFixture()
{
    // QTest does not run the event loop to its end, so this fires only in hosts that do (the daemon tests);
    // the destructor covers the rest.
    if (QCoreApplication::instance())
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, [this] { stop(); });
}

ZfsFuseFixture::~ZfsFuseFixture()
{
    stop();
}

QString ZfsFuseFixture::name() const
{
    return QStringLiteral("zfs-fuse");
}

bool ZfsFuseFixture::start()
{
    if (m_attempted)
        return m_started;
    m_attempted = true;
    if (!checkPrerequisites())
        return false;
    if (!daemonAnswers() && !launchDaemon())
        return false;
    destroyLeftoverPools();
    m_started = true;
    return true;
}

void ZfsFuseFixture::stop()
{
    if (m_started)
        destroyPools();
    stopDaemon();
    m_started = false;
}

QProcessEnvironment ZfsFuseFixture::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString path = environment.value(QStringLiteral("PATH"));
    // The tools live in sbin, which a non-login root shell (or CTest) may not have in PATH.
    environment.insert(QStringLiteral("PATH"), sbinDirectories.join(QLatin1Char(':')) + QLatin1Char(':') + path);
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return environment;
}

QString ZfsFuseFixture::zfsBinary() const
{
    return m_zfsBinary;
}

QString ZfsFuseFixture::zpoolBinary() const
{
    return m_zpoolBinary;
}

bool ZfsFuseFixture::ownsDaemon() const
{
    return m_daemon != nullptr;
}

bool ZfsFuseFixture::checkPrerequisites()
{
    if (::geteuid() != 0) {
        setUnavailableReason(QStringLiteral("zfs-fuse needs root"));
        return false;
    }
    m_daemonBinary = findSbinExecutable(QStringLiteral("zfs-fuse"));
    m_zfsBinary = findSbinExecutable(QStringLiteral("zfs"));
    m_zpoolBinary = findSbinExecutable(QStringLiteral("zpool"));
    if (m_daemonBinary.isEmpty() || m_zfsBinary.isEmpty() || m_zpoolBinary.isEmpty()) {
        setUnavailableReason(QStringLiteral("zfs-fuse, zfs or zpool not installed (Debian package zfs-fuse)"));
        return false;
    }
    if (!QFileInfo::exists(QStringLiteral("/dev/fuse"))) {
        setUnavailableReason(QStringLiteral("no /dev/fuse"));
        return false;
    }
    if (workDirectory().isEmpty()) {
        setUnavailableReason(QStringLiteral("cannot create a temporary directory for pool files"));
        return false;
    }
    return true;
}

bool ZfsFuseFixture::daemonAnswers() const
{
    return zpool({QStringLiteral("list"), QStringLiteral("-H"), QStringLiteral("-o"), QStringLiteral("name")})
        .succeeded();
}

bool ZfsFuseFixture::launchDaemon()
{
    const QString logFile = workDirectory() + QStringLiteral("/zfs-fuse.log");
    m_daemon = std::make_unique<QProcess>();
    m_daemon->setProcessChannelMode(QProcess::MergedChannels);
    // A file, not a pipe: nobody reads the daemon's chatter while tests run, and a full pipe would stall it.
    m_daemon->setStandardOutputFile(logFile);
    // If the test process dies without running destructors the daemon goes too; pools it leaves are
    // cleaned up by destroyLeftoverPools() of the next run.
    m_daemon->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_daemon->start(m_daemonBinary, {QStringLiteral("--no-daemon"), QStringLiteral("--no-kstat-mount")});
    if (!m_daemon->waitForStarted()) {
        setUnavailableReason(QStringLiteral("cannot start zfs-fuse: ") + m_daemon->errorString());
        m_daemon.reset();
        return false;
    }
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (m_daemon->state() == QProcess::NotRunning || m_daemon->waitForFinished(0))
            break;
        if (daemonAnswers())
            return true;
        QThread::msleep(100);
    }
    QFile log(logFile);
    const QString output = log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()).trimmed() : QString();
    setUnavailableReason(m_daemon->state() == QProcess::NotRunning
                             ? QStringLiteral("zfs-fuse exited with %1: %2").arg(m_daemon->exitCode()).arg(output)
                             : QStringLiteral("zfs-fuse did not answer `zpool list` within 15 s: ") + output);
    stopDaemon();
    return false;
}

void ZfsFuseFixture::destroyLeftoverPools()
{
    // Only pools whose owning process is gone: another test process may share this zfs-fuse right now.
    static const QRegularExpression ownedByTests(QStringLiteral("^hft(\\d+)p\\d+$"));
    const ZfsCommandResult listing =
        zpool({QStringLiteral("list"), QStringLiteral("-H"), QStringLiteral("-o"), QStringLiteral("name")});
    const QStringList names = QString::fromUtf8(listing.standardOutput).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &pool : names) {
        const QRegularExpressionMatch match = ownedByTests.match(pool);
        if (!match.hasMatch())
            continue;
        const qint64 pid = match.captured(1).toLongLong();
        if (pid != ::getpid() && processIsAlive(pid))
            continue;
        const ZfsCommandResult destroyed = zpool({QStringLiteral("destroy"), QStringLiteral("-f"), pool});
        if (!destroyed.succeeded())
            qWarning(
                "zfs-fuse: cannot destroy leftover pool %s: %s", qPrintable(pool), destroyed.standardError.constData());
    }
}

void ZfsFuseFixture::stopDaemon()
{
    if (!m_daemon)
        return;
    if (m_daemon->state() != QProcess::NotRunning) {
        m_daemon->terminate();
        if (!m_daemon->waitForFinished(15000)) {
            m_daemon->kill();
            m_daemon->waitForFinished();
        }
    }
    m_daemon.reset();
}
