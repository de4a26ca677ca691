// SPDX-License-Identifier: MIT
#include "FakeConfigService.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

FakeConfigService::FakeConfigService(FakeControlServer &server, const QString &path, const QString &text)
    : m_server(server)
    , m_path(path)
    , m_text(text)
{
    // Without a validator every text is valid and changes nothing: tests about the daemon's verdicts set one.
    m_validator = [](const QString &, const QString &) {
        Api::ConfigValidation validation;
        validation.valid = true;
        return validation;
    };
    m_connectTester = [](const QString &, const QString &job) {
        Api::ConnectTestResult result;
        result.message = u"no server answers for job %1"_s.arg(job);
        return result;
    };
    m_server.answerWith(Api::HoldfastEndpoint::Config, [this](const Http::Request &) { return document(); });
    m_server.answerWith(Api::HoldfastEndpoint::ConfigValidate, [this](const Http::Request &r) { return validate(r); });
    m_server.answerWith(Api::HoldfastEndpoint::ConfigApply, [this](const Http::Request &r) { return apply(r); });
    m_server.answerWith(Api::HoldfastEndpoint::ConnectTest, [this](const Http::Request &r) { return connectTest(r); });
    m_server.answerWith(Api::HoldfastEndpoint::Filesystems, [this](const Http::Request &) {
        return FakeControlServer::Answer{200, m_listing.toJson()};
    });
}

QString FakeConfigService::versionOf(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

void FakeConfigService::setEditable(bool editable, const QString &reason)
{
    m_editable = editable;
    m_reason = reason;
}

void FakeConfigService::failNextApply(int status, const QByteArray &body)
{
    m_nextApplyFailure = FakeControlServer::Answer{status, body};
}

std::optional<FakeControlServer::Answer> FakeConfigService::refusal() const
{
    // The daemon's rule: changing the configuration needs admin access.
    if (m_server.access() && *m_server.access() != Api::AccessLevel::Admin) {
        return FakeControlServer::Answer{403, m_server.forbiddenMessage().toUtf8()};
    }
    if (!m_editable) {
        return FakeControlServer::Answer{403, m_reason.toUtf8()};
    }
    return std::nullopt;
}

FakeControlServer::Answer FakeConfigService::document() const
{
    Api::ConfigDocument doc;
    doc.path = m_path;
    doc.text = m_text;
    doc.version = version();
    const bool admin = !m_server.access() || *m_server.access() == Api::AccessLevel::Admin;
    doc.editable = m_editable && admin;
    doc.readOnlyReason = !admin ? m_server.forbiddenMessage() : (m_editable ? QString() : m_reason);
    const Api::ConfigValidation validation = m_validator(m_text, m_text);
    doc.jobs = validation.jobs;
    for (Api::ConfigJobSummary &job : doc.jobs) {
        job.running = true;
    }
    if (!validation.valid && !validation.problems.isEmpty()) {
        doc.problem = validation.problems.constFirst();
    }
    doc.state.runningVersion = version();
    return {200, doc.toJson()};
}

FakeControlServer::Answer FakeConfigService::validate(const Http::Request &request)
{
    if (const auto refused = refusal()) {
        return *refused;
    }
    QString error;
    const std::optional<Api::ConfigText> text = Api::ConfigText::fromJson(request.body, &error);
    if (!text) {
        return {400, error.toUtf8()};
    }
    ++m_validations;
    return {200, m_validator(text->text, m_text).toJson()};
}

FakeControlServer::Answer FakeConfigService::apply(const Http::Request &request)
{
    if (const auto refused = refusal()) {
        return *refused;
    }
    if (m_nextApplyFailure) {
        return *std::exchange(m_nextApplyFailure, std::nullopt);
    }
    QString error;
    const std::optional<Api::ConfigApplyRequest> apply = Api::ConfigApplyRequest::fromJson(request.body, &error);
    if (!apply) {
        return {400, error.toUtf8()};
    }
    if (apply->baseVersion != version()) {
        Api::ConfigConflict conflict;
        conflict.message = u"the configuration changed since version %1 was read"_s.arg(apply->baseVersion.left(12));
        conflict.currentVersion = version();
        return {409, conflict.toJson()};
    }
    const Api::ConfigValidation validation = m_validator(apply->text, m_text);
    if (!validation.valid) {
        return {422, validation.toJson()};
    }
    m_applied.append(*apply);
    m_text = apply->text;
    Api::ReloadReport report;
    report.ok = true;
    report.at = Api::Timestamp::now();
    report.trigger = u"apply"_s;
    report.version = version();
    report.changes = validation.changes;
    if (apply->restart == Api::RestartPolicy::Now) {
        report.restarted = validation.changes.changed;
    } else {
        report.pending = validation.changes.changed;
    }
    return {200, report.toJson()};
}

FakeControlServer::Answer FakeConfigService::connectTest(const Http::Request &request)
{
    if (const auto refused = refusal()) {
        return *refused;
    }
    QString error;
    const std::optional<Api::ConnectTestRequest> test = Api::ConnectTestRequest::fromJson(request.body, &error);
    if (!test) {
        return {400, error.toUtf8()};
    }
    m_connectTests.append(*test);
    return {200, m_connectTester(test->text, test->job).toJson()};
}
