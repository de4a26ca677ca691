// SPDX-License-Identifier: MIT
#include "daemon/holds/HoldsSurvey.h"

using namespace Qt::StringLiterals;

namespace Holds {

Async::Task<Zfs::Result<SurveyFacts>> surveyPools(Zfs::ZfsClient &zfs, std::optional<Zfs::DatasetFilter> filter)
{
    using Out = Zfs::Result<SurveyFacts>;
    const Zfs::Result<Zfs::Capabilities> caps = co_await zfs.capabilities();
    if (!caps.ok()) {
        co_return Out{{}, caps.error};
    }
    SurveyFacts facts;
    facts.listedAt = Api::Timestamp::now();
    const Zfs::Result<QList<Zfs::Dataset>> datasets = co_await zfs.listFilesystemsWithResumeTokens();
    if (!datasets.ok()) {
        co_return Out{{}, datasets.error};
    }
    QList<Zfs::DatasetPath> paths;
    for (const Zfs::Dataset &dataset : datasets.value) {
        if (!filter || filter->matches(dataset.path)) {
            facts.filesystems.append(dataset);
            paths.append(dataset.path);
        }
    }
    const auto versions = co_await zfs.listVersions(paths, caps.value.modern);
    if (!versions.ok()) {
        co_return Out{{}, versions.error};
    }
    facts.versions = versions.value;
    QStringList held;  // in the listing's order, so that the holds come in a stable order
    for (const Zfs::DatasetPath &path : std::as_const(paths)) {
        for (const Zfs::FilesystemVersion &v : facts.versions.value(path.toString())) {
            if (v.isSnapshot() && v.userRefs.value_or(0) > 0) {
                held.append(v.fullName());
            }
        }
    }
    if (caps.value.holdsListing()) {
        const Zfs::Result<QList<Zfs::Hold>> holds = co_await zfs.holds(held);
        if (!holds.ok()) {
            co_return Out{{}, holds.error};
        }
        facts.holds = holds.value;
    } else {
        facts.unlistedHolds = held;
    }
    co_return Out{facts, {}};
}

}  // namespace Holds
