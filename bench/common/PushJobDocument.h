// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <array>
#include <functional>

#include "shared/control/JobStatus.h"

namespace BenchSupport {

// The large status the control and GUI benchmarks measure: one push job replicating `filesystems` filesystems
// (`tank/home/user<i/8>/<dataset>`) of two steps each, in one attempt. Each benchmark says which filesystems are
// still sending and what their steps hold; the rest is the same document.
struct PushJobShape
{
    int filesystems = 0;
    Api::Timestamp startAt;
    std::array<QString, 3> snapshots;  // the steps go from the first to the second, then to the third
    std::function<bool(int filesystem)> sending;  // sending its second step; the others are done
    std::function<qint64(int filesystem, int step)> bytesExpected;
    // What the second step of a sending filesystem has moved, of `expected`.
    std::function<qint64(int filesystem, qint64 expected)> bytesSending;
};

Api::JobStatus pushJobStatus(const PushJobShape &shape);

}  // namespace BenchSupport
