// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QWizard>

#include "app/core/NewBackupPlan.h"

namespace Gui {

class ConfigSession;
class FilesystemTreeModel;
class StatusPoller;
class NewBackupDestinationPage;
class NewBackupEncryptionPage;
class NewBackupFilesystemsPage;
class NewBackupReviewPage;
class NewBackupSchedulePage;

// The New backup… assistant: what to back up (the daemon's filesystems), where to (another pool, a server over
// ssh, tcp or tls), how often and how long to keep it, whether to send it encrypted as it is, and then the YAML it
// adds to the daemon's configuration, checked by the daemon and applied. Each page says what it will change; the
// pages hold the widgets, NewBackupPlan the decisions.
class NewBackupWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        FilesystemsPageId,
        DestinationPageId,
        SchedulePageId,
        EncryptionPageId,
        ReviewPageId,
    };

    // `poller` (may be null) tells the first snapshot of the new job after it was applied.
    NewBackupWizard(ConfigSession &session, StatusPoller *poller, QWidget *parent = nullptr);
    ~NewBackupWizard() override;

    ConfigSession &session()
    {
        return m_session;
    }

    StatusPoller *poller()
    {
        return m_poller;
    }

    FilesystemTreeModel *filesystems()
    {
        return m_filesystems;
    }

    // Everything chosen so far, from every page.
    NewBackupChoices choices() const;
    // The job names of the configuration as last read.
    QStringList existingJobs() const;
    // The name of the new push job: what the user typed on the review page, or suggestedName().
    QString jobName() const;
    // "home_to_usbpool": the first filesystem and the destination, unique in the file.
    QString suggestedName() const;
    // The configuration with the new jobs appended, for `text` (the file as last read, unless given).
    std::optional<NewBackupPlan::Appended> proposed(QString *error) const;
    std::optional<NewBackupPlan::Appended> proposedFor(const QString &text, QString *error) const;

    NewBackupFilesystemsPage *filesystemsPage() const
    {
        return m_filesystemsPage;
    }

    NewBackupDestinationPage *destinationPage() const
    {
        return m_destinationPage;
    }

    NewBackupSchedulePage *schedulePage() const
    {
        return m_schedulePage;
    }

    NewBackupEncryptionPage *encryptionPage() const
    {
        return m_encryptionPage;
    }

    NewBackupReviewPage *reviewPage() const
    {
        return m_reviewPage;
    }

    // Screenshots of the pages (the end-to-end test keeps one per page).
    QString pageKey(int id) const;

private:
    ConfigSession &m_session;
    StatusPoller *m_poller = nullptr;
    FilesystemTreeModel *m_filesystems = nullptr;
    NewBackupFilesystemsPage *m_filesystemsPage = nullptr;
    NewBackupDestinationPage *m_destinationPage = nullptr;
    NewBackupSchedulePage *m_schedulePage = nullptr;
    NewBackupEncryptionPage *m_encryptionPage = nullptr;
    NewBackupReviewPage *m_reviewPage = nullptr;
};

}  // namespace Gui
