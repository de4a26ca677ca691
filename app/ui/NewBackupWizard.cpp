// SPDX-License-Identifier: MIT
#include "app/ui/NewBackupWizard.h"

#include "app/core/ConfigSession.h"
#include "app/core/JobNames.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/ui/NewBackupDestinationPage.h"
#include "app/ui/NewBackupEncryptionPage.h"
#include "app/ui/NewBackupFilesystemsPage.h"
#include "app/ui/NewBackupReviewPage.h"
#include "app/ui/NewBackupSchedulePage.h"

using namespace Qt::StringLiterals;

namespace Gui {

NewBackupWizard::NewBackupWizard(ConfigSession &session, StatusPoller *poller, QWidget *parent)
    : QWizard(parent)
    , m_session(session)
    , m_poller(poller)
{
    setObjectName(u"newBackupWizard"_s);
    setWindowTitle(tr("New Backup"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoCancelButtonOnLastPage, false);
    m_filesystems = new FilesystemTreeModel(this);
    m_filesystemsPage = new NewBackupFilesystemsPage(this);
    m_destinationPage = new NewBackupDestinationPage(this);
    m_schedulePage = new NewBackupSchedulePage(this);
    m_encryptionPage = new NewBackupEncryptionPage(this);
    m_reviewPage = new NewBackupReviewPage(this);
    setPage(FilesystemsPageId, m_filesystemsPage);
    setPage(DestinationPageId, m_destinationPage);
    setPage(SchedulePageId, m_schedulePage);
    setPage(EncryptionPageId, m_encryptionPage);
    setPage(ReviewPageId, m_reviewPage);
    setStartId(FilesystemsPageId);
    // The file as it is now: names must be unique against it, and the apply builds on its version.
    m_session.reload();
    resize(940, 760);
}

NewBackupWizard::~NewBackupWizard() = default;

QStringList NewBackupWizard::existingJobs() const
{
    return m_session.document() ? NewBackupPlan::jobNames(m_session.document()->text) : m_session.jobNames();
}

QString NewBackupWizard::suggestedName() const
{
    const QString target = m_destinationPage ? m_destinationPage->target() : QString();
    return NewBackupPlan::suggestName(m_filesystems->filter(), target.isEmpty() ? u"backup"_s : target, existingJobs());
}

QString NewBackupWizard::jobName() const
{
    const QString typed = m_reviewPage ? m_reviewPage->jobName() : QString();
    return typed.isEmpty() ? suggestedName() : typed;
}

NewBackupChoices NewBackupWizard::choices() const
{
    NewBackupChoices c;
    c.name = jobName();
    c.filesystems = m_filesystems->filter();
    if (m_destinationPage) {
        m_destinationPage->fill(c);
    }
    if (m_schedulePage) {
        m_schedulePage->fill(c);
    }
    if (m_encryptionPage) {
        m_encryptionPage->fill(c);
    }
    if (m_session.document()) {
        NewBackupPlan::useExistingSink(c, m_session.document()->text);
    }
    // Two jobs that snapshot the same filesystem with the same prefix would prune each other's snapshots (zrepl's
    // grid and last_n count them all): a filesystem another job covers gets snapshots named after the new job.
    if (!m_filesystems->selectedAlreadyBackedUp().isEmpty()) {
        c.prefix = u"zrepl_%1_"_s.arg(JobNames::sanitize(c.name, u"backup"_s));
    }
    return c;
}

std::optional<NewBackupPlan::Appended> NewBackupWizard::proposedFor(const QString &text, QString *error) const
{
    NewBackupChoices c = choices();
    NewBackupPlan::useExistingSink(c, text);  // the text may be newer than the document the pages saw
    const QStringList existing = NewBackupPlan::jobNames(text);
    if (const QStringList problems = NewBackupPlan::problems(c, existing); !problems.isEmpty()) {
        *error = problems.join(u'\n');
        return std::nullopt;
    }
    return NewBackupPlan::build(c, existing).appendTo(text, error);
}

std::optional<NewBackupPlan::Appended> NewBackupWizard::proposed(QString *error) const
{
    if (!m_session.document()) {
        *error =
            m_session.loadFailure() ? m_session.loadFailure()->message : tr("The configuration has not been read yet");
        return std::nullopt;
    }
    return proposedFor(m_session.document()->text, error);
}

QString NewBackupWizard::pageKey(int id) const
{
    switch (id) {
    case FilesystemsPageId:
        return u"filesystems"_s;
    case DestinationPageId:
        return u"destination"_s;
    case SchedulePageId:
        return u"schedule"_s;
    case EncryptionPageId:
        return u"encryption"_s;
    case ReviewPageId:
        return u"review"_s;
    default:
        return {};
    }
}

}  // namespace Gui
