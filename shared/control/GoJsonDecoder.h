// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Api {

// Decodes a request body as zrepl's control server does with Go's json.Decoder: only the first JSON value counts
// (bytes after it are not read), and syntax errors carry Go's messages ("EOF" for an empty body, "unexpected EOF",
// "invalid character 'o' in literal null (expecting 'u')"), which zrepl sends back as the body of a 400.
std::optional<QJsonValue> decodeFirstJsonValue(QByteArrayView body, QString *error);

// Go's name of a JSON value's kind in unmarshal errors: "number", "string", "bool", "array", "object".
QString goJsonKind(const QJsonValue &value);

}  // namespace Api
