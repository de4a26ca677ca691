// SPDX-License-Identifier: MIT
#include "daemon/pruning/KeepRegex.h"

#include "daemon/pruning/RuleRegex.h"

using namespace Qt::StringLiterals;

namespace Pruning {

std::unique_ptr<KeepRegex> KeepRegex::create(const QString &regex, bool negate, QString *error)
{
    QString why;
    auto re = compileRuleRegex(regex, &why);
    if (!re) {
        if (error) {
            *error = u"regex is invalid: "_s + why;
        }
        return nullptr;
    }
    return std::unique_ptr<KeepRegex>(new KeepRegex(std::move(*re), negate));
}

KeepRegex::KeepRegex(QRegularExpression regex, bool negate)
    : m_regex(std::move(regex))
    , m_negate(negate)
{}

QString KeepRegex::kind() const
{
    return u"regex"_s;
}

QList<qsizetype> KeepRegex::destroyIndices(const QList<PruneCandidate> &snapshots) const
{
    QList<qsizetype> destroy;
    for (qsizetype i = 0; i < snapshots.size(); ++i) {
        const bool matches = m_regex.match(snapshots[i].name).hasMatch();
        if (matches == m_negate) {
            destroy.append(i);
        }
    }
    return destroy;
}

}  // namespace Pruning
