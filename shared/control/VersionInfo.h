// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Api {

// /version: zrepl's ZreplVersionInformation, field names and their odd capitalisation included.
struct VersionInfo
{
    QString version;
    QString runtimeGoos;
    QString runtimeGoarch;
    QString runtimeCompiler;

    // This build of Holdfast, in zrepl's terms: the OS and architecture as Go names them ("linux", "amd64").
    static VersionInfo current();

    // "holdfast version=v0.1.0 GOOS=linux GOARCH=amd64 Compiler=gcc-12.2.0" (zrepl's layout). A peer whose
    // compiler is Go's "gc" is a zrepl daemon and is named so.
    QString toString() const;
    QByteArray toJson() const;
    static std::optional<VersionInfo> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const VersionInfo &, const VersionInfo &) = default;
};

}  // namespace Api
