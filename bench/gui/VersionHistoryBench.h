// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <string>
#include <vector>

#include "FigureTable.h"
#include "shared/restore/SnapshotCatalog.h"

// The history of one file across many snapshots, as the Restore view's file history computes it
// (Restore::computeHistory: one lstat per snapshot, no content read), next to the bare lstat calls it cannot avoid.
// The snapshots are a plain directory tree shaped like ZFS's: <fs>/.zfs/snapshot/<name>/dir/file. The file changes
// every ChangeEvery snapshots; in between, the snapshots hold hard links to one file, so that its inode, size and
// modification time stay the same, as ZFS keeps a file's object number across snapshots.
class VersionHistoryBench
{
public:
    static constexpr int ChangeEvery = 10;
    static constexpr qint64 FileBytes = 64 * 1024;  // large enough that reading the versions would show

    VersionHistoryBench(int snapshots, int runs, BenchSupport::FigureTable &table);

    bool run(std::string *error);
    // What the figures say against the 1 s target, to print under the table.
    std::string verdict() const
    {
        return m_verdict;
    }

private:
    bool buildTree(std::string *error);
    bool checkHistory(const QList<Restore::SnapshotEntry> &snapshots, std::string *error) const;

    int m_snapshots;
    int m_runs;
    BenchSupport::FigureTable &m_table;
    QTemporaryDir m_dir;
    QString m_mountPoint;
    QString m_livePath;
    std::string m_verdict;
};
