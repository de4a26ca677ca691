// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

#include <QList>
#include <QString>

#include "FakeControlServer.h"
#include "shared/control/ConfigApi.h"

// Holdfast's configuration endpoints on a FakeControlServer, as the daemon answers them: the document of a file
// held in memory with its SHA-256 version, validation by a test-given function (DaemonConfigCheck.h has the
// daemon's own parser), apply on top of the current version only (409 otherwise, 422 for an invalid text, 403 when
// not editable or not admin), the filesystem listing, and the connection test. A test changes the "file" with
// setText() as another client's apply would.
class FakeConfigService
{
public:
    using Validator = std::function<Api::ConfigValidation(const QString &text, const QString &running)>;
    using ConnectTester = std::function<Api::ConnectTestResult(const QString &text, const QString &job)>;

    FakeConfigService(FakeControlServer &server, const QString &path, const QString &text);

    void setText(const QString &text)
    {
        m_text = text;
    }

    QString text() const
    {
        return m_text;
    }

    QString version() const
    {
        return versionOf(m_text);
    }

    static QString versionOf(const QString &text);
    void setEditable(bool editable, const QString &reason = {});

    void setValidator(Validator validator)
    {
        m_validator = std::move(validator);
    }

    void setListing(const Api::FilesystemListing &listing)
    {
        m_listing = listing;
    }

    void setConnectTester(ConnectTester tester)
    {
        m_connectTester = std::move(tester);
    }

    // The next apply is answered with this status and body (a daemon that fails), whatever its request.
    void failNextApply(int status, const QByteArray &body);

    const QList<Api::ConfigApplyRequest> &applied() const
    {
        return m_applied;
    }

    int validations() const
    {
        return m_validations;
    }

    const QList<Api::ConnectTestRequest> &connectTests() const
    {
        return m_connectTests;
    }

private:
    FakeControlServer::Answer document() const;
    FakeControlServer::Answer validate(const Http::Request &request);
    FakeControlServer::Answer apply(const Http::Request &request);
    FakeControlServer::Answer connectTest(const Http::Request &request);
    std::optional<FakeControlServer::Answer> refusal() const;

    FakeControlServer &m_server;
    QString m_path;
    QString m_text;
    bool m_editable = true;
    QString m_reason;
    Validator m_validator;
    ConnectTester m_connectTester;
    Api::FilesystemListing m_listing;
    QList<Api::ConfigApplyRequest> m_applied;
    QList<Api::ConnectTestRequest> m_connectTests;
    int m_validations = 0;
    std::optional<FakeControlServer::Answer> m_nextApplyFailure;
};
