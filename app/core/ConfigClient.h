// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QHash>
#include <QObject>

#include "shared/control/ConfigApi.h"
#include "shared/control/ControlClient.h"

namespace Gui {

// Why a request to the configuration endpoints did not give what it asked for, in words and by kind, so that the
// window can offer what fits: reload on a conflict, nothing for a refusal.
struct ConfigFailure
{
    enum class Kind
    {
        NoAnswer,     // no daemon, no connection, no answer in time
        Refused,      // 403: this user may not; `message` is the daemon's reason
        Conflict,     // 409: someone else changed the file since it was read; `currentVersion` is the file's now
        Invalid,      // 422: the text is not a valid configuration (nothing written); `validation` says where
        Unsupported,  // zrepl's daemon has none of these endpoints
        Failed,       // another error status, or an answer that cannot be read
    };
    Kind kind = Kind::Failed;
    QString message;
    QString currentVersion;
    std::optional<Api::ConfigValidation> validation;
};

// The client side of Holdfast's configuration endpoints (Api::HoldfastEndpoint::Config…): each call sends one
// request on the shared control client and returns its id; exactly one of the matching signals or failed() answers
// it, with that id. Nothing blocks.
class ConfigClient final : public QObject
{
    Q_OBJECT

public:
    explicit ConfigClient(Api::ControlClient &client, QObject *parent = nullptr);

    quint64 fetchDocument();
    quint64 fetchFilesystems();
    quint64 validate(const QString &text);
    quint64 apply(const QString &text, const QString &baseVersion, Api::RestartPolicy restart);
    quint64 testConnection(const QString &text, const QString &job);

    // The answer to `id` is no longer wanted (its dialog closed): it is dropped when it comes.
    void forget(quint64 id);

    bool isPending(quint64 id) const
    {
        return m_pending.contains(id);
    }

    // What a failure of `reply` means for a request about `what` ("the configuration could not be read").
    static ConfigFailure failure(const Api::ControlClient::Reply &reply, const QString &what);

Q_SIGNALS:
    void documentReceived(quint64 id, const Api::ConfigDocument &document);
    void filesystemsReceived(quint64 id, const Api::FilesystemListing &listing);
    void validated(quint64 id, const Api::ConfigValidation &validation);
    void applied(quint64 id, const Api::ReloadReport &report);
    void connectionTested(quint64 id, const Api::ConnectTestResult &result);
    void failed(quint64 id, const Gui::ConfigFailure &failure);

private:
    enum class Request
    {
        Document,
        Filesystems,
        Validate,
        Apply,
        ConnectTest,
    };

    quint64 send(Request kind, const QByteArray &method, const QByteArray &path, const QByteArray &body = {});
    void handleReply(const Api::ControlClient::Reply &reply);
    void handleAnswer(quint64 id, Request kind, const QByteArray &body);

    Api::ControlClient &m_client;
    QHash<quint64, Request> m_pending;
    // Connection tests wait for ssh or a server (the daemon allows them 30 s): on a connection of their own, so that
    // the status polls on the shared one go on, with a timeout longer than the daemon's. Their ids have the top bit
    // set, so that they never meet the shared client's.
    Api::ControlClient m_slowClient;
    static constexpr quint64 SlowBit = quint64(1) << 63;
};

}  // namespace Gui
