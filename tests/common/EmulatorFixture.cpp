#include "EmulatorFixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

EmulatorFixture::EmulatorFixture(const QString &binDirectory)
    : m_binDirectory(binDirectory)
{
    if (QCoreApplication::instance())
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, [this] { stop(); });
}

EmulatorFixture::~EmulatorFixture()
{
    stop();
}

QString EmulatorFixture::name() const
{
    return QStringLiteral("emulator");
}

bool EmulatorFixture::start()
{
    if (m_started)
        return true;
    if (!QFileInfo(zfsBinary()).isExecutable() || !QFileInfo(zpoolBinary()).isExecutable()) {
        setUnavailableReason(QStringLiteral("emulator not built yet (no zfs/zpool in %1)").arg(m_binDirectory));
        return false;
    }
    m_stateDirectory = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/holdfast-emulator-XXXXXX"));
    if (!m_stateDirectory->isValid()) {
        setUnavailableReason(QStringLiteral("cannot create the emulator's state directory: ")
                             + m_stateDirectory->errorString());
        m_stateDirectory.reset();
        return false;
    }
    m_started = true;
    return true;
}

void EmulatorFixture::stop()
{
    if (!m_started)
        return;
    destroyPools();
    m_stateDirectory.reset();
    m_started = false;
}

QProcessEnvironment EmulatorFixture::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"),
                       m_binDirectory + QLatin1Char(':') + environment.value(QStringLiteral("PATH")));
    if (m_stateDirectory)
        environment.insert(QStringLiteral("HOLDFAST_ZFS_EMULATOR_DIR"), m_stateDirectory->path());
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    return environment;
}

QString EmulatorFixture::zfsBinary() const
{
    return m_binDirectory + QStringLiteral("/zfs");
}

QString EmulatorFixture::zpoolBinary() const
{
    return m_binDirectory + QStringLiteral("/zpool");
}

QString EmulatorFixture::binDirectory() const
{
    return m_binDirectory;
}

QString EmulatorFixture::stateDirectory() const
{
    return m_stateDirectory ? m_stateDirectory->path() : QString();
}
