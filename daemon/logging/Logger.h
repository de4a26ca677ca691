// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <memory>

#include "daemon/logging/LogEntry.h"

namespace Config {
struct LoggingOutlet;
}

namespace Log {

// Where formatted entries go: stdout, syslog or a TCP log collector (zrepl's global.logging outlets).
class Outlet
{
public:
    explicit Outlet(Level minLevel)
        : m_minLevel(minLevel)
    {
    }
    virtual ~Outlet() = default;
    Level minLevel() const { return m_minLevel; }
    virtual void write(const Entry &entry) = 0;

private:
    Level m_minLevel;
};

// The daemon's log: fans entries out to the configured outlets. It lives in the main thread; Qt's own messages
// (qWarning and friends) are routed into it under the subsystem "qt".
class Logger
{
public:
    static Logger &instance();

    // Replaces the outlets. Until called, warnings and errors go to stderr in the human format.
    void setOutlets(QList<std::shared_ptr<Outlet>> outlets);
    // Builds outlets from the configuration. A TCP outlet whose collector is away keeps retrying on its own.
    static QList<std::shared_ptr<Outlet>> outletsFromConfig(const QList<Config::LoggingOutlet> &config);

    // Cheap check so that callers skip formatting what nobody wants.
    bool isEnabled(Level level) const { return level >= m_minLevel; }
    void write(Entry entry);

    // Called for every entry written, for zrepl_daemon_log_entries{zrepl_job, level}.
    void setEntryObserver(std::function<void(const QString &job, Level level)> observer);

    void installQtMessageHandler();

private:
    Logger();
    QList<std::shared_ptr<Outlet>> m_outlets;
    Level m_minLevel = Level::Warn;
    std::function<void(const QString &, Level)> m_observer;
};

// A job's (or subsystem's) view of the log: fills in the job and subsystem fields.
class Context
{
public:
    Context() = default;
    Context(QString job, QString subsystem)
        : m_job(std::move(job))
        , m_subsystem(std::move(subsystem))
    {
    }

    Context withSubsystem(const QString &subsystem) const { return {m_job, subsystem}; }
    const QString &job() const { return m_job; }

    bool isEnabled(Level level) const { return Logger::instance().isEnabled(level); }
    void log(Level level, const QString &message, QList<Field> fields = {}) const;
    void debug(const QString &message, QList<Field> fields = {}) const { log(Level::Debug, message, std::move(fields)); }
    void info(const QString &message, QList<Field> fields = {}) const { log(Level::Info, message, std::move(fields)); }
    void warn(const QString &message, QList<Field> fields = {}) const { log(Level::Warn, message, std::move(fields)); }
    void error(const QString &message, QList<Field> fields = {}) const { log(Level::Error, message, std::move(fields)); }

private:
    QString m_job;
    QString m_subsystem;
};

}  // namespace Log
