// SPDX-License-Identifier: MIT
#include "app/models/Format.h"

#include <array>

#include <QLocale>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace Gui {

QString Format::none()
{
    return u"—"_s;
}

QString Format::bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString Format::rate(double bytesPerSecond)
{
    if (bytesPerSecond < 0) {
        return none();
    }
    return tr("%1/s").arg(bytes(qint64(bytesPerSecond)));
}

QString Format::progress(qint64 replicated, qint64 expected)
{
    if (expected > 0) {
        return tr("%1 of %2").arg(bytes(replicated), bytes(expected));
    }
    if (replicated > 0) {
        return bytes(replicated);
    }
    return none();
}

int Format::percent(qint64 replicated, qint64 expected)
{
    if (expected <= 0) {
        return -1;
    }
    // A resumed or re-estimated send can count past its estimate.
    return int(qBound(qint64(0), replicated * 100 / expected, qint64(100)));
}

QString Format::dateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid()) {
        return none();
    }
    return QLocale().toString(dateTime.toLocalTime(), QLocale::ShortFormat);
}

QString Format::longDateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid()) {
        return {};
    }
    return QLocale().toString(dateTime.toLocalTime(), QLocale::LongFormat);
}

QString Format::time(const QDateTime &dateTime)
{
    if (!dateTime.isValid()) {
        return none();
    }
    return QLocale().toString(dateTime.toLocalTime().time(), QLocale::ShortFormat);
}

QString Format::firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype newline = trimmed.indexOf(u'\n');
    if (newline < 0) {
        return trimmed;
    }
    return trimmed.left(newline).trimmed() + u" …"_s;
}

QColor Format::errorColor()
{
    return QColor(0xd0, 0x30, 0x30);
}

namespace {

// "3 h 20 min", "2 d 5 h", "12 min": the two largest units, as a glance needs no more.
QString span(qint64 seconds)
{
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (days > 0) {
        return hours % 24 == 0 ? Format::tr("%1 d").arg(days) : Format::tr("%1 d %2 h").arg(days).arg(hours % 24);
    }
    if (hours > 0) {
        return minutes % 60 == 0 ? Format::tr("%1 h").arg(hours)
                                 : Format::tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    }
    return Format::tr("%1 min").arg(minutes);
}

}  // namespace

QString Format::ago(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid()) {
        return none();
    }
    const qint64 seconds = then.secsTo(now);
    if (seconds < 60) {
        return tr("just now");
    }
    return tr("%1 ago").arg(span(seconds));
}

QString Format::until(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid()) {
        return none();
    }
    const qint64 seconds = now.secsTo(when);
    if (seconds <= 0) {
        return tr("now");
    }
    if (seconds < 60) {
        return tr("in %1 s").arg(seconds);
    }
    // Rounded up: "in 1 min" until the very minute, never "in 0 min".
    return tr("in %1").arg(span(seconds + 59));
}

QString Format::healthName(Api::Health health)
{
    switch (health) {
    case Api::Health::Ok:
        return tr("OK");
    case Api::Health::Warning:
        return tr("Warning");
    case Api::Health::Critical:
        return tr("Critical");
    case Api::Health::Unknown:
        break;
    }
    return tr("Unknown");
}

QColor Format::healthColor(Api::Health health)
{
    switch (health) {
    case Api::Health::Ok:
        return QColor(0x2e, 0x9e, 0x44);
    case Api::Health::Warning:
        return QColor(0xd9, 0x8c, 0x00);
    case Api::Health::Critical:
        return errorColor();
    case Api::Health::Unknown:
        break;
    }
    return QColor(0x8a, 0x8a, 0x8a);
}

QIcon Format::healthIcon(Api::Health health)
{
    // Painted, not from the icon theme: the four colours must mean the same on every desktop.
    static std::array<QIcon, 4> icons;
    QIcon &icon = icons.at(size_t(health));
    if (icon.isNull()) {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(healthColor(health).darker(130));
        painter.setBrush(healthColor(health));
        painter.drawEllipse(QRectF(2.5, 2.5, 11, 11));
        painter.end();
        icon = QIcon(pixmap);
    }
    return icon;
}

}  // namespace Gui
