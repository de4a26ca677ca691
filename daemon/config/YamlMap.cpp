// SPDX-License-Identifier: MIT
#include "daemon/config/YamlMap.h"

#include <QSet>

#include "daemon/config/ConfigParser.h"

using namespace Qt::StringLiterals;

namespace Config {

namespace {

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

QString scalarText(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

// A quoted scalar is a string to YAML even when it reads "true" or "10"; Go's decoder refuses it for a bool or
// an int, and so do we.
bool isQuoted(const YAML::Node &node)
{
    return node.Tag() == "!";
}

QString kindName(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return u"a mapping"_s;
    case YAML::NodeType::Sequence:
        return u"a sequence"_s;
    case YAML::NodeType::Null:
        return u"null"_s;
    case YAML::NodeType::Scalar:
        return quoted(scalarText(node));
    case YAML::NodeType::Undefined:
        break;
    }
    return u"nothing"_s;
}

// Go's YAML 1.1 booleans (gopkg.in/yaml.v2 resolve.go).
std::optional<bool> yamlBool(const QString &text)
{
    static const QSet<QString> truths = {
        u"y"_s, u"Y"_s, u"yes"_s, u"Yes"_s, u"YES"_s, u"true"_s, u"True"_s, u"TRUE"_s, u"on"_s, u"On"_s, u"ON"_s};
    static const QSet<QString> falsehoods = {
        u"n"_s, u"N"_s, u"no"_s, u"No"_s, u"NO"_s, u"false"_s, u"False"_s, u"FALSE"_s, u"off"_s, u"Off"_s, u"OFF"_s};
    if (truths.contains(text)) {
        return true;
    }
    if (falsehoods.contains(text)) {
        return false;
    }
    return std::nullopt;
}

}  // namespace

YamlMap::YamlMap(YamlReader &reader, const YAML::Node &node, const QString &path)
    : m_reader(reader)
    , m_node(node)
    , m_path(path)
{
    if (reader.failed()) {
        return;
    }
    if (!node.IsMap()) {
        reader.fail(node, path, u"expected a mapping, got "_s + kindName(node));
        return;
    }
    QHash<QString, int> lines;
    for (const auto &entry : node) {
        if (!entry.first.IsScalar()) {
            reader.fail(entry.first, path, u"mapping keys must be strings"_s);
            return;
        }
        const QString key = scalarText(entry.first);
        if (lines.contains(key)) {
            reader.fail(entry.first,
                        fieldPath(entry.first.Scalar().c_str()),
                        u"mapping key %1 already defined at line %2"_s.arg(quoted(key)).arg(lines.value(key)));
            return;
        }
        lines.insert(key, YamlReader::position(entry.first).line);
    }
    m_valid = true;
}

QString YamlMap::fieldPath(const char *key) const
{
    const QString name = QString::fromUtf8(key);
    return m_path.isEmpty() ? name : m_path + u'.' + name;
}

bool YamlMap::has(const char *key) const
{
    if (!m_valid) {
        return false;
    }
    const YAML::Node v = m_node[key];
    return v.IsDefined() && !v.IsNull();
}

YAML::Node YamlMap::value(const char *key) const
{
    if (!m_valid) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
    return m_node[key];
}

void YamlMap::allowKeys(std::initializer_list<const char *> keys)
{
    if (!m_valid || m_reader.failed()) {
        return;
    }
    for (const auto &entry : m_node) {
        const std::string &key = entry.first.Scalar();
        bool known = false;
        for (const char *allowed : keys) {
            known = known || key == allowed;
        }
        if (!known) {
            m_reader.fail(
                entry.first, fieldPath(key.c_str()), u"unknown field %1"_s.arg(quoted(scalarText(entry.first))));
            return;
        }
    }
}

QString YamlMap::type()
{
    if (!m_valid || m_reader.failed()) {
        return {};
    }
    if (!has("type")) {
        m_reader.fail(m_node, fieldPath("type"), u"must specify type"_s);
        return {};
    }
    return string("type", Presence::Required);
}

YAML::Node YamlMap::child(const char *key, Presence presence)
{
    if (!m_valid || m_reader.failed()) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
    const YAML::Node v = m_node[key];
    if (v.IsDefined() && !v.IsNull()) {
        return v;
    }
    if (presence == Presence::Required) {
        m_reader.fail(v.IsDefined() ? v : m_node,
                      fieldPath(key),
                      v.IsDefined() ? u"value is missing"_s : u"missing required field"_s);
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

QString YamlMap::string(const char *key, Presence presence, const QString &fallback)
{
    const YAML::Node v = child(key, presence);
    if (!v.IsDefined()) {
        return fallback;
    }
    return toString(m_reader, v, fieldPath(key));
}

bool YamlMap::boolean(const char *key, Presence presence, bool fallback)
{
    const YAML::Node v = child(key, presence);
    if (!v.IsDefined()) {
        return fallback;
    }
    return toBool(m_reader, v, fieldPath(key));
}

qint64 YamlMap::integer(const char *key, Presence presence, qint64 min, qint64 max, qint64 fallback)
{
    const YAML::Node v = child(key, presence);
    if (!v.IsDefined()) {
        return fallback;
    }
    bool ok = false;
    const qint64 n = v.IsScalar() && !isQuoted(v) ? scalarText(v).toLongLong(&ok) : 0;
    if (!ok) {
        m_reader.fail(v, fieldPath(key), u"expected an integer, got "_s + kindName(v));
        return fallback;
    }
    if (n < min || n > max) {
        m_reader.fail(v, fieldPath(key), u"value must be between %1 and %2, got %3"_s.arg(min).arg(max).arg(n));
        return fallback;
    }
    return n;
}

Duration YamlMap::duration(const char *key, Presence presence, DurationSign sign, Duration fallback)
{
    const YAML::Node v = child(key, presence);
    if (!v.IsDefined()) {
        return fallback;
    }
    if (!v.IsScalar()) {
        m_reader.fail(v, fieldPath(key), u"expected a duration, got "_s + kindName(v));
        return fallback;
    }
    const QString text = scalarText(v);
    QString why;
    const auto d = parseGoDuration(text, &why);
    if (!d) {
        m_reader.fail(v, fieldPath(key), why);
        return fallback;
    }
    if (sign == DurationSign::Positive && *d <= Duration{0}) {
        m_reader.fail(v, fieldPath(key), u"value must be a positive duration, got %1"_s.arg(quoted(text)));
        return fallback;
    }
    if (sign == DurationSign::ZeroOrPositive && *d < Duration{0}) {
        m_reader.fail(v, fieldPath(key), u"value must be zero or a positive duration, got %1"_s.arg(quoted(text)));
        return fallback;
    }
    return *d;
}

QStringList YamlMap::stringList(const char *key, Presence presence)
{
    const YAML::Node v = child(key, presence);
    if (!v.IsDefined()) {
        return {};
    }
    if (!v.IsSequence()) {
        m_reader.fail(v, fieldPath(key), u"expected a sequence, got "_s + kindName(v));
        return {};
    }
    QStringList list;
    for (std::size_t i = 0; i < v.size(); ++i) {
        list.append(toString(m_reader, v[i], fieldPath(key) + u"[%1]"_s.arg(i)));
    }
    return list;
}

QString YamlMap::hostPort(const char *key, Presence presence)
{
    const QString address = string(key, presence);
    if (address.isEmpty() && !has(key)) {
        return address;
    }
    if (const auto why = hostPortProblem(address)) {
        m_reader.fail(value(key), fieldPath(key), *why);
        return {};
    }
    return address;
}

QString YamlMap::toString(YamlReader &reader, const YAML::Node &node, const QString &field)
{
    if (reader.failed()) {
        return {};
    }
    if (!node.IsScalar()) {
        reader.fail(node, field, u"expected a string, got "_s + kindName(node));
        return {};
    }
    return scalarText(node);
}

bool YamlMap::toBool(YamlReader &reader, const YAML::Node &node, const QString &field)
{
    if (reader.failed()) {
        return false;
    }
    const auto b = node.IsScalar() && !isQuoted(node) ? yamlBool(scalarText(node)) : std::nullopt;
    if (!b) {
        reader.fail(node, field, u"expected a boolean (true or false), got "_s + kindName(node));
        return false;
    }
    return *b;
}

// Go's net.SplitHostPort, plus a numeric port: zrepl hands these addresses to net.Listen and net.Dial.
std::optional<QString> YamlMap::hostPortProblem(const QString &address)
{
    const QString prefix = u"invalid host:port %1: "_s.arg(quoted(address));
    QString port;
    if (address.startsWith(u'[')) {
        const qsizetype close = address.indexOf(u']');
        if (close < 0) {
            return prefix + u"missing ']' in address"_s;
        }
        if (close + 1 == address.size()) {
            return prefix + u"missing port in address"_s;
        }
        if (address[close + 1] != u':') {
            return prefix + u"unexpected characters after ']'"_s;
        }
        port = address.mid(close + 2);
    } else {
        const qsizetype colon = address.lastIndexOf(u':');
        if (colon < 0) {
            return prefix + u"missing port in address"_s;
        }
        if (address.left(colon).contains(u':')) {
            return prefix + u"too many colons in address"_s;
        }
        port = address.mid(colon + 1);
    }
    bool ok = false;
    const int number = port.toInt(&ok);
    if (port.isEmpty() || !ok || number < 0 || number > 65535 || port.startsWith(u'+') || port.startsWith(u'-')) {
        return prefix + u"port must be a number from 0 to 65535"_s;
    }
    return std::nullopt;
}

}  // namespace Config
