// SPDX-License-Identifier: MIT
#include "daemon/browse/BrowseLeases.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/browse/SnapshotLookup.h"

using namespace Qt::StringLiterals;

namespace Browse {

namespace {

// The lease ids name the mount directories: 16 hex digits, nothing a path could be made of.
QString newLeaseId()
{
    return QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0');
}

bool looksLikeLeaseId(const QString &name)
{
    static const QRegularExpression pattern(u"\\A[0-9a-f]{16}\\z"_s);
    return pattern.match(name).hasMatch();
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// 0755 whatever the umask: the desktop user must be able to enter it. Never through a symlink: the daemon is root,
// and a link where its directory should be would hand it someone else's directory.
bool makeDirectory(const QString &path, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0755) != 0 && errno != EEXIST) {
        *error = u"cannot create %1: %2"_s.arg(path, errnoText(errno));
        return false;
    }
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *error = errno == ENOTDIR || errno == ELOOP ? u"%1 is not a directory"_s.arg(path)
                                                    : u"cannot open %1: %2"_s.arg(path, errnoText(errno));
        return false;
    }

    // It must be the daemon's own: nobody else may choose what is in the directory a snapshot is mounted below.
    struct stat st
    {};

    if (::fstat(fd, &st) != 0 || st.st_uid != ::geteuid()) {
        *error =
            u"%1 belongs to uid %2 with mode %3: the browse directory must be the daemon's own (uid %4)"_s.arg(path)
                .arg(st.st_uid)
                .arg(st.st_mode & 07777, 4, 8, QChar(u'0'))
                .arg(::geteuid());
        ::close(fd);
        return false;
    }
    const bool changed = ::fchmod(fd, 0755) == 0;
    const int chmodError = errno;
    ::close(fd);
    if (!changed) {
        *error = u"cannot set the permissions of %1: %2"_s.arg(path, errnoText(chmodError));
        return false;
    }
    return true;
}

}  // namespace

BrowseLeases::BrowseLeases(BrowseSettings settings, SnapshotLookup &lookup, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_lookup(lookup)
    , m_mounter(m_settings)
    , m_log(u"_control"_s, u"browse"_s)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { enqueue([this] { return expireDue(); }); });
    connect(&m_runner, &Async::TaskRunner::finished, this, &BrowseLeases::pump);
}

BrowseLeases::~BrowseLeases()
{
    // A request still waiting for zfs or mount is dropped; a mount it may have made is a leftover for the next
    // start to clean up.
    m_runner.cancel();
    m_queue.clear();
    unmountAllNow();
    if (m_lockFd >= 0) {
        ::close(m_lockFd);
    }
}

void BrowseLeases::open(const QString &filesystem, const QString &snapshot, OpenDone done)
{
    enqueue([this, filesystem, snapshot, done = std::move(done)] { return doOpen(filesystem, snapshot, done); });
}

void BrowseLeases::release(const QString &id, ReleaseDone done)
{
    enqueue([this, id, done = std::move(done)] { return doRelease(id, done); });
}

void BrowseLeases::cleanUpLeftovers()
{
    enqueue([this] { return doCleanUp(); });
}

Api::BrowseLeases BrowseLeases::leases() const
{
    Api::BrowseLeases out;
    for (const Lease &lease : m_leases) {
        out.leases.append(lease.api);
    }
    std::sort(out.leases.begin(), out.leases.end(), [](const Api::BrowseLease &a, const Api::BrowseLease &b) {
        return std::tie(a.filesystem, a.snapshot) < std::tie(b.filesystem, b.snapshot);
    });
    return out;
}

void BrowseLeases::enqueue(std::function<Async::Task<void>()> operation)
{
    m_queue.push_back(std::move(operation));
    pump();
}

void BrowseLeases::pump()
{
    if (m_runner.isRunning() || m_queue.empty()) {
        return;
    }
    std::function<Async::Task<void>()> next = std::move(m_queue.front());
    m_queue.pop_front();
    m_runner.start(next());
}

Async::Task<void> BrowseLeases::doOpen(QString filesystem, QString snapshot, OpenDone done)
{
    const QString dataset = filesystem + u'@' + snapshot;
    OpenOutcome outcome;
    if (Lease *lease = find(filesystem, snapshot)) {
        // Still mounted (nobody unmounted it by hand): the same lease runs on.
        const std::optional<MountTable> mounts = readMounts();
        if (!mounts || mounts->isMountPoint(lease->api.path)) {
            setDeadline(*lease, m_settings.idleTimeout);
            lease->api.unmountError.clear();
            arm();
            outcome.status = OpenOutcome::Status::Renewed;
            outcome.lease = lease->api;
            done(outcome);
            co_return;
        }
        m_log.warn(u"a snapshot mounted for browsing was unmounted by someone else: mounting it again"_s,
                   {{u"dataset"_s, dataset}, {u"path"_s, lease->api.path}});
        removeDirectory(lease->api.path);
        remove(lease->api.id);
    }
    QString error;
    if (!claimRoot(&error)) {
        outcome.status = OpenOutcome::Status::Refused;
        outcome.message = error;
        done(outcome);
        co_return;
    }
    const FilesystemFacts facts = co_await m_lookup.filesystem(filesystem);
    if (facts.error.is(Zfs::ZfsError::Kind::NotFound)) {
        outcome.status = OpenOutcome::Status::NotFound;
        outcome.message = u"no filesystem named \"%1\""_s.arg(filesystem);
    } else if (!facts.error.ok()) {
        outcome.message = u"cannot look up %1: %2"_s.arg(filesystem, facts.error.toString().trimmed());
    } else if (facts.type != u"filesystem") {
        outcome.status = OpenOutcome::Status::Refused;
        outcome.message = u"%1 is a %2, not a filesystem: it has no files to browse"_s.arg(filesystem, facts.type);
    } else if (!facts.keyLoaded()) {
        const QString root =
            facts.encryptionRoot.isEmpty() || facts.encryptionRoot == u"-" ? filesystem : facts.encryptionRoot;
        outcome.status = OpenOutcome::Status::KeyNotLoaded;
        outcome.message =
            u"the key of %1 is not loaded: a raw-received backup can only be browsed after `zfs load-key %2`"_s.arg(
                filesystem, root);
    }
    if (!outcome.message.isEmpty()) {
        done(outcome);
        co_return;
    }
    const Zfs::ZfsError exists = co_await m_lookup.snapshotExists(dataset);
    if (!exists.ok()) {
        outcome.status =
            exists.is(Zfs::ZfsError::Kind::NotFound) ? OpenOutcome::Status::NotFound : OpenOutcome::Status::Failed;
        outcome.message = exists.is(Zfs::ZfsError::Kind::NotFound)
                              ? u"%1 has no snapshot named \"%2\""_s.arg(filesystem, snapshot)
                              : u"cannot look up %1: %2"_s.arg(dataset, exists.toString().trimmed());
        done(outcome);
        co_return;
    }

    const QString id = newLeaseId();
    const QString directory = m_settings.root + u'/' + id;
    if (!makeDirectory(directory, &error)) {
        outcome.message = error;
        done(outcome);
        co_return;
    }
    const CommandOutcome mounted = co_await m_mounter.mount(dataset, directory);
    if (!mounted.ok) {
        removeDirectory(directory);
        m_log.error(u"cannot mount a snapshot for browsing"_s, {{u"dataset"_s, dataset}, {u"err"_s, mounted.message}});
        outcome.message = u"cannot mount %1: %2"_s.arg(dataset, mounted.message);
        done(outcome);
        co_return;
    }
    Lease lease;
    lease.api.id = id;
    lease.api.filesystem = filesystem;
    lease.api.snapshot = snapshot;
    lease.api.path = directory;
    lease.api.idleTimeoutSeconds = int(m_settings.idleTimeout.count());
    setDeadline(lease, m_settings.idleTimeout);
    m_leases.append(lease);
    arm();
    m_log.info(u"snapshot mounted for browsing"_s,
               {{u"dataset"_s, dataset},
                {u"path"_s, directory},
                {u"idle_timeout"_s, QString::number(m_settings.idleTimeout.count()) + u's'}});
    outcome.status = OpenOutcome::Status::Mounted;
    outcome.lease = lease.api;
    done(outcome);
}

Async::Task<void> BrowseLeases::doRelease(QString id, ReleaseDone done)
{
    ReleaseOutcome outcome;
    const Lease *lease = findById(id);
    if (!lease) {
        outcome.status = ReleaseOutcome::Status::NotFound;
        outcome.message = u"no browse lease with id \"%1\" (released or expired already?)"_s.arg(id);
        outcome.remaining = leases();
        done(outcome);
        co_return;
    }
    const QString path = lease->api.path;
    const QString dataset = lease->api.filesystem + u'@' + lease->api.snapshot;
    const CommandOutcome unmounted = co_await unmountAndRemove(path);
    if (unmounted.ok) {
        remove(id);
        m_log.info(u"snapshot released from browsing: unmounted"_s, {{u"dataset"_s, dataset}, {u"path"_s, path}});
        outcome.status = ReleaseOutcome::Status::Released;
    } else {
        if (Lease *kept = findById(id)) {
            kept->api.unmountError = unmounted.message;
        }
        m_log.warn(u"cannot unmount a snapshot mounted for browsing; the lease stays"_s,
                   {{u"dataset"_s, dataset}, {u"path"_s, path}, {u"err"_s, unmounted.message}});
        outcome.status = ReleaseOutcome::Status::Failed;
        outcome.message = u"cannot unmount %1 from %2: %3"_s.arg(dataset, path, unmounted.message);
    }
    arm();
    outcome.remaining = leases();
    done(outcome);
}

Async::Task<void> BrowseLeases::expireDue()
{
    const auto now = std::chrono::steady_clock::now();
    QStringList due;
    for (const Lease &lease : std::as_const(m_leases)) {
        if (lease.deadline <= now) {
            due.append(lease.api.id);
        }
    }
    for (const QString &id : std::as_const(due)) {
        const Lease *lease = findById(id);
        if (!lease) {
            continue;
        }
        const QString path = lease->api.path;
        const QString dataset = lease->api.filesystem + u'@' + lease->api.snapshot;
        const CommandOutcome unmounted = co_await unmountAndRemove(path);
        if (unmounted.ok) {
            remove(id);
            m_log.info(u"browse lease expired: snapshot unmounted"_s, {{u"dataset"_s, dataset}, {u"path"_s, path}});
            continue;
        }
        if (Lease *kept = findById(id)) {
            kept->api.unmountError = unmounted.message;
            setDeadline(*kept, m_settings.retryInterval());
        }
        m_log.warn(u"browse lease expired, but the snapshot cannot be unmounted yet; trying again later"_s,
                   {{u"dataset"_s, dataset},
                    {u"path"_s, path},
                    {u"err"_s, unmounted.message},
                    {u"retry_in"_s, QString::number(m_settings.retryInterval().count()) + u's'}});
    }
    arm();
}

Async::Task<void> BrowseLeases::doCleanUp()
{
    const std::optional<MountTable> mounts = readMounts();
    if (!mounts || !QFileInfo(m_settings.root).isDir()) {
        co_return;
    }
    const QList<MountEntry> leftovers = mounts->below(m_settings.root);
    QStringList staleDirectories;
    const QStringList names = QDir(m_settings.root).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &name : names) {
        if (looksLikeLeaseId(name) && !findById(name)) {
            staleDirectories.append(m_settings.root + u'/' + name);
        }
    }
    if (leftovers.isEmpty() && staleDirectories.isEmpty()) {
        co_return;
    }
    QString error;
    if (!claimRoot(&error)) {
        m_log.warn(u"leaving the mounts under the browse directory alone"_s, {{u"err"_s, error}});
        co_return;
    }
    for (const MountEntry &entry : leftovers) {
        CommandOutcome unmounted = co_await m_mounter.unmount(entry.mountPoint);
        if (!unmounted.ok) {
            // Nobody would ever retry it: detach it now, it goes when its last user leaves.
            unmounted = co_await m_mounter.unmount(entry.mountPoint, true);
        }
        if (unmounted.ok) {
            m_log.info(u"unmounted a snapshot left mounted for browsing by an earlier run"_s,
                       {{u"dataset"_s, entry.source}, {u"path"_s, entry.mountPoint}});
        } else {
            m_log.error(u"cannot unmount a snapshot left mounted for browsing by an earlier run"_s,
                        {{u"dataset"_s, entry.source}, {u"path"_s, entry.mountPoint}, {u"err"_s, unmounted.message}});
        }
    }
    for (const QString &directory : std::as_const(staleDirectories)) {
        removeDirectory(directory);
    }
}

Async::Task<CommandOutcome> BrowseLeases::unmountAndRemove(QString directory)
{
    std::optional<MountTable> mounts = readMounts();
    if (!mounts || mounts->isMountPoint(directory)) {
        const CommandOutcome unmounted = co_await m_mounter.unmount(directory);
        if (!unmounted.ok) {
            // Gone already (unmounted by hand) is as good as unmounted now.
            mounts = readMounts();
            if (!mounts || mounts->isMountPoint(directory)) {
                co_return unmounted;
            }
        }
    }
    removeDirectory(directory);
    CommandOutcome done;
    done.ok = true;
    co_return done;
}

bool BrowseLeases::claimRoot(QString *error)
{
    const QString &root = m_settings.root;
    if (m_lockFd >= 0 && QFileInfo(root).isDir()) {
        return true;
    }
    if (m_lockFd >= 0) {
        ::close(m_lockFd);  // the directory was removed under us: start again
        m_lockFd = -1;
    }
    const QFileInfo parent(QFileInfo(root).absolutePath());
    if (!parent.isDir() && !QDir().mkpath(parent.absoluteFilePath())) {
        *error = u"cannot create %1"_s.arg(parent.absoluteFilePath());
        return false;
    }
    if (!makeDirectory(root, error)) {
        return false;
    }
    const QByteArray lockPath = QFile::encodeName(root + u"/.lock"_s);
    const int fd = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        *error = u"cannot open %1: %2"_s.arg(QFile::decodeName(lockPath), errnoText(errno));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int lockError = errno;
        ::close(fd);
        *error = lockError == EWOULDBLOCK
                     ? u"another holdfast daemon mounts snapshots for browsing under %1; give this one a directory of "
                       "its own with HOLDFAST_BROWSE_DIR"_s.arg(root)
                     : u"cannot lock %1: %2"_s.arg(QFile::decodeName(lockPath), errnoText(lockError));
        return false;
    }
    m_lockFd = fd;
    return true;
}

std::optional<MountTable> BrowseLeases::readMounts() const
{
    QString error;
    MountTable table = MountTable::read(m_settings.mountInfoPath, &error);
    if (!error.isEmpty()) {
        m_log.warn(u"cannot read the mount table"_s, {{u"err"_s, error}});
        return std::nullopt;
    }
    return table;
}

void BrowseLeases::removeDirectory(const QString &directory) const
{
    const std::optional<MountTable> mounts = readMounts();
    if (!mounts || mounts->isMountPoint(directory)) {
        m_log.warn(u"not removing the browse directory: it is (or may be) still a mount point"_s,
                   {{u"path"_s, directory}});
        return;
    }
    if (::rmdir(QFile::encodeName(directory).constData()) != 0 && errno != ENOENT) {
        m_log.warn(u"cannot remove the browse directory"_s, {{u"path"_s, directory}, {u"err"_s, errnoText(errno)}});
    }
}

void BrowseLeases::unmountAllNow()
{
    for (const Lease &lease : std::as_const(m_leases)) {
        const QString dataset = lease.api.filesystem + u'@' + lease.api.snapshot;
        const std::optional<MountTable> mounts = readMounts();
        if (mounts && !mounts->isMountPoint(lease.api.path)) {
            removeDirectory(lease.api.path);
            continue;
        }
        CommandOutcome unmounted = m_mounter.unmountNow(lease.api.path, false);
        if (!unmounted.ok) {
            // The daemon will not be there to try again: detach it; it goes when its last user leaves.
            unmounted = m_mounter.unmountNow(lease.api.path, true);
        }
        if (unmounted.ok) {
            m_log.info(u"daemon stopping: snapshot unmounted"_s,
                       {{u"dataset"_s, dataset}, {u"path"_s, lease.api.path}});
            removeDirectory(lease.api.path);
        } else {
            m_log.error(u"daemon stopping: cannot unmount a snapshot mounted for browsing"_s,
                        {{u"dataset"_s, dataset}, {u"path"_s, lease.api.path}, {u"err"_s, unmounted.message}});
        }
    }
    m_leases.clear();
}

void BrowseLeases::setDeadline(Lease &lease, std::chrono::seconds from)
{
    lease.deadline = std::chrono::steady_clock::now() + from;
    lease.api.expiresAt = Api::Timestamp::fromDateTime(QDateTime::currentDateTimeUtc().addSecs(from.count()));
}

void BrowseLeases::arm()
{
    if (m_leases.isEmpty()) {
        m_timer.stop();
        return;
    }
    auto next = m_leases.constFirst().deadline;
    for (const Lease &lease : std::as_const(m_leases)) {
        next = std::min(next, lease.deadline);
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::steady_clock::now());
    m_timer.start(std::max(wait, std::chrono::milliseconds(0)));
}

BrowseLeases::Lease *BrowseLeases::find(const QString &filesystem, const QString &snapshot)
{
    for (Lease &lease : m_leases) {
        if (lease.api.filesystem == filesystem && lease.api.snapshot == snapshot) {
            return &lease;
        }
    }
    return nullptr;
}

BrowseLeases::Lease *BrowseLeases::findById(const QString &id)
{
    for (Lease &lease : m_leases) {
        if (lease.api.id == id) {
            return &lease;
        }
    }
    return nullptr;
}

void BrowseLeases::remove(const QString &id)
{
    m_leases.removeIf([&id](const Lease &lease) { return lease.api.id == id; });
}

}  // namespace Browse
