// SPDX-License-Identifier: MIT
#pragma once

#include "ZfsBackend.h"
#include "daemon/zfs/ZfsCommand.h"

// How the daemon's ZFS layer reaches a test backend: its binaries and environment. Header-only, so that
// holdfast-testsupport does not depend on the daemon library; tests that use it link that library themselves.
inline Zfs::CommandConfig commandConfigFor(const ZfsBackend &backend)
{
    Zfs::CommandConfig config;
    config.zfsBinary = backend.zfsBinary();
    config.zpoolBinary = backend.zpoolBinary();
    config.environment = backend.environment();
    return config;
}
