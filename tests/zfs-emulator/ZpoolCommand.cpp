#include "ZpoolCommand.h"

#include <QFileInfo>

#include "Getopt.h"

using Format::err;
using Format::out;

namespace {

constexpr quint64 defaultPoolSize = quint64(1) << 30;

const QStringList &featureNames()
{
    static const QStringList features{QStringLiteral("async_destroy"),
                                      QStringLiteral("empty_bpobj"),
                                      QStringLiteral("lz4_compress"),
                                      QStringLiteral("extensible_dataset"),
                                      QStringLiteral("bookmarks"),
                                      QStringLiteral("enabled_txg"),
                                      QStringLiteral("large_blocks"),
                                      QStringLiteral("encryption"),
                                      QStringLiteral("bookmark_v2"),
                                      QStringLiteral("bookmark_written"),
                                      QStringLiteral("redaction_bookmarks")};
    return features;
}

QString usageText(const QString &command)
{
    if (command == QLatin1String("create"))
        return QStringLiteral("\tcreate [-fnd] [-o property=value] ... \n"
                              "\t    [-O file-system-property=value] ... \n"
                              "\t    [-m mountpoint] [-R root] <pool> <vdev> ...\n");
    if (command == QLatin1String("destroy"))
        return QStringLiteral("\tdestroy [-f] <pool>\n");
    if (command == QLatin1String("list"))
        return QStringLiteral("\tlist [-gHLpPv] [-o property[,...]] [-T d|u] [pool] ... \n\t    [interval [count]]\n");
    if (command == QLatin1String("get"))
        return QStringLiteral("\tget [-Hp] [-o \"all\" | field[,...]] <\"all\" | property[,...]> <pool> ...\n");
    return QStringLiteral("\tversion\n");
}

}  // namespace

int ZpoolCommand::usage(const QString &command, const QString &problem)
{
    err(problem + QStringLiteral("usage:\n") + usageText(command));
    return 2;
}

int ZpoolCommand::run(const QStringList &args)
{
    if (args.isEmpty()) {
        err(QStringLiteral("usage: zpool command args ...\n"));
        return 2;
    }
    const QString command = args.first();
    if (command == QLatin1String("version")) {
        out(QStringLiteral("zfs-2.1.11-1\nzfs-kmod-2.1.11-1\n"));
        return 0;
    }
    QString error;
    if (!m_state.open(&error)) {
        err(QStringLiteral("holdfast-zfs-emulator: %1\n").arg(error));
        return 1;
    }
    const QStringList rest = args.mid(1);
    if (command == QLatin1String("create"))
        return create(rest);
    if (command == QLatin1String("destroy"))
        return destroy(rest);
    if (command == QLatin1String("list"))
        return list(rest);
    if (command == QLatin1String("get"))
        return get(rest);
    err(QStringLiteral("unrecognized command '%1'\nusage: zpool command args ...\n").arg(command));
    return 2;
}

quint64 ZpoolCommand::poolSize(const Pool &pool) const
{
    quint64 size = 0;
    for (const QString &vdev : pool.vdevs) {
        const QFileInfo info(vdev);
        if (info.isFile())
            size += quint64(info.size());
    }
    return size ? size : defaultPoolSize;
}

QString ZpoolCommand::property(const Pool &pool, const QString &requested, bool literal, QString *source)
{
    *source = QStringLiteral("-");
    static const QMap<QString, QString> aliases{{QStringLiteral("alloc"), QStringLiteral("allocated")},
                                                {QStringLiteral("cap"), QStringLiteral("capacity")},
                                                {QStringLiteral("frag"), QStringLiteral("fragmentation")},
                                                {QStringLiteral("dedup"), QStringLiteral("dedupratio")}};
    const QString p = aliases.value(requested, requested);
    quint64 allocated = 0;
    for (const Dataset &d : std::as_const(m_state.datasets)) {
        if (EmulatorState::poolOf(d.name) == pool.name && d.isFilesystemLike())
            allocated += d.referenced;
    }
    const quint64 size = poolSize(pool);
    auto bytes = [literal](quint64 v) {
        return literal ? QString::number(v) : Format::nicenum(v, false);
    };
    if (p == QLatin1String("name"))
        return pool.name;
    if (p == QLatin1String("size"))
        return bytes(size);
    if (p == QLatin1String("allocated"))
        return bytes(allocated);
    if (p == QLatin1String("free"))
        return bytes(size > allocated ? size - allocated : 0);
    if (p == QLatin1String("capacity")) {
        const quint64 pct = size ? allocated * 100 / size : 0;
        return literal ? QString::number(pct) : QString::number(pct) + QLatin1Char('%');
    }
    if (p == QLatin1String("health"))
        return QStringLiteral("ONLINE");
    if (p == QLatin1String("guid"))
        return QString::number(pool.guid);
    if (p == QLatin1String("fragmentation"))
        return literal ? QStringLiteral("0") : QStringLiteral("0%");
    if (p == QLatin1String("dedupratio"))
        return literal ? QStringLiteral("1.00") : QStringLiteral("1.00x");
    if (p == QLatin1String("altroot") || p == QLatin1String("checkpoint") || p == QLatin1String("expandsize")) {
        const QString v = pool.props.value(p);
        if (!v.isEmpty())
            *source = QStringLiteral("local");
        return v.isEmpty() ? QStringLiteral("-") : v;
    }
    if (p.startsWith(QLatin1String("feature@"))) {
        const QString feature = p.mid(8);
        if (!featureNames().contains(feature))
            return {};
        if (pool.props.value(p) == QLatin1String("disabled")) {
            *source = QStringLiteral("local");
            return QStringLiteral("disabled");
        }
        *source = QStringLiteral("local");
        // Features that datasets in use make active; the rest are enabled.
        const bool active = feature == QLatin1String("extensible_dataset") || feature == QLatin1String("bookmarks")
                            || feature == QLatin1String("bookmark_v2") || feature == QLatin1String("encryption")
                            || feature == QLatin1String("async_destroy") || feature == QLatin1String("empty_bpobj");
        return active ? QStringLiteral("active") : QStringLiteral("enabled");
    }
    if (pool.props.contains(p)) {
        *source = QStringLiteral("local");
        return pool.props.value(p);
    }
    return {};
}

int ZpoolCommand::create(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("fndo:O:m:R:t:"));
    QMap<QString, QString> poolProps;
    QMap<QString, QString> fsProps;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        const QString a = opt.argument();
        switch (c.toLatin1()) {
        case 'o':
            if (!a.contains(QLatin1Char('=')))
                return usage(QStringLiteral("create"), QStringLiteral("missing '=' for -o option\n"));
            poolProps.insert(a.section(QLatin1Char('='), 0, 0), a.section(QLatin1Char('='), 1));
            break;
        case 'O':
            if (!a.contains(QLatin1Char('=')))
                return usage(QStringLiteral("create"), QStringLiteral("missing '=' for -O option\n"));
            fsProps.insert(a.section(QLatin1Char('='), 0, 0), a.section(QLatin1Char('='), 1));
            break;
        case 'm':
            fsProps.insert(QStringLiteral("mountpoint"), a);
            break;
        case 'R':
            poolProps.insert(QStringLiteral("altroot"), a);
            break;
        case 'f':
        case 'n':
        case 'd':
        case 't':
            break;
        default:
            return usage(QStringLiteral("create"), opt.error());
        }
    }
    const QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("create"), QStringLiteral("missing pool name argument\n"));
    if (operands.size() < 2)
        return usage(QStringLiteral("create"), QStringLiteral("missing vdev specification\n"));
    const QString name = operands.first();
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('@')) || name.isEmpty()) {
        err(QStringLiteral("cannot create '%1': invalid character '/' in pool name\n").arg(name));
        return 1;
    }
    if (m_state.pools.contains(name)) {
        err(QStringLiteral("cannot create '%1': pool already exists\n").arg(name));
        return 1;
    }
    Pool pool;
    pool.name = name;
    pool.guid = m_state.newGuid();
    pool.creation = m_state.now();
    pool.vdevs = operands.mid(1);
    pool.props = poolProps;
    m_state.pools.insert(name, pool);
    Dataset root;
    root.name = name;
    root.type = QStringLiteral("filesystem");
    root.guid = m_state.newGuid();
    root.createtxg = 1;
    root.creation = pool.creation;
    root.referenced = 24 * 1024;
    root.props = fsProps;
    m_state.datasets.insert(name, root);
    QString error;
    if (!m_state.save(&error)) {
        err(error + QLatin1Char('\n'));
        return 1;
    }
    return 0;
}

int ZpoolCommand::destroy(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("f"));
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("destroy"), opt.error());
    }
    const QStringList operands = opt.operands();
    if (operands.size() != 1)
        return usage(QStringLiteral("destroy"),
                     operands.isEmpty() ? QStringLiteral("missing pool argument\n")
                                        : QStringLiteral("too many arguments\n"));
    const QString name = operands.first();
    if (!m_state.pools.contains(name)) {
        err(QStringLiteral("cannot open '%1': no such pool\n").arg(name));
        return 1;
    }
    m_state.pools.remove(name);
    for (const QString &n : m_state.datasets.keys()) {
        if (EmulatorState::poolOf(n) == name)
            m_state.datasets.remove(n);
    }
    QString error;
    if (!m_state.save(&error)) {
        err(error + QLatin1Char('\n'));
        return 1;
    }
    return 0;
}

int ZpoolCommand::list(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("gHLpPvo:T:"));
    bool scripted = false;
    bool literal = false;
    QStringList columns{QStringLiteral("name"),
                        QStringLiteral("size"),
                        QStringLiteral("allocated"),
                        QStringLiteral("free"),
                        QStringLiteral("checkpoint"),
                        QStringLiteral("expandsize"),
                        QStringLiteral("fragmentation"),
                        QStringLiteral("capacity"),
                        QStringLiteral("dedupratio"),
                        QStringLiteral("health"),
                        QStringLiteral("altroot")};
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("list"), opt.error());
        if (c == QLatin1Char('H'))
            scripted = true;
        else if (c == QLatin1Char('p'))
            literal = true;
        else if (c == QLatin1Char('o'))
            columns = opt.argument().split(QLatin1Char(','));
    }
    QStringList names = opt.operands();
    int failures = 0;
    if (names.isEmpty())
        names = m_state.pools.keys();
    QList<QStringList> rows;
    for (const QString &n : std::as_const(names)) {
        if (!m_state.pools.contains(n)) {
            err(QStringLiteral("cannot open '%1': no such pool\n").arg(n));
            ++failures;
            continue;
        }
        QStringList row;
        for (const QString &col : std::as_const(columns)) {
            QString source;
            const QString v = property(m_state.pools.value(n), col, literal, &source);
            if (v.isNull()) {
                err(QStringLiteral("property '%1' is not a valid pool property\n").arg(col));
                return usage(QStringLiteral("list"));
            }
            row.append(v);
        }
        rows.append(row);
    }
    if (rows.isEmpty() && failures == 0) {
        out(QStringLiteral("no pools available\n"));
        return 0;
    }
    if (scripted) {
        QString text;
        for (const QStringList &row : std::as_const(rows))
            text += row.join(QLatin1Char('\t')) + QLatin1Char('\n');
        out(text);
    } else {
        static const QMap<QString, QString> titles{{QStringLiteral("allocated"), QStringLiteral("ALLOC")},
                                                   {QStringLiteral("checkpoint"), QStringLiteral("CKPOINT")},
                                                   {QStringLiteral("expandsize"), QStringLiteral("EXPANDSZ")},
                                                   {QStringLiteral("fragmentation"), QStringLiteral("FRAG")},
                                                   {QStringLiteral("capacity"), QStringLiteral("CAP")},
                                                   {QStringLiteral("dedupratio"), QStringLiteral("DEDUP")}};
        QStringList header;
        QList<bool> right;
        for (const QString &col : std::as_const(columns)) {
            header.append(titles.value(col, col.toUpper()));
            right.append(col != QLatin1String("name") && col != QLatin1String("health")
                         && col != QLatin1String("altroot"));
        }
        rows.prepend(header);
        out(Format::table(rows, right));
    }
    return failures ? 1 : 0;
}

int ZpoolCommand::get(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("Hpo:"));
    bool scripted = false;
    bool literal = false;
    QStringList fields{
        QStringLiteral("name"), QStringLiteral("property"), QStringLiteral("value"), QStringLiteral("source")};
    for (QChar c; (c = opt.next()) != QChar(0);) {
        if (c == QLatin1Char('?'))
            return usage(QStringLiteral("get"), opt.error());
        if (c == QLatin1Char('H'))
            scripted = true;
        else if (c == QLatin1Char('p'))
            literal = true;
        else if (c == QLatin1Char('o'))
            fields = opt.argument().split(QLatin1Char(','));
    }
    QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("get"), QStringLiteral("missing property argument\n"));
    const QString propArg = operands.takeFirst();
    QStringList props;
    if (propArg == QLatin1String("all")) {
        props = QStringList{QStringLiteral("size"),
                            QStringLiteral("capacity"),
                            QStringLiteral("altroot"),
                            QStringLiteral("health"),
                            QStringLiteral("guid"),
                            QStringLiteral("dedupratio"),
                            QStringLiteral("free"),
                            QStringLiteral("allocated"),
                            QStringLiteral("fragmentation")};
        for (const QString &f : featureNames())
            props.append(QStringLiteral("feature@") + f);
    } else {
        props = propArg.split(QLatin1Char(','));
    }
    if (operands.isEmpty())
        operands = m_state.pools.keys();
    int failures = 0;
    QList<QStringList> rows;
    for (const QString &n : std::as_const(operands)) {
        if (!m_state.pools.contains(n)) {
            err(QStringLiteral("cannot open '%1': no such pool\n").arg(n));
            ++failures;
            continue;
        }
        for (const QString &p : std::as_const(props)) {
            QString source;
            const QString v = property(m_state.pools.value(n), p, literal, &source);
            if (v.isNull()) {
                err(QStringLiteral("bad property list: invalid property '%1'\n").arg(p));
                return usage(QStringLiteral("get"));
            }
            QStringList row;
            for (const QString &f : std::as_const(fields)) {
                if (f == QLatin1String("name"))
                    row.append(n);
                else if (f == QLatin1String("property"))
                    row.append(p);
                else if (f == QLatin1String("value"))
                    row.append(v);
                else
                    row.append(source);
            }
            rows.append(row);
        }
    }
    if (scripted) {
        QString text;
        for (const QStringList &row : std::as_const(rows))
            text += row.join(QLatin1Char('\t')) + QLatin1Char('\n');
        out(text);
    } else if (!rows.isEmpty()) {
        QStringList header;
        for (const QString &f : std::as_const(fields))
            header.append(f.toUpper());
        rows.prepend(header);
        out(Format::table(rows, {}));
    }
    return failures ? 1 : 0;
}
