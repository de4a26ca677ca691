// SPDX-License-Identifier: MIT
#include "app/ui/EditJobDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "app/core/ConfigChangeText.h"
#include "app/core/ConfigSession.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/models/Format.h"
#include "app/ui/RetentionEditor.h"
#include "shared/config/ConfigTextEditor.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

constexpr char ManualInterval[] = "manual";

void colour(QLabel *label, bool error)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, error ? Format::errorColor() : QPalette().color(QPalette::WindowText));
    label->setPalette(palette);
}

}  // namespace

EditJobDialog::EditJobDialog(ConfigSession &session, const QString &job, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_job(job)
{
    setObjectName(u"editJobDialog"_s);
    setWindowTitle(tr("Edit Job %1").arg(job));
    if (!session.document()) {
        m_error = tr("The configuration has not been read");
    } else {
        const ConfigEdit::ConfigTextEditor editor(session.document()->text);
        m_original = JobSettings::read(editor, job, &m_error);
    }
    build();
    connect(&m_session, &ConfigSession::applied, this, &EditJobDialog::handleApplied);
    connect(&m_session, &ConfigSession::applyFailed, this, &EditJobDialog::handleFailed);
    update();
}

void EditJobDialog::build()
{
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel;
    m_status->setObjectName(u"editJobStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changes = new QLabel;
    m_changes->setObjectName(u"editJobChangesLabel"_s);
    m_changes->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(u"applyButton"_s);
    m_retry = buttons->addButton(tr("Reload and Apply Again"), QDialogButtonBox::ActionRole);
    m_retry->setObjectName(u"retryOnTopButton"_s);
    m_retry->hide();
    connect(m_apply, &QPushButton::clicked, this, &EditJobDialog::apply);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_retry->hide();
        m_applying = true;
        m_status->setText(tr("Reading the configuration again…"));
        update();
        m_session.retryOnTop();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!m_original) {
        m_status->setText(m_error);
        colour(m_status, true);
        layout->addWidget(m_status);
        layout->addWidget(buttons);
        m_apply->setEnabled(false);
        return;
    }
    const JobSettings &job = *m_original;
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Job:"), new QLabel(tr("%1 (%2)").arg(job.name, job.type)));
    if (JobSettings::hasInterval(job.type)) {
        m_interval = new QComboBox;
        m_interval->setObjectName(u"intervalCombo"_s);
        for (const IntervalPreset &preset : Retention::intervals()) {
            m_interval->addItem(preset.label, preset.duration);
        }
        m_interval->addItem(tr("Only on Wake Up"), QString::fromLatin1(ManualInterval));
        m_interval->addItem(tr("Custom…"), QString());
        m_customInterval = new QLineEdit;
        m_customInterval->setObjectName(u"customIntervalEdit"_s);
        int index = job.periodic ? m_interval->findData(job.interval)
                                 : m_interval->findData(QString::fromLatin1(ManualInterval));
        if (index < 0) {
            index = m_interval->count() - 1;
            m_customInterval->setText(job.interval);
        }
        m_interval->setCurrentIndex(index);
        auto *row = new QHBoxLayout;
        row->addWidget(m_interval);
        row->addWidget(m_customInterval);
        row->addStretch(1);
        form->addRow(job.type == u"pull" ? tr("Replicate:") : tr("Take a snapshot:"), row);
        connect(m_interval, &QComboBox::currentIndexChanged, this, &EditJobDialog::update);
        connect(m_customInterval, &QLineEdit::textChanged, this, &EditJobDialog::update);
    }
    if (JobSettings::hasReceiver(job.type)) {
        m_receiver = new RetentionEditor(RetentionEditor::Side::Receiver);
        m_receiver->setObjectName(u"receiverRetention"_s);
        m_receiver->setPrefix(job.prefix);
        m_receiver->setSetting(job.receiver);
        form->addRow(tr("The backup keeps:"), m_receiver);
        connect(m_receiver, &RetentionEditor::changed, this, &EditJobDialog::update);
    }
    if (JobSettings::hasSender(job.type)) {
        m_sender =
            new RetentionEditor(job.type == u"snap" ? RetentionEditor::Side::Local : RetentionEditor::Side::Sender);
        m_sender->setObjectName(u"senderRetention"_s);
        m_sender->setPrefix(job.prefix);
        m_sender->setSetting(job.sender);
        form->addRow(job.type == u"snap" ? tr("Keeps:") : tr("This side keeps:"), m_sender);
        connect(m_sender, &RetentionEditor::changed, this, &EditJobDialog::update);
    }
    layout->addLayout(form);
    if (JobSettings::hasFilesystems(job.type)) {
        auto *group = new QGroupBox(tr("Filesystems"));
        auto *groupLayout = new QVBoxLayout(group);
        m_filesystems = new FilesystemTreeModel(this);
        m_filesystemsView = new QTreeView;
        m_filesystemsView->setObjectName(u"filesystemTreeView"_s);
        m_filesystemsView->setModel(m_filesystems);
        m_filesystemsView->setUniformRowHeights(true);
        m_filesystemsView->header()->setStretchLastSection(true);
        m_filesystemsNote = new QLabel(tr("Now: %1. Asking the daemon for the filesystems…")
                                           .arg(job.filesystems ? job.filesystems->describe() : tr("none")));
        m_filesystemsNote->setObjectName(u"filesystemsNoteLabel"_s);
        m_filesystemsNote->setWordWrap(true);
        groupLayout->addWidget(m_filesystemsNote);
        groupLayout->addWidget(m_filesystemsView, 1);
        layout->addWidget(group, 1);
        ConfigClient &client = m_session.client();
        connect(&client,
                &ConfigClient::filesystemsReceived,
                this,
                [this](quint64 id, const Api::FilesystemListing &listing) {
                    if (id != m_listingId) {
                        return;
                    }
                    m_listingId = 0;
                    QStringList names;
                    for (const Api::FilesystemInfo &fs : listing.filesystems) {
                        names.append(fs.name);
                    }
                    m_filesystems->setListing(listing);
                    m_filesystems->setSelection(m_original->filesystems ? m_original->filesystems->selection(names)
                                                                        : QSet<QString>());
                    m_filesystemsView->expandAll();
                    for (int column = 0; column < FilesystemTreeModel::JobsColumn; ++column) {
                        m_filesystemsView->resizeColumnToContents(column);
                    }
                    m_filesystemsNote->setText(
                        tr("Now: %1. Tick what the job should back up.")
                            .arg(m_original->filesystems ? m_original->filesystems->describe() : tr("none")));
                    // Only a change the user makes rewrites the filter: patterns the tree cannot show stay as written.
                    connect(m_filesystems, &FilesystemTreeModel::selectionChanged, this, [this] {
                        m_filesystemsTouched = true;
                        update();
                    });
                });
        connect(&client, &ConfigClient::failed, this, [this](quint64 id, const ConfigFailure &failure) {
            if (id == m_listingId) {
                m_listingId = 0;
                m_filesystemsNote->setText(
                    tr("Now: %1. The filesystems cannot be changed here: %2")
                        .arg(m_original->filesystems ? m_original->filesystems->describe() : tr("none"),
                             failure.message));
            }
        });
        m_listingId = client.fetchFilesystems();
    }
    auto *restart = new QGroupBox(tr("The job restarts with the new settings"));
    auto *whenIdle = new QRadioButton(tr("once it is idle: a replication under way finishes first"));
    whenIdle->setObjectName(u"restartWhenIdleRadio"_s);
    whenIdle->setChecked(true);
    m_restartNow = new QRadioButton(tr("now: work under way stops, and an interrupted replication resumes"));
    m_restartNow->setObjectName(u"restartNowRadio"_s);
    auto *restartLayout = new QVBoxLayout(restart);
    restartLayout->addWidget(whenIdle);
    restartLayout->addWidget(m_restartNow);
    layout->addWidget(restart);
    layout->addWidget(m_changes);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(820, JobSettings::hasFilesystems(job.type) ? 720 : 440);
}

QString EditJobDialog::interval() const
{
    if (!m_interval) {
        return m_original ? m_original->interval : QString();
    }
    const QString preset = m_interval->currentData().toString();
    return preset.isEmpty() ? m_customInterval->text().trimmed() : preset;
}

JobSettings EditJobDialog::edited() const
{
    JobSettings settings = m_original.value_or(JobSettings{});
    if (!m_original) {
        return settings;
    }
    if (m_interval) {
        const QString chosen = interval();
        settings.periodic = chosen != QLatin1StringView(ManualInterval);
        settings.interval = settings.periodic ? chosen : QString();
    }
    if (m_receiver) {
        settings.receiver.policy = m_receiver->policy() ? m_receiver->policy() : m_original->receiver.policy;
    }
    if (m_sender) {
        settings.sender.policy = m_sender->policy() ? m_sender->policy() : m_original->sender.policy;
    }
    if (m_filesystems && m_filesystemsTouched) {
        settings.filesystems = m_filesystems->filter();
    }
    return settings;
}

QString EditJobDialog::changesText() const
{
    return m_changes->text();
}

void EditJobDialog::update()
{
    if (!m_original) {
        return;
    }
    if (m_customInterval) {
        m_customInterval->setVisible(m_interval->currentData().toString().isEmpty());
    }
    const JobSettings after = edited();
    QStringList problems;
    if (after.periodic && after.interval != m_original->interval) {
        if (const std::optional<QString> why = Retention::intervalProblem(after.interval)) {
            problems.append(*why);
        }
    }
    for (const RetentionEditor *editor : {m_receiver, m_sender}) {
        if (editor && !editor->problem().isEmpty()) {
            problems.append(editor->problem());
        }
    }
    if (m_filesystemsTouched && m_filesystems->selection().isEmpty()) {
        problems.append(tr("Tick at least one filesystem"));
    }
    const QStringList changes = JobSettingsEdit::describe(*m_original, after);
    if (!problems.isEmpty()) {
        m_changes->setText(problems.join(u'\n'));
        colour(m_changes, true);
    } else if (changes.isEmpty()) {
        m_changes->setText(tr("Nothing changed yet."));
        colour(m_changes, false);
    } else {
        m_changes->setText(
            tr("Apply changes %1: %2. The rest of the file stays as written.").arg(m_job, changes.join(u"; "_s)));
        colour(m_changes, false);
    }
    m_apply->setEnabled(problems.isEmpty() && !changes.isEmpty() && !m_applying && m_session.isEditable());
    m_apply->setToolTip(m_session.isEditable() ? QString()
                        : m_session.document() ? m_session.document()->readOnlyReason
                                               : QString());
}

void EditJobDialog::apply()
{
    if (!m_original) {
        return;
    }
    const JobSettings before = *m_original;
    const JobSettings after = edited();
    // Set first: an edit that fails at once is answered by applyFailed() within applyEdit().
    m_applying = true;
    m_status->setText(tr("Applying…"));
    colour(m_status, false);
    const bool started = m_session.applyEdit(
        [before, after](const QString &text, QString *error) {
            return JobSettingsEdit::apply(text, before, after, error);
        },
        m_restartNow->isChecked() ? Api::RestartPolicy::Now : Api::RestartPolicy::WhenIdle);
    if (!started && m_applying) {
        m_applying = false;
        m_status->setText(m_session.isEditable() ? tr("Another change is being applied; try again in a moment")
                          : m_session.document() ? m_session.document()->readOnlyReason
                                                 : tr("The configuration has not been read"));
        colour(m_status, true);
    }
    update();
}

void EditJobDialog::handleApplied(const Api::ReloadReport &report)
{
    if (!m_applying) {
        return;
    }
    m_applying = false;
    const QString message = ConfigChangeText::report(report);
    if (!report.ok) {
        m_status->setText(message);
        colour(m_status, true);
        update();
        return;
    }
    Q_EMIT applied(message);
    accept();
}

void EditJobDialog::handleFailed(const ConfigFailure &failure)
{
    if (!m_applying) {
        return;
    }
    m_applying = false;
    if (failure.kind == ConfigFailure::Kind::Conflict) {
        m_status->setText(tr("%1. Nothing was written. Reload the configuration and make these changes on top of it?")
                              .arg(failure.message));
        m_retry->show();
    } else {
        m_session.abandon();
        m_status->setText(failure.message);
    }
    colour(m_status, true);
    update();
}

}  // namespace Gui
