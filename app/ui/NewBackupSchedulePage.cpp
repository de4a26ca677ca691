// SPDX-License-Identifier: MIT
#include "app/ui/NewBackupSchedulePage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "app/core/JobNames.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/models/Format.h"
#include "app/ui/NewBackupWizard.h"
#include "app/ui/RetentionEditor.h"

using namespace Qt::StringLiterals;

namespace Gui {

NewBackupSchedulePage::NewBackupSchedulePage(NewBackupWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"newBackupSchedulePage"_s);
    setTitle(tr("How often, and for how long?"));
    setSubTitle(tr("Snapshots are taken on this machine and sent to the backup right after; each side then thins "
                   "them out as chosen here."));
    m_interval = new QComboBox;
    m_interval->setObjectName(u"intervalCombo"_s);
    for (const IntervalPreset &preset : Retention::intervals()) {
        m_interval->addItem(preset.label, preset.duration);
    }
    m_interval->addItem(tr("Custom…"), QString());
    m_interval->setCurrentIndex(m_interval->findData(Retention::defaultInterval()));
    m_customInterval = new QLineEdit;
    m_customInterval->setObjectName(u"customIntervalEdit"_s);
    m_customInterval->setPlaceholderText(u"30m"_s);
    m_customInterval->setToolTip(tr("A duration as zrepl writes it: 30m, 2h, 1h30m"));
    m_customInterval->hide();
    m_receiver = new RetentionEditor(RetentionEditor::Side::Receiver);
    m_receiver->setObjectName(u"receiverRetention"_s);
    m_sender = new RetentionEditor(RetentionEditor::Side::Sender);
    m_sender->setObjectName(u"senderRetention"_s);
    m_health = new QCheckBox(tr("Warn me when the newest backup is older than"));
    m_health->setObjectName(u"healthCheckBox"_s);
    m_healthAfter = new QLineEdit;
    m_healthAfter->setObjectName(u"healthAfterEdit"_s);
    m_healthAfter->setEnabled(false);
    m_healthAfter->setMaximumWidth(m_healthAfter->fontMetrics().horizontalAdvance(u"0000h00m"_s) + 16);
    m_healthNote = new QLabel(tr("Holdfast only: zrepl does not know this setting and would refuse the file."));
    m_healthNote->setObjectName(u"healthNoteLabel"_s);
    m_healthNote->setWordWrap(true);
    m_summary = new QLabel;
    m_summary->setObjectName(u"scheduleSummaryLabel"_s);
    m_summary->setWordWrap(true);
    m_problems = new QLabel;
    m_problems->setObjectName(u"scheduleProblemsLabel"_s);
    m_problems->setWordWrap(true);
    QPalette palette = m_problems->palette();
    palette.setColor(QPalette::WindowText, Format::errorColor());
    m_problems->setPalette(palette);

    auto *intervalRow = new QHBoxLayout;
    intervalRow->addWidget(m_interval);
    intervalRow->addWidget(m_customInterval);
    intervalRow->addStretch(1);
    auto *healthRow = new QHBoxLayout;
    healthRow->addWidget(m_health);
    healthRow->addWidget(m_healthAfter);
    healthRow->addStretch(1);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Take a snapshot:"), intervalRow);
    form->addRow(tr("The backup keeps:"), m_receiver);
    form->addRow(tr("This machine keeps:"), m_sender);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(healthRow);
    layout->addWidget(m_healthNote);
    layout->addStretch(1);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems);

    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = m_interval->currentData().toString().isEmpty();
        m_customInterval->setVisible(custom);
        if (custom && m_customInterval->text().isEmpty()) {
            m_customInterval->setText(u"30m"_s);
        }
        update();
    });
    connect(m_customInterval, &QLineEdit::textChanged, this, &NewBackupSchedulePage::update);
    connect(m_receiver, &RetentionEditor::changed, this, &NewBackupSchedulePage::update);
    connect(m_sender, &RetentionEditor::changed, this, &NewBackupSchedulePage::update);
    connect(m_health, &QCheckBox::toggled, this, [this](bool on) {
        m_healthAfter->setEnabled(on);
        if (on && m_healthAfter->text().isEmpty()) {
            // Two missed rounds, at least a day: quiet for a laptop that sleeps at night.
            m_healthAfter->setText(u"24h"_s);
        }
        update();
    });
    connect(m_healthAfter, &QLineEdit::textChanged, this, &NewBackupSchedulePage::update);
    update();
}

void NewBackupSchedulePage::initializePage()
{
    const QString prefix = m_wizard->choices().prefix;
    m_receiver->setPrefix(prefix);
    m_sender->setPrefix(prefix);
    update();
}

QString NewBackupSchedulePage::interval() const
{
    const QString preset = m_interval->currentData().toString();
    return preset.isEmpty() ? m_customInterval->text().trimmed() : preset;
}

void NewBackupSchedulePage::fill(NewBackupChoices &c) const
{
    c.interval = interval();
    if (const std::optional<KeepPolicy> receiver = m_receiver->policy()) {
        c.receiver = *receiver;
    }
    if (const std::optional<KeepPolicy> sender = m_sender->policy()) {
        c.sender = *sender;
    }
    c.healthWarningAfter = m_health->isChecked() ? m_healthAfter->text().trimmed() : QString();
}

void NewBackupSchedulePage::update()
{
    NewBackupChoices choices;
    fill(choices);
    QStringList problems = NewBackupPlan::scheduleProblems(choices);
    for (const RetentionEditor *editor : {m_receiver, m_sender}) {
        if (!editor->problem().isEmpty() && !problems.contains(editor->problem())) {
            problems.append(editor->problem());
        }
    }
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
    if (problems.isEmpty()) {
        m_summary->setText(tr("Snapshots %1, named %2 and the time. The backup keeps %3; this machine keeps %4.")
                               .arg(Retention::describeInterval(choices.interval),
                                    m_wizard->choices().prefix,
                                    choices.receiver.describe(),
                                    choices.sender.describe()));
    }
    m_summary->setVisible(problems.isEmpty());
    m_healthNote->setVisible(m_health->isChecked());
    Q_EMIT completeChanged();
}

bool NewBackupSchedulePage::isComplete() const
{
    NewBackupChoices choices;
    fill(choices);
    return NewBackupPlan::scheduleProblems(choices).isEmpty() && m_receiver->problem().isEmpty()
           && m_sender->problem().isEmpty();
}

int NewBackupSchedulePage::nextId() const
{
    // Raw sends are a question only when something chosen is encrypted.
    return m_wizard->filesystems()->selectedEncrypted().isEmpty() ? NewBackupWizard::ReviewPageId
                                                                  : NewBackupWizard::EncryptionPageId;
}

}  // namespace Gui
