// SPDX-License-Identifier: MIT
#include "app/ui/DiffView.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/core/BackgroundTask.h"
#include "app/models/Format.h"
#include "app/ui/DiffHighlighter.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

struct Comparison
{
    std::optional<Restore::TextDiff> diff;
    QString why;
    QString unified;
};

}  // namespace

DiffView::DiffView(const QString &oldPath, const QDateTime &snapshotTime, const QString &newPath, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"diffView"_s);
    const QString name = QFileInfo(newPath).fileName();
    setWindowTitle(tr("%1: the snapshot of %2 and now").arg(name, Format::dateTime(snapshotTime)));

    auto *heading = new QLabel(tr("Lines removed since the snapshot of %1 are red, lines added since are green.")
                                   .arg(Format::dateTime(snapshotTime)));
    heading->setWordWrap(true);
    m_summary = new QLabel(tr("Comparing…"));
    m_summary->setObjectName(u"diffSummaryLabel"_s);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_text = new QPlainTextEdit;
    m_text->setObjectName(u"diffText"_s);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(m_text->document(), m_text->palette());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_summary);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(900, 640);

    const QString oldName = tr("%1 (snapshot of %2)").arg(name, Format::dateTime(snapshotTime));
    const QString newName = tr("%1 (now)").arg(name);
    runInBackground(
        this,
        [oldPath, newPath, oldName, newName] {
            Comparison comparison;
            comparison.diff = Restore::TextDiff::files(oldPath, newPath, &comparison.why);
            if (comparison.diff) {
                comparison.unified = comparison.diff->unified(oldName, newName);
            }
            return comparison;
        },
        [this](const Comparison &comparison) { showComparison(comparison.diff, comparison.why, comparison.unified); });
}

QString DiffView::describe(const std::optional<Restore::TextDiff> &diff, const QString &why)
{
    if (!diff) {
        return tr("Not compared: %1").arg(why);
    }
    if (diff->added == 0 && diff->removed == 0) {
        return tr("No differences: the current file has the same text.");
    }
    const QString added = diff->added == 1 ? tr("1 line added") : tr("%1 lines added").arg(diff->added);
    const QString removed = diff->removed == 1 ? tr("1 line removed") : tr("%1 lines removed").arg(diff->removed);
    return tr("%1, %2").arg(added, removed);
}

void DiffView::showComparison(const std::optional<Restore::TextDiff> &diff, const QString &why, const QString &unified)
{
    m_loading = false;
    m_summary->setText(describe(diff, why));
    m_text->setVisible(diff && (diff->added > 0 || diff->removed > 0));
    m_text->setPlainText(unified);
    Q_EMIT loaded();
}

QString DiffView::summary() const
{
    return m_summary->text();
}

QString DiffView::diffText() const
{
    return m_text->toPlainText();
}

}  // namespace Gui
