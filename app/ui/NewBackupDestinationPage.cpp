// SPDX-License-Identifier: MIT
#include "app/ui/NewBackupDestinationPage.h"

#include <algorithm>

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "app/core/ConfigSession.h"
#include "app/core/JobNames.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/models/Format.h"
#include "app/ui/NewBackupWizard.h"
#include "app/ui/YamlEdit.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

QLineEdit *lineEdit(const QString &name, const QString &text = {}, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(text);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

QLabel *note(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// This machine's first address that another machine could reach, for the tcp transport's client list.
QString firstAddress()
{
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol) {
            return address.toString();
        }
    }
    return {};
}

}  // namespace

NewBackupDestinationPage::NewBackupDestinationPage(NewBackupWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"newBackupDestinationPage"_s);
    setTitle(tr("Where should the backups go?"));
    setSubTitle(tr("To another pool of this machine (a USB disk, say), or to a server that runs Holdfast."));

    auto *local = new QRadioButton(tr("Another &pool of this machine"));
    local->setObjectName(u"localRadio"_s);
    auto *ssh = new QRadioButton(tr("A &server, over ssh"));
    ssh->setObjectName(u"sshRadio"_s);
    auto *network = new QRadioButton(tr("A server, over &TCP or TLS (for experts)"));
    network->setObjectName(u"networkRadio"_s);
    m_kind = new QButtonGroup(this);
    m_kind->addButton(local, 0);
    m_kind->addButton(ssh, 1);
    m_kind->addButton(network, 2);
    local->setChecked(true);

    m_panels = new QStackedWidget;
    m_panels->addWidget(createLocalPanel());
    m_panels->addWidget(createSshPanel());
    m_panels->addWidget(createNetworkPanel());
    m_server = createServerPanel();
    m_problems = new QLabel;
    m_problems->setObjectName(u"destinationProblemsLabel"_s);
    m_problems->setWordWrap(true);
    QPalette palette = m_problems->palette();
    palette.setColor(QPalette::WindowText, Format::errorColor());
    m_problems->setPalette(palette);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(local);
    contentLayout->addWidget(ssh);
    contentLayout->addWidget(network);
    contentLayout->addWidget(m_panels);
    contentLayout->addWidget(m_server);
    contentLayout->addWidget(m_problems);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_kind, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked) {
            showPanel(id);
            update();
        }
    });
    showPanel(0);
    ConfigClient &client = wizard->session().client();
    connect(&client, &ConfigClient::connectionTested, this, [this](quint64 id, const Api::ConnectTestResult &result) {
        if (id != m_testId) {
            return;
        }
        m_testId = 0;
        m_testButton->setEnabled(true);
        const QString peer = result.peerJob.isEmpty() || result.message.contains(result.peerJob)
                                 ? QString()
                                 : u' ' + tr("(the server's job %1)").arg(result.peerJob);
        setConnectionResult((result.ok ? tr("Connected: %1") : tr("Not connected: %1")).arg(result.message) + peer,
                            result.ok);
    });
    connect(&client, &ConfigClient::failed, this, [this](quint64 id, const ConfigFailure &failure) {
        if (id != m_testId) {
            return;
        }
        m_testId = 0;
        m_testButton->setEnabled(true);
        setConnectionResult(failure.message, false);
    });
}

QWidget *NewBackupDestinationPage::createLocalPanel()
{
    m_pool = new QComboBox;
    m_pool->setObjectName(u"poolCombo"_s);
    m_pool->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_rootFs = lineEdit(u"rootFsEdit"_s, {}, u"usbpool/holdfast"_s);
    auto *panel = new QWidget;
    auto *form = new QFormLayout(panel);
    form->addRow(tr("Pool:"), m_pool);
    form->addRow(tr("Receive into:"), m_rootFs);
    m_localNote = note(QString());
    m_localNote->setObjectName(u"localNoteLabel"_s);
    form->addRow(m_localNote);
    connect(m_pool, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_rootFsEdited && m_pool->currentIndex() >= 0) {
            m_rootFs->setText(m_pool->currentData().toString() + u"/holdfast"_s);
        }
        update();
    });
    connect(m_rootFs, &QLineEdit::textEdited, this, [this] {
        m_rootFsEdited = true;
        update();
    });
    return panel;
}

QWidget *NewBackupDestinationPage::createSshPanel()
{
    m_host = lineEdit(u"sshHostEdit"_s, {}, u"backup.example.org"_s);
    m_user = lineEdit(u"sshUserEdit"_s, u"root"_s);
    m_port = new QSpinBox;
    m_port->setObjectName(u"sshPortSpinBox"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_identityFile = lineEdit(u"identityFileEdit"_s, u"/etc/holdfast/ssh/identity"_s);
    auto *panel = new QWidget;
    auto *form = new QFormLayout(panel);
    form->addRow(tr("Server:"), m_host);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Key file:"), m_identityFile);
    form->addRow(
        note(tr("The daemon logs in as root with this key and no passphrase; make one with "
                "<tt>sudo ssh-keygen -t ed25519 -N '' -f /etc/holdfast/ssh/identity</tt>. The server's host "
                "key must be in root's known_hosts: log in once by hand with <tt>sudo ssh -i KEY USER@SERVER</tt>.")));
    for (QLineEdit *edit : {m_host, m_user}) {
        connect(edit, &QLineEdit::textChanged, this, &NewBackupDestinationPage::update);
    }
    connect(m_identityFile, &QLineEdit::textChanged, this, [this] {
        readPublicKey();
        update();
    });
    connect(m_port, &QSpinBox::valueChanged, this, &NewBackupDestinationPage::update);
    readPublicKey();
    return panel;
}

QWidget *NewBackupDestinationPage::createNetworkPanel()
{
    m_tcp = new QRadioButton(tr("TCP, unencrypted: only in a network you trust"));
    m_tcp->setObjectName(u"tcpRadio"_s);
    m_tls = new QRadioButton(tr("TLS, with certificates from your own CA"));
    m_tls->setObjectName(u"tlsRadio"_s);
    m_tls->setChecked(true);
    m_address = lineEdit(u"addressEdit"_s, {}, u"backup.example.org:8888"_s);
    m_clientAddress = lineEdit(u"clientAddressEdit"_s, firstAddress());
    m_ca = lineEdit(u"caEdit"_s, u"/etc/holdfast/ca.crt"_s);
    m_cert = lineEdit(u"certEdit"_s, u"/etc/holdfast/%1.crt"_s.arg(JobNames::machineIdentity()));
    m_key = lineEdit(u"keyEdit"_s, u"/etc/holdfast/%1.key"_s.arg(JobNames::machineIdentity()));
    m_serverCn = lineEdit(u"serverCnEdit"_s, {}, u"backup-server"_s);
    m_tcpFields = new QWidget;
    auto *tcpForm = new QFormLayout(m_tcpFields);
    tcpForm->setContentsMargins(0, 0, 0, 0);
    tcpForm->addRow(tr("This machine's address, as the server sees it:"), m_clientAddress);
    m_tlsFields = new QWidget;
    auto *tlsForm = new QFormLayout(m_tlsFields);
    tlsForm->setContentsMargins(0, 0, 0, 0);
    tlsForm->addRow(tr("CA certificate:"), m_ca);
    tlsForm->addRow(tr("This machine's certificate:"), m_cert);
    tlsForm->addRow(tr("Its key:"), m_key);
    tlsForm->addRow(tr("Name (CN) in the server's certificate:"), m_serverCn);
    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);
    layout->addWidget(m_tls);
    layout->addWidget(m_tcp);
    auto *form = new QFormLayout;
    form->addRow(tr("Server (host:port):"), m_address);
    layout->addLayout(form);
    layout->addWidget(m_tlsFields);
    layout->addWidget(m_tcpFields);
    m_tcpFields->hide();
    connect(m_tls, &QRadioButton::toggled, this, [this](bool tls) {
        m_tlsFields->setVisible(tls);
        m_tcpFields->setVisible(!tls);
        update();
    });
    for (QLineEdit *edit : {m_address, m_clientAddress, m_ca, m_cert, m_key, m_serverCn}) {
        connect(edit, &QLineEdit::textChanged, this, &NewBackupDestinationPage::update);
    }
    return panel;
}

QWidget *NewBackupDestinationPage::createServerPanel()
{
    auto *group = new QGroupBox(tr("On the server"));
    group->setObjectName(u"serverGroup"_s);
    m_serverRootFs = lineEdit(u"serverRootFsEdit"_s, {}, u"backup/holdfast"_s);
    m_identity = lineEdit(u"identityEdit"_s, JobNames::machineIdentity());
    m_authorizedKeysLabel = new QLabel(tr("Add this line to the server's <tt>~/.ssh/authorized_keys</tt> (of the user "
                                          "above): it lets this key run Holdfast's receiving end and nothing else."));
    m_authorizedKeysLabel->setWordWrap(true);
    m_authorizedKeys = new QPlainTextEdit;
    m_authorizedKeys->setObjectName(u"authorizedKeysEdit"_s);
    m_authorizedKeys->setReadOnly(true);
    m_authorizedKeys->setFixedHeight(m_authorizedKeys->fontMetrics().height() * 2 + 14);
    m_copyAuthorizedKeys = new QPushButton(tr("Copy"));
    m_copyAuthorizedKeys->setObjectName(u"copyAuthorizedKeysButton"_s);
    connect(m_copyAuthorizedKeys, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_authorizedKeys->toPlainText());
    });
    m_serverJob = new YamlEdit;
    m_serverJob->setObjectName(u"serverJobEdit"_s);
    m_serverJob->setReadOnly(true);
    m_serverJob->setFixedHeight(m_serverJob->fontMetrics().lineSpacing() * 6 + 14);
    auto *copyJob = new QPushButton(tr("Copy"));
    copyJob->setObjectName(u"copyServerJobButton"_s);
    connect(copyJob, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_serverJob->toPlainText());
    });
    m_testButton = new QPushButton(tr("Test Connection"));
    m_testButton->setObjectName(u"testConnectionButton"_s);
    m_testButton->setToolTip(tr("The daemon connects to the server as the new job would and asks for its sink job; "
                                "nothing is changed on either side"));
    connect(m_testButton, &QPushButton::clicked, this, &NewBackupDestinationPage::testConnection);
    m_testResult = new QLabel;
    m_testResult->setObjectName(u"testConnectionLabel"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Receive into (a dataset on the server):"), m_serverRootFs);
    form->addRow(tr("This machine's name there:"), m_identity);
    auto *keysRow = new QHBoxLayout;
    keysRow->addWidget(m_authorizedKeys, 1);
    keysRow->addWidget(m_copyAuthorizedKeys, 0, Qt::AlignTop);
    auto *jobRow = new QHBoxLayout;
    jobRow->addWidget(m_serverJob, 1);
    jobRow->addWidget(copyJob, 0, Qt::AlignTop);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testResult, 1);
    auto *layout = new QVBoxLayout(group);
    layout->addLayout(form);
    layout->addWidget(m_authorizedKeysLabel);
    layout->addLayout(keysRow);
    layout->addWidget(
        note(tr("Add this job to the <tt>jobs:</tt> of the server's /etc/holdfast/holdfast.yml and reload "
                "it there (<tt>sudo systemctl reload holdfast</tt>):")));
    layout->addLayout(jobRow);
    layout->addLayout(testRow);
    for (QLineEdit *edit : {m_serverRootFs, m_identity}) {
        connect(edit, &QLineEdit::textChanged, this, &NewBackupDestinationPage::update);
    }
    return group;
}

void NewBackupDestinationPage::showPanel(int index)
{
    // A stacked widget is as tall as its tallest page: the hidden ones are told not to count.
    for (int i = 0; i < m_panels->count(); ++i) {
        m_panels->widget(i)->setSizePolicy(QSizePolicy::Preferred,
                                           i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_panels->setCurrentIndex(index);
    m_panels->adjustSize();
}

void NewBackupDestinationPage::initializePage()
{
    // The pools as the daemon listed them on the first page, each with its free space; the first one that holds
    // none of the chosen filesystems is offered first.
    const QString previous = m_pool->currentData().toString();
    const QSignalBlocker blocker(m_pool);
    m_pool->clear();
    const Api::FilesystemListing &listing = m_wizard->filesystems()->listing();
    QSet<QString> sourcePools;
    for (const QString &name : m_wizard->filesystems()->selection()) {
        sourcePools.insert(name.section(u'/', 0, 0));
    }
    int preferred = -1;
    for (const Api::PoolInfo &pool : listing.pools) {
        const QString label = pool.free >= 0 ? tr("%1 (%2 free)").arg(pool.name, Format::bytes(pool.free)) : pool.name;
        m_pool->addItem(label, pool.name);
        // A backup on the disk it backs up helps against mistakes, not against the disk failing.
        if (preferred < 0 && !sourcePools.contains(pool.name)) {
            preferred = m_pool->count() - 1;
        }
    }
    const int again = m_pool->findData(previous);
    m_pool->setCurrentIndex(again >= 0 ? again : std::max(preferred, 0));
    if (!m_rootFsEdited && m_pool->currentIndex() >= 0) {
        m_rootFs->setText(m_pool->currentData().toString() + u"/holdfast"_s);
    }
    update();
}

BackupDestination NewBackupDestinationPage::destination() const
{
    switch (m_kind->checkedId()) {
    case 1:
        return BackupDestination::Ssh;
    case 2:
        return m_tls->isChecked() ? BackupDestination::Tls : BackupDestination::Tcp;
    default:
        return BackupDestination::LocalPool;
    }
}

QString NewBackupDestinationPage::target() const
{
    switch (destination()) {
    case BackupDestination::LocalPool:
        return m_rootFs->text().section(u'/', 0, 0);
    case BackupDestination::Ssh:
        return m_host->text().trimmed();
    case BackupDestination::Tcp:
    case BackupDestination::Tls:
        return m_address->text().section(u':', 0, 0).trimmed();
    }
    return {};
}

void NewBackupDestinationPage::fill(NewBackupChoices &c) const
{
    c.destination = destination();
    c.clientIdentity =
        c.destination == BackupDestination::LocalPool ? JobNames::machineIdentity() : m_identity->text().trimmed();
    c.localRootFs = m_rootFs->text().trimmed();
    c.sshHost = m_host->text().trimmed();
    c.sshUser = m_user->text().trimmed();
    c.sshPort = m_port->value();
    c.identityFile = m_identityFile->text().trimmed();
    c.publicKey = m_publicKey;
    c.address = m_address->text().trimmed();
    c.clientAddress = m_clientAddress->text().trimmed();
    c.ca = m_ca->text().trimmed();
    c.cert = m_cert->text().trimmed();
    c.key = m_key->text().trimmed();
    c.serverCn = m_serverCn->text().trimmed();
    c.serverRootFs = m_serverRootFs->text().trimmed();
}

void NewBackupDestinationPage::readPublicKey()
{
    // Root's key is often unreadable from the desktop; the page then shows the command that prints the line.
    m_publicKey.clear();
    QFile file(m_identityFile->text().trimmed() + u".pub"_s);
    if (file.open(QIODevice::ReadOnly)) {
        m_publicKey = QString::fromUtf8(file.read(16 * 1024)).trimmed();
    }
}

void NewBackupDestinationPage::update()
{
    const NewBackupChoices choices = m_wizard->choices();
    const bool remote = choices.destination != BackupDestination::LocalPool;
    m_server->setVisible(remote);
    const NewBackupPlan plan = NewBackupPlan::build(choices, m_wizard->existingJobs());
    const QString example = m_wizard->filesystems()->selection().isEmpty()
                                ? u"tank/home"_s
                                : *std::min_element(m_wizard->filesystems()->selection().cbegin(),
                                                    m_wizard->filesystems()->selection().cend());
    if (choices.reuseSink.isEmpty()) {
        m_localNote->setText(tr("Each filesystem lands below this dataset under this machine's name, as %1/%2/%3. A "
                                "push job and a sink job are added; they talk over zrepl's local transport.")
                                 .arg(choices.localRootFs, choices.clientIdentity, example));
    } else {
        m_localNote->setText(tr("The sink job %1 receives into %2 already: the new push job sends to it, as "
                                "%2/%3/%4.")
                                 .arg(choices.reuseSink, choices.localRootFs, choices.clientIdentity, example));
    }
    const bool ssh = choices.destination == BackupDestination::Ssh;
    m_authorizedKeysLabel->setVisible(ssh);
    m_authorizedKeys->setVisible(ssh);
    m_copyAuthorizedKeys->setVisible(ssh);
    if (ssh) {
        m_authorizedKeysLabel->setText(
            plan.authorizedKeysLine.isEmpty()
                ? tr("This desktop may not read %1.pub. Run this on this machine; it prints the line for the server's "
                     "<tt>~/.ssh/authorized_keys</tt> (of the user above), which lets the key run Holdfast's "
                     "receiving end and nothing else:")
                      .arg(choices.identityFile.toHtmlEscaped())
                : tr("Add this line to the server's <tt>~/.ssh/authorized_keys</tt> (of the user above): it lets this "
                     "key run Holdfast's receiving end and nothing else. (A zrepl server runs <tt>zrepl stdinserver "
                     "%1</tt> there instead.)")
                      .arg(choices.clientIdentity.toHtmlEscaped()));
        m_authorizedKeys->setPlainText(plan.authorizedKeysLine.isEmpty() ? plan.authorizedKeysCommand
                                                                         : plan.authorizedKeysLine);
    }
    m_serverJob->setPlainText(plan.serverJob);
    const QStringList problems = NewBackupPlan::destinationProblems(choices);
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
    m_testButton->setEnabled(remote && problems.isEmpty() && m_testId == 0);
    Q_EMIT completeChanged();
}

bool NewBackupDestinationPage::isComplete() const
{
    return NewBackupPlan::destinationProblems(m_wizard->choices()).isEmpty();
}

void NewBackupDestinationPage::testConnection()
{
    QString error;
    const std::optional<NewBackupPlan::Appended> proposed = m_wizard->proposed(&error);
    if (!proposed) {
        setConnectionResult(error, false);
        return;
    }
    m_testId = m_wizard->session().client().testConnection(proposed->text, m_wizard->jobName());
    m_testButton->setEnabled(false);
    setConnectionResult(tr("Connecting to %1…").arg(target()), true);
}

void NewBackupDestinationPage::setConnectionResult(const QString &text, bool ok)
{
    m_testResult->setText(text);
    QPalette palette = m_testResult->palette();
    palette.setColor(QPalette::WindowText, ok ? this->palette().color(QPalette::WindowText) : Format::errorColor());
    m_testResult->setPalette(palette);
}

QString NewBackupDestinationPage::connectionResult() const
{
    return m_testResult->text();
}

QString NewBackupDestinationPage::authorizedKeysText() const
{
    return m_authorizedKeys->toPlainText();
}

QString NewBackupDestinationPage::serverJobText() const
{
    return m_serverJob->toPlainText();
}

}  // namespace Gui
