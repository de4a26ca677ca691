// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class QTreeView;

namespace Gui {

class NewBackupWizard;
struct ConfigFailure;

// "What do you want to back up?": the daemon's filesystems as a tree with check boxes, sizes and encryption, and
// which of them other jobs back up already.
class NewBackupFilesystemsPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit NewBackupFilesystemsPage(NewBackupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

    // Asks the daemon for its filesystems (again).
    void refresh();

    bool isLoading() const
    {
        return m_requestId != 0;
    }

    QTreeView *view() const
    {
        return m_view;
    }

    QString summary() const;

private:
    void handleListing(quint64 id);
    void handleFailure(quint64 id, const QString &message);
    void updateSummary();
    void fitColumns();

    NewBackupWizard *m_wizard;
    QTreeView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_refresh = nullptr;
    quint64 m_requestId = 0;
    QString m_error;
    bool m_loaded = false;
};

}  // namespace Gui
