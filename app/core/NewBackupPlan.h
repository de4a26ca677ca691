// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "app/core/FilesystemFilter.h"
#include "app/core/Retention.h"

namespace Gui {

// Where the New backup assistant sends the snapshots.
enum class BackupDestination
{
    LocalPool,  // another pool of this machine: a push job and a sink job over zrepl's `local` transport
    Ssh,        // a server over ssh: a push job with `ssh+stdinserver`; the server runs the sink
    Tcp,        // a server over plain TCP (trusted networks only)
    Tls,        // a server over TLS with certificates
};

// Everything the assistant asked. Defaults are zrepl's where zrepl has one.
struct NewBackupChoices
{
    QString name;  // the push job's name
    FilesystemFilter filesystems;
    BackupDestination destination = BackupDestination::LocalPool;
    // How the receiving side names this machine: the directory under root_fs the backups land in, the forced
    // command's argument in authorized_keys, the tcp `clients` entry, the CN of a TLS client certificate.
    QString clientIdentity;

    QString localRootFs;  // LocalPool: "usbpool/holdfast"
    // LocalPool: a sink job of the file that receives into localRootFs over the local transport already; the new
    // push job sends to its listener instead of adding a second sink (two would overlap, which zrepl refuses).
    QString reuseSink;
    QString reuseListener;

    QString sshHost;  // Ssh
    QString sshUser = QStringLiteral("root");
    int sshPort = 22;
    QString identityFile;
    QString publicKey;  // the identity's public key when the GUI could read it ("ssh-ed25519 AAAA… root@ws")

    QString address;  // Tcp, Tls: host:port of the server's sink
    QString ca;       // Tls
    QString cert;
    QString key;
    QString serverCn;
    QString clientAddress;  // Tcp: this machine's IP address as the server sees it

    QString serverRootFs;  // Ssh, Tcp, Tls: where the server's sink receives

    QString interval = Retention::defaultInterval();
    QString prefix = Retention::defaultPrefix();
    KeepPolicy sender = Retention::defaultSender();
    KeepPolicy receiver = Retention::receiver(Retention::defaultPreset().grid);
    bool encrypted = false;      // raw send: `send: {encrypted: true}`
    QString healthWarningAfter;  // Holdfast only: `health: {warning_after: …}`; "" leaves it out
};

// What the assistant adds: the jobs for this machine's file and, for a server, what to set up there.
struct NewBackupPlan
{
    QString pushJob;
    QString sinkJob;  // LocalPool: added here too; otherwise the job to add on the server
    // The jobs for this machine's configuration, each a YAML mapping ("name: …\ntype: push\n…") for
    // ConfigTextEditor::appendJob.
    QStringList localJobs;
    // Ssh, Tcp, Tls: the sink job to add to the server's configuration, as a `jobs:` list entry.
    QString serverJob;
    // Ssh: the line for the server's ~/.ssh/authorized_keys (Holdfast's forced command; zrepl's server would run
    // `zrepl stdinserver IDENTITY` instead).
    QString authorizedKeysLine;
    // Ssh: the command that prints the line on this machine, when the GUI could not read the public key itself.
    QString authorizedKeysCommand;
    // Features the user picked that zrepl does not know, in words; empty: the jobs load in zrepl as well.
    QStringList holdfastOnly;

    static NewBackupPlan build(const NewBackupChoices &choices, const QStringList &existingJobs);

    // This machine's configuration `text` with localJobs appended (ConfigTextEditor::appendJob: the rest stays
    // byte for byte), and where the added lines are.
    struct Appended
    {
        QString text;
        QString added;      // the added lines as they stand in `text`
        int firstLine = 0;  // of `added` in `text`, from 1
    };

    std::optional<Appended> appendTo(const QString &text, QString *error) const;
    // The job names of a configuration text, for unique names; empty when it cannot be read.
    static QStringList jobNames(const QString &text);
    // Sets choices.reuseSink/reuseListener from the local sink jobs of `text` that receive into localRootFs
    // (clears them when there is none).
    static void useExistingSink(NewBackupChoices &choices, const QString &text);
    // What is missing or wrong in `choices`, in words, one entry each; empty when build() can go ahead.
    static QStringList problems(const NewBackupChoices &choices, const QStringList &existingJobs);
    // The same by page of the assistant: the filesystems, the destination, the schedule and retention, the name.
    static QStringList filesystemProblems(const NewBackupChoices &choices);
    static QStringList destinationProblems(const NewBackupChoices &choices);
    static QStringList scheduleProblems(const NewBackupChoices &choices);
    static QStringList nameProblems(const NewBackupChoices &choices, const QStringList &existingJobs);
    // A name for the backup of `filter` to the destination called `target` ("home_to_usbpool").
    static QString suggestName(const FilesystemFilter &filter, const QString &target, const QStringList &existingJobs);
};

// The words of the plan.
class NewBackupText
{
    Q_DECLARE_TR_FUNCTIONS(Gui::NewBackupText)

public:
    static QString holdfastOnlyHealth();
};

}  // namespace Gui
