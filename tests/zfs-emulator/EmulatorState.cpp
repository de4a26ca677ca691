#include "EmulatorState.h"

#include <algorithm>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace {

QJsonObject mapToJson(const QMap<QString, QString> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QMap<QString, QString> mapFromJson(const QJsonObject &o)
{
    QMap<QString, QString> map;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

// guids and txgs are 64-bit; JSON numbers are doubles, so they travel as strings.
QString u64(quint64 v)
{
    return QString::number(v);
}

quint64 u64(const QJsonValue &v)
{
    return v.toString().toULongLong();
}

QJsonObject datasetToJson(const Dataset &d)
{
    QJsonObject o{{QStringLiteral("type"), d.type},
                  {QStringLiteral("guid"), u64(d.guid)},
                  {QStringLiteral("createtxg"), u64(d.createtxg)},
                  {QStringLiteral("creation"), u64(quint64(d.creation))},
                  {QStringLiteral("referenced"), u64(d.referenced)},
                  {QStringLiteral("written"), u64(d.written)},
                  {QStringLiteral("deferDestroy"), d.deferDestroy},
                  {QStringLiteral("props"), mapToJson(d.props)},
                  {QStringLiteral("received"), mapToJson(d.received)}};
    QJsonObject holds;
    for (auto it = d.holds.cbegin(); it != d.holds.cend(); ++it)
        holds.insert(it.key(), u64(quint64(it.value())));
    o.insert(QStringLiteral("holds"), holds);
    if (d.partial) {
        const PartialReceive &p = *d.partial;
        o.insert(QStringLiteral("partial"),
                 QJsonObject{{QStringLiteral("toGuid"), u64(p.toGuid)},
                             {QStringLiteral("fromGuid"), u64(p.fromGuid)},
                             {QStringLiteral("toName"), p.toName},
                             {QStringLiteral("targetSnap"), p.targetSnap},
                             {QStringLiteral("offset"), u64(p.offset)},
                             {QStringLiteral("bytes"), u64(p.bytes)},
                             {QStringLiteral("flags"), int(p.flags)},
                             {QStringLiteral("createdFilesystem"), p.createdFilesystem}});
    }
    return o;
}

Dataset datasetFromJson(const QString &name, const QJsonObject &o)
{
    Dataset d;
    d.name = name;
    d.type = o.value(QStringLiteral("type")).toString();
    d.guid = u64(o.value(QStringLiteral("guid")));
    d.createtxg = u64(o.value(QStringLiteral("createtxg")));
    d.creation = qint64(u64(o.value(QStringLiteral("creation"))));
    d.referenced = u64(o.value(QStringLiteral("referenced")));
    d.written = u64(o.value(QStringLiteral("written")));
    d.deferDestroy = o.value(QStringLiteral("deferDestroy")).toBool();
    d.props = mapFromJson(o.value(QStringLiteral("props")).toObject());
    d.received = mapFromJson(o.value(QStringLiteral("received")).toObject());
    const QJsonObject holds = o.value(QStringLiteral("holds")).toObject();
    for (auto it = holds.constBegin(); it != holds.constEnd(); ++it)
        d.holds.insert(it.key(), qint64(u64(it.value())));
    if (o.contains(QStringLiteral("partial"))) {
        const QJsonObject p = o.value(QStringLiteral("partial")).toObject();
        PartialReceive r;
        r.toGuid = u64(p.value(QStringLiteral("toGuid")));
        r.fromGuid = u64(p.value(QStringLiteral("fromGuid")));
        r.toName = p.value(QStringLiteral("toName")).toString();
        r.targetSnap = p.value(QStringLiteral("targetSnap")).toString();
        r.offset = u64(p.value(QStringLiteral("offset")));
        r.bytes = u64(p.value(QStringLiteral("bytes")));
        r.flags = quint32(p.value(QStringLiteral("flags")).toInt());
        r.createdFilesystem = p.value(QStringLiteral("createdFilesystem")).toBool();
        d.partial = r;
    }
    return d;
}

}  // namespace

QString Dataset::parentFilesystem() const
{
    const qsizetype i = name.indexOf(QRegularExpression(QStringLiteral("[@#]")));
    return i < 0 ? name : name.left(i);
}

QString Dataset::shortName() const
{
    return name.mid(parentFilesystem().size());
}

EmulatorState::~EmulatorState()
{
    if (m_lockFd >= 0)
        ::close(m_lockFd);  // releases the flock
}

void EmulatorState::unlock()
{
    if (m_lockFd >= 0)
        ::close(m_lockFd);
    m_lockFd = -1;
}

bool EmulatorState::open(QString *error)
{
    pools.clear();
    datasets.clear();
    m_directory = qEnvironmentVariable("HOLDFAST_ZFS_EMULATOR_DIR");
    if (m_directory.isEmpty()) {
        *error = QStringLiteral("HOLDFAST_ZFS_EMULATOR_DIR is not set; the emulator keeps its pools there");
        return false;
    }
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot create state directory %1").arg(m_directory);
        return false;
    }
    // A separate lock file: the state file itself is replaced atomically on save.
    const QByteArray lockPath = QFile::encodeName(m_directory + QStringLiteral("/state.lock"));
    m_lockFd = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_lockFd < 0 || ::flock(m_lockFd, LOCK_EX) != 0) {
        *error = QStringLiteral("cannot lock %1").arg(QFile::decodeName(lockPath));
        return false;
    }
    QFile file(m_directory + QStringLiteral("/state.json"));
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(file.fileName());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("corrupt state file %1: %2").arg(file.fileName(), parseError.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    const QJsonObject poolsJson = root.value(QStringLiteral("pools")).toObject();
    for (auto it = poolsJson.constBegin(); it != poolsJson.constEnd(); ++it) {
        const QJsonObject o = it.value().toObject();
        Pool p;
        p.name = it.key();
        p.guid = u64(o.value(QStringLiteral("guid")));
        p.txg = u64(o.value(QStringLiteral("txg")));
        p.creation = qint64(u64(o.value(QStringLiteral("creation"))));
        for (const QJsonValue &v : o.value(QStringLiteral("vdevs")).toArray())
            p.vdevs.append(v.toString());
        p.props = mapFromJson(o.value(QStringLiteral("props")).toObject());
        pools.insert(p.name, p);
    }
    const QJsonObject datasetsJson = root.value(QStringLiteral("datasets")).toObject();
    for (auto it = datasetsJson.constBegin(); it != datasetsJson.constEnd(); ++it)
        datasets.insert(it.key(), datasetFromJson(it.key(), it.value().toObject()));
    return true;
}

bool EmulatorState::save(QString *error)
{
    QJsonObject poolsJson;
    for (const Pool &p : std::as_const(pools)) {
        poolsJson.insert(p.name,
                         QJsonObject{{QStringLiteral("guid"), u64(p.guid)},
                                     {QStringLiteral("txg"), u64(p.txg)},
                                     {QStringLiteral("creation"), u64(quint64(p.creation))},
                                     {QStringLiteral("vdevs"), QJsonArray::fromStringList(p.vdevs)},
                                     {QStringLiteral("props"), mapToJson(p.props)}});
    }
    QJsonObject datasetsJson;
    for (const Dataset &d : std::as_const(datasets))
        datasetsJson.insert(d.name, datasetToJson(d));
    QSaveFile file(m_directory + QStringLiteral("/state.json"));
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(file.fileName());
        return false;
    }
    file.write(
        QJsonDocument(QJsonObject{{QStringLiteral("pools"), poolsJson}, {QStringLiteral("datasets"), datasetsJson}})
            .toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1").arg(file.fileName());
        return false;
    }
    return true;
}

QString EmulatorState::poolOf(const QString &name)
{
    const qsizetype i = name.indexOf(QRegularExpression(QStringLiteral("[/@#]")));
    return i < 0 ? name : name.left(i);
}

Dataset *EmulatorState::find(const QString &name)
{
    auto it = datasets.find(name);
    return it == datasets.end() ? nullptr : &it.value();
}

quint64 EmulatorState::nextTxg(const QString &pool)
{
    auto it = pools.find(pool);
    if (it == pools.end())
        return 0;
    return ++it->txg;
}

quint64 EmulatorState::newGuid()
{
    quint64 g = 0;
    while (g == 0)
        g = QRandomGenerator::system()->generate64();
    return g;
}

qint64 EmulatorState::now() const
{
    // Tests of pruning pretend it is a chosen time.
    bool ok = false;
    const qint64 pretend = qEnvironmentVariable("HOLDFAST_ZFS_EMULATOR_CLOCK").toLongLong(&ok);
    return ok ? pretend : QDateTime::currentSecsSinceEpoch();
}

QStringList EmulatorState::childrenOf(const QString &name) const
{
    QStringList out;
    const QString prefix = name + QLatin1Char('/');
    for (auto it = datasets.lowerBound(prefix); it != datasets.cend() && it.key().startsWith(prefix); ++it) {
        const QString rest = it.key().mid(prefix.size());
        if (it->isFilesystemLike() && !rest.contains(QLatin1Char('/')))
            out.append(it.key());
    }
    return out;
}

QList<Dataset *> EmulatorState::snapshotsOf(const QString &fs)
{
    QList<Dataset *> out;
    const QString prefix = fs + QLatin1Char('@');
    for (auto it = datasets.lowerBound(prefix); it != datasets.end() && it.key().startsWith(prefix); ++it)
        out.append(&it.value());
    std::sort(out.begin(), out.end(), [](Dataset *a, Dataset *b) { return a->createtxg < b->createtxg; });
    return out;
}

QList<Dataset *> EmulatorState::bookmarksOf(const QString &fs)
{
    QList<Dataset *> out;
    const QString prefix = fs + QLatin1Char('#');
    for (auto it = datasets.lowerBound(prefix); it != datasets.end() && it.key().startsWith(prefix); ++it)
        out.append(&it.value());
    std::sort(out.begin(), out.end(), [](Dataset *a, Dataset *b) { return a->createtxg < b->createtxg; });
    return out;
}

QStringList EmulatorState::descendantsOf(const QString &name) const
{
    QStringList out;
    for (auto it = datasets.cbegin(); it != datasets.cend(); ++it) {
        const QString &n = it.key();
        if (n.size() > name.size() && n.startsWith(name)
            && (n.at(name.size()) == QLatin1Char('/') || n.at(name.size()) == QLatin1Char('@')
                || n.at(name.size()) == QLatin1Char('#')))
            out.append(n);
    }
    return out;
}
