// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QIcon>
#include <QString>

#include "shared/control/Freshness.h"

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

    // How long ago, in the words a user reads at a glance: "just now", "12 min ago", "3 h 20 min ago",
    // "2 d 5 h ago". Whole minutes, so a view refreshed once a minute stays exact. none() for an invalid time; a
    // time ahead of `now` (another machine's clock) reads "just now".
    static QString ago(const QDateTime &then, const QDateTime &now);
    // How long until: "in 45 s", "in 4 min", "in 2 h 10 min"; "now" once it is due. none() for an invalid time.
    static QString until(const QDateTime &when, const QDateTime &now);
    // The daemon's health in a word: "OK", "Warning", "Critical", "Unknown".
    static QString healthName(Api::Health health);
    // Green, amber, red, grey: the health's colour, readable on light and dark palettes.
    static QColor healthColor(Api::Health health);
    // A round mark in the health's colour, for DecorationRole. Needs a QGuiApplication.
    static QIcon healthIcon(Api::Health health);
};

}  // namespace Gui
