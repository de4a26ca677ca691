// SPDX-License-Identifier: MIT
#include "app/core/YamlText.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Gui::YamlText {

QString quoted(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (const QChar c : value) {
        if (c == u'"' || c == u'\\') {
            out += u'\\';
            out += c;
        } else if (c == u'\n') {
            out += u"\\n"_s;
        } else if (c == u'\t') {
            out += u"\\t"_s;
        } else if (c.unicode() < 0x20) {
            out += u"\\x%1"_s.arg(c.unicode(), 2, 16, QChar(u'0'));
        } else {
            out += c;
        }
    }
    out += u'"';
    return out;
}

QString scalar(const QString &value)
{
    // Plain when it cannot be read as anything but this string: starts with a letter, digit, '/' or '.', has no
    // character YAML gives a meaning to, and is no word YAML reads as a boolean or null.
    static const QRegularExpression plain(u"^[A-Za-z0-9/._][A-Za-z0-9/._+@=-]*$"_s);
    static const QRegularExpression special(u"^(?i:y|n|yes|no|on|off|true|false|null|~)$"_s);
    static const QRegularExpression number(u"^[-+]?[0-9._]+([eE][-+]?[0-9]+)?$"_s);
    if (!value.isEmpty() && plain.match(value).hasMatch() && !special.match(value).hasMatch()
        && !number.match(value).hasMatch()) {
        return value;
    }
    return quoted(value);
}

QString flowList(const QStringList &values)
{
    QStringList items;
    for (const QString &value : values) {
        items.append(scalar(value));
    }
    return u'[' + items.join(u", "_s) + u']';
}

QString indented(const QString &text, int spaces)
{
    const QString pad(spaces, u' ');
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (!line.isEmpty()) {
            line.prepend(pad);
        }
    }
    return lines.join(u'\n');
}

}  // namespace Gui::YamlText
