// SPDX-License-Identifier: MIT
#include "app/core/ConfigClient.h"

#include "app/core/HoldsFetcher.h"

using namespace Qt::StringLiterals;

namespace Gui {

ConfigClient::ConfigClient(Api::ControlClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &Api::ControlClient::finished, this, &ConfigClient::handleReply);
    m_slowClient.setTimeout(std::chrono::seconds(45));
    connect(&m_slowClient, &Api::ControlClient::finished, this, [this](const Api::ControlClient::Reply &reply) {
        Api::ControlClient::Reply mine = reply;
        mine.id |= SlowBit;
        handleReply(mine);
    });
}

quint64 ConfigClient::send(Request kind, const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    const quint64 id = m_client.request(method, path, body);
    m_pending.insert(id, kind);
    return id;
}

quint64 ConfigClient::fetchDocument()
{
    return send(Request::Document, "GET", Api::HoldfastEndpoint::Config);
}

quint64 ConfigClient::fetchFilesystems()
{
    return send(Request::Filesystems, "GET", Api::HoldfastEndpoint::Filesystems);
}

quint64 ConfigClient::validate(const QString &text)
{
    return send(Request::Validate, "POST", Api::HoldfastEndpoint::ConfigValidate, Api::ConfigText{text}.toJson());
}

quint64 ConfigClient::apply(const QString &text, const QString &baseVersion, Api::RestartPolicy restart)
{
    Api::ConfigApplyRequest request;
    request.text = text;
    request.baseVersion = baseVersion;
    request.restart = restart;
    return send(Request::Apply, "POST", Api::HoldfastEndpoint::ConfigApply, request.toJson());
}

quint64 ConfigClient::testConnection(const QString &text, const QString &job)
{
    Api::ConnectTestRequest request;
    request.text = text;
    request.job = job;
    m_slowClient.setSocketPath(m_client.socketPath());
    const quint64 id = m_slowClient.request("POST", Api::HoldfastEndpoint::ConnectTest, request.toJson()) | SlowBit;
    m_pending.insert(id, Request::ConnectTest);
    return id;
}

void ConfigClient::forget(quint64 id)
{
    m_pending.remove(id);
}

ConfigFailure ConfigClient::failure(const Api::ControlClient::Reply &reply, const QString &what)
{
    ConfigFailure failure;
    const QString reason = reply.errorString.trimmed();
    if (reply.error != Api::ControlClient::Error::Status) {
        failure.kind = ConfigFailure::Kind::NoAnswer;
        failure.message = tr("%1: no answer from the daemon: %2").arg(what, reason);
        return failure;
    }
    if (isZreplsNotFound(reply)) {
        failure.kind = ConfigFailure::Kind::Unsupported;
        failure.message = tr("This daemon (zrepl) cannot change its configuration: edit its file and restart it");
        return failure;
    }
    switch (reply.status) {
    case 403:
        failure.kind = ConfigFailure::Kind::Refused;
        failure.message = tr("The daemon refused: %1").arg(reason);
        return failure;
    case 409: {
        failure.kind = ConfigFailure::Kind::Conflict;
        QString error;
        const std::optional<Api::ConfigConflict> conflict = Api::ConfigConflict::fromJson(reply.body, &error);
        failure.currentVersion = conflict ? conflict->currentVersion : QString();
        failure.message = tr("Someone else changed the configuration since it was read here%1")
                              .arg(conflict && !conflict->message.isEmpty() ? u": "_s + conflict->message : QString());
        return failure;
    }
    case 422: {
        QString error;
        std::optional<Api::ConfigValidation> validation = Api::ConfigValidation::fromJson(reply.body, &error);
        failure.kind = ConfigFailure::Kind::Invalid;
        if (validation && !validation->problems.isEmpty()) {
            failure.message = tr("The daemon found a problem, nothing was written: %1")
                                  .arg(validation->problems.constFirst().toString());
        } else {
            failure.message = tr("The daemon found the configuration invalid, nothing was written: %1")
                                  .arg(validation ? tr("no reason given") : reason);
        }
        failure.validation = std::move(validation);
        return failure;
    }
    default:
        failure.kind = ConfigFailure::Kind::Failed;
        failure.message = tr("%1: the daemon answered %2: %3").arg(what).arg(reply.status).arg(reason);
        return failure;
    }
}

void ConfigClient::handleReply(const Api::ControlClient::Reply &reply)
{
    const auto it = m_pending.constFind(reply.id);
    if (it == m_pending.constEnd()) {
        return;  // another part of the window asked
    }
    const Request kind = *it;
    m_pending.erase(it);
    if (!reply.ok()) {
        QString what;
        switch (kind) {
        case Request::Document:
            what = tr("The configuration could not be read");
            break;
        case Request::Filesystems:
            what = tr("The filesystems could not be listed");
            break;
        case Request::Validate:
            what = tr("The configuration could not be checked");
            break;
        case Request::Apply:
            what = tr("The configuration could not be applied");
            break;
        case Request::ConnectTest:
            what = tr("The connection could not be tested");
            break;
        }
        Q_EMIT failed(reply.id, failure(reply, what));
        return;
    }
    handleAnswer(reply.id, kind, reply.body);
}

void ConfigClient::handleAnswer(quint64 id, Request kind, const QByteArray &body)
{
    QString error;
    const auto unreadable = [&] {
        ConfigFailure failure;
        failure.kind = ConfigFailure::Kind::Failed;
        failure.message = tr("The daemon's answer could not be read: %1").arg(error);
        Q_EMIT failed(id, failure);
    };
    switch (kind) {
    case Request::Document:
        if (const std::optional<Api::ConfigDocument> document = Api::ConfigDocument::fromJson(body, &error)) {
            Q_EMIT documentReceived(id, *document);
            return;
        }
        break;
    case Request::Filesystems:
        if (const std::optional<Api::FilesystemListing> listing = Api::FilesystemListing::fromJson(body, &error)) {
            Q_EMIT filesystemsReceived(id, *listing);
            return;
        }
        break;
    case Request::Validate:
        if (const std::optional<Api::ConfigValidation> validation = Api::ConfigValidation::fromJson(body, &error)) {
            Q_EMIT validated(id, *validation);
            return;
        }
        break;
    case Request::Apply:
        if (const std::optional<Api::ReloadReport> report = Api::ReloadReport::fromJson(body, &error)) {
            Q_EMIT applied(id, *report);
            return;
        }
        break;
    case Request::ConnectTest:
        if (const std::optional<Api::ConnectTestResult> result = Api::ConnectTestResult::fromJson(body, &error)) {
            Q_EMIT connectionTested(id, *result);
            return;
        }
        break;
    }
    unreadable();
}

}  // namespace Gui
