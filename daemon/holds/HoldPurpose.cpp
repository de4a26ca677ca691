// SPDX-License-Identifier: MIT
#include "daemon/holds/HoldPurpose.h"

#include "daemon/endpoint/AbstractionNames.h"

using namespace Qt::StringLiterals;

namespace Holds {

QString describeHoldTag(const QString &tag)
{
    if (const auto job = Endpoint::parseStepHoldTag(tag)) {
        return u"a replication step of job %1, running or interrupted"_s.arg(*job);
    }
    if (const auto job = Endpoint::parseLastReceivedHoldTag(tag)) {
        return u"the last snapshot job %1 received: the base of its next incremental step"_s.arg(*job);
    }
    return u"not placed by Holdfast or zrepl"_s;
}

QString purposeOf(Api::AbstractionItem::Kind kind, const QString &job)
{
    switch (kind) {
    case Api::AbstractionItem::Kind::StepHold:
        return u"Keeps a snapshot that a replication step of job %1 sends (or sends from) until the step is done, so "
               "that an interrupted step can resume"_s.arg(job);
    case Api::AbstractionItem::Kind::StepBookmark:
        return u"Keeps the incremental source of a replication step of job %1 (a bookmark) until the step is done"_s.arg(job);
    case Api::AbstractionItem::Kind::LastReceivedHold:
        return u"Keeps the newest snapshot job %1 received, the base of the next incremental step, from pruning"_s.arg(job);
    case Api::AbstractionItem::Kind::ReplicationCursor:
        return u"Marks the newest snapshot the receiver of job %1 has: pruning's not_replicated rule and the next "
               "incremental step start from it"_s.arg(job);
    case Api::AbstractionItem::Kind::ReplicationCursorV1:
        return u"The replication cursor of zrepl before 0.3, unused since (`holdfast migrate "
               "replication-cursor:v1-v2` removes it)"_s;
    }
    return {};
}

}  // namespace Holds
