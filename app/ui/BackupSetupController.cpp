// SPDX-License-Identifier: MIT
#include "app/ui/BackupSetupController.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

#include "app/core/ConfigChangeText.h"
#include "app/core/JobRemoval.h"
#include "app/core/StatusPoller.h"
#include "app/ui/ConfigEditorDialog.h"
#include "app/ui/EditJobDialog.h"
#include "app/ui/NewBackupWizard.h"
#include "shared/config/ConfigTextEditor.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

QString scalar(const YAML::Node &node)
{
    return node.IsDefined() && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

YAML::Node child(const YAML::Node &map, const char *key)
{
    return map.IsDefined() && map.IsMap() ? map[key] : YAML::Node(YAML::NodeType::Undefined);
}

// Where a job receives (its root_fs); for a push job over the local transport, the sink job of the file it sends
// to, and where that one receives.
struct Receiving
{
    QString rootFs;
    QString localSink;
};

Receiving receivingOf(const Api::ConfigDocument &document, const QString &job)
{
    const ConfigEdit::ConfigTextEditor editor(document.text);
    const std::optional<YAML::Node> node = editor.jobNode(job);
    if (!node) {
        return {};
    }
    Receiving out;
    out.rootFs = scalar(child(*node, "root_fs"));
    const YAML::Node connect = child(*node, "connect");
    if (scalar(child(connect, "type")) != u"local") {
        return out;
    }
    const QString listener = scalar(child(connect, "listener_name"));
    for (const ConfigEdit::ConfigTextEditor::JobRange &range : editor.jobs()) {
        const std::optional<YAML::Node> other = editor.jobNode(range.name);
        if (!other || scalar(child(*other, "type")) != u"sink") {
            continue;
        }
        const YAML::Node serve = child(*other, "serve");
        if (scalar(child(serve, "type")) == u"local" && scalar(child(serve, "listener_name")) == listener) {
            out.localSink = range.name;
            out.rootFs = scalar(child(*other, "root_fs"));
        }
    }
    return out;
}

QString typeOf(const Api::ConfigDocument &document, const QString &job)
{
    for (const Api::ConfigJobSummary &summary : document.jobs) {
        if (summary.name == job) {
            return summary.type;
        }
    }
    return {};
}

}  // namespace

BackupSetupController::BackupSetupController(StatusPoller &poller, QWidget *window)
    : QObject(window)
    , m_poller(poller)
    , m_window(window)
    , m_session(poller.client())
{
    m_newBackup = new QAction(QIcon::fromTheme(u"list-add"_s), tr("&New Backup…"), this);
    m_newBackup->setObjectName(u"newBackupAction"_s);
    m_newBackup->setShortcut(QKeySequence::New);
    connect(m_newBackup, &QAction::triggered, this, &BackupSetupController::openNewBackup);
    m_editJob = new QAction(QIcon::fromTheme(u"document-edit"_s), tr("&Edit Job…"), this);
    m_editJob->setObjectName(u"editJobAction"_s);
    connect(m_editJob, &QAction::triggered, this, &BackupSetupController::openEditJob);
    m_removeJob = new QAction(QIcon::fromTheme(u"list-remove"_s), tr("Re&move Job…"), this);
    m_removeJob->setObjectName(u"removeJobAction"_s);
    connect(m_removeJob, &QAction::triggered, this, &BackupSetupController::removeJob);
    m_advanced = new QAction(QIcon::fromTheme(u"text-x-generic"_s), tr("Edit &Configuration (Advanced)…"), this);
    m_advanced->setObjectName(u"advancedConfigAction"_s);
    connect(m_advanced, &QAction::triggered, this, &BackupSetupController::openAdvanced);

    connect(&m_poller, &StatusPoller::connectionChanged, this, &BackupSetupController::handleConnection);
    connect(&m_poller, &StatusPoller::accessChanged, this, [this] {
        // What this user may do changed: the document says it anew (editable, the reason).
        if (m_connected) {
            m_session.reload();
        }
        update();
    });
    connect(&m_session, &ConfigSession::documentChanged, this, &BackupSetupController::update);
    connect(&m_session, &ConfigSession::applied, this, &BackupSetupController::handleApplied);
    connect(&m_session, &ConfigSession::applyFailed, this, &BackupSetupController::handleApplyFailed);
    handleConnection();
}

NewBackupWizard *BackupSetupController::wizard() const
{
    return m_wizard;
}

EditJobDialog *BackupSetupController::editDialog() const
{
    return m_editDialog;
}

ConfigEditorDialog *BackupSetupController::editorDialog() const
{
    return m_editorDialog;
}

void BackupSetupController::handleConnection()
{
    const bool connected = m_poller.state() == ConnectionState::Connected;
    if (connected && !m_connected) {
        m_session.reload();
    } else if (!connected && m_poller.state() == ConnectionState::NotRunning && m_session.document()) {
        m_session.forget();
    }
    m_connected = connected;
    update();
}

void BackupSetupController::forget()
{
    m_session.forget();
    m_connected = false;
    update();
}

void BackupSetupController::setSelectedJob(const QString &job)
{
    m_selectedJob = job;
    update();
}

void BackupSetupController::update()
{
    ConfigActionInput input;
    input.connected = m_poller.state() == ConnectionState::Connected;
    input.readOnlyAccess = m_poller.isReadOnly();
    input.document = m_session.document() ? &*m_session.document() : nullptr;
    input.loadFailure = m_session.loadFailure() ? &*m_session.loadFailure() : nullptr;
    input.loading = m_session.isLoading();
    input.applying = m_session.isApplying();
    input.selectedJob = m_selectedJob;
    m_state = ConfigActions::compute(input);
    m_newBackup->setEnabled(m_state.newBackup);
    m_newBackup->setToolTip(m_state.newBackupTip);
    m_editJob->setEnabled(m_state.editJob);
    m_editJob->setToolTip(m_state.editJobTip);
    m_removeJob->setEnabled(m_state.removeJob);
    m_removeJob->setToolTip(m_state.removeJobTip);
    m_advanced->setEnabled(m_state.advanced || (input.document && !input.document->editable));
    // A read-only user may still read the file (redacted) in the editor; it says why it cannot be changed.
    m_advanced->setToolTip(m_state.advanced ? m_state.advancedTip
                           : input.document
                               ? tr("Read the configuration (it cannot be changed: %1)").arg(m_state.advancedTip)
                               : m_state.advancedTip);
}

NewBackupWizard *BackupSetupController::openNewBackup()
{
    if (!m_state.newBackup) {
        return nullptr;
    }
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return m_wizard;
    }
    m_wizard = new NewBackupWizard(m_session, &m_poller, m_window);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    m_wizard->show();
    return m_wizard;
}

EditJobDialog *BackupSetupController::openEditJob()
{
    if (!m_state.editJob) {
        return nullptr;
    }
    if (m_editDialog) {
        m_editDialog->close();
    }
    m_editDialog = new EditJobDialog(m_session, m_selectedJob, m_window);
    m_editDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editDialog, &EditJobDialog::applied, this, &BackupSetupController::message);
    m_editDialog->open();
    return m_editDialog;
}

ConfigEditorDialog *BackupSetupController::openAdvanced()
{
    if (!m_advanced->isEnabled()) {
        return nullptr;
    }
    if (m_editorDialog) {
        m_editorDialog->raise();
        m_editorDialog->activateWindow();
        return m_editorDialog;
    }
    m_editorDialog = new ConfigEditorDialog(m_session, m_window);
    m_editorDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editorDialog, &ConfigEditorDialog::applied, this, &BackupSetupController::message);
    m_editorDialog->show();
    return m_editorDialog;
}

void BackupSetupController::removeJob()
{
    if (!m_state.removeJob || !m_session.document()) {
        return;
    }
    confirmRemoval(m_selectedJob);
}

void BackupSetupController::confirmRemoval(const QString &job)
{
    const Api::ConfigDocument &document = *m_session.document();
    const QString type = typeOf(document, job);
    QMessageBox box(
        QMessageBox::Question, JobRemoval::title(job), JobRemoval::question(job, type), QMessageBox::Cancel, m_window);
    box.setObjectName(u"removeJobDialog"_s);
    const Receiving receiving = receivingOf(document, job);
    box.setInformativeText(JobRemoval::details(job, type, receiving.rootFs, receiving.localSink));
    QPushButton *remove = box.addButton(tr("Remove Job"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"removeButton"_s);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove) {
        return;
    }
    m_removing = job;
    const bool started = m_session.applyEdit(
        [job](const QString &text, QString *error) -> std::optional<QString> {
            const ConfigEdit::ConfigTextEditor editor(text);
            const std::optional<QString> removed = editor.removeJob(job);
            if (!removed) {
                *error = tr("Job %1 could not be removed: %2").arg(job, editor.error());
            }
            return removed;
        },
        Api::RestartPolicy::WhenIdle);
    if (!started && !m_removing.isEmpty()) {
        // Refused before anything was sent (a failed edit says so through applyFailed(), which clears m_removing).
        Q_EMIT message(tr("Job %1 was not removed: another change is being applied").arg(job));
        m_removing.clear();
    }
    update();
}

void BackupSetupController::handleApplied(const Api::ReloadReport &report)
{
    update();
    m_poller.pollNow();
    if (!m_removing.isEmpty()) {
        m_removing.clear();
        Q_EMIT message(ConfigChangeText::report(report));
    }
}

void BackupSetupController::handleApplyFailed(const ConfigFailure &failure)
{
    update();
    if (m_removing.isEmpty()) {
        return;  // a dialog's change: the dialog says it
    }
    const QString job = m_removing;
    if (failure.kind == ConfigFailure::Kind::Conflict) {
        QMessageBox box(QMessageBox::Question,
                        tr("Remove job %1?").arg(job),
                        tr("%1. Nothing was written. Reload the configuration and remove job %2 from it as it is now?")
                            .arg(failure.message, job),
                        QMessageBox::Cancel,
                        m_window);
        box.setObjectName(u"removeConflictDialog"_s);
        QPushButton *retry = box.addButton(tr("Reload and Remove"), QMessageBox::AcceptRole);
        box.exec();
        if (box.clickedButton() == retry) {
            m_session.retryOnTop();
            return;
        }
        m_session.abandon();
    }
    m_removing.clear();
    Q_EMIT message(failure.message);
}

}  // namespace Gui
