// SPDX-License-Identifier: MIT
#include "daemon/control/ControlService.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QUrlQuery>

#include <memory>

#include "daemon/control/BrowseEndpoints.h"
#include "daemon/control/ConfigEndpoints.h"
#include "daemon/control/ConfigFileWatcher.h"
#include "daemon/control/DebugServer.h"
#include "daemon/control/HoldsEndpoints.h"
#include "daemon/control/StatusFeed.h"
#include "daemon/core/ConfigHost.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/metrics/Metrics.h"
#include "shared/control/ControlRequests.h"
#include "shared/control/Freshness.h"
#include "shared/control/Holds.h"
#include "shared/control/StatusChanges.h"
#include "shared/control/VersionInfo.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

bool isReadMethod(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

}  // namespace

Http::Response jsonResponse(QByteArray json)
{
    Http::Response response;
    // zrepl sends text/plain (Go sniffs its JSON as text); its client does not look, so the true type costs nothing.
    response.headers.add("Content-Type", "application/json");
    if (!json.endsWith('\n')) {
        json.append('\n');
    }
    response.body = std::move(json);
    return response;
}

Http::Response textResponse(int status, QByteArray text)
{
    Http::Response response;
    response.status = status;
    response.headers.add("Content-Type", "text/plain; charset=utf-8");
    response.body = std::move(text);
    return response;
}

Http::Response notFoundResponse()
{
    Http::Response response = textResponse(404, "404 page not found\n");
    response.headers.add("X-Content-Type-Options", "nosniff");
    return response;
}

Http::Response methodNotAllowedResponse(const QByteArray &allow)
{
    Http::Response response = textResponse(405, "405 method not allowed\n");
    response.headers.add("Allow", allow);
    return response;
}

ControlService::ControlService(JobRegistry &jobs, Metrics &metrics, DebugServer &debugServer, ConfigHost &config)
    : m_jobs(jobs)
    , m_metrics(metrics)
    , m_debugServer(debugServer)
    , m_holds(std::make_unique<HoldsEndpoints>(jobs))
    , m_browse(std::make_unique<BrowseEndpoints>(jobs))
    , m_config(std::make_unique<ConfigEndpoints>(config, jobs))
    , m_feed(std::make_unique<StatusFeed>(jobs))
    , m_log(u"_control"_s, {})
{
    if (!config.configPath().isEmpty()) {
        m_configFile = std::make_unique<ConfigFileWatcher>(config.configPath());
        QObject::connect(m_configFile.get(), &ConfigFileWatcher::changed, m_feed.get(), &StatusFeed::markConfigChanged);
    }
    // What GET /holdfast/v1/config tells the status group about the file and the reloads, without its text.
    m_feed->setConfigSource([&config, file = m_configFile.get()] {
        Api::ConfigStatus status;
        status.path = config.configPath();
        if (file) {
            // Read now: the event of a write that came with this very change may not have arrived yet.
            file->check();
            status.version = file->version();
        }
        status.state = config.state();
        return status.toJson();
    });
}

ControlService::~ControlService() = default;

void ControlService::handleAsync(const Http::Request &request, Reply reply)
{
    const QByteArray &path = request.path;
    const bool known = path == Api::Endpoint::Version || path == Api::Endpoint::Status
                       || path == Api::Endpoint::Signal || path == Api::Endpoint::Pprof
                       || path == Api::Endpoint::Metrics || path == Api::HoldfastEndpoint::Freshness
                       || path == Api::HoldfastEndpoint::Runs || path == Api::HoldfastEndpoint::Wakeup
                       || path == Api::HoldfastEndpoint::Pruning || path == Api::HoldfastEndpoint::StatusChanges
                       || HoldsEndpoints::handles(path)
                       || BrowseEndpoints::handles(path) || ConfigEndpoints::handles(path);
    if (!known) {
        if (m_log.isEnabled(Log::Level::Debug)) {
            m_log.debug(u"unknown endpoint"_s,
                        {{u"method"_s, QString::fromLatin1(request.method)}, {u"url"_s, QString::fromLatin1(request.target)}});
        }
        reply(notFoundResponse());
        return;
    }
    const QString endpoint = QString::fromLatin1(path);
    const bool debug = m_log.isEnabled(Log::Level::Debug);
    QList<Log::Field> fields;
    if (debug) {
        fields = {{u"method"_s, QString::fromLatin1(request.method)}, {u"url"_s, QString::fromLatin1(request.target)}};
        m_log.debug(u"start"_s, fields);
    }
    m_metrics.controlRequestBegin(endpoint);
    QElapsedTimer timer;
    timer.start();
    HttpConnection *connection = reply.connection();
    // The metrics and the log outlive every request: the control server is torn down before them.
    auto finish = [this, endpoint, timer, debug, fields, reply = std::move(reply)](Http::Response response) mutable {
        m_metrics.controlRequestFinished(endpoint, double(timer.nsecsElapsed()) / 1e9);
        if (debug) {
            fields.append({u"status"_s, QString::number(response.status)});
            m_log.debug(u"finish"_s, fields);
        }
        reply(std::move(response));
    };
    if (path == Api::HoldfastEndpoint::StatusChanges) {
        // It may wait for a change: it watches the connection to forget a client that leaves. Its duration in the
        // metrics is the wait's.
        m_feed->handle(request, Reply(std::move(finish), connection));
    } else if (HoldsEndpoints::handles(path)) {
        m_holds->handle(request, std::move(finish));  // they wait for zfs
    } else if (BrowseEndpoints::handles(path)) {
        m_browse->handle(request, std::move(finish));  // they wait for zfs and mount
    } else if (ConfigEndpoints::handles(path)) {
        m_config->handle(request, std::move(finish));  // some wait for zfs or the network
    } else {
        finish(dispatch(request));
    }
}

Http::Response ControlService::handle(const Http::Request &request)
{
    return answerAtOnce(*this, request);
}

Http::Response ControlService::dispatch(const Http::Request &request)
{
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    // zrepl's client POSTs /version and /status (with "" and {} as bodies) and GETs them for --raw.
    if (path == Api::Endpoint::Version) {
        if (!isReadMethod(method) && method != "POST") {
            return methodNotAllowedResponse("GET, HEAD, POST");
        }
        static const QByteArray version = Api::VersionInfo::current().toJson();
        return jsonResponse(version);
    }
    if (path == Api::Endpoint::Status) {
        if (!isReadMethod(method) && method != "POST") {
            return methodNotAllowedResponse("GET, HEAD, POST");
        }
        return jsonResponse(m_jobs.statusJson());
    }
    if (path == Api::Endpoint::Metrics) {
        if (!isReadMethod(method)) {
            return methodNotAllowedResponse("GET, HEAD");
        }
        Http::Response response = textResponse(200, m_metrics.exposition());
        response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        return response;
    }
    if (path == Api::HoldfastEndpoint::Freshness) {
        if (!isReadMethod(method)) {
            return methodNotAllowedResponse("GET, HEAD");
        }
        return jsonResponse(m_jobs.freshnessJson(QDateTime::currentDateTimeUtc()));
    }
    if (path == Api::HoldfastEndpoint::Pruning) {
        if (!isReadMethod(method)) {
            return methodNotAllowedResponse("GET, HEAD");
        }
        return pruningExplanation(request);
    }
    if (path == Api::HoldfastEndpoint::Runs) {
        if (!isReadMethod(method)) {
            return methodNotAllowedResponse("GET, HEAD");
        }
        return jsonResponse(m_jobs.runs().toJson());
    }
    if (method != "POST") {
        return methodNotAllowedResponse("POST");
    }
    if (path == Api::HoldfastEndpoint::Wakeup) {
        return wakeup(request);
    }
    return path == Api::Endpoint::Signal ? signal(request) : pprof(request);
}

Http::Response ControlService::wakeup(const Http::Request &request)
{
    QString error;
    const std::optional<Api::WakeupRequest> wakeup = Api::WakeupRequest::fromJson(request.body, &error);
    if (!wakeup) {
        return textResponse(400, u"invalid wakeup request: %1"_s.arg(error).toUtf8());
    }
    Job *job = m_jobs.job(wakeup->job);
    if (!job) {
        return textResponse(404, u"no job named \"%1\""_s.arg(wakeup->job).toUtf8());
    }
    if (!job->hasRuns()) {
        return textResponse(409, u"job \"%1\" is a %2 job: only push and pull jobs have runs to wait for"_s
                                     .arg(job->name(), Config::jobTypeName(job->type())).toUtf8());
    }
    // The run this wakeup starts gets the next number; a job that is running refuses the wakeup (zrepl's rule).
    if (const std::optional<QString> refused = m_jobs.signal(wakeup->job, u"wakeup"_s)) {
        return textResponse(409, refused->toUtf8());
    }
    m_log.info(u"signal delivered"_s, {{u"target"_s, wakeup->job}, {u"op"_s, u"wakeup"_s}});
    return jsonResponse(Api::WakeupReply{job->name(), job->runInfo().started}.toJson());
}

Http::Response ControlService::signal(const Http::Request &request)
{
    QString error;
    const std::optional<Api::SignalRequest> signal = Api::SignalRequest::fromJson(request.body, &error);
    if (!signal) {
        return textResponse(400, error.toUtf8());
    }
    if (const std::optional<QString> refused = m_jobs.signal(signal->name, signal->op)) {
        return textResponse(500, refused->toUtf8());
    }
    m_log.info(u"signal delivered"_s, {{u"target"_s, signal->name}, {u"op"_s, signal->op}});
    return jsonResponse("{}");
}

Http::Response ControlService::pruningExplanation(const Http::Request &request)
{
    const QUrlQuery query(QString::fromUtf8(request.query));
    const QString job = query.queryItemValue(u"job"_s, QUrl::FullyDecoded);
    const QString filesystem = query.queryItemValue(u"filesystem"_s, QUrl::FullyDecoded);
    if (!job.isEmpty() && !m_jobs.job(job)) {
        return textResponse(404, u"no job named \"%1\"\n"_s.arg(job).toUtf8());
    }
    return jsonResponse(m_jobs.pruningExplanation(job, filesystem).toJson());
}

Http::Response ControlService::pprof(const Http::Request &request)
{
    QString error;
    const std::optional<Api::PprofRequest> pprof = Api::PprofRequest::fromJson(request.body, &error);
    if (!pprof) {
        return textResponse(400, error.toUtf8());
    }
    if (pprof->run) {
        if (!m_debugServer.listen(pprof->httpListenAddress, &error)) {
            return textResponse(500, error.toUtf8());
        }
        m_log.info(u"debug listener started"_s, {{u"address"_s, m_debugServer.address()}});
    } else {
        m_debugServer.close();
    }
    return jsonResponse("{}");
}

}  // namespace Daemon
