// SPDX-License-Identifier: MIT
#include "daemon/control/FilesystemLister.h"

#include <cmath>
#include <limits>

#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"

using namespace Qt::StringLiterals;

namespace Daemon {

FilesystemLister::FilesystemLister(Zfs::ZfsCommand &command, Zfs::ZfsClient &zfs)
    : m_command(command)
    , m_zfs(zfs)
{}

Async::Task<FilesystemLister::Outcome> FilesystemLister::list(QList<Holds::JobScope> jobs)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    if (!caps.ok()) {
        co_return Outcome{std::nullopt, tr("cannot run zfs: %1").arg(caps.error.toString().trimmed())};
    }
    // zfs-fuse has no `-p` for zpool list and no encryption properties.
    QStringList zpoolArguments{u"list"_s, u"-H"_s};
    if (caps.value.modern) {
        zpoolArguments << u"-p"_s;
    }
    zpoolArguments << u"-o"_s << u"name,size,free,health"_s;
    const Zfs::CommandResult pools = co_await m_command.zpool(zpoolArguments);
    if (!pools.ok()) {
        co_return Outcome{std::nullopt, tr("cannot list the pools: %1").arg(pools.error.toString().trimmed())};
    }
    QString error;
    std::optional<QList<Api::PoolInfo>> poolInfos = parsePools(pools.standardOutput, &error);
    if (!poolInfos) {
        co_return Outcome{std::nullopt, tr("cannot read the pool list: %1").arg(error)};
    }

    QStringList properties{u"used"_s, u"available"_s, u"mountpoint"_s, u"mounted"_s};
    if (caps.value.modern) {
        properties << u"encryption"_s << u"encryptionroot"_s;
    }
    const Zfs::Result<QList<Zfs::Dataset>> datasets = co_await m_zfs.listFilesystems(properties);
    if (!datasets.ok()) {
        co_return Outcome{std::nullopt, tr("cannot list the filesystems: %1").arg(datasets.error.toString().trimmed())};
    }
    Api::FilesystemListing listing;
    listing.pools = std::move(*poolInfos);
    std::sort(listing.pools.begin(), listing.pools.end(), [](const Api::PoolInfo &a, const Api::PoolInfo &b) {
        return a.name < b.name;
    });
    // listFilesystems() sorts component-wise: parents come before their children.
    for (const Zfs::Dataset &dataset : datasets.value) {
        Api::FilesystemInfo fs;
        fs.name = dataset.path.toString();
        fs.used = parseSize(dataset.properties.value(u"used"_s)).value_or(-1);
        fs.available = parseSize(dataset.properties.value(u"available"_s)).value_or(-1);
        const QString mountpoint = dataset.properties.value(u"mountpoint"_s);
        if (dataset.properties.value(u"mounted"_s) == "yes"_L1 && mountpoint.startsWith(u'/')) {
            fs.mountpoint = mountpoint;
        }
        if (caps.value.modern) {
            fs.encryption = dataset.properties.value(u"encryption"_s);
            const QString root = dataset.properties.value(u"encryptionroot"_s);
            fs.encryptionRoot = root == "-"_L1 ? QString() : root;
        }
        listing.filesystems.append(fs);
    }
    attributeJobs(listing.filesystems, jobs);
    co_return Outcome{std::move(listing), {}};
}

std::optional<QList<Api::PoolInfo>> FilesystemLister::parsePools(const QByteArray &output, QString *error)
{
    QList<Api::PoolInfo> pools;
    const QList<QByteArray> lines = output.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() != 4) {
            *error = tr("line %1 has %2 fields instead of 4: “%3”")
                         .arg(i + 1)
                         .arg(fields.size())
                         .arg(QString::fromUtf8(line));
            return std::nullopt;
        }
        Api::PoolInfo pool;
        pool.name = QString::fromUtf8(fields[0]);
        pool.size = parseSize(QString::fromUtf8(fields[1])).value_or(-1);
        pool.free = parseSize(QString::fromUtf8(fields[2])).value_or(-1);
        pool.health = QString::fromUtf8(fields[3]);
        pools.append(pool);
    }
    return pools;
}

std::optional<qint64> FilesystemLister::parseSize(QStringView text)
{
    if (text.isEmpty() || text == u"-") {
        return std::nullopt;
    }
    static constexpr char16_t Units[] = u"BKMGTPE";
    int exponent = 0;
    QStringView number = text;
    const QChar last = text.back().toUpper();
    if (!last.isDigit()) {
        const auto *unit = std::char_traits<char16_t>::find(Units, 7, last.unicode());
        if (!unit) {
            return std::nullopt;
        }
        exponent = int(unit - Units);
        number = text.chopped(1);
    }
    bool ok = false;
    if (exponent == 0) {
        const qint64 exact = number.toLongLong(&ok);
        return ok && exact >= 0 ? std::optional<qint64>(exact) : std::nullopt;
    }
    // zfs prints human sizes in powers of 1024 ("1.98G").
    const double value = number.toDouble(&ok) * std::pow(1024.0, exponent);
    if (!ok || value < 0 || value >= double(std::numeric_limits<qint64>::max())) {
        return std::nullopt;
    }
    return qint64(std::llround(value));
}

void FilesystemLister::attributeJobs(QList<Api::FilesystemInfo> &filesystems, const QList<Holds::JobScope> &jobs)
{
    for (Api::FilesystemInfo &fs : filesystems) {
        const Zfs::DatasetPath path = Zfs::DatasetPath::fromString(fs.name);
        for (const Holds::JobScope &job : jobs) {
            if (job.sending && job.sending->matches(path)) {
                fs.sentBy.append(job.name);
            }
            if (job.receivingRoot && path.hasPrefix(*job.receivingRoot)) {
                fs.receivedBy.append(job.name);
            }
        }
    }
}

}  // namespace Daemon
