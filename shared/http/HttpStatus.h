// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

namespace Http {

// The standard reason phrase of a status code (RFC 9110 §15), "Unknown" for codes it does not list.
QByteArray reasonPhrase(int status);

}  // namespace Http
