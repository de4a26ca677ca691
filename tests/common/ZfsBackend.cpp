#include "ZfsBackend.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <unistd.h>

ZfsBackend::ZfsBackend()
    : m_workDirectory(QDir::tempPath() + QStringLiteral("/holdfast-zfs-XXXXXX"))
{}

ZfsBackend::~ZfsBackend() = default;

QString ZfsBackend::unavailableReason() const
{
    return m_unavailableReason;
}

QString ZfsBackend::poolNamePrefix()
{
    return QStringLiteral("hft%1p").arg(::getpid());
}

bool ZfsBackend::selected(const QString &name)
{
    QString only = qEnvironmentVariable("HOLDFAST_TEST_BACKEND");
    if (only.isEmpty())
        only = qEnvironmentVariable("HOLDFAST_CONFORMANCE_BACKEND");
    return only.isEmpty() || only == name;
}

QString ZfsBackend::nextPoolName()
{
    return poolNamePrefix() + QString::number(++m_poolCounter);
}

bool ZfsBackend::createPool(const QString &name, int sizeMiB, QString *error)
{
    if (!m_workDirectory.isValid()) {
        if (error)
            *error = QStringLiteral("no temporary directory: ") + m_workDirectory.errorString();
        return false;
    }
    // A sparse file: zfs-fuse refuses vdevs under 64 MiB, and the blocks are only allocated when written.
    const QString image = m_workDirectory.filePath(name + QStringLiteral(".img"));
    QFile file(image);
    if (!file.open(QIODevice::WriteOnly) || !file.resize(qint64(sizeMiB) * 1024 * 1024)) {
        if (error)
            *error = QStringLiteral("cannot create %1: %2").arg(image, file.errorString());
        return false;
    }
    file.close();
    const ZfsCommandResult result =
        zpool({QStringLiteral("create"), QStringLiteral("-m"), QStringLiteral("none"), name, image});
    if (!result.succeeded()) {
        if (error)
            *error = QStringLiteral("zpool create %1 failed (%2): %3")
                         .arg(name, QString::number(result.exitCode), QString::fromUtf8(result.standardError));
        QFile::remove(image);
        return false;
    }
    m_pools.append(name);
    return true;
}

bool ZfsBackend::destroyPool(const QString &name, QString *error)
{
    // -f because a test may leave a dataset mounted or busy; the pool is ours and goes away regardless.
    const ZfsCommandResult result = zpool({QStringLiteral("destroy"), QStringLiteral("-f"), name});
    if (!result.succeeded()) {
        if (error)
            *error = QString::fromUtf8(result.standardError);
        return false;
    }
    m_pools.removeAll(name);
    QFile::remove(m_workDirectory.filePath(name + QStringLiteral(".img")));
    return true;
}

void ZfsBackend::destroyPools()
{
    const QStringList owned = m_pools;
    for (const QString &pool : owned) {
        QString error;
        if (!destroyPool(pool, &error))
            qWarning("%s: cannot destroy pool %s: %s", qPrintable(name()), qPrintable(pool), qPrintable(error));
    }
}

QStringList ZfsBackend::pools() const
{
    return m_pools;
}

ZfsCommandResult
ZfsBackend::run(const QString &program, const QStringList &arguments, const QByteArray &input, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(program, arguments);
    ZfsCommandResult result;
    if (!process.waitForStarted()) {
        result.standardError = process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.standardError = QByteArrayLiteral("timed out");
        return result;
    }
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

ZfsCommandResult ZfsBackend::zfs(const QStringList &arguments, const QByteArray &input) const
{
    return run(zfsBinary(), arguments, input);
}

ZfsCommandResult ZfsBackend::zpool(const QStringList &arguments) const
{
    return run(zpoolBinary(), arguments);
}

void ZfsBackend::setUnavailableReason(const QString &reason)
{
    m_unavailableReason = reason;
}

QString ZfsBackend::workDirectory() const
{
    return m_workDirectory.path();
}
