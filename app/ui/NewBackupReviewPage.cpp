// SPDX-License-Identifier: MIT
#include "app/ui/NewBackupReviewPage.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "app/core/ConfigChangeText.h"
#include "app/core/ConfigSession.h"
#include "app/core/JobNames.h"
#include "app/core/LiveValidator.h"
#include "app/core/StatusPoller.h"
#include "app/models/ConfigProblemsModel.h"
#include "app/models/Format.h"
#include "app/ui/NewBackupWizard.h"
#include "app/ui/YamlEdit.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

void colour(QLabel *label, bool error)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, error ? Format::errorColor() : QPalette().color(QPalette::WindowText));
    label->setPalette(palette);
}

}  // namespace

NewBackupReviewPage::NewBackupReviewPage(NewBackupWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"newBackupReviewPage"_s);
    setTitle(tr("Review and apply"));
    setSubTitle(tr("These jobs are added to the daemon's configuration; the rest of the file stays as written."));
    m_name = new QLineEdit;
    m_name->setObjectName(u"jobNameEdit"_s);
    m_where = new QLabel;
    m_where->setObjectName(u"reviewWhereLabel"_s);
    m_where->setWordWrap(true);
    m_yaml = new YamlEdit;
    m_yaml->setObjectName(u"reviewYamlEdit"_s);
    m_yaml->setReadOnly(true);
    m_verdict = new QLabel;
    m_verdict->setObjectName(u"reviewVerdictLabel"_s);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems = new ConfigProblemsModel(this);
    m_problemsView = new QTableView;
    m_problemsView->setObjectName(u"reviewProblemsView"_s);
    m_problemsView->setModel(m_problems);
    m_problemsView->verticalHeader()->hide();
    m_problemsView->horizontalHeader()->setStretchLastSection(true);
    m_problemsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_problemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problemsView->setMaximumHeight(m_problemsView->fontMetrics().height() * 5);
    m_problemsView->hide();
    m_zrepl = new QLabel;
    m_zrepl->setObjectName(u"zreplCompatibilityLabel"_s);
    m_zrepl->setWordWrap(true);
    m_server = new QLabel;
    m_server->setObjectName(u"serverReminderLabel"_s);
    m_server->setWordWrap(true);
    m_result = new QLabel;
    m_result->setObjectName(u"applyResultLabel"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_result->font();
    bold.setBold(true);
    m_result->setFont(bold);
    m_retry = new QPushButton(tr("Reload and Add Again"));
    m_retry->setObjectName(u"retryOnTopButton"_s);
    m_retry->setToolTip(tr("Reads the configuration as it is now and adds these jobs to it"));
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_retry->hide();
        m_conflict = false;
        m_applying = true;
        m_result->setText(tr("Reading the configuration again…"));
        Q_EMIT completeChanged();
        m_wizard->session().retryOnTop();
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Name of the backup job:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_where);
    layout->addWidget(m_yaml, 1);
    layout->addWidget(m_verdict);
    layout->addWidget(m_problemsView);
    layout->addWidget(m_zrepl);
    layout->addWidget(m_server);
    layout->addWidget(m_result);
    layout->addWidget(m_retry, 0, Qt::AlignLeft);

    m_validator = new LiveValidator(wizard->session().client(), this);
    connect(m_validator, &LiveValidator::changed, this, &NewBackupReviewPage::showVerdict);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = true;
        refresh();
    });
    connect(&wizard->session(), &ConfigSession::applied, this, &NewBackupReviewPage::handleApplied);
    connect(&wizard->session(), &ConfigSession::applyFailed, this, &NewBackupReviewPage::handleApplyFailed);
    // The file read anew (the wizard opened, someone else changed it): the jobs are added to what is there now.
    connect(&wizard->session(), &ConfigSession::documentChanged, this, [this] {
        if (m_wizard->currentPage() == this && !m_applying) {
            refresh();
        }
    });
    if (StatusPoller *poller = wizard->poller()) {
        connect(poller, &StatusPoller::statusReceived, this, [this] { updateResult(); });
    }
}

void NewBackupReviewPage::initializePage()
{
    if (!m_nameEdited) {
        m_name->setText(m_wizard->suggestedName());
    }
    m_wizard->setButtonText(QWizard::FinishButton, isApplied() ? tr("Close") : tr("Apply"));
    refresh();
}

QString NewBackupReviewPage::jobName() const
{
    return m_name->text().trimmed();
}

void NewBackupReviewPage::refresh()
{
    if (isApplied()) {
        return;
    }
    const NewBackupChoices choices = m_wizard->choices();
    const NewBackupPlan plan = NewBackupPlan::build(choices, m_wizard->existingJobs());
    m_buildError.clear();
    const QStringList nameProblems = NewBackupPlan::nameProblems(choices, m_wizard->existingJobs());
    QString error;
    const std::optional<NewBackupPlan::Appended> proposed = m_wizard->proposed(&error);
    if (!nameProblems.isEmpty()) {
        m_buildError = nameProblems.join(u'\n');
    } else if (!proposed) {
        m_buildError = error;
    }
    if (proposed) {
        m_firstLine = proposed->firstLine;
        m_addedLines = int(proposed->added.count(u'\n')) + 1;
        m_yaml->setFirstLineNumber(m_firstLine);
        m_yaml->setPlainText(proposed->added);
        m_validator->setText(proposed->text);
        const QString path = m_wizard->session().document() ? m_wizard->session().document()->path : QString();
        m_where->setText(tr("Added to the end of the jobs in %1, from line %2:").arg(path).arg(m_firstLine));
    }
    m_zrepl->setText(plan.holdfastOnly.isEmpty()
                         ? tr("These jobs use zrepl's own settings only: zrepl can load the file as well.")
                         : tr("Holdfast only: %1").arg(plan.holdfastOnly.join(u' ')));
    m_server->setVisible(choices.destination != BackupDestination::LocalPool);
    if (choices.destination == BackupDestination::Ssh) {
        m_server->setText(tr("On the server: the authorized_keys line and the sink job %1 from the page before must be "
                             "in place before the first replication.")
                              .arg(plan.sinkJob));
    } else if (choices.destination != BackupDestination::LocalPool) {
        m_server->setText(tr("On the server: the sink job %1 from the page before must be in place before the first "
                             "replication.")
                              .arg(plan.sinkJob));
    }
    showVerdict();
}

void NewBackupReviewPage::showVerdict()
{
    QString text;
    bool error = false;
    QList<Api::ConfigProblem> problems;
    if (!m_buildError.isEmpty()) {
        text = m_buildError;
        error = true;
    } else if (!m_validator->error().isEmpty()) {
        text = m_validator->error();
        error = true;
    } else if (!m_validator->result()) {
        text = tr("The daemon is checking the configuration with these jobs…");
    } else if (m_validator->result()->valid) {
        text = tr("The daemon checked the configuration with these jobs: valid. %1")
                   .arg(ConfigChangeText::changes(m_validator->result()->changes));
    } else {
        problems = m_validator->result()->problems;
        error = true;
        QStringList lines;
        for (const Api::ConfigProblem &problem : problems) {
            const bool inAdded = problem.line >= m_firstLine && problem.line < m_firstLine + m_addedLines;
            lines.append(inAdded ? ConfigChangeText::problem(problem)
                                 : tr("in the existing file, %1").arg(ConfigChangeText::problem(problem)));
            if (inAdded && lines.size() == 1) {
                // After the page is laid out: scrolling a view that has no size yet goes nowhere.
                const int line = problem.line - m_firstLine + 1;
                QTimer::singleShot(0, m_yaml, [yaml = m_yaml, line] { yaml->showLine(line); });
            }
        }
        text = tr("The daemon found a problem: %1").arg(lines.join(u"; "_s));
    }
    m_verdict->setText(text);
    colour(m_verdict, error);
    m_problems->setProblems(problems);
    m_problemsView->setVisible(!problems.isEmpty());
    m_yaml->setProblems(problems, m_firstLine);
    Q_EMIT completeChanged();
}

bool NewBackupReviewPage::isComplete() const
{
    if (isApplied()) {
        return true;
    }
    return !m_applying && !m_conflict && m_buildError.isEmpty() && m_validator->result() && m_validator->result()->valid
           && !m_validator->isBusy();
}

bool NewBackupReviewPage::validatePage()
{
    if (isApplied()) {
        return true;  // "Close"
    }
    startApply();
    return false;
}

void NewBackupReviewPage::startApply()
{
    NewBackupWizard *wizard = m_wizard;
    // Set first: an edit that fails at once is answered by applyFailed() within applyEdit().
    m_applying = true;
    m_pushJob = jobName();
    m_result->setText(tr("Applying…"));
    colour(m_result, false);
    m_name->setEnabled(false);
    const bool started = m_wizard->session().applyEdit(
        [wizard](const QString &text, QString *error) -> std::optional<QString> {
            const std::optional<NewBackupPlan::Appended> appended = wizard->proposedFor(text, error);
            return appended ? std::optional<QString>(appended->text) : std::nullopt;
        },
        Api::RestartPolicy::WhenIdle);
    if (!started && m_applying) {
        m_applying = false;
        m_name->setEnabled(true);
        const ConfigSession &session = m_wizard->session();
        m_result->setText(session.isEditable() ? tr("Another change is being applied; try again in a moment")
                          : session.document() ? session.document()->readOnlyReason
                                               : tr("The configuration has not been read"));
        colour(m_result, true);
    }
    Q_EMIT completeChanged();
}

void NewBackupReviewPage::handleApplied(const Api::ReloadReport &report)
{
    if (!m_applying) {
        return;  // another dialog's change
    }
    m_applying = false;
    m_report = report;
    m_name->setEnabled(!report.ok);
    if (report.ok) {
        m_wizard->setButtonText(QWizard::FinishButton, tr("Close"));
        // Back would build on a file that has the jobs now, and there is nothing left to cancel.
        m_wizard->setOption(QWizard::DisabledBackButtonOnLastPage);
        m_wizard->setOption(QWizard::NoCancelButton);
        if (StatusPoller *poller = m_wizard->poller()) {
            poller->pollNow();
        }
    }
    updateResult();
    Q_EMIT completeChanged();
}

void NewBackupReviewPage::handleApplyFailed(const ConfigFailure &failure)
{
    if (!m_applying) {
        return;
    }
    m_applying = false;
    m_name->setEnabled(true);
    if (failure.kind == ConfigFailure::Kind::Conflict) {
        m_result->setText(tr("%1. Nothing was written. Reload the configuration and add these jobs to it as it is "
                             "now?")
                              .arg(failure.message));
        m_retry->show();
        m_conflict = true;
    } else {
        m_wizard->session().abandon();
        m_result->setText(failure.message);
        if (failure.validation) {
            m_validator->validateNow();
        }
    }
    colour(m_result, true);
    Q_EMIT completeChanged();
}

void NewBackupReviewPage::updateResult()
{
    if (!m_report) {
        return;
    }
    QString text = ConfigChangeText::report(*m_report);
    if (m_report->ok && m_wizard->poller()) {
        const QString first = ConfigChangeText::firstSnapshot(m_pushJob, m_wizard->poller()->lastStatus());
        if (!first.isEmpty()) {
            m_firstSnapshot = first;
        }
        text += u' '
                + (m_firstSnapshot.isEmpty() ? tr("Waiting for the job's first snapshot…")
                                             : tr("%1: %2.").arg(m_pushJob, m_firstSnapshot));
    }
    m_result->setText(text);
    colour(m_result, !m_report->ok);
}

QString NewBackupReviewPage::yamlText() const
{
    return m_yaml->toPlainText();
}

QString NewBackupReviewPage::verdict() const
{
    return m_verdict->text();
}

QString NewBackupReviewPage::resultText() const
{
    return m_result->text();
}

}  // namespace Gui
