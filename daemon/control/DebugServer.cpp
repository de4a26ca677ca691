// SPDX-License-Identifier: MIT
#include "daemon/control/DebugServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <cstdio>
#include <malloc.h>

#include "daemon/control/ControlService.h"
#include "daemon/control/HttpConnection.h"
#include "daemon/metrics/Metrics.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

QByteArray readProcFile(const char *path)
{
    QFile file(QString::fromLatin1(path));
    // /proc files report size 0; read until EOF.
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

QByteArray mallocInfo()
{
    char *buffer = nullptr;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    if (!stream) {
        return {};
    }
    malloc_info(0, stream);
    std::fclose(stream);
    QByteArray xml(buffer, qsizetype(size));
    std::free(buffer);
    return xml;
}

QByteArray threads()
{
    QByteArray out;
    const QDir tasks(u"/proc/self/task"_s);
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + u"/comm"_s));
        QByteArray name;
        if (comm.open(QIODevice::ReadOnly)) {
            name = comm.readAll().trimmed();
        }
        out.append(tid.toLatin1()).append('\t').append(name).append('\n');
    }
    return out;
}

// "host:port", ":port" or "port"; a missing host means loopback.
bool parseListenAddress(const QString &text, QHostAddress *host, quint16 *port, QString *error)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    QString hostPart = colon < 0 ? QString() : text.left(colon);
    const QString portPart = colon < 0 ? text : text.mid(colon + 1);
    bool ok = false;
    const uint p = portPart.toUInt(&ok);
    if (!ok || p > 65535) {
        *error = u"invalid listen address \"%1\": the port must be a number from 0 to 65535"_s.arg(text);
        return false;
    }
    if (hostPart.startsWith(QLatin1Char('[')) && hostPart.endsWith(QLatin1Char(']'))) {
        hostPart = hostPart.mid(1, hostPart.size() - 2);
    }
    if (hostPart.isEmpty() || hostPart == "localhost"_L1) {
        *host = QHostAddress(QHostAddress::LocalHost);
    } else if (!host->setAddress(hostPart)) {
        *error = u"invalid listen address \"%1\": the host must be an IP address or localhost"_s.arg(text);
        return false;
    }
    *port = quint16(p);
    return true;
}

}  // namespace

DebugServer::DebugServer(Metrics &metrics, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
{
}

DebugServer::~DebugServer() = default;

bool DebugServer::listen(const QString &hostPort, QString *error)
{
    if (m_server && hostPort == m_requestedAddress) {
        return true;
    }
    QHostAddress host;
    quint16 port = 0;
    if (!parseListenAddress(hostPort, &host, &port, error)) {
        return false;
    }
    close();
    auto *server = new QTcpServer(this);
    if (!server->listen(host, port)) {
        *error = u"cannot listen on %1: %2"_s.arg(hostPort, server->errorString());
        delete server;
        return false;
    }
    m_server = server;
    m_requestedAddress = hostPort;
    connect(m_server, &QTcpServer::newConnection, this, &DebugServer::handleNewConnection);
    return true;
}

void DebugServer::close()
{
    delete m_server;
    m_server = nullptr;
    m_requestedAddress.clear();
}

bool DebugServer::isListening() const
{
    return m_server != nullptr;
}

QString DebugServer::address() const
{
    if (!m_server) {
        return {};
    }
    const QHostAddress host = m_server->serverAddress();
    const QString hostText = host.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(host.toString())
                                                                               : host.toString();
    return hostText + QLatin1Char(':') + QString::number(m_server->serverPort());
}

void DebugServer::handleNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        // Diagnostics may be large (smaps, metrics); give slow readers more time than the control socket does.
        new HttpConnection(socket, *this, HttpTimeouts{std::chrono::seconds(5), std::chrono::seconds(30),
                                                       std::chrono::seconds(30)},
                           m_server);
    }
}

Http::Response DebugServer::handle(const Http::Request &request)
{
    if (request.method != "GET" && request.method != "HEAD") {
        return methodNotAllowedResponse("GET, HEAD");
    }
    const QByteArray &path = request.path;
    if (path == "/metrics") {
        Http::Response response = textResponse(200, m_metrics.exposition());
        response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        return response;
    }
    if (path == "/debug/pprof/" || path == "/debug/pprof") {
        return textResponse(200,
                            "holdfast debug listener\n\n"
                            "/metrics                Prometheus metrics\n"
                            "/debug/pprof/cmdline    the daemon's command line\n"
                            "/debug/pprof/status     /proc/self/status\n"
                            "/debug/pprof/heap       glibc malloc_info(3) as XML\n"
                            "/debug/pprof/smaps      /proc/self/smaps_rollup\n"
                            "/debug/pprof/threads    thread ids and names\n");
    }
    if (path == "/debug/pprof/cmdline") {
        // As Go's pprof: the arguments separated by NUL bytes.
        return textResponse(200, QCoreApplication::arguments().join(QChar(0)).toLocal8Bit());
    }
    if (path == "/debug/pprof/status") {
        return textResponse(200, readProcFile("/proc/self/status"));
    }
    if (path == "/debug/pprof/heap") {
        Http::Response response = textResponse(200, mallocInfo());
        response.headers.set("Content-Type", "application/xml");
        return response;
    }
    if (path == "/debug/pprof/smaps") {
        return textResponse(200, readProcFile("/proc/self/smaps_rollup"));
    }
    if (path == "/debug/pprof/threads") {
        return textResponse(200, threads());
    }
    return notFoundResponse();
}

}  // namespace Daemon
