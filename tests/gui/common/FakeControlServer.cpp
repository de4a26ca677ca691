// SPDX-License-Identifier: MIT
#include "FakeControlServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>

#include "shared/control/Freshness.h"
#include "shared/http/HttpWriter.h"

using namespace Qt::StringLiterals;

QByteArray FakeControlServer::zreplCapture(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

FakeControlServer::FakeControlServer(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            serve(socket);
        }
    });
}

bool FakeControlServer::listen()
{
    QLocalServer::removeServer(m_path);
    return m_server.listen(m_path);
}

void FakeControlServer::serve(QLocalSocket *socket)
{
    auto parser = std::make_shared<Http::RequestParser>();
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QLocalSocket::readyRead, this, [this, socket, parser, buffer] {
        buffer->append(socket->readAll());
        while (!buffer->isEmpty()) {
            const Http::ParseResult result = parser->parse(*buffer);
            buffer->remove(0, result.consumed);
            if (result.status == Http::ParseStatus::HeadComplete) {
                continue;
            }
            if (result.status != Http::ParseStatus::Complete) {
                return;
            }
            const Http::Request request = parser->takeRequest();
            socket->write(std::exchange(m_garbage, false) ? QByteArray("garbage\r\n\r\n")
                                                          : Http::serialize(answer(request)));
        }
    });
}

QList<Http::Request> FakeControlServer::handledRequests(const QByteArray &path) const
{
    QList<Http::Request> out;
    for (const Http::Request &request : m_handled) {
        if (request.path == path) {
            out.append(request);
        }
    }
    return out;
}

QString FakeControlServer::defaultForbiddenMessage()
{
    return u"permission denied: alice (uid 1000) may read the status, but signals and the profiler need root or "
           "membership of group 'holdfast-admin'"_s;
}

Http::Response FakeControlServer::answer(const Http::Request &request)
{
    Http::Response response;
    response.headers.add("Content-Type", "text/plain; charset=utf-8");
    if (m_access) {
        response.headers.add(Api::AccessHeader.toByteArray(), Api::accessLevelToken(*m_access));
        // The levels are ordered: None < Status < Admin.
        if (int(*m_access) < int(Api::requiredAccess(request.method, request.path))) {
            ++m_forbiddenRequests;
            response.status = 403;
            response.body = m_forbiddenMessage.toUtf8() + '\n';
            return response;
        }
    }
    if (const auto handler = m_handlers.constFind(request.path); handler != m_handlers.cend()) {
        m_handled.append(request);
        const Answer answer = (*handler)(request);
        response.status = answer.status;
        response.body = answer.body;
        if (answer.status >= 200 && answer.status < 300) {
            response.headers.set("Content-Type", "application/json");
        }
        return response;
    }
    if (request.path == "/status") {
        ++m_statusRequests;
        response.body = m_status;
    } else if (request.path == Api::HoldfastEndpoint::Freshness && !m_freshness.isEmpty()) {
        ++m_freshnessRequests;
        response.body = m_freshness;
    } else if (request.path == "/signal") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QString job = body.value(u"Name"_s).toString();
        const QString op = body.value(u"Op"_s).toString();
        m_signals.append(qMakePair(job, op));
        Q_EMIT signalReceived(job, op);
        if (m_refusals.contains(job)) {
            response.status = 500;
            response.body = m_refusals.take(job).toUtf8();
        } else {
            response.body = "{}\n";
        }
    } else {
        if (request.path == Api::HoldfastEndpoint::Freshness) {
            ++m_freshnessRequests;
        }
        response.status = 404;
        response.body = "404 page not found\n";
    }
    return response;
}
