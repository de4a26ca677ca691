// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QRegularExpression>
#include <QString>

namespace Pruning {

// The regular expressions of keep rules are zrepl's Go RE2 expressions, matched anywhere in the snapshot name
// (Go's MatchString). PCRE2 reads RE2's syntax, so the same pattern is compiled here; nullopt with PCRE2's
// message when it is not valid.
std::optional<QRegularExpression> compileRuleRegex(const QString &pattern, QString *error);

}  // namespace Pruning
