// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Api {

// The control socket's paths (zrepl's daemon/control.go), plus /metrics.
namespace Endpoint {
inline constexpr char Version[] = "/version";
inline constexpr char Status[] = "/status";
inline constexpr char Signal[] = "/signal";
inline constexpr char Pprof[] = "/debug/pprof";
inline constexpr char Metrics[] = "/metrics";
}  // namespace Endpoint

// POST /signal {"Name": "<job>", "Op": "wakeup" | "reset"}
struct SignalRequest
{
    QString name;
    QString op;

    QByteArray toJson() const;
    // Go's json.Decoder rules: one JSON value, fields matched case-insensitively, unknown fields ignored, null
    // is an empty request; `error` gets the decoder-style message that zrepl sends back with 400.
    static std::optional<SignalRequest> fromJson(const QByteArray &body, QString *error);
};

// POST /debug/pprof {"Run": bool, "HttpListenAddress": "host:port"}
struct PprofRequest
{
    bool run = false;
    QString httpListenAddress;

    QByteArray toJson() const;
    static std::optional<PprofRequest> fromJson(const QByteArray &body, QString *error);
};

}  // namespace Api
