// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <chrono>

namespace Daemon {

// Go's time.Duration.String(): "0s", "15ms", "1.5s", "10m0s", "1h0m0s". zrepl prints durations this way in its
// logs and status documents, and users grep for them.
QString formatGoDuration(std::chrono::nanoseconds duration);

}  // namespace Daemon
