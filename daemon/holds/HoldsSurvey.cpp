// SPDX-License-Identifier: MIT
#include "daemon/holds/HoldsSurvey.h"

using namespace Qt::StringLiterals;

namespace Holds {

Async::Task<Zfs::Result<SurveyFacts>> surveyPools(Zfs::ZfsClient &zfs)
{
    using Out = Zfs::Result<SurveyFacts>;
    const Zfs::Result<Zfs::Capabilities> caps = co_await zfs.capabilities();
    if (!caps.ok()) {
        co_return Out{{}, caps.error};
    }
    SurveyFacts facts;
    facts.listedAt = Api::Timestamp::now();
    QStringList properties;
    if (caps.value.modern) {
        properties << u"receive_resume_token"_s;
    }
    const Zfs::Result<QList<Zfs::Dataset>> datasets = co_await zfs.listFilesystems(properties);
    if (!datasets.ok()) {
        co_return Out{{}, datasets.error};
    }
    facts.filesystems = datasets.value;
    QList<Zfs::DatasetPath> paths;
    for (const Zfs::Dataset &dataset : facts.filesystems) {
        paths.append(dataset.path);
    }
    const auto versions = co_await zfs.listVersions(paths, caps.value.modern);
    if (!versions.ok()) {
        co_return Out{{}, versions.error};
    }
    facts.versions = versions.value;
    QStringList held;
    for (const QList<Zfs::FilesystemVersion> &list : std::as_const(facts.versions)) {
        for (const Zfs::FilesystemVersion &v : list) {
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
    for (const Zfs::Dataset &dataset : std::as_const(facts.filesystems)) {
        const QString token = dataset.properties.value(u"receive_resume_token"_s);
        if (!token.isEmpty() && token != u"-") {
            const QString fs = dataset.path.toString();
            facts.partialSince.insert(fs, co_await zfs.partialReceiveSince(fs));
        }
    }
    co_return Out{facts, {}};
}

}  // namespace Holds
