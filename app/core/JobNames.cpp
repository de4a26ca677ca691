// SPDX-License-Identifier: MIT
#include "app/core/JobNames.h"

#include <QRegularExpression>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace Gui {

std::optional<QString> JobNames::problem(const QString &name, const QStringList &existing)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9_.: -]+$"_s);
    if (name.isEmpty()) {
        return tr("The job needs a name");
    }
    if (name.startsWith(u'_')) {
        return tr("Job names starting with “_” are reserved for the daemon's own jobs");
    }
    if (!allowed.match(name).hasMatch()) {
        return tr("“%1” has characters a job name cannot have: use letters, digits, “-”, “_”, “.” and “:”").arg(name);
    }
    if (name.size() > MaxLength) {
        return tr("The name is %1 characters long; at most %2 are allowed").arg(name.size()).arg(MaxLength);
    }
    if (name.trimmed() != name) {
        return tr("A job name cannot start or end with a space");
    }
    if (existing.contains(name)) {
        return tr("The configuration has a job named “%1” already").arg(name);
    }
    return std::nullopt;
}

QString JobNames::sanitize(const QString &text, const QString &fallback)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.') {
            out += c;
        } else if (!out.endsWith(u'_')) {
            out += u'_';
        }
    }
    while (out.startsWith(u'_') || out.startsWith(u'.')) {
        out.remove(0, 1);
    }
    while (out.endsWith(u'_')) {
        out.chop(1);
    }
    out.truncate(MaxLength - 4);  // room for a "_2" and the like
    return out.isEmpty() ? fallback : out;
}

QString JobNames::unique(const QString &base, const QStringList &existing)
{
    if (!existing.contains(base)) {
        return base;
    }
    for (int n = 2;; ++n) {
        const QString candidate = u"%1_%2"_s.arg(base).arg(n);
        if (!existing.contains(candidate)) {
            return candidate;
        }
    }
}

QString JobNames::machineIdentity()
{
    return sanitize(QSysInfo::machineHostName().section(u'.', 0, 0), u"workstation"_s);
}

}  // namespace Gui
