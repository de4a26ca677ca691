// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Gui {

// How the models print sizes, rates and times, in one place so that every table reads alike.
class Format
{
    Q_DECLARE_TR_FUNCTIONS(Gui::Format)

public:
    // What a cell shows when there is no value.
    static QString none();
    // "1.2 GiB"
    static QString bytes(qint64 bytes);
    // "12.3 MiB/s"; none() for a negative (unknown) rate
    static QString rate(double bytesPerSecond);
    // "1.2 GiB of 3.4 GiB", "1.2 GiB" without an estimate, none() when nothing was sent or expected
    static QString progress(qint64 replicated, qint64 expected);
    // 0–100, or -1 without an estimate
    static int percent(qint64 replicated, qint64 expected);
    // The local date and time in the locale's short format; none() for an invalid one.
    static QString dateTime(const QDateTime &dateTime);
    static QString longDateTime(const QDateTime &dateTime);
    // The local time of day only, for spans within a run ("12:01:02–12:03:04").
    static QString time(const QDateTime &dateTime);
    // The first line, with "…" when more follow: errors of zfs run over several lines.
    static QString firstLine(const QString &text);
    // ForegroundRole of cells that report a failure: a red that reads on light and dark palettes alike.
    static QColor errorColor();
};

}  // namespace Gui
