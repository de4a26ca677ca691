// SPDX-License-Identifier: MIT
// bench-gui: what a /status refresh costs the GUI's models and a tree view, for one push job replicating 10,000
// filesystems, next to parsing that /status answer, which every refresh pays anyway; and for the Restore view, a
// file's history across 1,000 snapshots and a 10,000-entry snapshot directory loading. See bench/README.md.
#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonDocument>
#include <QTreeView>

#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "DirectoryLoadBench.h"
#include "StatusDocument.h"
#include "StatusFeedBench.h"
#include "FigureTable.h"
#include "VersionHistoryBench.h"
#include "app/models/ErrorsOnlyFilter.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/models/ReplicationModel.h"
#include "app/ui/ProgressDelegate.h"
#include "shared/control/JobStatus.h"

using namespace Qt::StringLiterals;
using BenchSupport::FigureTable;
using BenchSupport::median;
using namespace BenchGui;

namespace {

struct Settings
{
    int filesystems = 10'000;
    int refreshes = 20;
    int historySnapshots = 1'000;
    int historyRuns = 25;  // a few milliseconds each: many, so that a preemption does not move the median
    int directoryEntries = 10'000;
    int directoryRuns = 5;
    StatusFeedBench::Settings feed;

    static Settings quick() { return Settings{1'000, 3, 100, 5, 2'000, 2, StatusFeedBench::Settings{1'000, 5, 20, 2, std::chrono::milliseconds(1200)}}; }
};

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// What one model's dataChanged signals covered in a refresh: filesystem rows, and which columns.
struct ChangeLog
{
    std::set<int> filesystemRows;
    std::set<int> columns;
    int signals = 0;

    void clear() { *this = ChangeLog(); }
    void connectTo(const Gui::ReplicationModel &model)
    {
        QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
                         [this, &model](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                             ++signals;
                             for (int c = topLeft.column(); c <= bottomRight.column(); ++c) {
                                 columns.insert(c);
                             }
                             if (model.kind(topLeft) == Gui::ReplicationModel::ItemKind::Filesystem) {
                                 for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
                                     filesystemRows.insert(r);
                                 }
                             }
                         });
    }
};

// A tree view as the window has it, offscreen: the replication model (through a filter, optionally), the progress
// delegate, uniform row heights.
struct TreeUnderTest
{
    Gui::ReplicationModel model;
    Gui::ErrorsOnlyFilter filter;
    Gui::ProgressDelegate delegate;
    QTreeView view;

    TreeUnderTest(bool throughFilter, bool uniformRowHeights)
    {
        model.setJob(u"push"_s);
        if (throughFilter) {
            filter.setSourceModel(&model);
            view.setModel(&filter);
        } else {
            view.setModel(&model);
        }
        view.setUniformRowHeights(uniformRowHeights);
        view.setItemDelegateForColumn(Gui::ReplicationModel::ProgressColumn, &delegate);
        view.resize(1000, 800);
        view.show();
    }

    void expand(bool all)
    {
        if (all) {
            view.expandAll();
        } else {
            view.expand(view.model()->index(0, 0));
        }
    }
};

struct Timings
{
    std::vector<double> parse;
    std::vector<double> jsonDocument;  // of parse: QJsonDocument::fromJson alone
    std::vector<double> jobs;
    std::vector<double> replication;
    std::vector<double> viewUpdate;  // ReplicationModel::update with the view attached
    std::vector<double> viewPaint;  // events + full repaint afterwards
    std::vector<double> viewTotal;
    std::vector<double> filterTotal;
    std::vector<double> allExpandedTotal;
    std::vector<double> signalCount;
};

class Bench
{
public:
    Bench(const Settings &settings, FigureTable &table)
        : m_settings(settings)
        , m_table(table)
        , m_tree(false, true)
        , m_filtered(true, true)
        , m_allExpanded(false, true)
    {
        m_replication.setJob(u"push"_s);
        m_log.connectTo(m_replication);
    }

    bool run(std::string *error);

private:
    bool refresh(int refresh, qint64 nowMSecs, bool live, Timings *timings, std::string *error);
    double timeView(TreeUnderTest &tree, const Api::DaemonStatus &status, const QDateTime &now, double *update,
                    double *paint);
    void report(const std::string &label, const Timings &t);

    Settings m_settings;
    FigureTable &m_table;
    Gui::JobsTableModel m_jobs;
    Gui::ReplicationModel m_replication;
    ChangeLog m_log;
    TreeUnderTest m_tree;
    TreeUnderTest m_filtered;
    TreeUnderTest m_allExpanded;
};

double Bench::timeView(TreeUnderTest &tree, const Api::DaemonStatus &status, const QDateTime &now, double *update,
                       double *paint)
{
    QElapsedTimer timer;
    timer.start();
    tree.model.update(status, now);
    const double updated = msSince(timer);
    QCoreApplication::processEvents();
    tree.view.viewport()->repaint();
    const double total = msSince(timer);
    if (update) {
        *update = updated;
    }
    if (paint) {
        *paint = total - updated;
    }
    return total;
}

bool Bench::refresh(int refresh, qint64 nowMSecs, bool live, Timings *t, std::string *error)
{
    const QByteArray json = document(m_settings.filesystems, refresh).toJson();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMSecs, Qt::UTC);

    QElapsedTimer timer;
    timer.start();
    QString parseError;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(json, &parseError);
    t->parse.push_back(msSince(timer));
    if (!status) {
        *error = "the /status document does not parse: " + parseError.toStdString();
        return false;
    }
    timer.restart();
    const QJsonDocument tree = QJsonDocument::fromJson(json);
    t->jsonDocument.push_back(msSince(timer));
    if (!tree.isObject()) {
        *error = "the /status document is no JSON object";
        return false;
    }

    timer.restart();
    m_jobs.update(*status);
    t->jobs.push_back(msSince(timer));

    m_log.clear();
    timer.restart();
    m_replication.update(*status, now);
    t->replication.push_back(msSince(timer));
    t->signalCount.push_back(m_log.signals);

    double update = 0;
    double paint = 0;
    t->viewTotal.push_back(timeView(m_tree, *status, now, &update, &paint));
    t->viewUpdate.push_back(update);
    t->viewPaint.push_back(paint);
    t->filterTotal.push_back(timeView(m_filtered, *status, now, nullptr, nullptr));
    t->allExpandedTotal.push_back(timeView(m_allExpanded, *status, now, nullptr, nullptr));

    // The answers must be right, or the timings mean nothing.
    const int sending = (m_settings.filesystems + SendingEvery - 1) / SendingEvery;
    if (live) {
        if (int(m_log.filesystemRows.size()) != sending || !m_log.columns.contains(Gui::ReplicationModel::ProgressColumn)) {
            *error = "refresh " + std::to_string(refresh) + ": " + std::to_string(m_log.filesystemRows.size())
                + " filesystem rows signalled, expected the " + std::to_string(sending) + " sending ones";
            return false;
        }
    } else if (m_log.columns.contains(Gui::ReplicationModel::ProgressColumn) || int(m_log.filesystemRows.size()) > sending) {
        *error = "refresh " + std::to_string(refresh) + " changed nothing but signalled progress or idle filesystems";
        return false;
    }
    for (Gui::ReplicationModel *model : {&m_replication, &m_tree.model, &m_allExpanded.model}) {
        const QModelIndex attempt = model->index(0, 0);
        const QModelIndex fs = model->index(SendingEvery, 0, attempt);
        const QModelIndex step = model->index(1, Gui::ReplicationModel::ProgressColumn, fs);
        if (model->rowCount(attempt) != m_settings.filesystems
            || step.data(Gui::BytesReplicatedRole).toLongLong() != sendingBytes(SendingEvery, refresh)) {
            *error = "refresh " + std::to_string(refresh) + ": the model does not show the document's bytes";
            return false;
        }
    }
    if (m_jobs.rowCount() != 1 || m_jobs.summaries().at(0).filesystemsTotal != m_settings.filesystems) {
        *error = "the jobs table does not show the push job";
        return false;
    }
    return true;
}

void Bench::report(const std::string &label, const Timings &t)
{
    const std::string fs = std::to_string(m_settings.filesystems) + " fs";
    const double parse = median(t.parse);
    m_table.add("(a) JobsTableModel::update, " + label + " (vs parse)", median(t.jobs), "ms", parse);
    m_table.add("(b) ReplicationModel::update, " + label + " (vs parse)", median(t.replication), "ms", parse);
    m_table.add("(c) update + QTreeView dataChanged + repaint, " + label, median(t.viewTotal), "ms", parse);
    m_table.add("    of which update with the view attached", median(t.viewUpdate), "ms", parse);
    m_table.add("    of which processEvents + viewport repaint", median(t.viewPaint), "ms", parse);
    m_table.add("(c) the same through ErrorsOnlyFilter (off), " + label, median(t.filterTotal), "ms", parse);
    m_table.add("(c) the same with every row expanded, " + label, median(t.allExpandedTotal), "ms", parse);
    m_table.add("dataChanged signals per refresh, " + label, median(t.signalCount), "");
    std::vector<double> whole;
    for (size_t i = 0; i < t.parse.size(); ++i) {
        whole.push_back(t.parse[i] + t.jobs[i] + t.viewTotal[i]);
    }
    m_table.add("refresh: parse + (a) + (c), " + label + " (vs 50 ms target)", median(whole), "ms", 50.0);
}

bool Bench::run(std::string *error)
{
    const QByteArray first = document(m_settings.filesystems, 0).toJson();
    const std::optional<Api::DaemonStatus> initial = Api::DaemonStatus::fromJson(first, nullptr);
    if (!initial) {
        *error = "the first document does not parse";
        return false;
    }
    const qint64 t0 = StartAt.toMSecsSinceEpoch() + 60'000;
    const QDateTime now0 = QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC);

    // The first fill: a reset of each model and the view's first layout and paint.
    QElapsedTimer timer;
    timer.start();
    m_jobs.update(*initial);
    m_replication.update(*initial, now0);
    const double fill = msSince(timer);
    timer.restart();
    m_tree.model.update(*initial, now0);
    m_tree.expand(false);
    QCoreApplication::processEvents();
    m_tree.view.viewport()->repaint();
    const double firstPaint = msSince(timer);
    m_filtered.model.update(*initial, now0);
    m_filtered.expand(false);
    timer.restart();
    m_allExpanded.model.update(*initial, now0);
    m_allExpanded.expand(true);
    QCoreApplication::processEvents();
    m_allExpanded.view.viewport()->repaint();
    const double expandAll = msSince(timer);
    QCoreApplication::processEvents();

    // One refresh to warm up, then the live case (1 % of the bytes move, a second apart), then the same document
    // again and again while time goes on.
    Timings warmUp;
    if (!refresh(1, t0 + 1000, true, &warmUp, error)) {
        return false;
    }
    Timings live;
    int k = 2;
    for (int i = 0; i < m_settings.refreshes; ++i, ++k) {
        if (!refresh(k, t0 + k * 1000, true, &live, error)) {
            return false;
        }
    }
    Timings still;
    const int last = k - 1;
    for (int i = 0; i < m_settings.refreshes; ++i, ++k) {
        if (!refresh(last, t0 + k * 1000, false, &still, error)) {
            return false;
        }
    }

    const std::string fs = std::to_string(m_settings.filesystems) + " fs";
    m_table.add("parse /status JSON, " + fs + " (the baseline)", median(live.parse), "ms");
    m_table.add("    of which QJsonDocument::fromJson", median(live.jsonDocument), "ms", median(live.parse));
    m_table.add("/status body size", double(first.size()) / 1'048'576, "MiB");
    m_table.add("first fill: JobsTableModel + ReplicationModel (vs parse)", fill, "ms", median(live.parse));
    m_table.add("first fill: ReplicationModel + QTreeView first paint", firstPaint, "ms", median(live.parse));
    m_table.add("first fill: the same, every row expanded", expandAll, "ms", median(live.parse));
    report("1% changed", live);
    report("unchanged", still);
    m_table.add("peak RSS (VmHWM)", double(BenchSupport::peakRssKiB()) / 1024, "MiB");
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() > 1 || (args.size() == 1 && args[0] != "--quick"_L1)) {
        std::fprintf(stderr, "usage: bench-gui [--quick]\n");
        return 2;
    }
    const bool quick = args.contains(u"--quick"_s);
    const Settings settings = quick ? Settings::quick() : Settings{};

    QElapsedTimer total;
    total.start();
    FigureTable table(FigureTable::Layout{70, 14, 2});
    std::string error;
    {
        Bench bench(settings, table);
        if (!bench.run(&error)) {
            std::fprintf(stderr, "bench-gui: %s\n", error.c_str());
            return 1;
        }
    }
    StatusFeedBench feed(settings.feed, table);
    if (!feed.run(&error)) {
        std::fprintf(stderr, "bench-gui: status feed: %s\n", error.c_str());
        return 1;
    }
    VersionHistoryBench history(settings.historySnapshots, settings.historyRuns, table);
    if (!history.run(&error)) {
        std::fprintf(stderr, "bench-gui: file history: %s\n", error.c_str());
        return 1;
    }
    DirectoryLoadBench directory(settings.directoryEntries, settings.directoryRuns, table);
    if (!directory.run(&error)) {
        std::fprintf(stderr, "bench-gui: snapshot directory: %s\n", error.c_str());
        return 1;
    }
    std::printf("bench-gui%s: %d filesystems, %d refreshes per case; restore: %d snapshots x %d runs, %d directory "
                "entries x %d loads; %d cores, %s platform, %.1f s\n",
                quick ? " --quick" : "", settings.filesystems, settings.refreshes, settings.historySnapshots,
                settings.historyRuns, settings.directoryEntries, settings.directoryRuns,
                int(std::thread::hardware_concurrency()), qPrintable(QGuiApplication::platformName()),
                double(total.elapsed()) / 1000);
    table.print();
    std::printf("\n%s\n%s\n%s\n", feed.verdict().c_str(), history.verdict().c_str(), directory.verdict().c_str());
    return 0;
}
