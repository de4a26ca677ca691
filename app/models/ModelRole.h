// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace Gui {

// Roles the models of the window share, so that one delegate (ProgressDelegate) and one kind of proxy serve all
// of them. Every model answers the roles that make sense for it and an invalid QVariant for the others.
enum ModelRole : int
{
    // The raw value to sort by: QString, QDateTime (invalid when unset), qint64 or double. Set it as the sort role
    // of a QSortFilterProxyModel; DisplayRole is formatted text and sorts badly ("9 MiB" > "10 MiB").
    SortRole = Qt::UserRole + 1,
    // The complete text of a cell for copying: errors with all their lines, where DisplayRole has the first one.
    FullTextRole,
    // int 0–100 for a progress bar; -1 (or an invalid QVariant) when there is nothing to measure, and then the cell
    // is plain text. DisplayRole of the same cell is the text to print on the bar ("1.2 GiB of 3.4 GiB").
    ProgressRole,
    BytesReplicatedRole,  // qint64
    BytesExpectedRole,  // qint64; 0 when the daemon had no size estimate
    RateRole,  // double, bytes per second, smoothed; -1 when unknown or nothing is being sent
    HealthRole,  // Gui::Health (JobsTableModel), for views that draw their own health marks
    JobNameRole,  // QString: the job a row is about, in every column
    HasErrorRole,  // bool: the row reports an error (a failed filesystem, step, pruning or snapshot)
    WarningRole,  // bool: something went wrong without failing the row (a snapshot hook failed)
    ItemKindRole,  // int, ReplicationModel::ItemKind: attempt, filesystem or step
    // Api::Health: the daemon's verdict on how recent the backups are (ok, warning, critical, unknown), in every
    // column of a job's or filesystem's row; Unknown against zrepl, which has no verdict.
    FreshnessRole,
};

}  // namespace Gui
