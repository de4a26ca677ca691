// SPDX-License-Identifier: MIT
#include "daemon/control/ConfigEndpoints.h"

#include "daemon/config/ConfigParser.h"
#include "daemon/config/ConfigStore.h"
#include "daemon/control/AccessCheckedHandler.h"
#include "daemon/control/ConfigSummary.h"
#include "daemon/control/ConnectionTester.h"
#include "daemon/control/ControlService.h"
#include "daemon/control/FilesystemLister.h"
#include "daemon/core/ConfigHost.h"
#include "daemon/jobs/JobRegistry.h"
#include "shared/config/SecretRedactor.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

bool isRead(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

// A request without the level header came through no access check (a socket only root can reach): full access.
bool isStatusOnly(const Http::Request &request)
{
    const QByteArray level = request.headers.value(AccessCheckedHandler::PeerLevelHeader);
    return !level.isEmpty() && Api::accessLevelFromToken(level) != Api::AccessLevel::Admin;
}

QString peerOf(const Http::Request &request)
{
    const QByteArray peer = request.headers.value(AccessCheckedHandler::PeerHeader);
    return peer.isEmpty() ? u"root (no access check)"_s : QString::fromUtf8(peer);
}

// 400 for a body that is not the request asked for, with the field that was wrong.
Http::Response badRequest(const QString &what, const QString &error)
{
    return textResponse(400, u"invalid %1: %2\n"_s.arg(what, error).toUtf8());
}

}  // namespace

ConfigEndpoints::ConfigEndpoints(ConfigHost &host, JobRegistry &jobs, Zfs::CommandConfig zfs)
    : m_host(host)
    , m_jobs(jobs)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
    , m_log(u"_control"_s, {})
{}

ConfigEndpoints::~ConfigEndpoints()
{
    // The tasks refer to the ZFS client: end them first.
    m_tasks.clear();
}

bool ConfigEndpoints::handles(const QByteArray &path)
{
    return path == Api::HoldfastEndpoint::Config || path == Api::HoldfastEndpoint::ConfigValidate
           || path == Api::HoldfastEndpoint::ConfigApply || path == Api::HoldfastEndpoint::Reload
           || path == Api::HoldfastEndpoint::ConnectTest || path == Api::HoldfastEndpoint::Filesystems;
}

void ConfigEndpoints::handle(const Http::Request &request, HttpHandler::Reply reply)
{
    const QByteArray &path = request.path;
    const bool read = path == Api::HoldfastEndpoint::Config || path == Api::HoldfastEndpoint::Filesystems;
    if (read ? !isRead(request.method) : request.method != "POST") {
        reply(methodNotAllowedResponse(read ? "GET, HEAD" : "POST"));
        return;
    }
    if (path == Api::HoldfastEndpoint::Config) {
        reply(document(request));
    } else if (path == Api::HoldfastEndpoint::ConfigValidate) {
        reply(validate(request));
    } else if (path == Api::HoldfastEndpoint::ConfigApply) {
        reply(apply(request));
    } else if (path == Api::HoldfastEndpoint::Reload) {
        reply(reload(request));
    } else if (path == Api::HoldfastEndpoint::ConnectTest) {
        m_tasks.start(testConnect(request, std::move(reply)));  // waits for the network
    } else {
        m_tasks.start(listFilesystems(std::move(reply)));  // waits for zpool and zfs
    }
}

Http::Response ConfigEndpoints::document(const Http::Request &request) const
{
    Config::ConfigStore store(m_host.configPath());
    QString error;
    const std::optional<Config::ConfigStore::Contents> contents = store.read(&error);
    if (!contents) {
        return textResponse(500, (error + u'\n').toUtf8());
    }
    Api::ConfigDocument doc;
    doc.path = store.path();
    doc.text = QString::fromUtf8(contents->bytes);
    doc.version = contents->version;
    doc.state = m_host.state();
    Config::Error parseError;
    if (const std::optional<Config::Root> root = Config::parseBytes(contents->bytes, store.path(), &parseError)) {
        const Api::ReloadChanges changes = m_host.preview(*root);
        doc.jobs = ConfigSummary::summarize(*root);
        for (Api::ConfigJobSummary &job : doc.jobs) {
            // The daemon runs the text's settings of an unchanged job; a changed one that waits for its work to
            // end still runs its previous settings.
            job.restartPending = doc.state.pendingRestart.contains(job.name);
            job.running = !job.restartPending && changes.unchanged.contains(job.name) && m_jobs.job(job.name);
        }
    } else {
        doc.problem = parseError.toProblem();
    }
    if (isStatusOnly(request)) {
        const ConfigEdit::SecretRedactor::Result redacted = ConfigEdit::SecretRedactor::redact(doc.text);
        doc.text = redacted.text;
        doc.redacted = redacted.redacted > 0;
        doc.editable = false;
        doc.readOnlyReason = readOnlyReason();
    } else {
        doc.editable = true;
    }
    return jsonResponse(doc.toJson());
}

QString ConfigEndpoints::readOnlyReason() const
{
    const QString group = m_host.runningConfig().global.controlAdminGroup;
    return group.isEmpty() ? tr("Only root may change the configuration (global.control.admin_group can name a group "
                                "whose members may too).")
                           : tr("Only root and members of group “%1” may change the configuration.").arg(group);
}

Api::ConfigValidation ConfigEndpoints::validation(const QByteArray &text) const
{
    Api::ConfigValidation out;
    Config::Error error;
    // Under the file's own name, so that positions read as they will once the text is applied.
    const std::optional<Config::Root> root = Config::parseBytes(text, m_host.configPath(), &error);
    if (!root) {
        out.problems.append(error.toProblem());
        return out;
    }
    out.valid = true;
    out.jobs = ConfigSummary::summarize(*root);
    out.changes = m_host.preview(*root);
    return out;
}

Http::Response ConfigEndpoints::validate(const Http::Request &request) const
{
    QString error;
    const std::optional<Api::ConfigText> text = Api::ConfigText::fromJson(request.body, &error);
    if (!text) {
        return badRequest(u"validation request"_s, error);
    }
    return jsonResponse(validation(text->text.toUtf8()).toJson());
}

Http::Response ConfigEndpoints::apply(const Http::Request &request)
{
    QString error;
    const std::optional<Api::ConfigApplyRequest> apply = Api::ConfigApplyRequest::fromJson(request.body, &error);
    if (!apply) {
        return badRequest(u"apply request"_s, error);
    }
    const QByteArray bytes = apply->text.toUtf8();
    const Api::ConfigValidation checked = validation(bytes);
    if (!checked.valid) {
        Http::Response response = jsonResponse(checked.toJson());
        response.status = 422;
        return response;
    }
    Config::ConfigStore store(m_host.configPath());
    const Config::ConfigStore::WriteResult written = store.write(bytes, apply->baseVersion);
    switch (written.outcome) {
    case Config::ConfigStore::Outcome::Conflict: {
        const Api::ConfigConflict conflict{
            tr("%1 changed since version %2 was read (someone else applied a change, or the file was edited): read "
               "it again and make your change on top of it")
                .arg(store.path(), apply->baseVersion.left(12)),
            written.version};
        Http::Response response = jsonResponse(conflict.toJson());
        response.status = 409;
        return response;
    }
    case Config::ConfigStore::Outcome::Failed:
        m_log.error(u"cannot write the configuration"_s, {{u"err"_s, written.error}, {u"by"_s, peerOf(request)}});
        return textResponse(500, (written.error + u'\n').toUtf8());
    case Config::ConfigStore::Outcome::Written:
        break;
    }
    if (!written.error.isEmpty()) {
        m_log.warn(u"configuration written, but not synced"_s, {{u"err"_s, written.error}});
    }
    m_log.info(u"configuration applied"_s,
               {{u"by"_s, peerOf(request)},
                {u"version"_s, written.version},
                {u"previous"_s, apply->baseVersion},
                {u"added"_s, checked.changes.added.join(u", "_s)},
                {u"removed"_s, checked.changes.removed.join(u", "_s)},
                {u"changed"_s, checked.changes.changed.join(u", "_s)},
                {u"global"_s, (checked.changes.globalApplied + checked.changes.globalNeedsRestart).join(u", "_s)}});
    const Api::ReloadReport report = m_host.reloadFromFile(apply->restart, u"apply"_s);
    return jsonResponse(report.toJson());
}

Http::Response ConfigEndpoints::reload(const Http::Request &request)
{
    QString error;
    const std::optional<Api::ReloadRequest> reload =
        Api::ReloadRequest::fromJson(request.body.trimmed().isEmpty() ? QByteArray("{}") : request.body, &error);
    if (!reload) {
        return badRequest(u"reload request"_s, error);
    }
    m_log.info(u"reload requested"_s,
               {{u"by"_s, peerOf(request)}, {u"restart"_s, Api::restartPolicyName(reload->restart)}});
    return jsonResponse(m_host.reloadFromFile(reload->restart, u"request"_s).toJson());
}

Async::Task<void> ConfigEndpoints::testConnect(Http::Request request, HttpHandler::Reply reply)
{
    QString error;
    const std::optional<Api::ConnectTestRequest> test = Api::ConnectTestRequest::fromJson(request.body, &error);
    if (!test) {
        reply(badRequest(u"connection test request"_s, error));
        co_return;
    }
    Config::Error parseError;
    std::optional<Config::Root> root = Config::parseBytes(test->text.toUtf8(), m_host.configPath(), &parseError);
    if (!root) {
        Api::ConnectTestResult result;
        result.message = tr("the configuration is invalid: %1").arg(parseError.toString());
        reply(jsonResponse(result.toJson()));
        co_return;
    }
    const Api::ConnectTestResult result =
        co_await ConnectionTester::test(std::move(*root), test->job, m_connectTimeout);
    m_log.info(u"connection tested"_s,
               {{u"job"_s, test->job}, {u"ok"_s, result.ok ? u"yes"_s : u"no"_s}, {u"result"_s, result.message}});
    reply(jsonResponse(result.toJson()));
}

Async::Task<void> ConfigEndpoints::listFilesystems(HttpHandler::Reply reply)
{
    FilesystemLister lister(m_command, m_zfs);
    const FilesystemLister::Outcome outcome = co_await lister.list(m_jobs.jobScopes());
    if (!outcome.listing) {
        m_log.error(u"cannot list the filesystems"_s, {{u"err"_s, outcome.error}});
        reply(textResponse(500, (outcome.error + u'\n').toUtf8()));
        co_return;
    }
    reply(jsonResponse(outcome.listing->toJson()));
}

}  // namespace Daemon
