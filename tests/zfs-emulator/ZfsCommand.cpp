#include "ZfsCommand.h"

#include <algorithm>
#include <csignal>

#include <QJsonObject>
#include <QMap>

#include <unistd.h>

#include "Getopt.h"
#include "ResumeToken.h"
#include "SendStream.h"

using Format::err;
using Format::out;

namespace {

constexpr quint64 defaultSize = 64 * 1024;
constexpr quint64 defaultWritten = 16 * 1024;
constexpr quint64 poolSize = quint64(1) << 30;

struct PropertyInfo
{
    const char *name;
    const char *column;
    bool numeric;
};

// The properties the emulator knows, with zfs list's column titles (OpenZFS zfs_prop.c).
const PropertyInfo knownProperties[] = {
    {"type", "TYPE", false},
    {"creation", "CREATION", true},
    {"used", "USED", true},
    {"available", "AVAIL", true},
    {"referenced", "REFER", true},
    {"compressratio", "RATIO", false},
    {"mounted", "MOUNTED", false},
    {"origin", "ORIGIN", false},
    {"recordsize", "RECSIZE", true},
    {"mountpoint", "MOUNTPOINT", false},
    {"compression", "COMPRESS", false},
    {"atime", "ATIME", false},
    {"readonly", "RDONLY", false},
    {"canmount", "CANMOUNT", false},
    {"createtxg", "CREATETXG", true},
    {"guid", "GUID", true},
    {"userrefs", "USERREFS", true},
    {"defer_destroy", "DEFER_DESTROY", false},
    {"written", "WRITTEN", true},
    {"receive_resume_token", "RESUMETOK", false},
    {"encryption", "ENCRYPTION", false},
    {"keylocation", "KEYLOCATION", false},
    {"keyformat", "KEYFORMAT", false},
    {"encryptionroot", "ENCROOT", false},
    {"keystatus", "KEYSTATUS", false},
    {"name", "NAME", false},
};

QString canonicalProperty(const QString &p)
{
    static const QMap<QString, QString> aliases{{QStringLiteral("refer"), QStringLiteral("referenced")},
                                                {QStringLiteral("avail"), QStringLiteral("available")},
                                                {QStringLiteral("rdonly"), QStringLiteral("readonly")},
                                                {QStringLiteral("compress"), QStringLiteral("compression")},
                                                {QStringLiteral("recsize"), QStringLiteral("recordsize")}};
    return aliases.value(p, p);
}

const PropertyInfo *propertyInfo(const QString &p)
{
    for (const PropertyInfo &info : knownProperties) {
        if (p == QLatin1String(info.name))
            return &info;
    }
    return nullptr;
}

bool isUserProperty(const QString &p)
{
    return p.contains(QLatin1Char(':'));
}

QString columnTitle(const QString &p)
{
    const PropertyInfo *info = propertyInfo(p);
    return info ? QString::fromLatin1(info->column) : p.toUpper();
}

bool isNumeric(const QString &p)
{
    const PropertyInfo *info = propertyInfo(p);
    return info && info->numeric;
}

// Native properties a user may set, with their defaults; all of them inherit.
const QMap<QString, QString> &settableDefaults()
{
    static const QMap<QString, QString> defaults{{QStringLiteral("readonly"), QStringLiteral("off")},
                                                 {QStringLiteral("atime"), QStringLiteral("on")},
                                                 {QStringLiteral("compression"), QStringLiteral("off")},
                                                 {QStringLiteral("canmount"), QStringLiteral("on")},
                                                 {QStringLiteral("recordsize"), QStringLiteral("131072")},
                                                 {QStringLiteral("mountpoint"), QString()},
                                                 {QStringLiteral("keylocation"), QStringLiteral("none")}};
    return defaults;
}

QString parentOf(const QString &name)
{
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : name.left(slash);
}

bool validComponent(const QString &c)
{
    if (c.isEmpty())
        return false;
    for (const QChar ch : c) {
        if (!(ch.isLetterOrNumber() && ch.unicode() < 128) && !QStringLiteral("-_.: ").contains(ch))
            return false;
    }
    return true;
}

bool validFilesystemName(const QString &name)
{
    const QStringList parts = name.split(QLatin1Char('/'));
    return std::all_of(parts.begin(), parts.end(), validComponent);
}

int depthOf(const QString &name)
{
    return int(name.count(QLatin1Char('/'))) + (name.contains(QLatin1Char('@')) || name.contains(QLatin1Char('#')));
}

}  // namespace

QString ZfsCommand::usageText(const QString &command)
{
    // OpenZFS 2.1 zfs_main.c get_usage(); zrepl probes some of these texts to detect features.
    static const QMap<QString, QString> texts{
        {QStringLiteral("create"),
         QStringLiteral("\tcreate [-Pnpuv] [-o property=value] ... <filesystem>\n"
                        "\tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>\n")},
        {QStringLiteral("destroy"),
         QStringLiteral("\tdestroy [-fnpRrv] <filesystem|volume>\n"
                        "\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]\n"
                        "\tdestroy <filesystem|volume>#<bookmark>\n")},
        {QStringLiteral("snapshot"),
         QStringLiteral("\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...\n")},
        {QStringLiteral("rollback"), QStringLiteral("\trollback [-rRf] <snapshot>\n")},
        {QStringLiteral("list"),
         QStringLiteral("\tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]...\n"
                        "\t    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...\n")},
        {QStringLiteral("get"),
         QStringLiteral("\tget [-rHp] [-d max] [-o \"all\" | field[,...]]\n"
                        "\t    [-t type[,...]] [-s source[,...]]\n"
                        "\t    <\"all\" | property[,...]> [filesystem|volume|snapshot|bookmark] ...\n")},
        {QStringLiteral("set"), QStringLiteral("\tset <property=value> ... <filesystem|volume|snapshot> ...\n")},
        {QStringLiteral("inherit"), QStringLiteral("\tinherit [-rS] <property> <filesystem|volume|snapshot> ...\n")},
        {QStringLiteral("send"),
         QStringLiteral("\tsend [-DnPpRvLecwhb] [-[i|I] snapshot] <snapshot>\n"
                        "\tsend [-DnvPLecw] [-i snapshot|bookmark] <filesystem|volume|snapshot>\n"
                        "\tsend [-DnPpvLec] [-i bookmark|snapshot] --redact <bookmark> <snapshot>\n"
                        "\tsend [-nvPe] -t <receive_resume_token>\n"
                        "\tsend [-Pnv] --saved filesystem\n")},
        {QStringLiteral("receive"),
         QStringLiteral("\treceive [-vMnsFhu] [-o <property>=<value>] ... [-x <property>] ...\n"
                        "\t    <filesystem|volume|snapshot>\n"
                        "\treceive [-vMnsFhu] [-o <property>=<value>] ... [-x <property>] ... \n"
                        "\t    [-d | -e] <filesystem>\n"
                        "\treceive -A <filesystem|volume>\n")},
        {QStringLiteral("hold"), QStringLiteral("\thold [-r] <tag> <snapshot> ...\n")},
        {QStringLiteral("holds"), QStringLiteral("\tholds [-rH] <snapshot> ...\n")},
        {QStringLiteral("release"), QStringLiteral("\trelease [-r] <tag> <snapshot> ...\n")},
        {QStringLiteral("bookmark"), QStringLiteral("\tbookmark <snapshot|bookmark> <newbookmark>\n")},
        {QStringLiteral("load-key"), QStringLiteral("\tload-key [-rn] [-L <keylocation>] <-a | filesystem|volume>\n")},
        {QStringLiteral("unload-key"), QStringLiteral("\tunload-key [-r] <-a | filesystem|volume>\n")},
        {QStringLiteral("version"), QStringLiteral("\tversion\n")},
    };
    if (command.isEmpty()) {
        QString all;
        for (const QString &t : texts)
            all += t;
        return all;
    }
    return texts.value(command);
}

int ZfsCommand::usage(const QString &command, const QString &problem)
{
    err(problem);
    err(QStringLiteral("usage:\n") + usageText(command));
    // zfs_main.c's usage() ends with these two pointers, except where it prints the property table instead.
    static const QStringList propertyTables{QStringLiteral("set"), QStringLiteral("get"), QStringLiteral("inherit"),
                                            QStringLiteral("list")};
    if (!propertyTables.contains(command))
        err(QStringLiteral("\nFor the property list, run: zfs set|get\n"
                           "\nFor the delegated permission list, run: zfs allow|unallow\n"));
    return 2;
}

int ZfsCommand::datasetMissing(const QString &name)
{
    err(QStringLiteral("cannot open '%1': dataset does not exist\n").arg(name));
    return 1;
}

bool ZfsCommand::openState()
{
    QString error;
    if (!m_state.open(&error)) {
        err(QStringLiteral("holdfast-zfs-emulator: %1\n").arg(error));
        return false;
    }
    m_faults = FaultRules();
    m_faults.load(m_state.directory());
    return true;
}

bool ZfsCommand::saveState()
{
    QString error;
    if (!m_state.save(&error)) {
        err(QStringLiteral("holdfast-zfs-emulator: %1\n").arg(error));
        return false;
    }
    return true;
}

int ZfsCommand::run(const QStringList &args)
{
    if (args.isEmpty()) {
        err(QStringLiteral("usage: zfs command args ...\nwhere 'command' is one of the following:\n\n")
            + usageText({}));
        return 2;
    }
    const QString command = args.first();
    const QStringList rest = args.mid(1);
    if (command == QLatin1String("version")) {
        out(QStringLiteral("zfs-2.1.11-1\nzfs-kmod-2.1.11-1\n"));
        return 0;
    }
    if (!openState())
        return 1;
    if (const auto rule = m_faults.take(command, QStringLiteral("fail"))) {
        err(QStringLiteral("internal error: emulated failure (fault rule %1)\n").arg(rule->text));
        return 1;
    }
    if (command == QLatin1String("create"))
        return create(rest);
    if (command == QLatin1String("destroy"))
        return destroy(rest);
    if (command == QLatin1String("snapshot") || command == QLatin1String("snap"))
        return snapshot(rest);
    if (command == QLatin1String("list"))
        return list(rest);
    if (command == QLatin1String("get"))
        return get(rest);
    if (command == QLatin1String("set"))
        return set(rest);
    if (command == QLatin1String("inherit"))
        return inherit(rest);
    if (command == QLatin1String("hold"))
        return hold(rest, true);
    if (command == QLatin1String("release"))
        return hold(rest, false);
    if (command == QLatin1String("holds"))
        return holds(rest);
    if (command == QLatin1String("bookmark"))
        return bookmark(rest);
    if (command == QLatin1String("rollback"))
        return rollback(rest);
    if (command == QLatin1String("send"))
        return send(rest);
    if (command == QLatin1String("receive") || command == QLatin1String("recv"))
        return receive(rest);
    if (command == QLatin1String("load-key"))
        return loadKey(rest, true);
    if (command == QLatin1String("unload-key"))
        return loadKey(rest, false);
    err(QStringLiteral("unrecognized command '%1'\nusage: zfs command args ...\n").arg(command));
    return 2;
}

// ---- properties ----

QString ZfsCommand::userProperty(const Dataset &d, const QString &property, QString *source)
{
    if (d.props.contains(property)) {
        *source = QStringLiteral("local");
        return d.props.value(property);
    }
    if (d.received.contains(property)) {
        *source = QStringLiteral("received");
        return d.received.value(property);
    }
    if (d.isBookmark()) {
        *source = QStringLiteral("-");
        return QStringLiteral("-");
    }
    QString ancestor = d.isSnapshot() ? d.parentFilesystem() : parentOf(d.name);
    while (!ancestor.isEmpty()) {
        if (const Dataset *a = m_state.find(ancestor)) {
            const QString v = a->props.value(property, a->received.value(property));
            if (a->props.contains(property) || a->received.contains(property)) {
                *source = QStringLiteral("inherited from ") + ancestor;
                return v;
            }
        }
        ancestor = parentOf(ancestor);
    }
    *source = QStringLiteral("-");
    return QStringLiteral("-");
}

QString ZfsCommand::inheritedNative(const Dataset &d, const QString &property, const QString &fallback, QString *source)
{
    QString name = d.isSnapshot() ? d.parentFilesystem() : d.name;
    bool self = !d.isSnapshot();
    while (!name.isEmpty()) {
        if (const Dataset *a = m_state.find(name)) {
            const QMap<QString, QString> &where = a->props.contains(property) ? a->props : a->received;
            if (where.contains(property)) {
                const bool local = &where == &a->props;
                *source = self ? (local ? QStringLiteral("local") : QStringLiteral("received"))
                               : QStringLiteral("inherited from ") + name;
                QString v = where.value(property);
                // An inherited mountpoint grows by the path below the dataset that set it.
                if (property == QLatin1String("mountpoint") && !self && v.startsWith(QLatin1Char('/'))) {
                    const QString below = (d.isSnapshot() ? d.parentFilesystem() : d.name).mid(name.size());
                    v = (v == QLatin1String("/") ? QString() : v) + below;
                }
                return v;
            }
        }
        name = parentOf(name);
        self = false;
    }
    *source = QStringLiteral("default");
    return fallback;
}

quint64 ZfsCommand::usedBytes(const Dataset &d)
{
    if (!d.isFilesystemLike())
        return 0;
    quint64 used = d.referenced;
    for (const QString &child : m_state.childrenOf(d.name))
        used += usedBytes(*m_state.find(child));
    return used;
}

quint64 ZfsCommand::availableBytes(const QString &pool)
{
    const Dataset *root = m_state.find(pool);
    const quint64 used = root ? usedBytes(*root) : 0;
    return used >= poolSize ? 0 : poolSize - used;
}

QString ZfsCommand::propertyValue(const Dataset &d, const QString &requested, bool literal, QString *source)
{
    QString scratch;
    QString &src = source ? *source : scratch;
    src = QStringLiteral("-");
    const QString p = canonicalProperty(requested);
    const bool fsLike = d.isFilesystemLike();
    auto bytes = [literal](quint64 v) {
        return literal ? QString::number(v) : Format::nicenum(v, true);
    };
    if (isUserProperty(p))
        return userProperty(d, p, &src);
    if (p == QLatin1String("name"))
        return d.name;
    if (p == QLatin1String("type"))
        return d.type;
    if (p == QLatin1String("guid"))
        return QString::number(d.guid);
    if (p == QLatin1String("createtxg"))
        return QString::number(d.createtxg);
    if (p == QLatin1String("creation"))
        return literal ? QString::number(d.creation) : Format::dateString(d.creation);
    if (d.isBookmark())
        return QStringLiteral("-");
    if (p == QLatin1String("userrefs"))
        return d.isSnapshot() ? QString::number(d.holds.size()) : QStringLiteral("-");
    if (p == QLatin1String("defer_destroy"))
        return d.isSnapshot() ? (d.deferDestroy ? QStringLiteral("on") : QStringLiteral("off")) : QStringLiteral("-");
    if (p == QLatin1String("used"))
        return bytes(usedBytes(d));
    if (p == QLatin1String("referenced"))
        return bytes(d.referenced);
    if (p == QLatin1String("written")) {
        if (d.isSnapshot())
            return bytes(d.written);
        return bytes(m_state.snapshotsOf(d.name).isEmpty() ? d.referenced : 0);
    }
    if (p == QLatin1String("available"))
        return fsLike ? bytes(availableBytes(EmulatorState::poolOf(d.name))) : QStringLiteral("-");
    if (p == QLatin1String("compressratio"))
        return literal ? QStringLiteral("1.00") : QStringLiteral("1.00x");
    if (p == QLatin1String("mounted"))
        return fsLike ? QStringLiteral("no") : QStringLiteral("-");
    if (p == QLatin1String("origin"))
        return QStringLiteral("-");
    if (p == QLatin1String("receive_resume_token")) {
        if (fsLike && d.partial) {
            ResumeToken t;
            t.fromGuid = d.partial->fromGuid;
            t.object = 1;
            t.offset = d.partial->offset;
            t.bytes = d.partial->bytes;
            t.toGuid = d.partial->toGuid;
            t.toName = d.partial->toName;
            t.largeBlockOk = d.partial->flags & SendStreamHeader::LargeBlocks;
            t.embedOk = d.partial->flags & SendStreamHeader::Embedded;
            t.compressOk = d.partial->flags & (SendStreamHeader::Compressed | SendStreamHeader::Raw);
            t.rawOk = d.partial->flags & SendStreamHeader::Raw;
            return t.encode();
        }
        return QStringLiteral("-");
    }
    if (p == QLatin1String("encryption") || p == QLatin1String("keyformat")) {
        const QString fs = d.isSnapshot() ? d.parentFilesystem() : d.name;
        const Dataset *f = m_state.find(fs);
        const QString v = f ? f->props.value(QStringLiteral("%") + p) : QString();
        if (p == QLatin1String("encryption"))
            src = QStringLiteral("default");
        if (v.isEmpty())
            return p == QLatin1String("keyformat") ? QStringLiteral("none") : QStringLiteral("off");
        if (p == QLatin1String("keyformat") && f && f->props.value(QStringLiteral("%encryptionroot")) == fs)
            src = QStringLiteral("local");
        if (p == QLatin1String("encryption"))
            src = QStringLiteral("-");
        return v;
    }
    if (p == QLatin1String("encryptionroot") || p == QLatin1String("keystatus")) {
        const QString fs = d.isSnapshot() ? d.parentFilesystem() : d.name;
        const Dataset *f = m_state.find(fs);
        const QString root = f ? f->props.value(QStringLiteral("%encryptionroot")) : QString();
        if (root.isEmpty())
            return QStringLiteral("-");
        if (p == QLatin1String("encryptionroot"))
            return root;
        const Dataset *r = m_state.find(root);
        return r && r->props.value(QStringLiteral("%keystatus")) == QLatin1String("available")
                   ? QStringLiteral("available")
                   : QStringLiteral("unavailable");
    }
    if (p == QLatin1String("mountpoint")) {
        if (!fsLike)
            return QStringLiteral("-");
        return inheritedNative(d, p, QLatin1Char('/') + d.name, &src);
    }
    if (settableDefaults().contains(p)) {
        if (!fsLike && p != QLatin1String("readonly") && p != QLatin1String("atime"))
            return QStringLiteral("-");
        const QString v = inheritedNative(d, p, settableDefaults().value(p), &src);
        if (p == QLatin1String("recordsize") && !literal)
            return Format::nicenum(v.toULongLong(), false);
        return v;
    }
    return QStringLiteral("-");
}

bool ZfsCommand::isKnownProperty(const QString &property) const
{
    return isUserProperty(property) || propertyInfo(canonicalProperty(property)) != nullptr;
}

QStringList ZfsCommand::allProperties(const Dataset &d)
{
    QStringList props;
    for (const PropertyInfo &info : knownProperties) {
        const QString p = QString::fromLatin1(info.name);
        if (p == QLatin1String("name"))
            continue;
        if (d.isBookmark() && p != QLatin1String("type") && p != QLatin1String("creation")
            && p != QLatin1String("createtxg") && p != QLatin1String("guid"))
            continue;
        if (d.isSnapshot()
            && QStringList{QStringLiteral("available"),
                           QStringLiteral("mountpoint"),
                           QStringLiteral("canmount"),
                           QStringLiteral("recordsize"),
                           QStringLiteral("compression"),
                           QStringLiteral("receive_resume_token"),
                           QStringLiteral("mounted"),
                           QStringLiteral("keylocation")}
                   .contains(p))
            continue;
        if (d.isFilesystemLike() && (p == QLatin1String("userrefs") || p == QLatin1String("defer_destroy")))
            continue;
        props.append(p);
    }
    // User properties in effect: set here, received, or inherited.
    QSet<QString> user;
    QString name = d.isFilesystemLike() ? d.name : d.parentFilesystem();
    for (const QString &k : d.props.keys() + d.received.keys()) {
        if (isUserProperty(k))
            user.insert(k);
    }
    if (!d.isBookmark()) {
        while (!name.isEmpty()) {
            if (const Dataset *a = m_state.find(name)) {
                for (const QString &k : a->props.keys() + a->received.keys()) {
                    if (isUserProperty(k))
                        user.insert(k);
                }
            }
            name = parentOf(name);
        }
    }
    QStringList sorted(user.begin(), user.end());
    sorted.sort();
    return props + sorted;
}

// ---- traversal ----

bool ZfsCommand::datasetLess(const Dataset &a, const Dataset &b)
{
    // libzfs zfs_compare(): by name with the '@' part cut off, a dataset before its snapshots, snapshots by txg.
    const qsizetype la = a.name.indexOf(QLatin1Char('@'));
    const qsizetype lb = b.name.indexOf(QLatin1Char('@'));
    const QString na = la < 0 ? a.name : a.name.left(la);
    const QString nb = lb < 0 ? b.name : b.name.left(lb);
    const int c = QString::compare(na, nb, Qt::CaseSensitive);
    if (c != 0)
        return c < 0;
    if (la < 0 || lb < 0)
        return la < 0 && lb >= 0;
    return a.createtxg < b.createtxg || (a.createtxg == b.createtxg && a.name < b.name);
}

QStringList ZfsCommand::select(
    const QStringList &names, bool recursive, int depth, const QSet<QString> &types, bool typesGiven, int *failures)
{
    QStringList roots = names;
    if (roots.isEmpty()) {
        roots = m_state.pools.keys();
        recursive = true;
    }
    QStringList selected;
    for (const QString &root : std::as_const(roots)) {
        const Dataset *r = m_state.find(root);
        if (!r) {
            // A bookmark is looked up by its filesystem's bookmark list: ENOENT, which libzfs words this way.
            if (root.contains(QLatin1Char('#')))
                err(QStringLiteral("cannot open '%1': no such pool or dataset\n").arg(root));
            else
                datasetMissing(root);
            ++*failures;
            continue;
        }
        // An explicitly named snapshot or bookmark is shown whatever -t says (unless -t excludes it).
        if (types.contains(r->type) || (!typesGiven && !r->isFilesystemLike()))
            selected.append(root);
        if (!recursive || !r->isFilesystemLike())
            continue;
        const int base = depthOf(root);
        for (const QString &n : m_state.descendantsOf(root)) {
            const Dataset *d = m_state.find(n);
            if (types.contains(d->type) && (depth < 0 || depthOf(n) - base <= depth))
                selected.append(n);
        }
    }
    selected.removeDuplicates();
    return selected;
}

// ---- create / destroy ----

Dataset &ZfsCommand::createFilesystem(const QString &name, const QMap<QString, QString> &props)
{
    Dataset d;
    d.name = name;
    d.type = QStringLiteral("filesystem");
    d.guid = m_state.newGuid();
    d.createtxg = m_state.nextTxg(EmulatorState::poolOf(name));
    d.creation = m_state.now();
    d.props = props;
    // A child of an encrypted filesystem is encrypted with its parent's key.
    if (const Dataset *parent = m_state.find(parentOf(name))) {
        if (parent->props.contains(QStringLiteral("%encryptionroot"))
            && !d.props.contains(QStringLiteral("%encryption"))) {
            for (const QString &k :
                 {QStringLiteral("%encryption"), QStringLiteral("%keyformat"), QStringLiteral("%encryptionroot")})
                d.props.insert(k, parent->props.value(k));
        }
    }
    m_state.datasets.insert(name, d);
    Dataset &stored = m_state.datasets[name];
    QString source;
    bool ok = false;
    const quint64 size = userProperty(stored, QStringLiteral("holdfast:emulator:size"), &source).toULongLong(&ok);
    stored.referenced = ok ? size : defaultSize;
    return stored;
}

int ZfsCommand::create(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("Pnpuvo:sV:b:"));
    bool parents = false;
    bool volume = false;
    QMap<QString, QString> props;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("create"), opt.error());
        if (c == QLatin1Char('p'))
            parents = true;
        else if (c == QLatin1Char('V'))
            volume = true;
        else if (c == QLatin1Char('o')) {
            const qsizetype eq = opt.argument().indexOf(QLatin1Char('='));
            if (eq < 0)
                return usage(QStringLiteral("create"), QStringLiteral("missing '=' for property=value argument\n"));
            props.insert(canonicalProperty(opt.argument().left(eq)), opt.argument().mid(eq + 1));
        }
    }
    const QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("create"), QStringLiteral("missing filesystem argument\n"));
    if (operands.size() > 1)
        return usage(QStringLiteral("create"), QStringLiteral("too many arguments\n"));
    const QString name = operands.first();
    const QString what = QStringLiteral("cannot create '%1': ").arg(name);
    if (!validFilesystemName(name) || name.contains(QLatin1Char('@')) || name.contains(QLatin1Char('#'))) {
        err(what + QStringLiteral("invalid character in name\n"));
        return 1;
    }
    if (!name.contains(QLatin1Char('/'))) {
        err(what + QStringLiteral("missing dataset name\n"));
        return 1;
    }
    const QString pool = EmulatorState::poolOf(name);
    if (!m_state.pools.contains(pool)) {
        err(what + QStringLiteral("no such pool '%1'\n").arg(pool));
        return 1;
    }
    if (m_state.exists(name)) {
        err(what + QStringLiteral("dataset already exists\n"));
        return 1;
    }
    for (auto it = props.cbegin(); it != props.cend(); ++it) {
        if (!isUserProperty(it.key()) && !settableDefaults().contains(it.key())
            && it.key() != QLatin1String("encryption") && it.key() != QLatin1String("keyformat")) {
            err(what + QStringLiteral("invalid property '%1'\n").arg(it.key()));
            return 1;
        }
    }
    QString encryption = props.take(QStringLiteral("encryption"));
    const QString keyformat = props.take(QStringLiteral("keyformat"));
    if (!encryption.isEmpty() && encryption != QLatin1String("off")) {
        if (keyformat.isEmpty()) {
            err(what + QStringLiteral("Keyformat required for new encryption root.\n"));
            return 1;
        }
        if (encryption == QLatin1String("on"))
            encryption = QStringLiteral("aes-256-gcm");
        props.insert(QStringLiteral("%encryption"), encryption);
        props.insert(QStringLiteral("%keyformat"), keyformat);
        props.insert(QStringLiteral("%encryptionroot"), name);
        props.insert(QStringLiteral("%keystatus"), QStringLiteral("available"));
        if (!props.contains(QStringLiteral("keylocation")))
            props.insert(QStringLiteral("keylocation"), QStringLiteral("prompt"));
    }
    QStringList missing;
    for (QString p = parentOf(name); !p.isEmpty() && !m_state.exists(p); p = parentOf(p))
        missing.prepend(p);
    if (!missing.isEmpty() && !parents) {
        err(what + QStringLiteral("parent does not exist\n"));
        return 1;
    }
    for (const QString &p : std::as_const(missing))
        createFilesystem(p, {});
    Dataset &d = createFilesystem(name, props);
    if (volume)
        d.type = QStringLiteral("volume");
    return saveState() ? 0 : 1;
}

void ZfsCommand::removeDataset(const QString &name)
{
    m_state.datasets.remove(name);
}

int ZfsCommand::destroy(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("dfnpRrv"));
    bool recursive = false;
    bool defer = false;
    bool dryRun = false;
    bool verbose = false;
    bool parsable = false;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("destroy"), opt.error());
        if (c == QLatin1Char('r') || c == QLatin1Char('R'))
            recursive = true;
        else if (c == QLatin1Char('d'))
            defer = true;
        else if (c == QLatin1Char('n'))
            dryRun = true;
        else if (c == QLatin1Char('v'))
            verbose = true;
        else if (c == QLatin1Char('p'))
            parsable = true;
    }
    const QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("destroy"), QStringLiteral("missing dataset argument\n"));
    if (operands.size() > 1)
        return usage(QStringLiteral("destroy"), QStringLiteral("too many arguments\n"));
    const QString target = operands.first();
    auto report = [&](const QString &name) {
        if (!verbose)
            return;
        if (parsable)
            out(QStringLiteral("destroy\t%1\n").arg(name));
        else
            out(QStringLiteral("%1 destroy %2\n").arg(dryRun ? QStringLiteral("would") : QStringLiteral("will"), name));
    };
    auto busy = [&](const Dataset &s) {
        return (!s.holds.isEmpty() && !defer)
               || m_faults.take(QStringLiteral("destroy"), QStringLiteral("refuse"), s.name).has_value();
    };

    if (target.contains(QLatin1Char('#'))) {
        if (!m_state.exists(target)) {
            err(QStringLiteral("bookmark '%1' does not exist.\n").arg(target));
            return 1;
        }
        if (m_faults.take(QStringLiteral("destroy"), QStringLiteral("refuse"), target)) {
            err(QStringLiteral("cannot destroy bookmark '%1': dataset is busy\n").arg(target));
            return 1;
        }
        if (!dryRun)
            removeDataset(target);
        return saveState() ? 0 : 1;
    }

    if (target.contains(QLatin1Char('@'))) {
        const QString fs = target.section(QLatin1Char('@'), 0, 0);
        const QString spec = target.section(QLatin1Char('@'), 1);
        if (!m_state.exists(fs))
            return datasetMissing(fs);
        QStringList filesystems{fs};
        if (recursive) {
            for (const QString &n : m_state.descendantsOf(fs)) {
                if (m_state.find(n)->isFilesystemLike())
                    filesystems.append(n);
            }
        }
        QList<Dataset *> victims;
        for (const QString &f : std::as_const(filesystems)) {
            const QList<Dataset *> snaps = m_state.snapshotsOf(f);
            for (const QString &part : spec.split(QLatin1Char(','))) {
                if (part.contains(QLatin1Char('%'))) {
                    // A range a%b covers a, b and everything between by txg; an empty end means first or last.
                    const QString from = part.section(QLatin1Char('%'), 0, 0);
                    const QString to = part.section(QLatin1Char('%'), 1);
                    const Dataset *a = from.isEmpty() ? nullptr : m_state.find(f + QLatin1Char('@') + from);
                    const Dataset *b = to.isEmpty() ? nullptr : m_state.find(f + QLatin1Char('@') + to);
                    if ((!from.isEmpty() && !a) || (!to.isEmpty() && !b))
                        continue;
                    for (Dataset *s : snaps) {
                        if ((!a || s->createtxg >= a->createtxg) && (!b || s->createtxg <= b->createtxg))
                            victims.append(s);
                    }
                } else if (Dataset *s = m_state.find(f + QLatin1Char('@') + part)) {
                    victims.append(s);
                }
            }
        }
        victims.erase(std::unique(victims.begin(), victims.end()), victims.end());
        if (victims.isEmpty()) {
            err(QStringLiteral("could not find any snapshots to destroy; check snapshot names.\n"));
            return 1;
        }
        // lzc_destroy_snaps() is all or nothing: the channel program destroys only if every check passed.
        bool failed = false;
        for (const Dataset *s : std::as_const(victims)) {
            if (busy(*s)) {
                err(QStringLiteral("cannot destroy snapshot %1: dataset is busy\n").arg(s->name));
                failed = true;
            }
        }
        if (failed)
            return 1;
        for (const Dataset *s : std::as_const(victims))
            report(s->name);
        if (verbose) {
            quint64 reclaim = 0;
            if (parsable)
                out(QStringLiteral("reclaim\t%1\n").arg(reclaim));
            else
                out(QStringLiteral("%1 reclaim %2\n")
                        .arg(dryRun ? QStringLiteral("would") : QStringLiteral("will"),
                             Format::nicenum(reclaim, true)));
        }
        if (dryRun)
            return 0;
        QStringList names;
        for (Dataset *s : std::as_const(victims))
            names.append(s->name);
        for (const QString &n : std::as_const(names)) {
            Dataset *s = m_state.find(n);
            if (!s->holds.isEmpty())
                s->deferDestroy = true;
            else
                removeDataset(n);
        }
        return saveState() ? 0 : 1;
    }

    const Dataset *d = m_state.find(target);
    if (!d)
        return datasetMissing(target);
    if (!target.contains(QLatin1Char('/'))) {
        err(QStringLiteral("cannot destroy '%1': operation does not apply to pools\n"
                           "use 'zfs destroy -r %1' to destroy all datasets in the pool\n"
                           "use 'zpool destroy %1' to destroy the pool itself\n")
                .arg(target));
        return 1;
    }
    QStringList dependents;
    for (const QString &n : m_state.descendantsOf(target)) {
        if (!m_state.find(n)->isBookmark())
            dependents.append(n);
    }
    if (!dependents.isEmpty() && !recursive) {
        err(QStringLiteral("cannot destroy '%1': filesystem has children\n"
                           "use '-r' to destroy the following datasets:\n%2\n")
                .arg(target, dependents.join(QLatin1Char('\n'))));
        return 1;
    }
    for (const QString &n : m_state.descendantsOf(target)) {
        const Dataset *s = m_state.find(n);
        if (s->isSnapshot() && busy(*s)) {
            err(QStringLiteral("cannot destroy snapshot %1: dataset is busy\n").arg(n));
            return 1;
        }
    }
    if (m_faults.take(QStringLiteral("destroy"), QStringLiteral("refuse"), target)) {
        err(QStringLiteral("cannot destroy '%1': dataset is busy\n").arg(target));
        return 1;
    }
    for (const QString &n : m_state.descendantsOf(target) + QStringList{target}) {
        report(n);
        if (!dryRun)
            removeDataset(n);
    }
    return saveState() ? 0 : 1;
}

// ---- snapshot / rollback / bookmark ----

int ZfsCommand::snapshot(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("ro:"));
    bool recursive = false;
    QMap<QString, QString> props;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("snapshot"), opt.error());
        if (c == QLatin1Char('r'))
            recursive = true;
        else if (c == QLatin1Char('o')) {
            const qsizetype eq = opt.argument().indexOf(QLatin1Char('='));
            if (eq < 0)
                return usage(QStringLiteral("snapshot"), QStringLiteral("missing '=' for -o option\n"));
            props.insert(opt.argument().left(eq), opt.argument().mid(eq + 1));
        }
    }
    const QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("snapshot"), QStringLiteral("missing snapshot argument\n"));
    QStringList toCreate;
    for (const QString &arg : operands) {
        const qsizetype at = arg.indexOf(QLatin1Char('@'));
        if (at < 0) {
            err(QStringLiteral("cannot create snapshot '%1': missing '@' delimiter in snapshot name\n").arg(arg));
            return 1;
        }
        const QString fs = arg.left(at);
        const QString snap = arg.mid(at + 1);
        if (!validComponent(snap)) {
            err(QStringLiteral("cannot create snapshot '%1': invalid character in name\n").arg(arg));
            return 1;
        }
        const Dataset *d = m_state.find(fs);
        if (!d || !d->isFilesystemLike()) {
            // zfs_do_snapshot() goes to its usage after the reason: exit 2 (OpenZFS 2.1 and 2.3).
            datasetMissing(fs);
            return usage(QStringLiteral("snapshot"));
        }
        toCreate.append(arg);
        if (recursive) {
            for (const QString &n : m_state.descendantsOf(fs)) {
                if (m_state.find(n)->isFilesystemLike())
                    toCreate.append(n + QLatin1Char('@') + snap);
            }
        }
    }
    // lzc_snapshot() is atomic: report every failure, create nothing if there was one.
    bool failed = false;
    for (const QString &name : std::as_const(toCreate)) {
        const QString fs = name.section(QLatin1Char('@'), 0, 0);
        if (m_state.exists(name)) {
            err(QStringLiteral("cannot create snapshot '%1': dataset already exists\n").arg(name));
            failed = true;
        } else if (m_faults.take(QStringLiteral("snapshot"), QStringLiteral("fail"), fs)) {
            err(QStringLiteral("cannot create snapshot '%1': I/O error\n").arg(name));
            failed = true;
        }
    }
    if (failed)
        return 1;
    QMap<QString, quint64> txgByPool;
    for (const QString &name : std::as_const(toCreate)) {
        const QString pool = EmulatorState::poolOf(name);
        if (!txgByPool.contains(pool))
            txgByPool.insert(pool, m_state.nextTxg(pool));
        const QString fsName = name.section(QLatin1Char('@'), 0, 0);
        const Dataset *fs = m_state.find(fsName);
        Dataset s;
        s.name = name;
        s.type = QStringLiteral("snapshot");
        s.guid = m_state.newGuid();
        s.createtxg = txgByPool.value(pool);
        s.creation = m_state.now();
        QString source;
        bool ok = false;
        const quint64 size = userProperty(*fs, QStringLiteral("holdfast:emulator:size"), &source).toULongLong(&ok);
        s.referenced = ok ? size : fs->referenced;
        const quint64 written =
            userProperty(*fs, QStringLiteral("holdfast:emulator:written"), &source).toULongLong(&ok);
        s.written = m_state.snapshotsOf(fsName).isEmpty() ? s.referenced : (ok ? written : defaultWritten);
        s.props = props;
        m_state.datasets.insert(name, s);
    }
    return saveState() ? 0 : 1;
}

int ZfsCommand::rollback(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("rRf"));
    bool recursive = false;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("rollback"), opt.error());
        if (c == QLatin1Char('r') || c == QLatin1Char('R'))
            recursive = true;
    }
    const QStringList operands = opt.operands();
    if (operands.size() != 1)
        return usage(QStringLiteral("rollback"),
                     operands.isEmpty() ? QStringLiteral("missing dataset argument\n")
                                        : QStringLiteral("too many arguments\n"));
    const Dataset *target = m_state.find(operands.first());
    if (!target || !target->isSnapshot())
        return datasetMissing(operands.first());
    const QString fs = target->parentFilesystem();
    QStringList newer;
    for (const Dataset *s : m_state.snapshotsOf(fs) + m_state.bookmarksOf(fs)) {
        if (s->createtxg > target->createtxg)
            newer.append(s->name);
    }
    if (!newer.isEmpty() && !recursive) {
        err(QStringLiteral("cannot rollback to '%1': more recent snapshots or bookmarks exist\n"
                           "use '-r' to force deletion of the following snapshots and bookmarks:\n%2\n")
                .arg(target->name, newer.join(QLatin1Char('\n'))));
        return 1;
    }
    for (const QString &n : std::as_const(newer)) {
        if (!m_state.find(n)->holds.isEmpty()) {
            err(QStringLiteral("cannot destroy '%1': dataset is busy\n").arg(n));
            return 1;
        }
    }
    for (const QString &n : std::as_const(newer))
        removeDataset(n);
    m_state.find(fs)->referenced = target->referenced;
    return saveState() ? 0 : 1;
}

int ZfsCommand::bookmark(const QStringList &args)
{
    Getopt opt(args, QString());
    for (QChar c; (c = opt.next()) != QChar(0);)
        return usage(QStringLiteral("bookmark"), opt.error());
    const QStringList operands = opt.operands();
    if (operands.size() < 2)
        return usage(QStringLiteral("bookmark"),
                     operands.isEmpty() ? QStringLiteral("missing snapshot argument\n")
                                        : QStringLiteral("missing bookmark argument\n"));
    if (operands.size() > 2)
        return usage(QStringLiteral("bookmark"), QStringLiteral("too many arguments\n"));
    QString source = operands.at(0);
    const QString book = operands.at(1);
    if (!source.contains(QLatin1Char('@')) && !source.contains(QLatin1Char('#')))
        return usage(QStringLiteral("bookmark"),
                     QStringLiteral("invalid source name '%1': must contain a '@' or '#'\n").arg(source));
    if (!book.contains(QLatin1Char('#')))
        return usage(QStringLiteral("bookmark"),
                     QStringLiteral("invalid bookmark name '%1': must contain a '#'\n").arg(book));
    const QString bookFs = book.section(QLatin1Char('#'), 0, 0);
    if (source.startsWith(QLatin1Char('@')) || source.startsWith(QLatin1Char('#')))
        source = bookFs + source;
    const QString what = QStringLiteral("cannot create bookmark '%1': ").arg(book);
    const Dataset *src = m_state.find(source);
    if (!src) {
        // zfs_do_bookmark() opens the source first and goes to its usage when it cannot: exit 2.
        datasetMissing(source);
        return usage(QStringLiteral("bookmark"));
    }
    if (!validComponent(book.section(QLatin1Char('#'), 1))) {
        err(what + QStringLiteral("invalid argument\n"));
        return 1;
    }
    if (EmulatorState::poolOf(source) != EmulatorState::poolOf(book)) {
        err(what + QStringLiteral("bookmark is in a different pool\n"));
        return 1;
    }
    if (src->parentFilesystem() != bookFs) {
        err(what + QStringLiteral("source is not an ancestor of the new bookmark's dataset\n"));
        return 1;
    }
    if (m_state.exists(book)) {
        err(what + QStringLiteral("bookmark exists\n"));
        return 1;
    }
    Dataset b;
    b.name = book;
    b.type = QStringLiteral("bookmark");
    b.guid = src->guid;
    b.createtxg = src->createtxg;
    b.creation = src->creation;
    b.referenced = src->referenced;
    b.written = src->written;
    m_state.datasets.insert(book, b);
    return saveState() ? 0 : 1;
}

// ---- list / get / set / inherit ----

int ZfsCommand::list(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("HS:d:o:prs:t:"));
    bool scripted = false;
    bool literal = false;
    bool recursive = false;
    int depth = -1;
    QStringList columns{QStringLiteral("name"),
                        QStringLiteral("used"),
                        QStringLiteral("available"),
                        QStringLiteral("referenced"),
                        QStringLiteral("mountpoint")};
    QList<QPair<QString, bool>> sortKeys;  // property, descending
    QSet<QString> types{QStringLiteral("filesystem"), QStringLiteral("volume")};
    bool typesGiven = false;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        const QString a = opt.argument();
        switch (c.toLatin1()) {
        case 'H':
            scripted = true;
            break;
        case 'p':
            literal = true;
            break;
        case 'r':
            recursive = true;
            break;
        case 'd': {
            bool ok = false;
            depth = a.toInt(&ok);
            if (!ok || depth < 0)
                return usage(QStringLiteral("list"), QStringLiteral("invalid depth '%1'\n").arg(a));
            recursive = true;
            break;
        }
        case 'o':
            columns = a.split(QLatin1Char(','));
            for (QString &col : columns) {
                col = canonicalProperty(col);
                if (!isKnownProperty(col))
                    return usage(QStringLiteral("list"),
                                 QStringLiteral("bad property list: invalid property '%1'\n").arg(col));
            }
            break;
        case 's':
        case 'S':
            if (!isKnownProperty(a))
                return usage(QStringLiteral("list"), QStringLiteral("invalid property '%1'\n").arg(a));
            sortKeys.append({canonicalProperty(a), c == QLatin1Char('S')});
            break;
        case 't':
            types.clear();
            typesGiven = true;
            for (const QString &t : a.split(QLatin1Char(','))) {
                if (t == QLatin1String("all"))
                    types = {QStringLiteral("filesystem"),
                             QStringLiteral("volume"),
                             QStringLiteral("snapshot"),
                             QStringLiteral("bookmark")};
                else if (t == QLatin1String("filesystem") || t == QLatin1String("volume")
                         || t == QLatin1String("snapshot") || t == QLatin1String("bookmark"))
                    types.insert(t);
                else if (t == QLatin1String("snap"))
                    types.insert(QStringLiteral("snapshot"));
                else
                    return usage(QStringLiteral("list"), QStringLiteral("invalid type '%1'\n").arg(t));
            }
            break;
        default:
            return usage(QStringLiteral("list"), opt.error());
        }
    }
    const QStringList names = opt.operands();
    // "zfs list -t snapshot fs" lists the snapshots of fs: without -r/-d the depth becomes 1.
    if (typesGiven && !names.isEmpty() && !recursive && !types.contains(QStringLiteral("filesystem"))
        && !types.contains(QStringLiteral("volume"))) {
        recursive = true;
        depth = 1;
    }
    int failures = 0;
    const QStringList selected = select(names, recursive, depth, types, typesGiven, &failures);
    QList<Dataset *> rows;
    for (const QString &n : selected)
        rows.append(m_state.find(n));
    std::stable_sort(rows.begin(), rows.end(), [this, &sortKeys](Dataset *a, Dataset *b) {
        for (const auto &[prop, descending] : sortKeys) {
            const QString va = propertyValue(*a, prop, true);
            const QString vb = propertyValue(*b, prop, true);
            if (va == vb)
                continue;
            bool numericA = false;
            bool numericB = false;
            const quint64 na = va.toULongLong(&numericA);
            const quint64 nb = vb.toULongLong(&numericB);
            bool less;
            if (numericA && numericB)
                less = na < nb;
            else if (va == QLatin1String("-") || vb == QLatin1String("-"))
                less = vb == QLatin1String("-");  // unset values sort last
            else
                less = va < vb;
            return descending ? !less : less;
        }
        return datasetLess(*a, *b);
    });
    QList<QStringList> table;
    if (!scripted) {
        QStringList header;
        // Numbers are at least 5 wide ("20.4M"), as zprop_width() makes those columns.
        for (const QString &col : std::as_const(columns))
            header.append(isNumeric(col) && !literal ? columnTitle(col).rightJustified(5) : columnTitle(col));
        table.append(header);
    }
    for (Dataset *d : std::as_const(rows)) {
        QStringList line;
        for (const QString &col : std::as_const(columns))
            line.append(propertyValue(*d, col, literal));
        table.append(line);
    }
    if (scripted) {
        QString text;
        for (const QStringList &line : std::as_const(table))
            text += line.join(QLatin1Char('\t')) + QLatin1Char('\n');
        out(text);
    } else if (rows.isEmpty()) {
        if (failures == 0)
            err(QStringLiteral("no datasets available\n"));
    } else {
        QList<bool> right;
        for (const QString &col : std::as_const(columns))
            right.append(isNumeric(col) && col != QLatin1String("creation"));
        out(Format::table(table, right));
    }
    return failures ? 1 : 0;
}

int ZfsCommand::get(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("d:o:s:rt:Hp"));
    bool scripted = false;
    bool literal = false;
    bool recursive = false;
    int depth = -1;
    QStringList fields{
        QStringLiteral("name"), QStringLiteral("property"), QStringLiteral("value"), QStringLiteral("source")};
    QStringList sources;
    QSet<QString> types{
        QStringLiteral("filesystem"), QStringLiteral("volume"), QStringLiteral("snapshot"), QStringLiteral("bookmark")};
    for (QChar c; (c = opt.next()) != QChar(0);) {
        const QString a = opt.argument();
        switch (c.toLatin1()) {
        case 'H':
            scripted = true;
            break;
        case 'p':
            literal = true;
            break;
        case 'r':
            recursive = true;
            break;
        case 'd':
            depth = a.toInt();
            recursive = true;
            break;
        case 'o':
            fields = a == QLatin1String("all") ? QStringList{QStringLiteral("name"),
                                                             QStringLiteral("property"),
                                                             QStringLiteral("value"),
                                                             QStringLiteral("received"),
                                                             QStringLiteral("source")}
                                               : a.split(QLatin1Char(','));
            for (const QString &f : std::as_const(fields)) {
                if (!QStringList{QStringLiteral("name"),
                                 QStringLiteral("property"),
                                 QStringLiteral("value"),
                                 QStringLiteral("received"),
                                 QStringLiteral("source")}
                         .contains(f))
                    return usage(QStringLiteral("get"), QStringLiteral("invalid column name '%1'\n").arg(f));
            }
            break;
        case 's':
            sources = a.split(QLatin1Char(','));
            break;
        case 't':
            types.clear();
            for (const QString &t : a.split(QLatin1Char(','))) {
                if (t == QLatin1String("all"))
                    types = {QStringLiteral("filesystem"),
                             QStringLiteral("volume"),
                             QStringLiteral("snapshot"),
                             QStringLiteral("bookmark")};
                else if (t == QLatin1String("snap"))
                    types.insert(QStringLiteral("snapshot"));
                else if (t == QLatin1String("filesystem") || t == QLatin1String("volume")
                         || t == QLatin1String("snapshot") || t == QLatin1String("bookmark"))
                    types.insert(t);
                else
                    return usage(QStringLiteral("get"), QStringLiteral("invalid type '%1'\n").arg(t));
            }
            break;
        default:
            return usage(QStringLiteral("get"), opt.error());
        }
    }
    QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("get"), QStringLiteral("missing property argument\n"));
    const QString propArg = operands.takeFirst();
    QStringList props;
    if (propArg != QLatin1String("all")) {
        props = propArg.split(QLatin1Char(','));
        for (QString &p : props) {
            if (!isKnownProperty(p))
                return usage(QStringLiteral("get"),
                             QStringLiteral("bad property list: invalid property '%1'\n").arg(p));
        }
    }
    int failures = 0;
    const QStringList selected = select(operands, recursive, depth, types, true, &failures);
    QList<Dataset *> datasets;
    for (const QString &n : selected)
        datasets.append(m_state.find(n));
    std::stable_sort(datasets.begin(), datasets.end(), [](Dataset *a, Dataset *b) { return datasetLess(*a, *b); });
    QList<QStringList> table;
    for (Dataset *d : std::as_const(datasets)) {
        for (const QString &p : props.isEmpty() ? allProperties(*d) : props) {
            QString source;
            const QString value = propertyValue(*d, p, literal, &source);
            const QString sourceKind = source.startsWith(QLatin1String("inherited")) ? QStringLiteral("inherited")
                                       : source == QLatin1String("-")                ? QStringLiteral("none")
                                                                                     : source;
            if (!sources.isEmpty() && !sources.contains(sourceKind))
                continue;
            QStringList row;
            for (const QString &f : std::as_const(fields)) {
                if (f == QLatin1String("name"))
                    row.append(d->name);
                else if (f == QLatin1String("property"))
                    row.append(p);
                else if (f == QLatin1String("value"))
                    row.append(value);
                else if (f == QLatin1String("received"))
                    row.append(d->received.value(p, QStringLiteral("-")));
                else
                    row.append(source);
            }
            table.append(row);
        }
    }
    if (scripted) {
        QString text;
        for (const QStringList &row : std::as_const(table))
            text += row.join(QLatin1Char('\t')) + QLatin1Char('\n');
        out(text);
    } else if (!table.isEmpty()) {
        QStringList header;
        for (const QString &f : std::as_const(fields))
            header.append(f.toUpper());
        table.prepend(header);
        out(Format::table(table, {}));
    }
    return failures ? 1 : 0;
}

int ZfsCommand::set(const QStringList &args)
{
    Getopt opt(args, QString());
    for (QChar c; (c = opt.next()) != QChar(0);)
        return usage(QStringLiteral("set"), opt.error());
    QStringList operands = opt.operands();
    QMap<QString, QString> assignments;
    while (!operands.isEmpty() && operands.first().contains(QLatin1Char('='))) {
        const QString a = operands.takeFirst();
        assignments.insert(canonicalProperty(a.section(QLatin1Char('='), 0, 0)), a.section(QLatin1Char('='), 1));
    }
    if (assignments.isEmpty())
        return usage(QStringLiteral("set"), QStringLiteral("missing property=value argument(s)\n"));
    if (operands.isEmpty())
        return usage(QStringLiteral("set"), QStringLiteral("missing dataset name(s)\n"));
    int failures = 0;
    for (const QString &name : std::as_const(operands)) {
        Dataset *d = m_state.find(name);
        if (!d) {
            failures += datasetMissing(name);
            continue;
        }
        const QString what = QStringLiteral("cannot set property for '%1': ").arg(name);
        bool ok = true;
        for (auto it = assignments.cbegin(); it != assignments.cend() && ok; ++it) {
            const QString &p = it.key();
            if (isUserProperty(p))
                continue;
            if (!isKnownProperty(p)) {
                err(what + QStringLiteral("invalid property '%1'\n").arg(p));
                ok = false;
            } else if (!settableDefaults().contains(p)) {
                err(what + QStringLiteral("'%1' is readonly\n").arg(p));
                ok = false;
            } else if (!d->isFilesystemLike()) {
                err(what + QStringLiteral("this property can not be modified for snapshots\n"));
                ok = false;
            }
        }
        if (!ok) {
            ++failures;
            continue;
        }
        for (auto it = assignments.cbegin(); it != assignments.cend(); ++it)
            d->props.insert(it.key(), it.value());
    }
    return saveState() && failures == 0 ? 0 : 1;
}

int ZfsCommand::inherit(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("rS"));
    bool recursive = false;
    bool revertToReceived = false;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("inherit"), opt.error());
        if (c == QLatin1Char('r'))
            recursive = true;
        else
            revertToReceived = true;
    }
    QStringList operands = opt.operands();
    if (operands.size() < 2)
        return usage(QStringLiteral("inherit"),
                     operands.isEmpty() ? QStringLiteral("missing property argument\n")
                                        : QStringLiteral("missing dataset argument\n"));
    const QString p = canonicalProperty(operands.takeFirst());
    if (!isKnownProperty(p)) {
        err(QStringLiteral("invalid property '%1'\n").arg(p));
        return usage(QStringLiteral("inherit"));
    }
    if (!isUserProperty(p) && !settableDefaults().contains(p)) {
        err(QStringLiteral("'%1' property is read-only\n").arg(p));
        return 1;
    }
    int failures = 0;
    for (const QString &name : std::as_const(operands)) {
        if (!m_state.exists(name)) {
            failures += datasetMissing(name);
            continue;
        }
        QStringList targets{name};
        if (recursive)
            targets += m_state.descendantsOf(name);
        for (const QString &t : std::as_const(targets)) {
            Dataset *d = m_state.find(t);
            d->props.remove(p);
            if (!revertToReceived)
                d->received.remove(p);
        }
    }
    return saveState() && failures == 0 ? 0 : 1;
}

// ---- holds ----

int ZfsCommand::hold(const QStringList &args, bool holding)
{
    const QString command = holding ? QStringLiteral("hold") : QStringLiteral("release");
    Getopt opt(args, QStringLiteral("r"));
    bool recursive = false;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(command, opt.error());
        recursive = true;
    }
    QStringList operands = opt.operands();
    if (operands.size() < 2)
        return usage(command,
                     operands.isEmpty() ? QStringLiteral("missing tag name\n")
                                        : QStringLiteral("missing snapshot name\n"));
    const QString tag = operands.takeFirst();
    int failures = 0;
    for (const QString &arg : std::as_const(operands)) {
        const qsizetype at = arg.indexOf(QLatin1Char('@'));
        if (at < 0) {
            err(QStringLiteral("'%1' is not a snapshot\n").arg(arg));
            return usage(command);
        }
        const QString fs = arg.left(at);
        const QString snap = arg.mid(at);
        if (!m_state.exists(fs)) {
            failures += datasetMissing(fs);
            continue;
        }
        const QString what = holding ? QStringLiteral("cannot hold snapshot '%1': ")
                                     : QStringLiteral("cannot release hold from snapshot '%1': ");
        QStringList snaps;
        if (m_state.exists(arg))
            snaps.append(arg);
        if (recursive) {
            for (const QString &n : m_state.descendantsOf(fs)) {
                if (m_state.find(n)->isFilesystemLike() && m_state.exists(n + snap))
                    snaps.append(n + snap);
            }
        }
        if (snaps.isEmpty()) {
            err(what.arg(arg) + QStringLiteral("dataset does not exist\n"));
            ++failures;
            continue;
        }
        if (m_faults.take(command, QStringLiteral("fail"), arg)) {
            err(what.arg(arg) + QStringLiteral("I/O error\n"));
            ++failures;
            continue;
        }
        if (holding && tag.size() > 255) {
            err(what.arg(arg) + QStringLiteral("tag too long\n"));
            ++failures;
            continue;
        }
        // One ioctl per operand: it applies to all snapshots only if each of them accepts it.
        bool ok = true;
        for (const QString &s : std::as_const(snaps)) {
            const bool has = m_state.find(s)->holds.contains(tag);
            if (holding && has) {
                err(what.arg(s) + QStringLiteral("tag already exists on this dataset\n"));
                ok = false;
            } else if (!holding && !has) {
                err(what.arg(s) + QStringLiteral("no such tag on this dataset\n"));
                ok = false;
            }
        }
        if (!ok && holding) {
            ++failures;
            continue;
        }
        if (!ok)
            ++failures;
        for (const QString &s : std::as_const(snaps)) {
            Dataset *d = m_state.find(s);
            if (holding) {
                d->holds.insert(tag, m_state.now());
            } else if (d->holds.remove(tag) && d->holds.isEmpty() && d->deferDestroy) {
                removeDataset(s);
            }
        }
    }
    return saveState() && failures == 0 ? 0 : 1;
}

int ZfsCommand::holds(const QStringList &args)
{
    // As OpenZFS 2.1 (the version `zfs version` names): -p came with 2.2.
    Getopt opt(args, QStringLiteral("rH"));
    bool recursive = false;
    bool scripted = false;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("holds"), opt.error());
        if (c == QLatin1Char('r'))
            recursive = true;
        else
            scripted = true;
    }
    const QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("holds"), QStringLiteral("missing snapshot argument\n"));
    int failures = 0;
    int found = 0;
    QList<QStringList> rows;
    for (const QString &arg : operands) {
        if (!arg.contains(QLatin1Char('@'))) {
            err(QStringLiteral("'%1' is not a snapshot\n").arg(arg));
            return usage(QStringLiteral("holds"));
        }
        const Dataset *d = m_state.find(arg);
        if (!d) {
            failures += datasetMissing(arg);
            continue;
        }
        ++found;
        QStringList snaps{arg};
        if (recursive) {
            const QString snap = d->shortName();
            for (const QString &n : m_state.descendantsOf(d->parentFilesystem())) {
                if (m_state.find(n)->isFilesystemLike() && m_state.exists(n + snap))
                    snaps.append(n + snap);
            }
        }
        for (const QString &s : std::as_const(snaps)) {
            const Dataset *snapshot = m_state.find(s);
            for (auto it = snapshot->holds.cbegin(); it != snapshot->holds.cend(); ++it) {
                const QString when = Format::holdDateString(it.value());
                rows.append({s, it.key(), when});
            }
        }
    }
    if (found == 0)
        err(QStringLiteral("no datasets available\n"));  // nothing was visited, as zfs_do_holds() says
    if (scripted) {
        QString text;
        for (const QStringList &row : std::as_const(rows))
            text += row.join(QLatin1Char('\t')) + QLatin1Char('\n');
        out(text);
    } else if (!rows.isEmpty()) {
        rows.prepend({QStringLiteral("NAME"), QStringLiteral("TAG"), QStringLiteral("TIMESTAMP")});
        out(Format::table(rows, {}));
    }
    return failures ? 1 : 0;
}

int ZfsCommand::loadKey(const QStringList &args, bool load)
{
    const QString command = load ? QStringLiteral("load-key") : QStringLiteral("unload-key");
    Getopt opt(args, load ? QStringLiteral("rnaL:") : QStringLiteral("ra"));
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(command, opt.error());
    }
    const QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(command, QStringLiteral("missing dataset argument\n"));
    int failures = 0;
    for (const QString &name : operands) {
        Dataset *d = m_state.find(name);
        if (!d)
            return datasetMissing(name);
        if (d->props.value(QStringLiteral("%encryptionroot")) != name) {
            err(QStringLiteral("Keys can only be %1 for encryption roots.\n")
                    .arg(load ? QStringLiteral("loaded") : QStringLiteral("unloaded")));
            ++failures;
            continue;
        }
        const bool available = d->props.value(QStringLiteral("%keystatus")) == QLatin1String("available");
        if (available == load) {
            err(QStringLiteral("Key %1 for '%2'.\n")
                    .arg(load ? QStringLiteral("already loaded") : QStringLiteral("already unloaded"), name));
            ++failures;
            continue;
        }
        d->props.insert(QStringLiteral("%keystatus"),
                        load ? QStringLiteral("available") : QStringLiteral("unavailable"));
    }
    return saveState() && failures == 0 ? 0 : 1;
}
