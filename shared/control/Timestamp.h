// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QStringView>

#include <compare>
#include <optional>

namespace Api {

// A point in time as zrepl's status carries it: Go's time.Time, marshalled as RFC 3339 with up to nine fraction
// digits and the zone offset ("2026-11-24T00:22:56.923101207Z", "2020-02-14T22:10:00.5+01:00"). The zero value is
// Go's zero time and reads "0001-01-01T00:00:00Z", which zrepl uses for "not set". Nanoseconds and the offset are
// kept so that a document read from zrepl is written back byte for byte.
class Timestamp
{
public:
    Timestamp() = default;

    static Timestamp now();
    static Timestamp fromDateTime(const QDateTime &dateTime);
    static Timestamp fromUnix(qint64 seconds, int nanoseconds = 0, int utcOffsetSeconds = 0);
    static std::optional<Timestamp> parse(QByteArrayView rfc3339);

    bool isZero() const { return m_seconds == ZeroSeconds && m_nanoseconds == 0; }
    qint64 unixSeconds() const { return m_seconds; }
    int nanoseconds() const { return m_nanoseconds; }
    int utcOffsetSeconds() const { return m_offset; }
    qint64 toMSecsSinceEpoch() const { return m_seconds * 1000 + m_nanoseconds / 1000000; }
    QDateTime toDateTime() const;
    // nullopt for the zero time, which zrepl writes for "never".
    std::optional<QDateTime> toOptionalDateTime() const
    {
        return isZero() ? std::nullopt : std::optional<QDateTime>(toDateTime());
    }

    // Go's time.RFC3339Nano: trailing zeros of the fraction dropped, "Z" for UTC.
    QByteArray toRfc3339() const;
    // Go's time.Time.String() without the monotonic part: "2026-11-24 00:20:46.02693455 +0000 UTC", as zrepl's
    // status view prints "Sleep until".
    QByteArray toGoString() const;

    // Instants compare by the moment they denote, whatever their offsets.
    friend bool operator==(const Timestamp &a, const Timestamp &b)
    {
        return a.m_seconds == b.m_seconds && a.m_nanoseconds == b.m_nanoseconds;
    }

    friend std::strong_ordering operator<=>(const Timestamp &a, const Timestamp &b)
    {
        if (auto c = a.m_seconds <=> b.m_seconds; c != 0) {
            return c;
        }
        return a.m_nanoseconds <=> b.m_nanoseconds;
    }

    // Same moment and same written offset: what a byte-exact round trip needs.
    bool isIdentical(const Timestamp &other) const { return *this == other && m_offset == other.m_offset; }

    // Unix seconds of 0001-01-01T00:00:00Z.
    static constexpr qint64 ZeroSeconds = -62135596800LL;

private:
    qint64 m_seconds = ZeroSeconds;  // since the Unix epoch, UTC
    int m_nanoseconds = 0;
    int m_offset = 0;  // the zone offset it was written with, in seconds east of UTC
};

}  // namespace Api
