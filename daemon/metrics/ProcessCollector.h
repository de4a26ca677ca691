// SPDX-License-Identifier: MIT
#pragma once

#include <prometheus/collectable.h>

namespace Daemon {

// The process_* metrics every Prometheus client library exports (CPU time, memory, file descriptors, start time),
// read from /proc/self when scraped. prometheus-cpp has no such collector. Collect() may run on the exposer's
// threads; it only reads /proc.
class ProcessCollector final : public prometheus::Collectable
{
public:
    std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace Daemon
