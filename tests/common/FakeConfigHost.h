// SPDX-License-Identifier: MIT
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QList>
#include <QSet>

#include "daemon/config/ConfigParser.h"
#include "daemon/core/ConfigHost.h"

// A ConfigHost for tests of the control endpoints: it "runs" the configuration it last read, compares jobs by name
// (and by the names a test marks as changed), and records each reload it was asked for. Header-only: the tests
// that use it link holdfast-daemon.
class FakeConfigHost final : public Daemon::ConfigHost
{
public:
    explicit FakeConfigHost(QString path = {})
        : m_path(std::move(path))
    {
        m_running.path = m_path;
        Config::Error error;
        if (!m_path.isEmpty()) {
            if (std::optional<Config::Root> root = Config::parseFile(m_path, &error)) {
                m_running = std::move(*root);
                m_state.runningVersion = versionOfFile();
            }
        }
    }

    QString configPath() const override
    {
        return m_path;
    }

    const Config::Root &runningConfig() const override
    {
        return m_running;
    }

    Api::ReloadChanges preview(const Config::Root &next) const override
    {
        Api::ReloadChanges changes;
        QSet<QString> running;
        for (const Config::Job &job : m_running.jobs) {
            running.insert(job.name);
        }
        for (const Config::Job &job : next.jobs) {
            if (!running.contains(job.name)) {
                changes.added.append(job.name);
            } else if (changedForTest.contains(job.name)) {
                changes.changed.append(job.name);
            } else {
                changes.unchanged.append(job.name);
            }
            running.remove(job.name);
        }
        for (const Config::Job &job : m_running.jobs) {
            if (running.contains(job.name)) {
                changes.removed.append(job.name);
            }
        }
        if (next.global.controlSockpath != m_running.global.controlSockpath) {
            changes.globalNeedsRestart.append(QStringLiteral("global.control.sockpath"));
        }
        return changes;
    }

    Api::ReloadReport reloadFromFile(Api::RestartPolicy policy, const QString &trigger) override
    {
        reloads.append({policy, trigger});
        Api::ReloadReport report;
        report.at = Api::Timestamp::now();
        report.trigger = trigger;
        Config::Error error;
        std::optional<Config::Root> next = Config::parseFile(m_path, &error);
        if (!next) {
            report.problem = Api::ConfigProblem{error.file, error.line, error.column, error.field, error.message};
            report.version = m_state.runningVersion;
        } else {
            report.ok = true;
            report.changes = preview(*next);
            report.version = versionOfFile();
            if (policy == Api::RestartPolicy::Now) {
                report.restarted = report.changes.changed;
            } else {
                report.pending = report.changes.changed;
            }
            m_running = std::move(*next);
            m_state.runningVersion = report.version;
        }
        m_state.lastReload = report;
        return report;
    }

    Api::ConfigState state() const override
    {
        Api::ConfigState state = m_state;
        state.pendingRestart = pendingForTest;
        return state;
    }

    struct Reload
    {
        Api::RestartPolicy policy;
        QString trigger;
    };

    QList<Reload> reloads;
    QStringList changedForTest;  // jobs preview() reports as changed
    QStringList pendingForTest;  // state().pendingRestart

private:
    QString versionOfFile() const
    {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly)) {
            return {};
        }
        return QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex());
    }

    QString m_path;
    Config::Root m_running;
    Api::ConfigState m_state;
};
