// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "app/core/HoldsActionRunner.h"
#include "app/core/HoldsFetcher.h"

class QAction;
class QLabel;
class QTableView;

namespace Gui {

class HoldsModel;

// The pane under the Filesystems view: the holds, bookmarks and interrupted receives that keep the selected
// filesystem (or the selected job's filesystems) replicating, and the admin actions on them. It asks the daemon
// when it is first shown, on Refresh and after each action: listing them runs zfs on the daemon's side, so it is
// never polled. The decisions are in HoldsActions and HoldsActionRunner; this shows them and asks the user.
class HoldsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit HoldsPanel(Api::ControlClient &client, QWidget *parent = nullptr);
    ~HoldsPanel() override;

    // The job whose stale items "Release" releases and whose filesystems are shown; empty: every job.
    void setJob(const QString &job);
    // The filesystem selected in the Filesystems view; empty: none.
    void setFilesystem(const QString &filesystem);
    // From the poller: whether the daemon answers and lets this user change things.
    void setConnection(bool connected, bool readOnly);
    // The daemon went away: the one that comes back may be another kind.
    void forget();
    void setNow(const QDateTime &now);
    void refresh();

    // The filesystem the actions act on: the one of the selected row, else the one selected in the Filesystems view.
    QString targetFilesystem() const;

    HoldsModel *model() const
    {
        return m_model;
    }

    HoldsFetcher &fetcher()
    {
        return m_fetcher;
    }

    QAction *refreshAction() const
    {
        return m_refresh;
    }

    QAction *releaseStaleAction() const
    {
        return m_releaseStale;
    }

    QAction *abandonResumeAction() const
    {
        return m_abandonResume;
    }

    QAction *stopReplicatingAction() const
    {
        return m_stopReplicating;
    }

Q_SIGNALS:
    // An action changed something on the pools: the status and freshness may have too.
    void actionFinished(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void start(HoldsAction action);
    void confirm(const HoldsConfirmation &confirmation);
    void showOutcome(const HoldsActionOutcome &outcome);
    void updateTexts();
    void updateActions();

    HoldsFetcher m_fetcher;
    HoldsActionRunner m_runner;
    HoldsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_note = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_releaseStale = nullptr;
    QAction *m_abandonResume = nullptr;
    QAction *m_stopReplicating = nullptr;
    QString m_job;
    QString m_filesystem;
    bool m_connected = false;
    bool m_readOnly = false;
};

}  // namespace Gui
