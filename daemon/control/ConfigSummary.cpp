// SPDX-License-Identifier: MIT
#include "daemon/control/ConfigSummary.h"

#include "daemon/snapper/GoDuration.h"

using namespace Qt::StringLiterals;

namespace Daemon {

QList<Api::ConfigJobSummary> ConfigSummary::summarize(const Config::Root &root)
{
    QList<Api::ConfigJobSummary> out;
    for (const Config::Job &job : root.jobs) {
        Api::ConfigJobSummary summary;
        summary.name = job.name;
        summary.type = Config::jobTypeName(job.type);
        summary.summary = describe(job, root);
        summary.line = job.position.line;
        out.append(summary);
    }
    return out;
}

QString ConfigSummary::describe(const Config::Job &job, const Config::Root &root)
{
    switch (job.type) {
    case Config::JobType::Push:
        return tr("%1 to %2, %3")
            .arg(describeFilesystems(job.filesystems),
                 describeConnect(job.connect, root),
                 describeSnapshotting(job.snapshotting));
    case Config::JobType::Pull:
        return job.intervalManual
                   ? tr("pulls from %1 into %2 when woken up").arg(describeConnect(job.connect, root), job.rootFs)
                   : tr("pulls from %1 into %2 every %3")
                         .arg(describeConnect(job.connect, root), job.rootFs, shortDuration(job.interval));
    case Config::JobType::Sink:
        return tr("receives into %1 (%2)").arg(job.rootFs, describeServe(job.serve));
    case Config::JobType::Source:
        return tr("serves %1 (%2), %3")
            .arg(
                describeFilesystems(job.filesystems), describeServe(job.serve), describeSnapshotting(job.snapshotting));
    case Config::JobType::Snap:
        return tr("%1 of %2").arg(describeSnapshotting(job.snapshotting), describeFilesystems(job.filesystems));
    }
    return {};
}

QString ConfigSummary::shortDuration(Config::Duration duration)
{
    using namespace std::chrono;
    if (duration <= Config::Duration{0} || duration % seconds(1) != Config::Duration{0}) {
        return formatGoDuration(duration);  // "0s", "1.5s", "-1m0s": Go's own form says it best
    }
    const qint64 total = duration_cast<seconds>(duration).count();
    QString out;
    if (const qint64 h = total / 3600) {
        out += QString::number(h) + u'h';
    }
    if (const qint64 m = total / 60 % 60) {
        out += QString::number(m) + u'm';
    }
    if (const qint64 s = total % 60) {
        out += QString::number(s) + u's';
    }
    return out;
}

QString ConfigSummary::describeFilesystems(const Config::FilesystemsFilter &filter)
{
    QStringList included;
    int excluded = 0;
    for (auto it = filter.cbegin(); it != filter.cend(); ++it) {
        if (!it.value()) {
            ++excluded;
            continue;
        }
        const QString &pattern = it.key();
        if (pattern == "<"_L1) {
            included.append(tr("every filesystem"));
        } else if (pattern.endsWith(u'<')) {
            included.append(tr("%1 and below").arg(pattern.chopped(1)));
        } else {
            included.append(pattern);
        }
    }
    QString text;
    if (included.isEmpty()) {
        text = tr("no filesystems");
    } else if (included.size() == 1) {
        text = included.first();
    } else if (included.size() == 2) {
        text = tr("%1 and %2").arg(included[0], included[1]);
    } else {
        text = tr("%1, %2 and %n more", nullptr, int(included.size() - 2)).arg(included[0], included[1]);
    }
    if (excluded > 0) {
        text += tr(" (%n excluded)", nullptr, excluded);
    }
    return text;
}

QString ConfigSummary::describeConnect(const Config::Connect &connect, const Config::Root &root)
{
    switch (connect.type) {
    case Config::Connect::Type::Local:
        for (const Config::Job &other : root.jobs) {
            const bool passive = other.type == Config::JobType::Sink || other.type == Config::JobType::Source;
            if (passive && other.serve.type == Config::Serve::Type::Local
                && other.serve.listenerName == connect.listenerName) {
                return tr("local %1 “%2”").arg(Config::jobTypeName(other.type), other.name);
            }
        }
        return tr("local listener “%1” (no job of this configuration serves it)").arg(connect.listenerName);
    case Config::Connect::Type::Tcp:
        return tr("%1 over tcp").arg(connect.address);
    case Config::Connect::Type::Tls:
        return tr("%1 over TLS").arg(connect.address);
    case Config::Connect::Type::SshStdinserver: {
        const QString host = connect.user.isEmpty() ? connect.host : connect.user + u'@' + connect.host;
        return connect.port == 0 || connect.port == 22 ? tr("%1 over ssh").arg(host)
                                                       : tr("%1 over ssh (port %2)").arg(host).arg(connect.port);
    }
    }
    return {};
}

QString ConfigSummary::describeServe(const Config::Serve &serve)
{
    switch (serve.type) {
    case Config::Serve::Type::Local:
        return tr("local listener “%1”").arg(serve.listenerName);
    case Config::Serve::Type::Tcp:
        return tr("listening on %1, tcp").arg(serve.listen);
    case Config::Serve::Type::Tls:
        return tr("listening on %1, TLS").arg(serve.listen);
    case Config::Serve::Type::Stdinserver:
        return tr("over ssh for %1").arg(serve.clientIdentities.join(u", "_s));
    }
    return {};
}

QString ConfigSummary::describeSnapshotting(const Config::Snapshotting &snapshotting)
{
    if (snapshotting.type == Config::Snapshotting::Type::Manual) {
        return tr("no snapshots of its own");
    }
    return tr("snapshots every %1").arg(shortDuration(snapshotting.interval));
}

}  // namespace Daemon
