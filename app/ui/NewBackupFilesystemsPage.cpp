// SPDX-License-Identifier: MIT
#include "app/ui/NewBackupFilesystemsPage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "app/core/ConfigSession.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/models/Format.h"
#include "app/ui/NewBackupWizard.h"

using namespace Qt::StringLiterals;

namespace Gui {

NewBackupFilesystemsPage::NewBackupFilesystemsPage(NewBackupWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"newBackupFilesystemsPage"_s);
    setTitle(tr("What do you want to back up?"));
    setSubTitle(tr("Tick the filesystems to back up. A ticked filesystem includes everything below it, also what is "
                   "created there later; untick one below it to leave it out."));
    m_view = new QTreeView;
    m_view->setObjectName(u"filesystemTreeView"_s);
    m_view->setModel(wizard->filesystems());
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_status = new QLabel;
    m_status->setObjectName(u"filesystemsStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning = new QLabel;
    m_warning->setObjectName(u"filesystemsWarningLabel"_s);
    m_warning->setWordWrap(true);
    m_warning->hide();
    m_refresh = new QPushButton(tr("Refresh"));
    m_refresh->setObjectName(u"refreshFilesystemsButton"_s);
    connect(m_refresh, &QPushButton::clicked, this, &NewBackupFilesystemsPage::refresh);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(statusRow);
    layout->addWidget(m_warning);

    ConfigClient &client = wizard->session().client();
    connect(
        &client, &ConfigClient::filesystemsReceived, this, [this](quint64 id, const Api::FilesystemListing &listing) {
            if (id != m_requestId) {
                return;
            }
            m_wizard->filesystems()->setListing(listing);
            handleListing(id);
        });
    connect(&client, &ConfigClient::failed, this, [this](quint64 id, const ConfigFailure &failure) {
        handleFailure(id, failure.message);
    });
    connect(wizard->filesystems(), &FilesystemTreeModel::selectionChanged, this, [this] {
        updateSummary();
        Q_EMIT completeChanged();
    });
}

void NewBackupFilesystemsPage::initializePage()
{
    if (!m_loaded && m_requestId == 0) {
        refresh();
    }
}

void NewBackupFilesystemsPage::refresh()
{
    if (m_requestId != 0) {
        return;
    }
    m_error.clear();
    m_requestId = m_wizard->session().client().fetchFilesystems();
    m_refresh->setEnabled(false);
    updateSummary();
}

void NewBackupFilesystemsPage::handleListing(quint64 id)
{
    Q_UNUSED(id)
    m_requestId = 0;
    m_loaded = true;
    m_refresh->setEnabled(true);
    m_view->expandAll();
    fitColumns();
    updateSummary();
    Q_EMIT completeChanged();
}

void NewBackupFilesystemsPage::handleFailure(quint64 id, const QString &message)
{
    if (id != m_requestId) {
        return;
    }
    m_requestId = 0;
    m_error = message;
    m_refresh->setEnabled(true);
    updateSummary();
}

void NewBackupFilesystemsPage::fitColumns()
{
    // A handful of filesystems on a workstation: the columns follow their contents, the last takes the rest.
    for (int column = 0; column < FilesystemTreeModel::JobsColumn; ++column) {
        m_view->resizeColumnToContents(column);
    }
}

QString NewBackupFilesystemsPage::summary() const
{
    return m_status->text();
}

void NewBackupFilesystemsPage::updateSummary()
{
    FilesystemTreeModel *model = m_wizard->filesystems();
    QString text;
    if (!m_error.isEmpty()) {
        text = m_error;
    } else if (isLoading()) {
        text = tr("Asking the daemon for its filesystems…");
    } else if (model->listing().filesystems.isEmpty()) {
        text = tr("The daemon found no ZFS filesystems on this machine.");
    } else if (model->selection().isEmpty()) {
        text = tr("Nothing ticked yet.");
    } else {
        const int count = int(model->selection().size());
        const QString bytes = Format::bytes(model->selectedBytes());
        text = count == 1 ? tr("1 filesystem, %1: %2").arg(bytes, model->filter().describe())
                          : tr("%1 filesystems, %2: %3").arg(count).arg(bytes, model->filter().describe());
    }
    m_status->setText(text);
    const QStringList already = model->selectedAlreadyBackedUp();
    m_warning->setText(already.isEmpty() ? QString()
                                         : tr("Backed up by another job already: %1. The new job takes snapshots of "
                                              "its own, named so that neither job prunes the other's.")
                                               .arg(already.join(u", "_s)));
    m_warning->setVisible(!already.isEmpty());
}

bool NewBackupFilesystemsPage::isComplete() const
{
    return !m_wizard->filesystems()->selection().isEmpty();
}

}  // namespace Gui
