// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

#include "app/core/NewBackupPlan.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace Gui {

class NewBackupWizard;
class RetentionEditor;

// "How often, and for how long?": the snapshot interval (zrepl's periodic snapshotting with its `zrepl_` prefix),
// what the backup keeps (a named grid, or custom), what this machine keeps (zrepl's default: what is not replicated
// yet and the 10 newest), and Holdfast's own warning when the newest backup gets old, marked as Holdfast-only.
class NewBackupSchedulePage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit NewBackupSchedulePage(NewBackupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

    void fill(NewBackupChoices &choices) const;

    RetentionEditor *receiverEditor() const
    {
        return m_receiver;
    }

    RetentionEditor *senderEditor() const
    {
        return m_sender;
    }

private:
    void update();
    QString interval() const;

    NewBackupWizard *m_wizard;
    QComboBox *m_interval = nullptr;
    QLineEdit *m_customInterval = nullptr;
    RetentionEditor *m_receiver = nullptr;
    RetentionEditor *m_sender = nullptr;
    QCheckBox *m_health = nullptr;
    QLineEdit *m_healthAfter = nullptr;
    QLabel *m_healthNote = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_problems = nullptr;
};

}  // namespace Gui
