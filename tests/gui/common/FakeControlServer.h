// SPDX-License-Identifier: MIT
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QPair>
#include <QStringList>

#include "shared/http/HttpParser.h"

// A control socket that answers like zrepl's daemon of the reference version (the captured wire transcript):
// GET /status with a given document, POST /signal recorded and answered with 200 {} or 500 and a plain-text
// reason. For widget tests, which then run against zrepl's own answers.
class FakeControlServer final : public QObject
{
    Q_OBJECT

public:
    explicit FakeControlServer(const QString &path, QObject *parent = nullptr);

    bool listen();
    void setStatus(const QByteArray &json) { m_status = json; }
    // The next signal for `job` is refused with this reason (zrepl: "already woken up").
    void refuseSignal(const QString &job, const QString &reason) { m_refusals.insert(job, reason); }
    const QList<QPair<QString, QString>> &signalsReceived() const { return m_signals; }
    int statusRequests() const { return m_statusRequests; }

Q_SIGNALS:
    void signalReceived(const QString &job, const QString &op);

private:
    void serve(QLocalSocket *socket);

    QString m_path;
    QLocalServer m_server;
    QByteArray m_status = "{}";
    QHash<QString, QString> m_refusals;
    QList<QPair<QString, QString>> m_signals;
    int m_statusRequests = 0;
};
