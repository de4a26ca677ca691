// SPDX-License-Identifier: MIT
#include "app/core/Retention.h"

#include <chrono>

#include <QRegularExpression>

#include "app/core/YamlText.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

using Seconds = std::chrono::seconds;

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;
constexpr int MaxGridFactor = 100000;  // as daemon/config: a larger factor is refused

std::optional<qint64> unitSeconds(const QString &unit)
{
    if (unit == u"s") {
        return 1;
    }
    if (unit == u"m") {
        return 60;
    }
    if (unit == u"h") {
        return Hour;
    }
    if (unit == u"d") {
        return Day;
    }
    if (unit == u"w") {
        return 7 * Day;
    }
    return std::nullopt;
}

struct GridSegment
{
    qint64 times = 0;
    qint64 lengthSeconds = 0;
};

// The segments of a grid, or what is wrong with it (the daemon's wording, so that the assistant and the daemon's
// validation say the same).
std::optional<QList<GridSegment>> parseGrid(const QString &grid, QString *why)
{
    static const QRegularExpression segmentPattern(
        u"^\\s*([0-9]+)\\s*x\\s*([0-9]+)\\s*([a-z]+)\\s*(\\(\\s*keep\\s*=\\s*([^)]*)\\))?\\s*$"_s);
    const QStringList parts = grid.split(u'|');
    QList<GridSegment> segments;
    qint64 previous = 0;
    bool allKeepAll = true;  // zrepl lets lengths shrink after keep=all intervals only
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString part = parts[i].trimmed();
        const QString where = Retention::tr("part %1 of %2 (“%3”)").arg(i + 1).arg(parts.size()).arg(part);
        const QRegularExpressionMatch match = segmentPattern.match(parts[i]);
        if (!match.hasMatch()) {
            *why = Retention::tr("%1 is not of the form <count>x<length>, as 24x1h or 1x1h(keep=all)").arg(where);
            return std::nullopt;
        }
        bool ok = false;
        const qint64 times = match.captured(1).toLongLong(&ok);
        if (!ok || times <= 0 || times > MaxGridFactor) {
            *why = Retention::tr("%1: the count must be between 1 and %2").arg(where).arg(MaxGridFactor);
            return std::nullopt;
        }
        const qint64 length = match.captured(2).toLongLong(&ok);
        const std::optional<qint64> unit = unitSeconds(match.captured(3));
        if (!ok || length <= 0 || !unit) {
            *why = Retention::tr("%1: the length must be a positive number with s, m, h, d or w").arg(where);
            return std::nullopt;
        }
        bool keepAll = false;
        if (match.hasCaptured(4)) {
            const QString keep = match.captured(5).trimmed();
            keepAll = keep == u"all";
            static const QRegularExpression count(u"^[0-9]+$"_s);
            if (keep != u"all" && (!count.match(keep).hasMatch() || keep.toInt() <= 0)) {
                *why = Retention::tr("%1: keep= takes “all” or a positive number").arg(where);
                return std::nullopt;
            }
        }
        const qint64 seconds = length * *unit;
        if (seconds < previous && !allKeepAll) {
            *why = Retention::tr("%1: the lengths must grow from left to right").arg(where);
            return std::nullopt;
        }
        previous = seconds;
        allKeepAll = allKeepAll && keepAll;
        segments.append({times, seconds});
    }
    return segments;
}

QString spanWords(qint64 seconds)
{
    const qint64 days = seconds / Day;
    if (days >= 360) {
        const qint64 years = (days + 30) / 365;
        return years <= 1 ? Retention::tr("about a year") : Retention::tr("about %1 years").arg(years);
    }
    if (days >= 56) {
        return Retention::tr("about %1 months").arg((days + 15) / 30);
    }
    if (days >= 14 && days % 7 == 0) {
        return Retention::tr("%1 weeks").arg(days / 7);
    }
    if (days >= 2) {
        return Retention::tr("%1 days").arg(days);
    }
    const qint64 hours = seconds / Hour;
    return hours == 1 ? Retention::tr("an hour") : Retention::tr("%1 hours").arg(hours);
}

// A grid written as the user wrote it when it needs no quotes, as zrepl's docs write it.
QString gridScalar(const QString &grid)
{
    static const QRegularExpression safe(u"^[0-9a-z()=| ]+$"_s);
    return safe.match(grid).hasMatch() ? grid : YamlText::quoted(grid);
}

}  // namespace

QList<RetentionPreset> Retention::presets()
{
    return {
        {u"standard"_s,
         tr("24 hourly, 14 daily, 8 weekly, 12 monthly"),
         u"1x1h(keep=all) | 24x1h | 14x1d | 8x1w | 12x30d"_s,
         tr("24 hourly, 14 daily, 8 weekly and 12 monthly snapshots")},
        {u"hourly-2-weeks"_s,
         tr("Hourly for 2 weeks"),
         u"1x1h(keep=all) | 336x1h"_s,
         tr("an hourly snapshot for 2 weeks")},
        {u"daily-month"_s,
         tr("24 hourly, then daily for a month"),
         u"1x1h(keep=all) | 24x1h | 30x1d"_s,
         tr("24 hourly and 30 daily snapshots")},
        {u"zrepl-example"_s,
         tr("24 hourly, 30 daily, 6 monthly (zrepl's example)"),
         u"1x1h(keep=all) | 24x1h | 30x1d | 6x30d"_s,
         tr("24 hourly, 30 daily and 6 monthly snapshots")},
        {u"long"_s,
         tr("24 hourly, 30 daily, 12 weekly, 24 monthly"),
         u"1x1h(keep=all) | 24x1h | 30x1d | 12x1w | 24x30d"_s,
         tr("24 hourly, 30 daily, 12 weekly and 24 monthly snapshots")},
    };
}

RetentionPreset Retention::defaultPreset()
{
    return presets().constFirst();
}

std::optional<RetentionPreset> Retention::presetForGrid(const QString &grid)
{
    const QString simplified = grid.simplified();
    for (const RetentionPreset &preset : presets()) {
        if (preset.grid == simplified) {
            return preset;
        }
    }
    return std::nullopt;
}

QList<IntervalPreset> Retention::intervals()
{
    return {
        {u"15m"_s, tr("Every 15 minutes")},
        {u"1h"_s, tr("Every hour")},
        {u"6h"_s, tr("Every 6 hours")},
        {u"24h"_s, tr("Once a day")},
    };
}

QString Retention::defaultInterval()
{
    return u"1h"_s;
}

QString Retention::defaultPrefix()
{
    return u"zrepl_"_s;
}

KeepPolicy Retention::defaultSender()
{
    KeepPolicy policy;
    policy.notReplicated = true;
    policy.lastN = 10;
    return policy;
}

KeepPolicy Retention::receiver(const QString &grid)
{
    KeepPolicy policy;
    policy.grid = grid;
    return policy;
}

std::optional<QString> Retention::gridProblem(const QString &grid)
{
    if (grid.trimmed().isEmpty()) {
        return tr("The retention grid is empty");
    }
    QString why;
    if (!parseGrid(grid, &why)) {
        return why;
    }
    return std::nullopt;
}

std::optional<QString> Retention::intervalProblem(const QString &duration)
{
    // Go's time.ParseDuration without sign and fractions: what a snapshot interval is written as.
    static const QRegularExpression pattern(u"^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$"_s);
    static const QRegularExpression part(u"([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)"_s);
    const QString text = duration.trimmed();
    if (!pattern.match(text).hasMatch()) {
        return tr("“%1” is not a duration such as 15m, 1h or 1h30m (units: s, m, h)").arg(text);
    }
    double seconds = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const double value = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        seconds += unit == u"h" ? value * 3600 : unit == u"m" ? value * 60 : unit == u"s" ? value : value / 1e9;
    }
    if (seconds < 1) {
        return tr("An interval of less than a second would snapshot without pause");
    }
    return std::nullopt;
}

QString Retention::describeInterval(const QString &duration)
{
    static const QRegularExpression simple(u"^([0-9]+)(m|h)$"_s);
    const QRegularExpressionMatch match = simple.match(duration.trimmed());
    if (match.hasMatch()) {
        const int n = match.captured(1).toInt();
        if (match.captured(2) == u"h") {
            if (n == 24) {
                return tr("once a day");
            }
            return n == 1 ? tr("every hour") : tr("every %1 hours").arg(n);
        }
        return n == 1 ? tr("every minute") : tr("every %1 minutes").arg(n);
    }
    return tr("every %1").arg(duration.trimmed());
}

QString Retention::describeGridSpan(const QString &grid)
{
    QString why;
    const std::optional<QList<GridSegment>> segments = parseGrid(grid, &why);
    if (!segments) {
        return {};
    }
    qint64 total = 0;
    for (const GridSegment &segment : *segments) {
        total += segment.times * segment.lengthSeconds;
    }
    return spanWords(total);
}

QString KeepPolicy::toYaml(const QString &prefix) const
{
    QStringList rules;
    if (notReplicated) {
        rules.append(u"- type: not_replicated"_s);
    }
    if (lastN > 0) {
        rules.append(u"- type: last_n\n  count: %1"_s.arg(lastN));
    }
    const QString ownSnapshots = YamlText::quoted(u'^' + QRegularExpression::escape(prefix) + u".*"_s);
    if (!grid.isEmpty()) {
        rules.append(u"- type: grid\n  grid: %1\n  regex: %2"_s.arg(gridScalar(grid), ownSnapshots));
    }
    if (keepOthers) {
        rules.append(u"- type: regex\n  negate: true\n  regex: %1"_s.arg(ownSnapshots));
    }
    return rules.join(u'\n');
}

QString KeepPolicy::describe() const
{
    QStringList parts;
    if (notReplicated) {
        parts.append(Retention::tr("what is not replicated yet"));
    }
    if (lastN > 0) {
        parts.append(lastN == 1 ? Retention::tr("the newest snapshot") : Retention::tr("the %1 newest").arg(lastN));
    }
    if (!grid.isEmpty()) {
        const std::optional<RetentionPreset> preset = Retention::presetForGrid(grid);
        parts.append(preset ? preset->phrase : Retention::tr("the grid %1").arg(grid));
    }
    if (parts.isEmpty()) {
        return Retention::tr("nothing");
    }
    return parts.join(Retention::tr(", and "));
}

}  // namespace Gui
