// SPDX-License-Identifier: MIT
#include "daemon/snapper/GoDuration.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

// "1.5" from 1500000000 with 9 fraction digits: Go drops trailing zeros and the dot.
QString withFraction(qint64 value, qint64 unit, int digits)
{
    QString out = QString::number(value / unit);
    qint64 fraction = value % unit;
    if (fraction == 0) {
        return out;
    }
    QString fractionText = QString::number(fraction).rightJustified(digits, u'0');
    while (fractionText.endsWith(u'0')) {
        fractionText.chop(1);
    }
    return out + u'.' + fractionText;
}

}  // namespace

QString formatGoDuration(std::chrono::nanoseconds duration)
{
    qint64 ns = duration.count();
    if (ns == 0) {
        return u"0s"_s;
    }
    const bool negative = ns < 0;
    const quint64 magnitude = negative ? quint64(-(ns + 1)) + 1 : quint64(ns);
    QString out;
    if (magnitude < 1000000000ULL) {
        // Below a second Go picks the largest unit that keeps the integer part non-zero.
        if (magnitude < 1000) {
            out = QString::number(magnitude) + u"ns"_s;
        } else if (magnitude < 1000000) {
            out = withFraction(qint64(magnitude), 1000, 3) + u"µs"_s;
        } else {
            out = withFraction(qint64(magnitude), 1000000, 6) + u"ms"_s;
        }
    } else {
        const quint64 hours = magnitude / 3600000000000ULL;
        const quint64 rest = magnitude % 3600000000000ULL;
        const quint64 minutes = rest / 60000000000ULL;
        const quint64 seconds = rest % 60000000000ULL;
        out = withFraction(qint64(seconds), 1000000000, 9) + u's';
        if (hours > 0 || minutes > 0) {
            out = QString::number(minutes) + u'm' + out;
        }
        if (hours > 0) {
            out = QString::number(hours) + u'h' + out;
        }
    }
    return negative ? u'-' + out : out;
}

}  // namespace Daemon
