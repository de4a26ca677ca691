// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <string>

#include "FigureTable.h"

// A large snapshot directory shown in the Restore view: Gui::SnapshotDirectoryModel lists it on the lister's thread
// and appends it batch by batch to a QTableView (offscreen, set up as the window's tables are), while the GUI thread
// must keep turning its event loop. Measured: the longest stretch the GUI thread stayed away from its loop, the
// longest single batch insertion, and the time until loadingFinished; against a plain synchronous
// QDir::entryInfoList of the same directory on the GUI thread, which blocks it for the whole listing.
class DirectoryLoadBench
{
public:
    static constexpr double FrameMs = 16.0;  // the target: no stretch longer than one frame at 60 Hz

    DirectoryLoadBench(int entries, int runs, BenchSupport::FigureTable &table);

    bool run(std::string *error);
    // What the figures say against the 16 ms target, to print under the table.
    std::string verdict() const
    {
        return m_verdict;
    }

private:
    struct Load
    {
        double longestGapMs = 0;
        double longestCpuMs = 0;
        double longestInsertMs = 0;
        double repaintMs = 0;
        double setDirectoryMs = 0;
        double firstRowsMs = 0;
        double finishedMs = 0;
        int batches = 0;
        int turns = 0;
    };

    bool buildDirectory(std::string *error);
    bool load(Load *load, std::string *error);
    double baseline(std::string *error);

    int m_entries;
    int m_folders;
    int m_runs;
    BenchSupport::FigureTable &m_table;
    QTemporaryDir m_dir;
    QString m_path;
    std::string m_verdict;
};
