// SPDX-License-Identifier: MIT
#include "app/ui/ConfigEditorDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "app/core/ConfigChangeText.h"
#include "app/core/ConfigSession.h"
#include "app/core/LiveValidator.h"
#include "app/models/ConfigProblemsModel.h"
#include "app/models/Format.h"
#include "app/ui/ConfigApplyDialog.h"
#include "app/ui/YamlEdit.h"

using namespace Qt::StringLiterals;

namespace Gui {

ConfigEditorDialog::ConfigEditorDialog(ConfigSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(u"configEditorDialog"_s);
    setWindowTitle(tr("Configuration (Advanced)"));
    m_editor = new YamlEdit;
    m_editor->setObjectName(u"configEditor"_s);
    m_heading = new QLabel;
    m_heading->setObjectName(u"configHeadingLabel"_s);
    m_heading->setWordWrap(true);
    m_readOnly = new QLabel;
    m_readOnly->setObjectName(u"configReadOnlyLabel"_s);
    m_readOnly->setWordWrap(true);
    m_readOnly->hide();
    QFont bold = m_readOnly->font();
    bold.setBold(true);
    m_readOnly->setFont(bold);
    m_status = new QLabel;
    m_status->setObjectName(u"configStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems = new ConfigProblemsModel(this);
    m_problemsView = new QTableView;
    m_problemsView->setObjectName(u"configProblemsView"_s);
    m_problemsView->setModel(m_problems);
    m_problemsView->verticalHeader()->hide();
    m_problemsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_problemsView->horizontalHeader()->setStretchLastSection(true);
    m_problemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problemsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_problemsView->hide();  // until the daemon finds a problem
    connect(m_problemsView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const Api::ConfigProblem &problem = m_problems->problems().at(index.row());
        m_editor->goTo(problem.line, problem.column);
    });
    connect(m_problemsView, &QTableView::clicked, m_problemsView, &QTableView::activated);

    m_reviewButton = new QPushButton(tr("Review and Apply…"));
    m_reviewButton->setObjectName(u"reviewApplyButton"_s);
    connect(m_reviewButton, &QPushButton::clicked, this, &ConfigEditorDialog::review);
    m_revert = new QPushButton(tr("Revert"));
    m_revert->setObjectName(u"revertButton"_s);
    m_revert->setToolTip(tr("Back to the file as the daemon has it; your edits are lost"));
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (m_session.document()) {
            m_loadedText = m_session.document()->text;
            m_editor->setPlainText(m_loadedText);
        }
    });
    m_reload = new QPushButton(tr("Reload the File"));
    m_reload->setObjectName(u"reloadButton"_s);
    m_reload->setToolTip(
        tr("Reads the file as it is now; your text stays, and the review compares it with the new file"));
    m_reload->hide();
    connect(m_reload, &QPushButton::clicked, this, [this] {
        m_reload->hide();
        m_session.reload();
    });
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_status);
    bottomLayout->addWidget(m_problemsView);
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_editor);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reviewButton);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_reload);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_readOnly);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    m_validator = new LiveValidator(session.client(), this);
    connect(m_validator, &LiveValidator::changed, this, &ConfigEditorDialog::showVerdict);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (m_session.isEditable()) {
            m_validator->setText(m_editor->toPlainText());
        }
        updateState();
    });
    connect(&m_session, &ConfigSession::documentChanged, this, &ConfigEditorDialog::loadDocument);
    connect(&m_session, &ConfigSession::applied, this, &ConfigEditorDialog::handleApplied);
    connect(&m_session, &ConfigSession::applyFailed, this, &ConfigEditorDialog::handleFailed);
    loadDocument();
    m_session.reload();
    resize(900, 720);
}

void ConfigEditorDialog::loadDocument()
{
    const std::optional<Api::ConfigDocument> &document = m_session.document();
    if (!document) {
        if (m_session.loadFailure()) {
            m_status->setText(m_session.loadFailure()->message);
        }
        updateState();
        return;
    }
    const bool untouched = m_editor->toPlainText() == m_loadedText;
    if (untouched) {
        m_loadedText = document->text;
        m_loadedVersion = document->version;
        if (m_editor->toPlainText() != document->text) {
            m_editor->setPlainText(document->text);
        }
    } else if (document->version != m_loadedVersion) {
        m_status->setText(tr("The file changed since you started editing; your text stays. The review compares it "
                             "with the file as it is now."));
    }
    m_editor->setReadOnly(!document->editable);
    m_readOnly->setText(document->editable ? QString() : tr("Read only: %1").arg(document->readOnlyReason));
    m_readOnly->setVisible(!document->editable);
    setWindowTitle(tr("Configuration (Advanced): %1").arg(document->path));
    m_heading->setText(document->editable
                           ? tr("%1, as the daemon reads it. It checks your changes as you type; nothing is written "
                                "before you review them.")
                                 .arg(document->path)
                           : tr("%1, as the daemon reads it%2.")
                                 .arg(document->path, document->redacted ? tr(" (secrets hidden)") : QString()));
    if (document->editable && !m_validator->result() && !m_validator->isBusy()) {
        m_validator->setText(m_editor->toPlainText());
    }
    updateState();
}

QString ConfigEditorDialog::status() const
{
    return m_status->text();
}

void ConfigEditorDialog::updateState()
{
    const std::optional<Api::ConfigDocument> &document = m_session.document();
    const bool editable = m_session.isEditable();
    const bool changed = document && m_editor->toPlainText() != document->text;
    const bool valid = m_validator->result() && m_validator->result()->valid && !m_validator->isBusy();
    m_reviewButton->setEnabled(editable && changed && valid && !m_applying);
    QString why;
    if (!document) {
        why = tr("The configuration has not been read");
    } else if (!editable) {
        why = document->readOnlyReason;
    } else if (m_applying) {
        why = tr("Applying…");
    } else if (!changed) {
        why = tr("Nothing changed yet");
    } else if (!valid) {
        why =
            m_validator->isBusy() ? tr("The daemon is checking the text") : tr("The text has problems: fix them first");
    } else {
        why = tr("Shows the changes against the file before they are applied");
    }
    m_reviewButton->setToolTip(why);
    m_revert->setEnabled(editable && m_editor->toPlainText() != m_loadedText && !m_applying);
}

void ConfigEditorDialog::showVerdict()
{
    QList<Api::ConfigProblem> problems;
    if (!m_applying) {
        if (!m_validator->error().isEmpty()) {
            m_status->setText(m_validator->error());
        } else if (m_validator->isBusy()) {
            m_status->setText(tr("Checking…"));
        } else if (const std::optional<Api::ConfigValidation> &result = m_validator->result()) {
            problems = result->problems;
            if (result->valid) {
                m_status->setText(tr("Valid. %1").arg(ConfigChangeText::changes(result->changes)));
            } else {
                m_status->setText(problems.size() == 1
                                      ? tr("1 problem: %1").arg(ConfigChangeText::problem(problems.first()))
                                      : tr("%1 problems").arg(problems.size()));
            }
        }
    }
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     problems.isEmpty() && m_validator->error().isEmpty() ? this->palette().color(QPalette::WindowText)
                                                                          : Format::errorColor());
    m_status->setPalette(palette);
    m_problems->setProblems(problems);
    m_problemsView->setVisible(!problems.isEmpty());
    m_editor->setProblems(problems);
    updateState();
}

void ConfigEditorDialog::review()
{
    const std::optional<Api::ConfigDocument> &document = m_session.document();
    if (!document || !m_validator->result() || !m_validator->result()->valid) {
        return;
    }
    const QString text = m_editor->toPlainText();
    m_review = new ConfigApplyDialog(*document, text, *m_validator->result(), this);
    m_review->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_review, &QDialog::accepted, this, [this, text] { apply(text, int(m_review->restartPolicy())); });
    connect(m_review, &QObject::destroyed, this, [this] { m_review = nullptr; });
    m_review->open();
}

void ConfigEditorDialog::apply(const QString &text, int restart)
{
    const bool started = m_session.applyEdit(
        [text](const QString &, QString *) { return std::optional<QString>(text); }, Api::RestartPolicy(restart));
    if (!started) {
        m_status->setText(tr("Not applied: another change is being applied, or this user may not change the file"));
        return;
    }
    m_applying = true;
    m_status->setText(tr("Applying…"));
    m_pendingText = text;
    updateState();
}

void ConfigEditorDialog::handleApplied(const Api::ReloadReport &report)
{
    if (!m_applying) {
        return;
    }
    m_applying = false;
    if (report.ok) {
        // The editor's text is the file now; the session reads the new document (and version) by itself.
        m_loadedText = m_pendingText;
    }
    const QString message = ConfigChangeText::report(report);
    m_status->setText(message);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     report.ok ? this->palette().color(QPalette::WindowText) : Format::errorColor());
    m_status->setPalette(palette);
    updateState();
    Q_EMIT applied(message);
}

void ConfigEditorDialog::handleFailed(const ConfigFailure &failure)
{
    if (!m_applying) {
        return;
    }
    m_applying = false;
    if (failure.kind == ConfigFailure::Kind::Conflict) {
        m_status->setText(
            tr("%1. Nothing was written. Reload the file and review your changes against it.").arg(failure.message));
        m_reload->show();
    } else {
        m_session.abandon();
        m_status->setText(failure.message);
    }
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, Format::errorColor());
    m_status->setPalette(palette);
    updateState();
}

}  // namespace Gui
