// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QWidget>

#include "app/core/JobSettings.h"
#include "app/core/Retention.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Gui {

// Chooses what one side of a backup keeps: a named retention (zrepl's grid), the n newest, or a custom grid; on
// the sending side always what has not been replicated yet, as zrepl's docs do. Rules the editor cannot express
// (Edit job on a hand-written file) are offered "as written" and then left alone.
class RetentionEditor final : public QWidget
{
    Q_OBJECT

public:
    enum class Side
    {
        Sender,    // push/pull keep_sender: not_replicated plus the choice
        Receiver,  // keep_receiver
        Local,     // a snap job's keep
    };

    explicit RetentionEditor(Side side, QWidget *parent = nullptr);

    void setPolicy(const KeepPolicy &policy);
    // An existing job's rules: the matching entry when there is one, "as written" otherwise.
    void setSetting(const KeepSetting &setting);
    // The prefix of the job's snapshots, which the "keep other snapshots" box names.
    void setPrefix(const QString &prefix);

    // The chosen policy; nullopt for "as written" (leave the rules alone).
    std::optional<KeepPolicy> policy() const;
    // What is wrong with a custom grid, in words; empty when nothing is.
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    enum Choice
    {
        DefaultSender,  // not_replicated + last_n
        Preset,         // a named grid
        LastN,
        CustomGrid,
        Current,  // the job's own policy that matches no other entry
        AsWritten,
    };

    void addChoice(const QString &label, Choice choice, const QString &grid = {});
    void updateFields();
    void select(const KeepPolicy &policy);

    Side m_side;
    QString m_prefix = Retention::defaultPrefix();
    QComboBox *m_combo = nullptr;
    QLineEdit *m_grid = nullptr;
    QSpinBox *m_count = nullptr;
    QCheckBox *m_keepOthers = nullptr;
    QLabel *m_note = nullptr;
    std::optional<KeepPolicy> m_current;  // for Current
    QString m_asWritten;
};

}  // namespace Gui
