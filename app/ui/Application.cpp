// SPDX-License-Identifier: MIT
#include "app/ui/Application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSystemTrayIcon>
#include <QTranslator>

#include "app/ui/BackupSetupController.h"
#include "app/ui/FileHistoryDialog.h"
#include "app/ui/MainWindow.h"
#include "app/ui/NewBackupWizard.h"
#include "app/ui/SettingsDialog.h"
#include "app/ui/TrayController.h"

using namespace Qt::StringLiterals;

namespace Gui {

Application::Application(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(AppSettings::load(m_settingsStore))
    , m_sender(m_poller.client())
{
    m_window = std::make_unique<MainWindow>(m_poller, m_sender);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &Application::editSettings);
    connect(m_window.get(), &MainWindow::quitRequested, this, &Application::quit);
    connect(m_window.get(), &MainWindow::summariesChanged, this, &Application::handleSummaries);
    connect(&m_poller, &StatusPoller::connectionChanged, this, &Application::handleConnection);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = std::make_unique<TrayController>();
        connect(m_tray.get(), &TrayController::openRequested, this, &Application::showWindow);
        connect(m_tray.get(), &TrayController::restoreRequested, this, [this] {
            showWindow();
            m_window->showRestoreView();
        });
        connect(m_tray.get(), &TrayController::wakeupRequested, &m_sender, &SignalSender::wakeup);
        connect(m_tray.get(), &TrayController::quitRequested, this, &Application::quit);
        // New Backup… from the tray: the assistant opens over the window, which comes up with it.
        QAction *newBackup = m_window->backupSetup()->newBackupAction();
        m_tray->addWindowAction(newBackup);
        connect(newBackup, &QAction::triggered, this, [this] {
            if (m_window->isHidden()) {
                showWindow();
            }
            if (NewBackupWizard *wizard = m_window->backupSetup()->wizard()) {
                wizard->raise();
            }
        });
        connect(&m_poller, &StatusPoller::accessChanged, m_tray.get(), &TrayController::setReadOnly);
        m_tray->setReadOnly(m_poller.isReadOnly());
    }
    connect(&m_notifier, &DesktopNotifier::fallbackRequested, this,
            [this](const QString &title, const QString &body, Notification::Urgency urgency) {
                if (m_tray) {
                    m_tray->showMessage(title, body, urgency == Notification::Urgency::Critical ? QSystemTrayIcon::Critical
                                                                                                : QSystemTrayIcon::Information);
                } else {
                    m_window->showNotice(title + u": "_s + body);
                }
            });
    // Snapshots grow stale and outages grow long while nothing else changes: check now and then too.
    m_staleTimer.setInterval(std::chrono::seconds(15));
    connect(&m_staleTimer, &QTimer::timeout, this, [this] { raise(m_rules.tick(QDateTime::currentDateTimeUtc())); });
    apply(m_settings);
}

Application::~Application() = default;

void Application::start()
{
    if (m_tray) {
        m_tray->show();
    }
    const bool minimized = (m_options.startMinimized || m_settings.startMinimized) && m_tray;
    if (!minimized) {
        m_window->show();
    }
    if (!m_tray) {
        // Said once, in the window: without a tray there is nothing to minimize to.
        m_window->showNotice(tr("No system tray is available: Holdfast runs as a window only."));
    }
    m_poller.start();
    m_staleTimer.start();
}

void Application::apply(const AppSettings &settings)
{
    m_settings = settings;
    AppSettings effective = settings;
    if (!m_options.socketPath.isEmpty()) {
        effective.socketPath = m_options.socketPath;
    }
    m_window->applySettings(effective);
    m_window->setHidesOnClose(m_tray && settings.minimizeToTray);
    m_rules.setSettings(settings.notifications);
}

void Application::showWindow()
{
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void Application::editSettings()
{
    SettingsDialog dialog(m_settings, m_window.get());
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const AppSettings settings = dialog.settings();
    settings.save(m_settingsStore);
    QString error;
    if (settings.autostart != m_settings.autostart && !settings.applyAutostart(&error)) {
        m_window->showNotice(error);
    }
    apply(settings);
}

void Application::handleSummaries(const QList<JobSummary> &summaries)
{
    m_summaries = summaries;
    if (m_tray) {
        m_tray->update(m_summaries, m_poller.state(), m_poller.stateReason());
    }
    raise(m_rules.statusChanged(m_summaries, QDateTime::currentDateTimeUtc()));
}

void Application::handleConnection(ConnectionState state, const QString &reason)
{
    if (m_tray) {
        m_tray->update(m_summaries, state, reason);
    }
    raise(m_rules.connectionChanged(state, reason, QDateTime::currentDateTimeUtc()));
}

void Application::raise(const QList<Notification> &notifications)
{
    for (const Notification &notification : notifications) {
        m_notifier.notify(notification);
    }
}

void Application::quit()
{
    m_poller.stop();
    QCoreApplication::quit();
}

int runVersionsWindow(const QString &path)
{
    // Just this window, without the daemon's status, the tray or the notifications: a file manager's "Versions"
    // item opens it, and closing it ends the program (a restore under way is cancelled first).
    FileHistoryDialog dialog;
    QObject::connect(&dialog, &QDialog::finished, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    dialog.showHistoryOf(path);
    dialog.show();
    return QApplication::exec();
}

int runApplication(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Holdfast"_s);
    QApplication::setApplicationName(u"holdfast-gui"_s);
    QApplication::setApplicationDisplayName(u"Holdfast"_s);
    QApplication::setApplicationVersion(QStringLiteral(HOLDFAST_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral(HOLDFAST_APP_ID));
    QApplication::setWindowIcon(QIcon(u":/icons/holdfast.svg"_s));
    // The window lives on in the tray; only Quit ends the program.
    QApplication::setQuitOnLastWindowClosed(false);

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }
    QTranslator translator;
    if (translator.load(QLocale(), u"holdfast"_s, u"_"_s, u":/i18n"_s)) {
        QApplication::installTranslator(&translator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("Gui::Application", "Shows what the Holdfast (or zrepl) daemon does."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption minimized(u"minimized"_s, QCoreApplication::translate("Gui::Application", "Start in the system tray."));
    const QCommandLineOption socket(u"socket"_s, QCoreApplication::translate("Gui::Application", "The daemon's control socket."),
                                    QCoreApplication::translate("Gui::Application", "path"));
    const QCommandLineOption versions(
        u"versions"_s,
        QCoreApplication::translate("Gui::Application",
                                    "Show the versions of a file or folder in its snapshots, in a window of its own."),
        QCoreApplication::translate("Gui::Application", "path"));
    parser.addOption(minimized);
    parser.addOption(socket);
    parser.addOption(versions);
    parser.process(app);
    if (parser.isSet(versions)) {
        return runVersionsWindow(parser.value(versions));
    }

    Application::Options options;
    options.startMinimized = parser.isSet(minimized);
    options.socketPath = parser.value(socket);
    Application application(options);
    application.start();
    return QApplication::exec();
}

}  // namespace Gui
