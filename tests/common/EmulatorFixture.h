#pragma once

#include <memory>

#include <QTemporaryDir>

#include "ZfsBackend.h"

// The OpenZFS 2.x command-line emulator: programs named zfs and zpool in a bin directory put first in PATH,
// keeping their state in the directory named by HOLDFAST_ZFS_EMULATOR_DIR (a fresh temporary one per fixture).
class EmulatorFixture : public ZfsBackend
{
public:
    explicit EmulatorFixture(const QString &binDirectory);
    ~EmulatorFixture() override;

    QString name() const override;
    bool start() override;
    void stop() override;
    QProcessEnvironment environment() const override;
    QString zfsBinary() const override;
    QString zpoolBinary() const override;

    QString binDirectory() const;
    QString stateDirectory() const;

private:
    QString m_binDirectory;
    std::unique_ptr<QTemporaryDir> m_stateDirectory;
    bool m_started = false;
};
