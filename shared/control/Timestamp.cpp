// SPDX-License-Identifier: MIT
#include "shared/control/Timestamp.h"

#include <QTimeZone>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace Api {

namespace {

using namespace std::chrono;

constexpr qint64 SecondsPerDay = 86400;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

struct Civil
{
    int year;
    unsigned month;
    unsigned day;
    int hour;
    int minute;
    int second;
};

Civil civilFromUnix(qint64 seconds)
{
    const qint64 days = floorDiv(seconds, SecondsPerDay);
    const qint64 rest = seconds - days * SecondsPerDay;
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    return {int(ymd.year()),
            unsigned(ymd.month()),
            unsigned(ymd.day()),
            int(rest / 3600),
            int(rest % 3600 / 60),
            int(rest % 60)};
}

bool readDigits(QByteArrayView text, qsizetype &pos, int count, int *value)
{
    if (pos + count > text.size()) {
        return false;
    }
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    pos += count;
    *value = v;
    return true;
}

bool expect(QByteArrayView text, qsizetype &pos, char c)
{
    if (pos >= text.size() || text[pos] != c) {
        return false;
    }
    ++pos;
    return true;
}

}  // namespace

Timestamp Timestamp::now()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return fromUnix(ts.tv_sec, int(ts.tv_nsec));
}

Timestamp Timestamp::fromDateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid()) {
        return {};
    }
    const qint64 ms = dateTime.toMSecsSinceEpoch();
    const qint64 secs = floorDiv(ms, 1000);
    return fromUnix(secs, int((ms - secs * 1000) * 1000000), dateTime.offsetFromUtc());
}

Timestamp Timestamp::fromUnix(qint64 seconds, int nanoseconds, int utcOffsetSeconds)
{
    Timestamp t;
    t.m_seconds = seconds + nanoseconds / 1000000000;
    t.m_nanoseconds = nanoseconds % 1000000000;
    if (t.m_nanoseconds < 0) {
        t.m_nanoseconds += 1000000000;
        --t.m_seconds;
    }
    t.m_offset = utcOffsetSeconds;
    return t;
}

// RFC 3339 §5.6 date-time, as Go's time.Time.UnmarshalJSON accepts it.
std::optional<Timestamp> Timestamp::parse(QByteArrayView text)
{
    qsizetype pos = 0;
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!readDigits(text, pos, 4, &year) || !expect(text, pos, '-') || !readDigits(text, pos, 2, &month)
        || !expect(text, pos, '-') || !readDigits(text, pos, 2, &day)) {
        return std::nullopt;
    }
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) {
        return std::nullopt;
    }
    ++pos;
    if (!readDigits(text, pos, 2, &hour) || !expect(text, pos, ':') || !readDigits(text, pos, 2, &minute)
        || !expect(text, pos, ':') || !readDigits(text, pos, 2, &second)) {
        return std::nullopt;
    }
    int nanos = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 9) {
                nanos = nanos * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (int i = digits; i < 9; ++i) {
            nanos *= 10;
        }
    }
    int offset = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = 0;
        int om = 0;
        if (!readDigits(text, pos, 2, &oh) || !expect(text, pos, ':') || !readDigits(text, pos, 2, &om) || oh > 23
            || om > 59) {
            return std::nullopt;
        }
        offset = sign * (oh * 3600 + om * 60);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                             std::chrono::day{unsigned(day)}};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    const qint64 days = sys_days{ymd}.time_since_epoch().count();
    const qint64 local = days * SecondsPerDay + hour * 3600 + minute * 60 + second;
    return fromUnix(local - offset, nanos, offset);
}

QDateTime Timestamp::toDateTime() const
{
    if (isZero()) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(toMSecsSinceEpoch(), QTimeZone(m_offset));
}

namespace {

// "YYYY-MM-DD<sep>hh:mm:ss" plus ".fraction" without trailing zeros (Go's ".999999999" layout).
int writeDateTimeAndFraction(char *buf, size_t size, qint64 localSeconds, int nanoseconds, char separator)
{
    const Civil c = civilFromUnix(localSeconds);
    int n = std::snprintf(buf,
                          size,
                          "%04d-%02u-%02u%c%02d:%02d:%02d",
                          c.year,
                          c.month,
                          c.day,
                          separator,
                          c.hour,
                          c.minute,
                          c.second);
    if (nanoseconds != 0) {
        char frac[16];
        std::snprintf(frac, sizeof frac, "%09d", nanoseconds);
        int len = 9;
        while (len > 0 && frac[len - 1] == '0') {
            --len;
        }
        buf[n++] = '.';
        for (int i = 0; i < len; ++i) {
            buf[n++] = frac[i];
        }
    }
    return n;
}

}  // namespace

QByteArray Timestamp::toRfc3339() const
{
    char buf[64];
    int n = writeDateTimeAndFraction(buf, sizeof buf, m_seconds + m_offset, m_nanoseconds, 'T');
    if (m_offset == 0) {
        buf[n++] = 'Z';
    } else {
        const int abs = m_offset < 0 ? -m_offset : m_offset;
        n += std::snprintf(buf + n,
                           sizeof buf - size_t(n),
                           "%c%02d:%02d",
                           m_offset < 0 ? '-' : '+',
                           abs / 3600,
                           abs % 3600 / 60);
    }
    return QByteArray(buf, n);
}

QByteArray Timestamp::toGoString() const
{
    char buf[80];
    int n = writeDateTimeAndFraction(buf, sizeof buf, m_seconds + m_offset, m_nanoseconds, ' ');
    const int abs = m_offset < 0 ? -m_offset : m_offset;
    const char sign = m_offset < 0 ? '-' : '+';
    n += std::snprintf(buf + n, sizeof buf - size_t(n), " %c%02d%02d", sign, abs / 3600, abs % 3600 / 60);
    // Go prints the zone's name after the offset; a parsed offset has none, so Go repeats the offset.
    if (m_offset == 0) {
        n += std::snprintf(buf + n, sizeof buf - size_t(n), " UTC");
    } else {
        n += std::snprintf(buf + n, sizeof buf - size_t(n), " %c%02d%02d", sign, abs / 3600, abs % 3600 / 60);
    }
    return QByteArray(buf, n);
}

}  // namespace Api
