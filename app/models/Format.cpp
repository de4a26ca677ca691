// SPDX-License-Identifier: MIT
#include "app/models/Format.h"

#include <QLocale>

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

}  // namespace Gui
