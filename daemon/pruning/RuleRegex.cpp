// SPDX-License-Identifier: MIT
#include "daemon/pruning/RuleRegex.h"

using namespace Qt::StringLiterals;

namespace Pruning {

std::optional<QRegularExpression> compileRuleRegex(const QString &pattern, QString *error)
{
    QRegularExpression re(pattern);
    if (!re.isValid()) {
        if (error) {
            *error = u"%1 at offset %2"_s.arg(re.errorString()).arg(re.patternErrorOffset());
        }
        return std::nullopt;
    }
    // Compile now rather than at the first match: pruning runs in the event loop thread.
    re.optimize();
    return re;
}

}  // namespace Pruning
