// SPDX-License-Identifier: MIT
#include "daemon/pruning/KeepRule.h"

#include "daemon/pruning/KeepGrid.h"
#include "daemon/pruning/KeepLastN.h"
#include "daemon/pruning/KeepNotReplicated.h"
#include "daemon/pruning/KeepRegex.h"

using namespace Qt::StringLiterals;

namespace Pruning {

std::unique_ptr<KeepRule> KeepRule::fromConfig(const Config::KeepRule &rule, QString *error)
{
    switch (rule.type) {
    case Config::KeepRule::Type::NotReplicated:
        return std::make_unique<KeepNotReplicated>();
    case Config::KeepRule::Type::LastN:
        return KeepLastN::create(rule.count, error);
    case Config::KeepRule::Type::Regex:
        return KeepRegex::create(rule.regex, rule.negate, error);
    case Config::KeepRule::Type::Grid:
        return KeepGrid::create(rule.grid, rule.regex, error);
    }
    if (error) {
        *error = u"unknown keep rule type %1"_s.arg(int(rule.type));
    }
    return nullptr;
}

}  // namespace Pruning
