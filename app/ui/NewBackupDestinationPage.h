// SPDX-License-Identifier: MIT
#pragma once

#include <QWizardPage>

#include "app/core/NewBackupPlan.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace Gui {

class NewBackupWizard;
class YamlEdit;

// "Where should the backups go?": another pool of this machine (a push and a sink job over zrepl's local
// transport), a server over ssh (with the authorized_keys line and the sink job for the server, both copyable, and
// a connection test through the daemon), or, for experts, a server over TCP or TLS.
class NewBackupDestinationPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit NewBackupDestinationPage(NewBackupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

    // The destination's part of the choices.
    void fill(NewBackupChoices &choices) const;
    BackupDestination destination() const;
    // Where the backup goes, for a job name: the pool or the server's host.
    QString target() const;

    // Asks the daemon whether the push job reaches the server (POST /holdfast/v1/config/test-connect).
    void testConnection();
    QString connectionResult() const;
    QString authorizedKeysText() const;
    QString serverJobText() const;

private:
    QWidget *createLocalPanel();
    QWidget *createSshPanel();
    QWidget *createNetworkPanel();
    QWidget *createServerPanel();
    void readPublicKey();
    void showPanel(int index);
    void update();
    void setConnectionResult(const QString &text, bool ok);

    NewBackupWizard *m_wizard;
    QButtonGroup *m_kind = nullptr;
    QStackedWidget *m_panels = nullptr;
    QLabel *m_problems = nullptr;

    QComboBox *m_pool = nullptr;
    QLineEdit *m_rootFs = nullptr;
    QLabel *m_localNote = nullptr;
    bool m_rootFsEdited = false;

    QLineEdit *m_host = nullptr;
    QLineEdit *m_user = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_identityFile = nullptr;
    QString m_publicKey;

    QRadioButton *m_tcp = nullptr;
    QRadioButton *m_tls = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_clientAddress = nullptr;
    QLineEdit *m_ca = nullptr;
    QLineEdit *m_cert = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_serverCn = nullptr;
    QWidget *m_tcpFields = nullptr;
    QWidget *m_tlsFields = nullptr;

    QWidget *m_server = nullptr;
    QLineEdit *m_serverRootFs = nullptr;
    QLineEdit *m_identity = nullptr;
    QLabel *m_authorizedKeysLabel = nullptr;
    QPlainTextEdit *m_authorizedKeys = nullptr;
    QPushButton *m_copyAuthorizedKeys = nullptr;
    YamlEdit *m_serverJob = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    quint64 m_testId = 0;
};

}  // namespace Gui
