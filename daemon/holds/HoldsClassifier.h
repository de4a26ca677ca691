// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <optional>

#include "daemon/config/Config.h"
#include "daemon/holds/HoldsSurvey.h"
#include "daemon/zfs/DatasetFilter.h"
#include "shared/control/Holds.h"

namespace Holds {

// What one job of this daemon's configuration covers on this machine's pools, and whether it is at work.
struct JobScope
{
    QString name;
    Config::JobType type = Config::JobType::Snap;
    std::optional<Zfs::DatasetFilter> sending;  // push, source, snap: the `filesystems` filter
    std::optional<Zfs::DatasetPath> receivingRoot;  // sink, pull: root_fs (a sink receives below root_fs/<client>)
    bool replicating = false;  // push/pull: a run is in progress; source/sink: a step is served now
    bool paused = false;

    bool covers(const Zfs::DatasetPath &filesystem) const;
};

// The job whose step runs on a filesystem now, and the snapshots it uses ("" when none).
using StepLookup = std::function<QString(const QString &filesystem)>;

// Turns a survey into the report: each hold and bookmark of zrepl's naming scheme with its purpose, its owner and
// whether it is stale, and each interrupted receive. Stale means it protects nothing any more:
// - its job is not in the configuration (renamed or removed), or is a job that does not make such items;
// - its job does not replicate this filesystem (any more);
// - a step hold or step bookmark while its job runs no replication, unless an interrupted receive on this machine
//   resumes from the snapshot it keeps;
// - a last-received hold on an older snapshot than another one of the same job (a move that was cut short).
// A pure function of its inputs, so that every rule is tested without pools.
Api::HoldsReport classify(const SurveyFacts &facts, const QList<JobScope> &jobs, const StepLookup &runningStep);

}  // namespace Holds
