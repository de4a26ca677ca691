// SPDX-License-Identifier: MIT
#include "app/ui/ConfigApplyDialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "app/core/ConfigChangeText.h"
#include "app/ui/DiffHighlighter.h"
#include "app/ui/DiffView.h"
#include "shared/restore/TextDiff.h"

using namespace Qt::StringLiterals;

namespace Gui {

ConfigApplyDialog::ConfigApplyDialog(const Api::ConfigDocument &document,
                                     const QString &text,
                                     const Api::ConfigValidation &validation,
                                     QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"configApplyDialog"_s);
    setWindowTitle(tr("Apply the changes to %1?").arg(QFileInfo(document.path).fileName()));
    const Restore::TextDiff diff = Restore::TextDiff::compute(document.text.split(u'\n'), text.split(u'\n'));
    const QString name = QFileInfo(document.path).fileName();

    auto *heading = new QLabel(
        tr("The daemon writes %1 (keeping the version before as %1.bak) and reloads it.").arg(document.path));
    heading->setWordWrap(true);
    m_summary = new QLabel;
    m_summary->setObjectName(u"applySummaryLabel"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    QString summary = ConfigChangeText::changes(validation.changes) + u' ' + DiffView::describe(diff, QString()) + u'.';
    if (!document.state.runningVersion.isEmpty() && document.state.runningVersion != document.version) {
        summary += u' '
                   + tr("The file was changed since the daemon last read it: the diff shows the file, the daemon "
                        "runs an older version.");
    }
    m_summary->setText(summary);

    m_diff = new QPlainTextEdit;
    m_diff->setObjectName(u"applyDiffText"_s);
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(m_diff->document(), m_diff->palette());
    m_diff->setPlainText(diff.unified(tr("%1 (now)").arg(name), tr("%1 (edited)").arg(name)));

    auto *restart = new QGroupBox(tr("When should the changed jobs restart?"));
    m_whenIdle = new QRadioButton(tr("once they are idle: a replication under way finishes first"));
    m_whenIdle->setObjectName(u"restartWhenIdleRadio"_s);
    m_whenIdle->setChecked(true);
    m_now = new QRadioButton(tr("now: work under way stops, and an interrupted replication resumes after the restart"));
    m_now->setObjectName(u"restartNowRadio"_s);
    auto *restartLayout = new QVBoxLayout(restart);
    restartLayout->addWidget(m_whenIdle);
    restartLayout->addWidget(m_now);
    restart->setVisible(!validation.changes.changed.isEmpty());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Apply)->setObjectName(u"applyButton"_s);
    buttons->button(QDialogButtonBox::Apply)->setDefault(true);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(heading);
    layout->addWidget(m_diff, 1);
    layout->addWidget(restart);
    layout->addWidget(buttons);
    resize(860, 620);
}

Api::RestartPolicy ConfigApplyDialog::restartPolicy() const
{
    return m_now->isChecked() ? Api::RestartPolicy::Now : Api::RestartPolicy::WhenIdle;
}

QString ConfigApplyDialog::summary() const
{
    return m_summary->text();
}

QString ConfigApplyDialog::diffText() const
{
    return m_diff->toPlainText();
}

}  // namespace Gui
