// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include "daemon/endpoint/Endpoints.h"

// The protocol between Holdfast's active and passive sides (push↔sink, pull↔source) over a tcp, tls or
// ssh+stdinserver transport: HTTP/1.1 on one connection, one request at a time. Every request is
// `POST /rpc/<Name>`; arguments and results are JSON objects. The first request on a connection must be Handshake,
// which refuses a protocol version it does not speak. Streams travel as chunked bodies: Send answers with the
// stream, Receive's request carries it (its arguments then go in the Holdfast-Args header, base64 JSON). A
// chunked stream ends with a Holdfast-Stream-Error trailer when the side that produced it failed.
//
// 64-bit numbers (guids, txgs) are JSON strings: JSON numbers lose them beyond 2^53.
namespace Rpc {

constexpr int ProtocolVersion = 1;

inline constexpr char Handshake[] = "Handshake";
inline constexpr char ListFilesystems[] = "ListFilesystems";
inline constexpr char ListFilesystemVersions[] = "ListFilesystemVersions";
inline constexpr char PrepareStep[] = "PrepareStep";
inline constexpr char SizeEstimate[] = "SizeEstimate";
inline constexpr char Send[] = "Send";
inline constexpr char SendCompleted[] = "SendCompleted";
inline constexpr char EnsureParents[] = "EnsureParents";
inline constexpr char Receive[] = "Receive";
inline constexpr char ReceiveCompleted[] = "ReceiveCompleted";
inline constexpr char PruneListing[] = "PruneListing";
inline constexpr char DestroySnapshots[] = "DestroySnapshots";

inline constexpr char ArgsHeader[] = "Holdfast-Args";
inline constexpr char StreamErrorTrailer[] = "Holdfast-Stream-Error";

// Bodies of JSON requests and answers; a listing of 10,000 filesystems with 100 snapshots each fits.
constexpr qsizetype MaxJsonBody = 256 * 1024 * 1024;

QByteArray rpcPath(const char *name);  // "/rpc/<name>"

// What the passive side is: a sink receives, a source sends.
enum class Role
{
    Sink,
    Source,
};
QString toString(Role role);

struct HandshakeReply
{
    int protocolVersion = ProtocolVersion;
    Role role = Role::Sink;
    QString jobName;
    QString clientIdentity;  // as the passive side identified the client
    bool encrypted = false;  // a source's send.encrypted
};

QJsonObject toJson(const HandshakeReply &reply);
std::optional<HandshakeReply> handshakeFromJson(const QJsonObject &json, QString *error);

QJsonObject toJson(const Zfs::FilesystemVersion &version);
std::optional<Zfs::FilesystemVersion> versionFromJson(const QJsonValue &json, QString *error);
QJsonObject toJson(const Zfs::Dataset &dataset);
std::optional<Zfs::Dataset> datasetFromJson(const QJsonValue &json, QString *error);
QJsonObject toJson(const Endpoint::VersionMap &versions);
std::optional<Endpoint::VersionMap> versionMapFromJson(const QJsonValue &json, QString *error);
QJsonObject toJson(const Endpoint::ReceiverFilesystem &fs);
std::optional<Endpoint::ReceiverFilesystem> receiverFilesystemFromJson(const QJsonValue &json, QString *error);
QJsonObject toJson(const Endpoint::SendArgs &args);
std::optional<Endpoint::SendArgs> sendArgsFromJson(const QJsonValue &json, QString *error);
QJsonObject toJson(const Endpoint::ReceiveArgs &args);
std::optional<Endpoint::ReceiveArgs> receiveArgsFromJson(const QJsonValue &json, QString *error);
QJsonObject toJson(const Endpoint::PruneFilesystem &fs);
std::optional<Endpoint::PruneFilesystem> pruneFilesystemFromJson(const QJsonValue &json, QString *error);
QJsonObject toJson(const Zfs::ZfsError &error);
Zfs::ZfsError zfsErrorFromJson(const QJsonValue &json);
QJsonObject toJson(const Zfs::DestroyOutcome &outcome);
Zfs::DestroyOutcome destroyOutcomeFromJson(const QJsonValue &json);

// A list of dataset paths as JSON strings, each checked with Zfs::datasetPathCheck.
QJsonArray toJson(const QList<Zfs::DatasetPath> &paths);
std::optional<QList<Zfs::DatasetPath>> pathsFromJson(const QJsonValue &json, QString *error);

}  // namespace Rpc
