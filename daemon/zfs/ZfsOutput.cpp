// SPDX-License-Identifier: MIT
#include "daemon/zfs/ZfsOutput.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Zfs::Output {

namespace {

std::optional<quint64> parseUnsigned(const QString &text)
{
    bool ok = false;
    const quint64 value = text.toULongLong(&ok, 10);
    if (!ok) {
        return std::nullopt;
    }
    return value;
}

QList<QByteArrayView> lines(const QByteArray &output)
{
    QList<QByteArrayView> result;
    qsizetype start = 0;
    while (start < output.size()) {
        qsizetype end = output.indexOf('\n', start);
        if (end < 0) {
            end = output.size();
        }
        QByteArrayView line = QByteArrayView(output).sliced(start, end - start);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (!line.isEmpty()) {
            result.append(line);
        }
        start = end + 1;
    }
    return result;
}

}  // namespace

std::optional<QList<PropertyRow>> parseGetOutput(const QByteArray &output, QString *error)
{
    QList<PropertyRow> rows;
    QHash<QString, qsizetype> index;
    for (QByteArrayView line : lines(output)) {
        const qsizetype first = line.indexOf('\t');
        const qsizetype second = first < 0 ? -1 : line.indexOf('\t', first + 1);
        if (first <= 0 || second < 0) {
            *error = u"unexpected line in zfs get output: \"%1\""_s.arg(QString::fromUtf8(line.first(qMin<qsizetype>(line.size(), 120))));
            return std::nullopt;
        }
        const QString name = QString::fromUtf8(line.first(first));
        const QString property = QString::fromUtf8(line.sliced(first + 1, second - first - 1));
        // A fourth column (source) may follow when asked for; the value never contains a tab.
        QByteArrayView value = line.sliced(second + 1);
        const qsizetype third = value.indexOf('\t');
        if (third >= 0) {
            value = value.first(third);
        }
        auto it = index.constFind(name);
        if (it == index.constEnd()) {
            it = index.insert(name, rows.size());
            rows.append(PropertyRow{name, {}});
        }
        rows[*it].properties.insert(property, QString::fromUtf8(value));
    }
    return rows;
}

std::optional<FilesystemVersion> versionFromProperties(const PropertyRow &row, QString *error)
{
    FilesystemVersion version;
    const QString type = row.properties.value(u"type"_s);
    qsizetype delimiter = -1;
    if (type == u"snapshot") {
        version.type = VersionType::Snapshot;
        delimiter = row.name.indexOf(u'@');
    } else if (type == u"bookmark") {
        version.type = VersionType::Bookmark;
        delimiter = row.name.indexOf(u'#');
    } else {
        *error = u"%1 is a %2, not a snapshot or bookmark"_s.arg(row.name, type.isEmpty() ? u"dataset of unknown type"_s : type);
        return std::nullopt;
    }
    if (delimiter <= 0) {
        *error = u"malformed %1 name \"%2\""_s.arg(type, row.name);
        return std::nullopt;
    }
    version.filesystem = row.name.left(delimiter);
    version.name = row.name.mid(delimiter + 1);
    const auto guid = parseUnsigned(row.properties.value(u"guid"_s));
    const auto txg = parseUnsigned(row.properties.value(u"createtxg"_s));
    const auto creation = parseUnsigned(row.properties.value(u"creation"_s));
    if (!guid || !txg || !creation) {
        *error = u"malformed guid, createtxg or creation of %1: guid=%2 createtxg=%3 creation=%4"_s.arg(
            row.name, row.properties.value(u"guid"_s), row.properties.value(u"createtxg"_s),
            row.properties.value(u"creation"_s));
        return std::nullopt;
    }
    version.guid = *guid;
    version.createTxg = *txg;
    version.creation = Api::Timestamp::fromUnix(qint64(*creation));
    if (version.isSnapshot()) {
        const QString refs = row.properties.value(u"userrefs"_s);
        if (const auto count = parseUnsigned(refs)) {
            version.userRefs = *count;
        }
    }
    return version;
}

std::optional<QList<Hold>> parseHoldsOutput(const QByteArray &output, QString *error)
{
    QList<Hold> holds;
    for (QByteArrayView line : lines(output)) {
        const QList<QByteArray> fields = line.toByteArray().split('\t');
        if (fields.size() != 3) {
            *error = u"unexpected line in zfs holds output: \"%1\""_s.arg(QString::fromUtf8(line.first(qMin<qsizetype>(line.size(), 120))));
            return std::nullopt;
        }
        Hold hold;
        hold.snapshot = QString::fromUtf8(fields[0]);
        hold.tag = QString::fromUtf8(fields[1]);
        const QString when = QString::fromUtf8(fields[2]);
        if (const auto seconds = parseUnsigned(when)) {
            hold.created = Api::Timestamp::fromUnix(qint64(*seconds));
        } else {
            // Without -p (OpenZFS before 2.2): strftime's "%a %b %e %H:%M %Y" in the local time zone, to the
            // minute: "Sat Dec  5 14:22 2026". "H" also reads an hour padded with a space ("%k", as `zfs get
            // creation` prints it), so that no zfs's choice of padding breaks the listing after midnight.
            const QDateTime local = QLocale::c().toDateTime(when.simplified(), u"ddd MMM d H:mm yyyy"_s);
            if (!local.isValid()) {
                *error = u"unexpected time in zfs holds output: \"%1\""_s.arg(when.left(60));
                return std::nullopt;
            }
            hold.created = Api::Timestamp::fromUnix(local.toSecsSinceEpoch());
        }
        holds.append(hold);
    }
    return holds;
}

QStringList parseNameList(const QByteArray &output)
{
    QStringList names;
    for (QByteArrayView line : lines(output)) {
        names.append(QString::fromUtf8(line));
    }
    return names;
}

}  // namespace Zfs::Output
