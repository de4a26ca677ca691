// SPDX-License-Identifier: MIT
#include "app/ui/RetentionEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include "app/models/Format.h"

using namespace Qt::StringLiterals;

namespace Gui {

RetentionEditor::RetentionEditor(Side side, QWidget *parent)
    : QWidget(parent)
    , m_side(side)
{
    m_combo = new QComboBox;
    m_combo->setObjectName(u"retentionCombo"_s);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    if (side == Side::Sender) {
        addChoice(tr("Until replicated, and the 10 newest (zrepl's default)"), DefaultSender);
    }
    for (const RetentionPreset &preset : Retention::presets()) {
        addChoice(side == Side::Sender ? tr("Until replicated, and %1").arg(preset.label) : preset.label,
                  Preset,
                  preset.grid);
    }
    addChoice(side == Side::Sender ? tr("Until replicated, and the newest…") : tr("The newest…"), LastN);
    addChoice(tr("Custom grid…"), CustomGrid);

    m_grid = new QLineEdit;
    m_grid->setObjectName(u"gridEdit"_s);
    m_grid->setPlaceholderText(u"1x1h(keep=all) | 24x1h | 14x1d"_s);
    m_grid->setToolTip(tr("zrepl's retention grid: <count>x<length> intervals from now backwards, separated by |; "
                          "lengths in s, m, h, d or w; (keep=all) keeps every snapshot of an interval"));
    m_count = new QSpinBox;
    m_count->setObjectName(u"countSpinBox"_s);
    m_count->setRange(1, 100000);
    m_count->setValue(10);
    m_count->setSuffix(tr(" snapshots"));
    m_keepOthers = new QCheckBox;
    m_keepOthers->setObjectName(u"keepOthersCheckBox"_s);
    m_keepOthers->setChecked(true);
    m_note = new QLabel;
    m_note->setObjectName(u"retentionNoteLabel"_s);
    m_note->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_combo);
    row->addWidget(m_count);
    row->addWidget(m_grid, 3);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_note);
    layout->addWidget(m_keepOthers);

    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        const Choice choice = Choice(m_combo->currentData().toInt());
        if (choice == CustomGrid && m_grid->text().isEmpty()) {
            m_grid->setText(Retention::defaultPreset().grid);
        }
        updateFields();
        Q_EMIT changed();
    });
    connect(m_grid, &QLineEdit::textChanged, this, [this] {
        updateFields();
        Q_EMIT changed();
    });
    connect(m_count, &QSpinBox::valueChanged, this, [this] {
        updateFields();
        Q_EMIT changed();
    });
    connect(m_keepOthers, &QCheckBox::toggled, this, &RetentionEditor::changed);
    setPrefix(m_prefix);
    if (side == Side::Sender) {
        setPolicy(Retention::defaultSender());
    } else {
        setPolicy(Retention::receiver(Retention::defaultPreset().grid));
    }
}

void RetentionEditor::addChoice(const QString &label, Choice choice, const QString &grid)
{
    m_combo->addItem(label, int(choice));
    m_combo->setItemData(m_combo->count() - 1, grid, Qt::UserRole + 1);
}

void RetentionEditor::setPrefix(const QString &prefix)
{
    m_prefix = prefix;
    m_keepOthers->setText(tr("Keep snapshots taken by hand or by other tools"));
    m_keepOthers->setToolTip(tr("Keeps every snapshot whose name does not start with %1: zrepl's rules would prune "
                                "them otherwise")
                                 .arg(prefix));
}

void RetentionEditor::select(const KeepPolicy &policy)
{
    // The entry that gives exactly this policy, else one for the job's own.
    const bool sender = m_side == Side::Sender;
    KeepPolicy plain = policy;
    plain.keepOthers = true;
    int index = -1;
    if (sender && plain == Retention::defaultSender()) {
        index = m_combo->findData(int(DefaultSender));
    }
    for (int i = 0; index < 0 && i < m_combo->count(); ++i) {
        if (Choice(m_combo->itemData(i).toInt()) == Preset) {
            KeepPolicy candidate = Retention::receiver(m_combo->itemData(i, Qt::UserRole + 1).toString());
            candidate.notReplicated = sender;
            if (candidate == plain) {
                index = i;
            }
        }
    }
    if (index < 0 && policy.grid.isEmpty() && policy.lastN > 0 && policy.notReplicated == sender) {
        index = m_combo->findData(int(LastN));
        m_count->setValue(policy.lastN);
    }
    if (index < 0 && !policy.grid.isEmpty() && policy.lastN == 0 && policy.notReplicated == sender) {
        index = m_combo->findData(int(CustomGrid));
        m_grid->setText(policy.grid);
    }
    if (index < 0) {
        m_current = policy;
        m_combo->addItem(tr("As now: %1").arg(policy.describe()), int(Current));
        index = m_combo->count() - 1;
    }
    m_keepOthers->setChecked(policy.keepOthers);
    m_combo->setCurrentIndex(index);
    updateFields();
}

void RetentionEditor::setPolicy(const KeepPolicy &policy)
{
    select(policy);
}

void RetentionEditor::setSetting(const KeepSetting &setting)
{
    if (setting.policy) {
        select(*setting.policy);
        return;
    }
    m_asWritten = setting.present ? setting.asWritten.trimmed() : tr("nothing (the job keeps every snapshot)");
    m_combo->addItem(tr("As written (unchanged)"), int(AsWritten));
    m_combo->setCurrentIndex(m_combo->count() - 1);
    updateFields();
}

std::optional<KeepPolicy> RetentionEditor::policy() const
{
    KeepPolicy policy;
    const bool sender = m_side == Side::Sender;
    switch (Choice(m_combo->currentData().toInt())) {
    case DefaultSender:
        policy = Retention::defaultSender();
        break;
    case Preset:
        policy = Retention::receiver(m_combo->currentData(Qt::UserRole + 1).toString());
        policy.notReplicated = sender;
        break;
    case LastN:
        policy.notReplicated = sender;
        policy.lastN = m_count->value();
        break;
    case CustomGrid:
        policy.notReplicated = sender;
        policy.grid = m_grid->text().simplified();
        break;
    case Current:
        policy = m_current.value_or(KeepPolicy{});
        break;
    case AsWritten:
        return std::nullopt;
    }
    policy.keepOthers = m_keepOthers->isChecked();
    return policy;
}

QString RetentionEditor::problem() const
{
    if (Choice(m_combo->currentData().toInt()) != CustomGrid) {
        return {};
    }
    return Retention::gridProblem(m_grid->text()).value_or(QString());
}

void RetentionEditor::updateFields()
{
    const Choice choice = Choice(m_combo->currentData().toInt());
    m_grid->setVisible(choice == CustomGrid);
    m_count->setVisible(choice == LastN);
    m_keepOthers->setVisible(choice != AsWritten);
    QString note;
    if (choice == AsWritten) {
        note = tr("Keeps what the file's rules say; they are left as written:\n%1").arg(m_asWritten);
    } else if (const QString why = problem(); !why.isEmpty()) {
        note = why;
    } else if (const std::optional<KeepPolicy> chosen = policy(); chosen && !chosen->grid.isEmpty()) {
        note = tr("Keeps snapshots for %1.").arg(Retention::describeGridSpan(chosen->grid));
        if (choice != CustomGrid) {
            note += u' ' + tr("zrepl grid: %1").arg(chosen->grid);
        }
    }
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    QPalette palette = m_note->palette();
    palette.setColor(QPalette::WindowText,
                     problem().isEmpty() ? this->palette().color(QPalette::WindowText) : Format::errorColor());
    m_note->setPalette(palette);
}

}  // namespace Gui
