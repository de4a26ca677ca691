// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSettings>
#include <QTimer>

#include <memory>

#include "app/core/SignalSender.h"
#include "app/core/StatusPoller.h"
#include "app/notify/DesktopNotifier.h"
#include "app/notify/NotificationRules.h"
#include "app/ui/AppSettings.h"

namespace Gui {

class MainWindow;
class TrayController;

// Wires the parts of holdfast-gui together: the poller feeds the window, the tray and the notification rules;
// the window and the tray send signals; settings apply everywhere at once.
class Application final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool startMinimized = false;  // --minimized
        QString socketPath;  // --socket, overrides the setting for this run
    };

    explicit Application(Options options, QObject *parent = nullptr);
    ~Application() override;

    void start();
    MainWindow &window() { return *m_window; }
    StatusPoller &poller() { return m_poller; }
    TrayController *tray() { return m_tray.get(); }

private:
    void showWindow();
    void editSettings();
    void apply(const AppSettings &settings);
    void handleSummaries(const QList<JobSummary> &summaries);
    void handleConnection(ConnectionState state, const QString &reason);
    void raise(const QList<Notification> &notifications);
    void quit();

    Options m_options;
    QSettings m_settingsStore;
    AppSettings m_settings;
    StatusPoller m_poller;
    SignalSender m_sender;
    NotificationRules m_rules;
    DesktopNotifier m_notifier;
    QTimer m_staleTimer;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayController> m_tray;
    QList<JobSummary> m_summaries;
};

// main(): the QApplication, translations for the user's locale, the command line, then Application (or, with
// --versions PATH, only the versions window of PATH).
int runApplication(int argc, char **argv);
// `holdfast-gui --versions PATH`: the versions of PATH in a window of its own; returns when it is closed.
int runVersionsWindow(const QString &path);

}  // namespace Gui
