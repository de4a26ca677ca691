// SPDX-License-Identifier: MIT
#include "app/ui/NewBackupEncryptionPage.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

#include "app/models/FilesystemTreeModel.h"
#include "app/ui/NewBackupWizard.h"

using namespace Qt::StringLiterals;

namespace Gui {

NewBackupEncryptionPage::NewBackupEncryptionPage(NewBackupWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"newBackupEncryptionPage"_s);
    setTitle(tr("Keep the backup encrypted?"));
    setSubTitle(tr("Some of what you chose is encrypted with ZFS's native encryption."));
    m_explanation = new QLabel;
    m_explanation->setObjectName(u"encryptionExplanationLabel"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_raw = new QCheckBox(tr("Send it encrypted, as it is (raw send)"));
    m_raw->setObjectName(u"rawSendCheckBox"_s);
    m_mixed = new QLabel;
    m_mixed->setObjectName(u"encryptionMixedLabel"_s);
    m_mixed->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    m_encrypted = new QLabel;
    m_encrypted->setObjectName(u"encryptedFilesystemsLabel"_s);
    m_encrypted->setWordWrap(true);
    // The question first, the reasons after it.
    layout->addWidget(m_encrypted);
    layout->addWidget(m_raw);
    layout->addWidget(m_mixed);
    layout->addSpacing(8);
    layout->addWidget(m_explanation);
    layout->addStretch(1);
}

void NewBackupEncryptionPage::initializePage()
{
    const QStringList encrypted = m_wizard->filesystems()->selectedEncrypted();
    const QStringList plain = m_wizard->filesystems()->selectedUnencrypted();
    m_encrypted->setText(tr("Encrypted: %1.").arg(encrypted.join(u", "_s)));
    m_explanation->setText(
        tr("<p><b>Sent encrypted</b> (zrepl's <tt>send: {encrypted: true}</tt>), the backup holds the encrypted blocks "
           "as they are: the receiving pool or server never sees the data nor its key, and a stolen USB disk reveals "
           "nothing. Restoring needs the key of this machine (<tt>zfs load-key</tt>), so keep a copy of it "
           "elsewhere.</p>"
           "<p><b>Not sent encrypted</b>, the data is decrypted for sending and the backup is as safe as the pool it "
           "lands on.</p>"));
    const bool mixed = !plain.isEmpty();
    // zrepl refuses to send an unencrypted filesystem in a job that sends encrypted, and the other way round.
    m_raw->setEnabled(!mixed);
    if (mixed) {
        m_raw->setChecked(false);
        m_mixed->setText(tr("Not possible for this backup: %1 are not encrypted, and a job sends either everything "
                            "encrypted or nothing. Make two backups to send the encrypted filesystems as they are.")
                             .arg(plain.join(u", "_s)));
    } else if (!m_raw->isChecked() && !m_raw->property("visited").toBool()) {
        m_raw->setChecked(true);  // what someone who encrypted their data most likely wants
    }
    m_raw->setProperty("visited", true);
    m_mixed->setVisible(mixed);
}

void NewBackupEncryptionPage::fill(NewBackupChoices &choices) const
{
    choices.encrypted = m_raw->isEnabled() && m_raw->isChecked()
                        && !m_wizard->filesystems()->selectedEncrypted().isEmpty()
                        && m_wizard->filesystems()->selectedUnencrypted().isEmpty();
}

}  // namespace Gui
