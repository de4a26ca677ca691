// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>

#include "daemon/pruning/KeepRule.h"

namespace Pruning {

// zrepl's `type: regex` (pruning/keep_regex.go): keeps the snapshots whose name matches, destroys the others;
// with `negate` the other way round. An empty regex matches every name.
class KeepRegex final : public KeepRule
{
public:
    // nullptr with a message when the regex does not compile.
    static std::unique_ptr<KeepRegex> create(const QString &regex, bool negate, QString *error = nullptr);

    QString kind() const override;
    QList<qsizetype> destroyIndices(const QList<PruneCandidate> &snapshots) const override;

private:
    KeepRegex(QRegularExpression regex, bool negate);

    QRegularExpression m_regex;
    bool m_negate;
};

}  // namespace Pruning
