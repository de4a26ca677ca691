// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

#include "app/core/NewBackupPlan.h"

class QCheckBox;
class QLabel;

namespace Gui {

class NewBackupWizard;

// "Keep the backup encrypted?": shown when a chosen filesystem is encrypted. A raw send (zrepl's
// `send: {encrypted: true}`) copies the encrypted blocks as they are: the backup is readable only with the source's
// key, which never leaves this machine. zrepl sends raw only when every filesystem of the job is encrypted.
class NewBackupEncryptionPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit NewBackupEncryptionPage(NewBackupWizard *wizard);

    void initializePage() override;
    void fill(NewBackupChoices &choices) const;

    QCheckBox *rawSendBox() const
    {
        return m_raw;
    }

private:
    NewBackupWizard *m_wizard;
    QLabel *m_encrypted = nullptr;
    QLabel *m_explanation = nullptr;
    QCheckBox *m_raw = nullptr;
    QLabel *m_mixed = nullptr;
};

}  // namespace Gui
