// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <QDateTime>

#include "FigureTable.h"
#include "shared/control/JobStatus.h"

// The status feed (issue 16) against the /status refresh it replaces, for the push job of StatusDocument.h:
// (a) what a one-filesystem change costs the GUI thread from the answer's bytes to the jobs table and the replication
// tree updated, next to today's full refresh (parse the whole document, update the same models); (b) how long a
// change takes from the server writing it to the models updated, through a real socket and the real StatusPoller,
// next to 1 s polling; (c) how many requests the GUI makes in an idle stretch, on the feed and polling.
// See bench/README.md (bench-gui).
class StatusFeedBench
{
public:
    struct Settings
    {
        int filesystems = 10'000;
        int costChanges = 50;                  // (a), each timed both ways
        int latencyChanges = 200;              // (b) on the feed
        int pollingChanges = 8;                // (b) polling: each waits up to a second
        std::chrono::milliseconds idle{2000};  // (c), each way
    };

    StatusFeedBench(const Settings &settings, BenchSupport::FigureTable &table);

    // False with *error when the models do not end up with the status the server holds.
    bool run(std::string *error);
    // Whether the targets are met, in words.
    std::string verdict() const;

private:
    bool measureCost(std::string *error);
    bool measureLatency(std::string *error);
    bool measureIdle(std::string *error);
    // The status with one more filesystem's bytes moved: the k-th change.
    Api::DaemonStatus changed(const Api::DaemonStatus &status, int k, int *filesystem) const;

    Settings m_settings;
    BenchSupport::FigureTable &m_table;
    double m_feedCost = 0;
    double m_latencyP99 = 0;
    double m_idleFeedRequests = 0;
};
