// SPDX-License-Identifier: MIT
#include "daemon/logging/Logger.h"

#include <QtGlobal>

#include <unistd.h>

#include "daemon/config/Config.h"
#include "daemon/logging/Outlets.h"

using namespace Qt::StringLiterals;

namespace Log {

namespace {

void qtMessageHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    Level level = Level::Debug;
    switch (type) {
    case QtDebugMsg:
        level = Level::Debug;
        break;
    case QtInfoMsg:
        level = Level::Info;
        break;
    case QtWarningMsg:
        level = Level::Warn;
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        level = Level::Error;
        break;
    }
    Context({}, u"qt"_s).log(level, message);
}

}  // namespace

Logger &Logger::instance()
{
    static Logger logger;
    return logger;
}

Logger::Logger()
{
    m_outlets.append(std::make_shared<StreamOutlet>(Level::Warn, STDERR_FILENO, Config::LogFormat::Human, true, true));
}

void Logger::setOutlets(QList<std::shared_ptr<Outlet>> outlets)
{
    m_outlets = std::move(outlets);
    m_minLevel = Level::Error;
    for (const auto &outlet : std::as_const(m_outlets)) {
        m_minLevel = std::min(m_minLevel, outlet->minLevel());
    }
}

QList<std::shared_ptr<Outlet>> Logger::outletsFromConfig(const QList<Config::LoggingOutlet> &config)
{
    QList<std::shared_ptr<Outlet>> outlets;
    for (const Config::LoggingOutlet &c : config) {
        const Level level = Level(int(c.level));
        switch (c.type) {
        case Config::LoggingOutlet::Type::Stdout:
            outlets.append(std::make_shared<StreamOutlet>(level, STDOUT_FILENO, c.format, c.time, c.color));
            break;
        case Config::LoggingOutlet::Type::Syslog:
            outlets.append(std::make_shared<SyslogOutlet>(level, c.format, c.facility));
            break;
        case Config::LoggingOutlet::Type::Tcp:
            outlets.append(std::make_shared<TcpOutlet>(c));
            break;
        }
    }
    return outlets;
}

void Logger::write(Entry entry)
{
    if (!isEnabled(entry.level)) {
        return;
    }
    if (entry.time.isZero()) {
        entry.time = Api::Timestamp::now();
    }
    for (const auto &outlet : std::as_const(m_outlets)) {
        if (entry.level >= outlet->minLevel()) {
            outlet->write(entry);
        }
    }
    if (m_observer) {
        m_observer(entry.job, entry.level);
    }
}

void Logger::setEntryObserver(std::function<void(const QString &, Level)> observer)
{
    m_observer = std::move(observer);
}

void Logger::installQtMessageHandler()
{
    qInstallMessageHandler(qtMessageHandler);
}

void Context::log(Level level, const QString &message, QList<Field> fields) const
{
    Logger &logger = Logger::instance();
    if (!logger.isEnabled(level)) {
        return;
    }
    logger.write(Entry{Api::Timestamp::now(), level, m_job, m_subsystem, message, std::move(fields)});
}

}  // namespace Log
