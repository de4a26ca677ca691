// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Gui {

// A retention the assistant offers by name: zrepl's `grid` keep rule.
struct RetentionPreset
{
    QString id;      // "standard", stable for tests and settings
    QString label;   // "24 hourly, 14 daily, 8 weekly, 12 monthly"
    QString grid;    // "1x1h(keep=all) | 24x1h | 14x1d | 8x1w | 12x30d"
    QString phrase;  // for a sentence: "24 hourly, 14 daily, 8 weekly and 12 monthly snapshots"
};

// A snapshot interval the assistant offers by name.
struct IntervalPreset
{
    QString duration;  // Go's duration syntax, as zrepl reads `interval`: "15m", "1h", "24h"
    QString label;     // "Every hour"
};

// What one side of a replication keeps (zrepl's keep rules of `pruning.keep_sender` or `keep_receiver`): a snapshot
// stays when any rule keeps it.
struct KeepPolicy
{
    bool notReplicated = false;  // sender only: what has not reached the other side yet
    int lastN = 0;               // the n newest; 0: no such rule
    QString grid;                // a retention grid over the snapshots the job takes; "": none
    // Snapshots the job did not take (no `prefix`), made by hand or by another tool: kept, with a regex rule that
    // keeps what does not match the prefix. zrepl would prune them otherwise.
    bool keepOthers = true;

    // The rules as a YAML block sequence ("- type: not_replicated\n- type: last_n\n  count: 10"), with the grid's
    // and the other snapshots' regex for snapshots named `prefix`...
    QString toYaml(const QString &prefix) const;
    // In words: "until replicated, and the 10 newest".
    QString describe() const;

    friend bool operator==(const KeepPolicy &, const KeepPolicy &) = default;
};

// The retention choices of the assistant and of Edit job, with zrepl's defaults: snapshots named `zrepl_`, the
// sender keeping what is not replicated and the 10 newest (zrepl's docs), the receiver a grid.
class Retention
{
    Q_DECLARE_TR_FUNCTIONS(Gui::Retention)

public:
    static QList<RetentionPreset> presets();
    static RetentionPreset defaultPreset();
    static std::optional<RetentionPreset> presetForGrid(const QString &grid);
    static QList<IntervalPreset> intervals();
    static QString defaultInterval();  // "1h"
    // zrepl's default prefix for the snapshots a job takes.
    static QString defaultPrefix();

    static KeepPolicy defaultSender();
    static KeepPolicy receiver(const QString &grid);

    // Whether `grid` is a retention grid zrepl reads (daemon/config's syntax: "<n>x<length>[(keep=all|<m>)]"
    // separated by '|', lengths in s, m, h, d or w, growing from left to right); what is wrong, in words, if not.
    static std::optional<QString> gridProblem(const QString &grid);
    // Whether `duration` is a positive Go duration ("1h30m"); what is wrong if not.
    static std::optional<QString> intervalProblem(const QString &duration);
    // "every hour", "every 15 minutes", "every 1h30m" for a Go duration.
    static QString describeInterval(const QString &duration);
    // How long the grid keeps snapshots at most, in words: "about a year".
    static QString describeGridSpan(const QString &grid);
};

}  // namespace Gui
