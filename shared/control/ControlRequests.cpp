// SPDX-License-Identifier: MIT
#include "shared/control/ControlRequests.h"

#include <QJsonObject>

#include <initializer_list>

#include "shared/control/GoJsonDecoder.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

struct FieldTarget
{
    const char *goName;
    QString *string = nullptr;
    bool *boolean = nullptr;
};

// Go's json.Unmarshal into a struct: keys match field names case-insensitively, unknown keys are ignored, null
// leaves a field alone, and the first value of the wrong type is reported in Go's words. `goType` and `goStruct` are
// the names zrepl's messages carry ("daemon.reqT", "reqT").
bool decodeStruct(const QByteArray &body, const char *goType, const char *goStruct,
                  std::initializer_list<FieldTarget> fields, QString *error)
{
    const std::optional<QJsonValue> value = decodeFirstJsonValue(body, error);
    if (!value) {
        return false;
    }
    if (value->isNull()) {
        return true;
    }
    if (!value->isObject()) {
        *error = u"json: cannot unmarshal %1 into Go value of type %2"_s.arg(goJsonKind(*value),
                                                                             QLatin1StringView(goType));
        return false;
    }
    const QJsonObject object = value->toObject();
    QString firstTypeError;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        for (const FieldTarget &field : fields) {
            if (it.key().compare(QLatin1StringView(field.goName), Qt::CaseInsensitive) != 0) {
                continue;
            }
            const QJsonValue v = it.value();
            if (v.isNull()) {
                break;
            }
            const bool wantString = field.string != nullptr;
            if (wantString && v.isString()) {
                *field.string = v.toString();
            } else if (!wantString && v.isBool()) {
                *field.boolean = v.toBool();
            } else if (firstTypeError.isEmpty()) {
                firstTypeError = u"json: cannot unmarshal %1 into Go struct field %2.%3 of type %4"_s.arg(
                    goJsonKind(v),
                    QLatin1StringView(goStruct),
                    QLatin1StringView(field.goName),
                    wantString ? u"string"_s : u"bool"_s);
            }
            break;
        }
    }
    if (!firstTypeError.isEmpty()) {
        *error = firstTypeError;
        return false;
    }
    return true;
}

}  // namespace

QByteArray SignalRequest::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("Name");
    w.value(name);
    w.key("Op");
    w.value(op);
    w.endObject();
    return w.take();
}

std::optional<SignalRequest> SignalRequest::fromJson(const QByteArray &body, QString *error)
{
    SignalRequest request;
    if (!decodeStruct(body, "daemon.reqT", "reqT", {{"Name", &request.name}, {"Op", &request.op}}, error)) {
        return std::nullopt;
    }
    return request;
}

QByteArray PprofRequest::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("Run");
    w.value(run);
    w.key("HttpListenAddress");
    w.value(httpListenAddress);
    w.endObject();
    return w.take();
}

std::optional<PprofRequest> PprofRequest::fromJson(const QByteArray &body, QString *error)
{
    PprofRequest request;
    if (!decodeStruct(body,
                      "daemon.PprofServerControlMsg",
                      "PprofServerControlMsg",
                      {{"Run", nullptr, &request.run}, {"HttpListenAddress", &request.httpListenAddress}},
                      error)) {
        return std::nullopt;
    }
    return request;
}

}  // namespace Api
