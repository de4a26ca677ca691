// SPDX-License-Identifier: MIT
#pragma once

#include "PushJobDocument.h"
#include "shared/control/JobStatus.h"

// The /status document of bench-gui: `_control` and one push job replicating `filesystems` filesystems
// (`tank/home/user123/data`, ...) of 2 steps each, in one attempt.
namespace BenchGui {

// Every hundredth filesystem is being sent; the others are done. Refresh `k` adds k × 64 KiB to each sending
// filesystem's current step, so that the live case changes 1 % of the filesystems' bytes.
inline constexpr int SendingEvery = 100;
inline constexpr qint64 BytesPerRefresh = 65'536;

inline bool isSending(int i)
{
    return i % SendingEvery == 0;
}

inline qint64 expectedBytes(int i, int step)
{
    return 64 * 1'048'576 + qint64(i) * 4096 + step * 65'536;
}

inline qint64 sendingBytes(int i, int refresh)
{
    return expectedBytes(i, 1) / 4 + refresh * BytesPerRefresh;
}

inline const Api::Timestamp StartAt = Api::Timestamp::fromUnix(1795521600, 923101207);

inline Api::DaemonStatus document(int filesystems, int refresh)
{
    using namespace Qt::StringLiterals;
    BenchSupport::PushJobShape shape;
    shape.filesystems = filesystems;
    shape.startAt = StartAt;
    shape.snapshots = {u"@zrepl_20261123_220000_000"_s, u"@zrepl_20261123_230000_000"_s, u"@zrepl_20261124_000000_000"_s};
    shape.sending = isSending;
    shape.bytesExpected = expectedBytes;
    shape.bytesSending = [refresh](int i, qint64) { return sendingBytes(i, refresh); };
    Api::DaemonStatus status;
    status.jobs.insert(u"_control"_s, Api::JobStatus{});
    status.jobs.insert(u"push"_s, BenchSupport::pushJobStatus(shape));
    return status;
}

}  // namespace BenchGui
