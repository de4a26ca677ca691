// SPDX-License-Identifier: MIT
#include "daemon/control/HoldsEndpoints.h"

#include <QPointer>

#include "daemon/control/ControlService.h"
#include "daemon/holds/HoldsActions.h"
#include "daemon/holds/HoldsClassifier.h"
#include "daemon/holds/HoldsSurvey.h"
#include "daemon/holds/RunningSteps.h"
#include "daemon/jobs/JobRegistry.h"
#include "shared/control/Holds.h"

using namespace Qt::StringLiterals;

namespace Daemon {

HoldsEndpoints::HoldsEndpoints(JobRegistry &jobs, Zfs::CommandConfig zfs)
    : m_jobs(jobs)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
    , m_log(u"_control"_s, {})
{
}

HoldsEndpoints::~HoldsEndpoints()
{
    // The tasks refer to the ZFS client: end them first.
    m_tasks.clear();
}

bool HoldsEndpoints::handles(const QByteArray &path)
{
    return path == Api::HoldfastEndpoint::Holds || path == Api::HoldfastEndpoint::ReleaseStale
           || path == Api::HoldfastEndpoint::AbandonResume || path == Api::HoldfastEndpoint::StopReplicating;
}

void HoldsEndpoints::handle(const Http::Request &request, HttpHandler::Reply reply)
{
    const bool list = request.path == Api::HoldfastEndpoint::Holds;
    if (list ? request.method != "GET" && request.method != "HEAD" : request.method != "POST") {
        reply(methodNotAllowedResponse(list ? "GET, HEAD" : "POST"));
        return;
    }
    if (!list && m_actionRunning) {
        reply(textResponse(409, "another holds action is running; try again when it is done\n"));
        return;
    }
    m_tasks.start(serve(request, std::move(reply)));
}

Async::Task<void> HoldsEndpoints::serve(Http::Request request, HttpHandler::Reply reply)
{
    const bool action = request.path != Api::HoldfastEndpoint::Holds;
    if (action) {
        m_actionRunning = true;
    }
    Http::Response response = co_await answer(std::move(request));
    if (action) {
        m_actionRunning = false;
    }
    reply(std::move(response));
}

Async::Task<Http::Response> HoldsEndpoints::answer(Http::Request request)
{
    std::optional<Api::HoldsActionRequest> action;
    if (request.path != Api::HoldfastEndpoint::Holds) {
        QString error;
        action = Api::HoldsActionRequest::fromJson(request.body.isEmpty() ? QByteArray("{}") : request.body, &error);
        if (!action) {
            co_return textResponse(400, u"invalid holds action request: %1\n"_s.arg(error).toUtf8());
        }
        if (request.path != Api::HoldfastEndpoint::ReleaseStale && action->filesystem.isEmpty()) {
            co_return textResponse(400, "invalid holds action request: \"filesystem\" is required\n");
        }
    }

    const Zfs::Result<Holds::SurveyFacts> facts = co_await Holds::surveyPools(m_zfs);
    if (!facts.ok()) {
        m_log.error(u"cannot list holds"_s, {{u"err"_s, facts.error.toString()}});
        co_return textResponse(500, u"cannot list the pools' holds: %1\n"_s.arg(facts.error.toString().trimmed()).toUtf8());
    }
    const QList<Holds::JobScope> scopes = m_jobs.jobScopes();
    const Api::HoldsReport report = Holds::classify(facts.value, scopes, [](const QString &fs) {
        return Holds::RunningSteps::instance().jobOn(fs);
    });
    if (!action) {
        co_return jsonResponse(report.toJson());
    }

    Api::HoldsActionReply plan;
    const QString fs = action->filesystem;
    if (request.path == Api::HoldfastEndpoint::ReleaseStale) {
        plan = Holds::Actions::planReleaseStale(report, action->job);
    } else {
        bool exists = false;
        for (const Zfs::Dataset &dataset : facts.value.filesystems) {
            exists = exists || dataset.path.toString() == fs;
        }
        if (!exists) {
            // Idempotent: a full receive abandoned leaves no filesystem behind, and asking again finds nothing.
            plan.dryRun = action->dryRun;
            plan.warnings.append(u"no filesystem named \"%1\" on this machine's pools: nothing to change"_s.arg(fs));
            co_return jsonResponse(plan.toJson());
        }
        if (request.path == Api::HoldfastEndpoint::AbandonResume) {
            plan = Holds::Actions::planAbandonResume(report, fs);
            if (plan.changes.isEmpty() && plan.skipped.isEmpty()) {
                plan.warnings.append(u"%1 has no interrupted receive: nothing to abandon"_s.arg(fs));
            }
        } else {
            // Both sides where both are this machine's: the filesystem, and where this daemon's receiving jobs
            // keep its copy (root_fs[/<client>]/<fs>).
            QStringList targets{fs};
            for (const Api::FilesystemHolds &other : report.filesystems) {
                if (other.filesystem != fs && other.filesystem.endsWith(u'/' + fs)) {
                    for (const Holds::JobScope &scope : scopes) {
                        if (scope.receivingRoot && Zfs::DatasetPath::fromString(other.filesystem).hasPrefix(*scope.receivingRoot)) {
                            targets.append(other.filesystem);
                            break;
                        }
                    }
                }
            }
            QStringList stillReplicating;
            QStringList remote;  // push jobs whose receiving side is another machine
            const Zfs::DatasetPath path = Zfs::DatasetPath::fromString(fs);
            for (const Holds::JobScope &scope : scopes) {
                if (!scope.sending || scope.type == Config::JobType::Snap || !scope.sending->matches(path)) {
                    continue;
                }
                stillReplicating.append(scope.name);
                const Job *job = m_jobs.job(scope.name);
                if (scope.type == Config::JobType::Push && job && job->config().connect.type != Config::Connect::Type::Local) {
                    remote.append(scope.name);
                }
            }
            plan = Holds::Actions::planStopReplicating(report, targets, stillReplicating);
            for (const QString &job : std::as_const(remote)) {
                plan.warnings.append(u"Job %1 sends %2 to another machine: its last-received hold there stays. Run "
                                     "`holdfast holds stop-replicating <the copy's path>` on that machine as well."_s.arg(job, fs));
            }
        }
        if (!plan.skipped.isEmpty()) {
            // A single filesystem's action cannot go on without it: refuse, naming the step.
            co_return textResponse(409, (plan.skipped.join(u'\n') + u'\n').toUtf8());
        }
    }
    plan.dryRun = action->dryRun;
    if (action->dryRun) {
        co_return jsonResponse(plan.toJson());
    }
    // A step may have started since the listing: those filesystems are left alone.
    QList<Api::HoldsChange> changes;
    for (const Api::HoldsChange &change : std::as_const(plan.changes)) {
        const QString changeFs = change.target.section(u'@', 0, 0).section(u'#', 0, 0);
        const QString job = Holds::RunningSteps::instance().jobOn(changeFs);
        if (job.isEmpty()) {
            changes.append(change);
        } else {
            plan.skipped.append(u"%1: a replication step of job \"%2\" started on it; try again when it is done"_s.arg(changeFs, job));
        }
    }
    plan.changes = changes;
    m_log.info(u"holds action"_s, {{u"action"_s, QString::fromLatin1(request.path.mid(request.path.lastIndexOf('/') + 1))},
                                   {u"job"_s, action->job}, {u"filesystem"_s, fs},
                                   {u"changes"_s, QString::number(plan.changes.size())}});
    const Api::HoldsActionReply done = co_await Holds::Actions::execute(m_zfs, plan, m_log);
    Http::Response response = jsonResponse(done.toJson());
    if (done.failed()) {
        response.status = 500;
    }
    co_return response;
}

}  // namespace Daemon
