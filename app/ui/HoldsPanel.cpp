// SPDX-License-Identifier: MIT
#include "app/ui/HoldsPanel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "app/models/Format.h"
#include "app/models/HoldsModel.h"
#include "app/ui/TableColumnFitter.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

// A confirmation lists every change; past this many lines the rest goes into the box's details.
constexpr int ShownLines = 12;

void setListing(QMessageBox *box, const QString &listing)
{
    const QStringList lines = listing.split(u'\n');
    if (lines.size() <= ShownLines) {
        box->setInformativeText(listing);
        return;
    }
    box->setInformativeText(lines.mid(0, ShownLines).join(u'\n') + u"\n…"_s);
    box->setDetailedText(listing);
}

QString confirmButtonText(HoldsAction action)
{
    switch (action) {
    case HoldsAction::ReleaseStale:
        return QCoreApplication::translate("Gui::HoldsPanel", "Release");
    case HoldsAction::AbandonResume:
        return QCoreApplication::translate("Gui::HoldsPanel", "Abandon");
    case HoldsAction::StopReplicating:
        return QCoreApplication::translate("Gui::HoldsPanel", "Stop Replicating");
    }
    return {};
}

}  // namespace

HoldsPanel::HoldsPanel(Api::ControlClient &client, QWidget *parent)
    : QWidget(parent)
    , m_fetcher(client)
    , m_runner(client)
{
    setObjectName(u"holdsPanel"_s);
    m_model = new HoldsModel(this);

    m_title = new QLabel;
    m_title->setObjectName(u"holdsTitleLabel"_s);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_note = new QLabel;
    m_note->setObjectName(u"holdsNoteLabel"_s);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_refresh = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("Refresh"), this);
    m_refresh->setObjectName(u"holdsRefreshAction"_s);
    m_refresh->setToolTip(tr("List the holds again (the daemon runs zfs for it)"));
    connect(m_refresh, &QAction::triggered, this, &HoldsPanel::refresh);
    m_releaseStale = new QAction(HoldsActions::actionText(HoldsAction::ReleaseStale), this);
    m_releaseStale->setObjectName(u"releaseStaleAction"_s);
    connect(m_releaseStale, &QAction::triggered, this, [this] { start(HoldsAction::ReleaseStale); });
    m_abandonResume = new QAction(HoldsActions::actionText(HoldsAction::AbandonResume), this);
    m_abandonResume->setObjectName(u"abandonResumeAction"_s);
    connect(m_abandonResume, &QAction::triggered, this, [this] { start(HoldsAction::AbandonResume); });
    m_stopReplicating = new QAction(HoldsActions::actionText(HoldsAction::StopReplicating), this);
    m_stopReplicating->setObjectName(u"stopReplicatingAction"_s);
    connect(m_stopReplicating, &QAction::triggered, this, [this] { start(HoldsAction::StopReplicating); });

    auto *toolbar = new QToolBar;
    toolbar->setObjectName(u"holdsToolBar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(m_title);
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addAction(m_refresh);
    toolbar->addSeparator();
    toolbar->addAction(m_releaseStale);
    toolbar->addAction(m_abandonResume);
    toolbar->addAction(m_stopReplicating);

    m_view = new QTableView;
    m_view->setObjectName(u"holdsView"_s);
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // The purpose and the stale reason are what is read; the path repeats the selection above and is hidden while
    // one filesystem is shown.
    m_view->horizontalHeader()->setStretchLastSection(true);
    new TableColumnFitter(m_view, -1);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HoldsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HoldsPanel::updateActions);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_note);
    layout->addWidget(m_view);

    connect(&m_fetcher, &HoldsFetcher::changed, this, [this] {
        m_model->setReport(m_fetcher.report());
        updateTexts();
        updateActions();
    });
    connect(&m_runner, &HoldsActionRunner::confirmationNeeded, this, &HoldsPanel::confirm);
    connect(&m_runner, &HoldsActionRunner::finished, this, &HoldsPanel::showOutcome);
    updateTexts();
    updateActions();
}

HoldsPanel::~HoldsPanel() = default;

void HoldsPanel::setJob(const QString &job)
{
    m_job = job;
    m_model->setJob(job);
    updateTexts();
    updateActions();
}

void HoldsPanel::setFilesystem(const QString &filesystem)
{
    m_filesystem = filesystem;
    m_model->setFilesystem(filesystem);
    m_view->setColumnHidden(HoldsModel::FilesystemColumn, !filesystem.isEmpty());
    updateTexts();
    updateActions();
}

void HoldsPanel::setConnection(bool connected, bool readOnly)
{
    const bool reconnected = connected && !m_connected;
    m_connected = connected;
    m_readOnly = readOnly;
    // A first request that found no daemon is asked again once one answers, if anybody is looking.
    if (reconnected && isVisible() && !m_fetcher.report() && m_fetcher.support() != EndpointSupport::Unsupported) {
        refresh();
    }
    updateActions();
}

void HoldsPanel::forget()
{
    m_fetcher.forget();
}

void HoldsPanel::setNow(const QDateTime &now)
{
    m_model->setNow(now);
}

void HoldsPanel::refresh()
{
    if (m_fetcher.support() != EndpointSupport::Unsupported) {
        m_fetcher.refresh();
    }
}

void HoldsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_fetcher.hasAsked()) {
        refresh();
    }
}

QString HoldsPanel::targetFilesystem() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? m_filesystem : m_model->filesystemOfRow(rows.first().row());
}

void HoldsPanel::updateTexts()
{
    if (!m_filesystem.isEmpty()) {
        m_title->setText(tr("Holds and bookmarks of %1").arg(m_filesystem));
    } else if (!m_job.isEmpty()) {
        m_title->setText(tr("Holds and bookmarks of job %1").arg(m_job));
    } else {
        m_title->setText(tr("Holds and bookmarks of every job"));
    }

    QStringList lines;
    if (m_fetcher.support() == EndpointSupport::Unsupported) {
        lines.append(HoldsFetcher::unsupportedMessage());
    } else if (!m_fetcher.error().isEmpty()) {
        lines.append(m_fetcher.error());
    } else if (!m_fetcher.report()) {
        lines.append(m_fetcher.isLoading() ? tr("Listing the holds…") : QString());
    } else {
        const Api::HoldsReport &report = *m_fetcher.report();
        const int rows = m_model->rowCount();
        const int stale = m_model->staleCount();
        QString summary;
        if (rows == 0) {
            summary = m_filesystem.isEmpty() ? tr("Nothing of Holdfast's or zrepl's is kept here.")
                                             : tr("Nothing of Holdfast's or zrepl's is kept on %1.").arg(m_filesystem);
        } else if (rows == 1) {
            summary = stale == 0 ? tr("One item, not stale.") : tr("One item, stale.");
        } else {
            summary =
                stale == 0 ? tr("%1 items, none stale.").arg(rows) : tr("%1 items, %2 stale.").arg(rows).arg(stale);
        }
        if (!report.listedAt.isZero()) {
            summary += u' ' + tr("Listed at %1.").arg(Format::time(report.listedAt.toDateTime()));
        }
        lines.append(summary);
        if (const Api::FilesystemHolds *fs = m_model->filesystemHolds(m_filesystem)) {
            if (!fs->runningStepJob.isEmpty()) {
                lines.append(
                    tr("A replication step of job %1 runs on %2 now.").arg(fs->runningStepJob, fs->filesystem));
            }
            if (fs->paused) {
                lines.append(tr("Replication of %1 is paused.").arg(fs->filesystem));
            }
            if (fs->partialReceive) {
                lines.append(HoldsModel::partialReceiveText(*fs->partialReceive));
            }
        }
        if (!report.unlistedHolds.isEmpty()) {
            lines.append(tr("zfs cannot list the hold tags of %1 snapshots: they are not shown.")
                             .arg(report.unlistedHolds.size()));
        }
    }
    lines.removeAll(QString());
    m_note->setText(lines.join(u'\n'));
    m_note->setVisible(!lines.isEmpty());
}

void HoldsPanel::updateActions()
{
    const std::optional<Api::HoldsReport> &report = m_fetcher.report();
    const HoldsActionsState state =
        HoldsActions::compute(report ? &*report : nullptr, m_job, targetFilesystem(), m_connected, m_readOnly);
    const bool idle = !m_runner.isBusy();
    m_releaseStale->setEnabled(state.releaseStale && idle);
    m_releaseStale->setToolTip(state.releaseStaleTip);
    m_abandonResume->setEnabled(state.abandonResume && idle);
    m_abandonResume->setToolTip(state.abandonResumeTip);
    m_stopReplicating->setEnabled(state.stopReplicating && idle);
    m_stopReplicating->setToolTip(state.stopReplicatingTip);
    m_refresh->setEnabled(m_connected && m_fetcher.support() != EndpointSupport::Unsupported);
}

void HoldsPanel::start(HoldsAction action)
{
    if (m_runner.start(action, m_job, targetFilesystem())) {
        updateActions();
    }
}

void HoldsPanel::confirm(const HoldsConfirmation &confirmation)
{
    // Window-modal and asynchronous: the window keeps updating while the user reads the list.
    auto *box = new QMessageBox(
        QMessageBox::Question, confirmation.title, confirmation.question, QMessageBox::Ok | QMessageBox::Cancel, this);
    box->setObjectName(u"holdsConfirmDialog"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Ok)->setText(confirmButtonText(confirmation.action));
    // Stopping replication is the one that cannot be undone cheaply: Enter must not do it.
    box->setDefaultButton(confirmation.action == HoldsAction::StopReplicating ? QMessageBox::Cancel : QMessageBox::Ok);
    setListing(box, confirmation.details);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() == box->button(QMessageBox::Ok)) {
            m_runner.confirm();
        } else {
            m_runner.cancel();
        }
    });
    box->open();
}

void HoldsPanel::showOutcome(const HoldsActionOutcome &outcome)
{
    updateActions();
    if (outcome.result == HoldsActionOutcome::Result::Cancelled) {
        return;
    }
    const bool bad =
        outcome.result != HoldsActionOutcome::Result::Done && outcome.result != HoldsActionOutcome::Result::NothingToDo;
    auto *box = new QMessageBox(
        bad ? QMessageBox::Warning : QMessageBox::Information, tr("Holds"), outcome.message, QMessageBox::Ok, this);
    box->setObjectName(u"holdsResultDialog"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (outcome.reply) {
        setListing(box, HoldsActions::listing(*outcome.reply));
    }
    box->open();
    if (outcome.result != HoldsActionOutcome::Result::Unsupported) {
        // What the pools hold now, whether it went well or not.
        refresh();
    }
    Q_EMIT actionFinished(outcome.message);
}

}  // namespace Gui
