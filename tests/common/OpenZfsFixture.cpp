#include "OpenZfsFixture.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <unistd.h>

namespace {

const QStringList sbinDirectories = {
    QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/local/sbin")};

}  // namespace

OpenZfsFixture::OpenZfsFixture()
{
    if (QCoreApplication::instance())
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, [this] { stop(); });
}

OpenZfsFixture::~OpenZfsFixture()
{
    stop();
}

QString OpenZfsFixture::name() const
{
    return QStringLiteral("openzfs");
}

bool OpenZfsFixture::start()
{
    if (m_attempted)
        return m_started;
    m_attempted = true;
    const bool inVm = qEnvironmentVariableIsSet("HOLDFAST_OPENZFS_VM");
    if (!inVm && qEnvironmentVariable("HOLDFAST_OPENZFS_HOST") != QLatin1String("1")) {
        setUnavailableReason(QStringLiteral(
            "real OpenZFS runs in the test VM (ctest -L openzfs, or tests/openzfs-vm/run.sh --zfs 2.1 -- COMMAND); "
            "HOLDFAST_OPENZFS_HOST=1 uses this machine's own kernel ZFS instead"));
        return false;
    }
    if (::geteuid() != 0) {
        setUnavailableReason(QStringLiteral("OpenZFS needs root"));
        return false;
    }
    if (!QFileInfo::exists(QStringLiteral("/dev/zfs"))) {
        setUnavailableReason(QStringLiteral("no /dev/zfs: the zfs kernel module is not loaded"));
        return false;
    }
    m_zfsBinary = QStandardPaths::findExecutable(QStringLiteral("zfs"), sbinDirectories);
    m_zpoolBinary = QStandardPaths::findExecutable(QStringLiteral("zpool"), sbinDirectories);
    if (m_zfsBinary.isEmpty() || m_zpoolBinary.isEmpty()) {
        setUnavailableReason(QStringLiteral("zfs or zpool not found in /usr/sbin, /sbin or /usr/local/sbin"));
        return false;
    }
    // zfs-fuse's zfs has no `version` subcommand: this also tells the two apart.
    const ZfsCommandResult version = zfs({QStringLiteral("version")});
    static const QRegularExpression userland(QStringLiteral("^zfs-(2\\.\\d+\\.\\d+\\S*)$"),
                                             QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = userland.match(QString::fromUtf8(version.standardOutput));
    if (!version.succeeded() || !match.hasMatch()) {
        setUnavailableReason(QStringLiteral("%1 is not OpenZFS 2.x: `zfs version` said %2")
                                 .arg(m_zfsBinary, QString::fromUtf8(version.standardOutput + version.standardError)
                                                       .trimmed()));
        return false;
    }
    m_version = match.captured(1);
    if (workDirectory().isEmpty()) {
        setUnavailableReason(QStringLiteral("cannot create a temporary directory for pool files"));
        return false;
    }
    m_started = true;
    return true;
}

void OpenZfsFixture::stop()
{
    if (m_started)
        destroyPools();
    m_started = false;
}

QProcessEnvironment OpenZfsFixture::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), sbinDirectories.join(QLatin1Char(':')) + QLatin1Char(':')
                                                   + environment.value(QStringLiteral("PATH")));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return environment;
}

QString OpenZfsFixture::zfsBinary() const
{
    return m_zfsBinary;
}

QString OpenZfsFixture::zpoolBinary() const
{
    return m_zpoolBinary;
}

QString OpenZfsFixture::version() const
{
    return m_version;
}

QString OpenZfsFixture::series() const
{
    return m_version.section(QLatin1Char('.'), 0, 1);
}
