// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "shared/control/Holds.h"

// What each of replication's holds and bookmarks is for, in words a user can act on.
namespace Holds {

// For any hold tag: "a replication step of job push (running or interrupted)", "the last snapshot job sink
// received: the base of its next incremental step", or "not placed by Holdfast or zrepl".
QString describeHoldTag(const QString &tag);
QString purposeOf(Api::AbstractionItem::Kind kind, const QString &job);

}  // namespace Holds
