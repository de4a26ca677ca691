#pragma once

#include "ZfsBackend.h"

// Real OpenZFS 2.x in the running kernel: the zfs and zpool of the OpenZFS test VM (tests/openzfs-vm/run.sh),
// which sets HOLDFAST_OPENZFS_VM. Outside the VM it runs only where HOLDFAST_OPENZFS_HOST=1 says this machine's
// own kernel ZFS may be used for test pools; otherwise its rows skip and say how to run them in the VM.
class OpenZfsFixture : public ZfsBackend
{
public:
    OpenZfsFixture();
    ~OpenZfsFixture() override;

    QString name() const override;
    bool start() override;
    void stop() override;
    QProcessEnvironment environment() const override;
    QString zfsBinary() const override;
    QString zpoolBinary() const override;

    // The userland's version as `zfs version` prints it ("2.1.11-1+deb12u1"), and its series ("2.1").
    QString version() const;
    QString series() const;

private:
    QString m_zfsBinary;
    QString m_zpoolBinary;
    QString m_version;
    bool m_started = false;
    bool m_attempted = false;
};
