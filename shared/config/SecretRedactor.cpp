// SPDX-License-Identifier: MIT
#include "shared/config/SecretRedactor.h"

#include <algorithm>

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include "shared/config/TextLines.h"

namespace ConfigEdit {

namespace {

struct Secret
{
    int keyLine = 0;
    int keyColumn = 0;
    int valueLine = 0;
    int valueColumn = 0;
    bool flow = false;  // inside a flow mapping: the value ends at ',' or '}'
    QByteArray value;
};

bool isSecretKey(const YAML::Node &key)
{
    return key.IsScalar() && key.Scalar() == "dsn";
}

// Every `dsn` entry with a value, at any depth (a hook's position in the schema does not matter for secrecy).
void collect(const YAML::Node &node, QList<Secret> *out, int depth = 0)
{
    if (depth > 200) {
        return;  // yaml-cpp refuses deeper documents anyway
    }
    if (node.IsMap()) {
        const bool flow = node.Style() == YAML::EmitterStyle::Flow;
        for (const auto &kv : node) {
            if (isSecretKey(kv.first) && kv.second.IsScalar() && !kv.second.Scalar().empty()) {
                Secret s;
                s.keyLine = kv.first.Mark().line;
                s.keyColumn = kv.first.Mark().column;
                s.valueLine = kv.second.Mark().line;
                s.valueColumn = kv.second.Mark().column;
                s.flow = flow;
                s.value = QByteArray::fromStdString(kv.second.Scalar());
                out->append(s);
            }
            collect(kv.second, out, depth + 1);
        }
    } else if (node.IsSequence()) {
        for (const YAML::Node &item : node) {
            collect(item, out, depth + 1);
        }
    }
}

// Where a flow-context scalar starting at `pos` ends: at ',', '}' or ']' outside quotes.
qsizetype flowValueEnd(const QByteArray &body, qsizetype pos)
{
    char quote = 0;
    for (; pos < body.size(); ++pos) {
        const char c = body[pos];
        if (quote) {
            if (quote == '"' && c == '\\') {
                ++pos;
            } else if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == ',' || c == '}' || c == ']') {
            return pos;
        }
    }
    return pos;
}

// Where a block-context value of the key at (keyLine, keyColumn) ends: after the last line that is more indented
// than the key, before trailing blank lines and comments. On a single line, before a comment.
qsizetype blockValueEnd(const QByteArray &body, const TextLines &lines, int keyLine, int keyColumn, qsizetype start)
{
    int last = keyLine;
    for (int l = keyLine + 1; l < lines.count(); ++l) {
        if (lines.isSkippable(l)) {
            continue;
        }
        if (lines.at(l).indent <= keyColumn) {
            break;
        }
        last = l;
    }
    if (last > keyLine) {
        return lines.at(last).contentEnd;
    }
    const qsizetype end = lines.at(keyLine).contentEnd;
    char quote = 0;
    for (qsizetype pos = start; pos < end; ++pos) {
        const char c = body[pos];
        if (quote) {
            if (quote == '"' && c == '\\') {
                ++pos;
            } else if (c == quote) {
                quote = 0;
            }
        } else if ((c == '"' || c == '\'') && pos == start) {
            quote = c;
        } else if (c == '#' && pos > start && (body[pos - 1] == ' ' || body[pos - 1] == '\t')) {
            qsizetype cut = pos;
            while (cut > start && (body[cut - 1] == ' ' || body[cut - 1] == '\t')) {
                --cut;
            }
            return cut;
        }
    }
    return end;
}

// The structured replacement: nullopt when the text cannot be parsed.
std::optional<SecretRedactor::Result> redactStructured(const QByteArray &body, QList<Secret> *secrets)
{
    YAML::Node root;
    try {
        root = YAML::Load(body.toStdString());
        collect(root, secrets);
    } catch (const YAML::Exception &) {
        return std::nullopt;
    }
    const TextLines lines(body);

    struct Cut
    {
        qsizetype from;
        qsizetype to;
    };

    QList<Cut> cuts;
    for (const Secret &s : std::as_const(*secrets)) {
        if (s.valueLine < 0 || s.valueLine >= lines.count() || s.keyLine < 0 || s.keyLine >= lines.count()) {
            return std::nullopt;
        }
        const qsizetype from = lines.at(s.valueLine).begin + s.valueColumn;
        const qsizetype to =
            s.flow ? flowValueEnd(body, from) : blockValueEnd(body, lines, s.keyLine, s.keyColumn, from);
        if (from > to || to > body.size()) {
            return std::nullopt;
        }
        cuts.append({from, to});
    }
    std::sort(cuts.begin(), cuts.end(), [](const Cut &a, const Cut &b) { return a.from > b.from; });
    QByteArray out = body;
    for (qsizetype i = 0; i < cuts.size(); ++i) {
        if (i > 0 && cuts[i].to > cuts[i - 1].from) {
            return std::nullopt;  // overlapping: something is not what it seems
        }
        out.replace(cuts[i].from, cuts[i].to - cuts[i].from, SecretRedactor::Placeholder);
    }
    return SecretRedactor::Result{QString::fromUtf8(out), int(cuts.size())};
}

// The replaced text must parse, have "<redacted>" as every dsn, and contain none of the secrets.
bool verify(const QString &text, const QList<Secret> &secrets)
{
    const QByteArray body = text.toUtf8();
    for (const Secret &s : secrets) {
        if (s.value.size() >= 3 && body.contains(s.value)) {
            return false;
        }
    }
    QList<Secret> after;
    try {
        collect(YAML::Load(body.toStdString()), &after);
    } catch (const YAML::Exception &) {
        return false;
    }
    return std::all_of(
        after.cbegin(), after.cend(), [](const Secret &s) { return s.value == SecretRedactor::Placeholder; });
}

// The last resort: every line with a dsn key loses what follows the key, every line with a known secret its whole
// content.
SecretRedactor::Result redactLines(const QByteArray &body, const QList<Secret> &secrets)
{
    static const QRegularExpression key(QStringLiteral("^(.*?[\\s{,\\-]?[\"']?dsn[\"']?\\s*:).*$"));
    SecretRedactor::Result result;
    const QStringList lines = QString::fromUtf8(body).split(u'\n');
    QStringList out;
    for (const QString &line : lines) {
        QString redacted = line;
        const QRegularExpressionMatch match = key.match(line);
        if (match.hasMatch()) {
            redacted = match.captured(1) + u' ' + QLatin1StringView(SecretRedactor::Placeholder);
        }
        for (const Secret &s : secrets) {
            if (!s.value.isEmpty() && redacted.contains(QString::fromUtf8(s.value))) {
                qsizetype indent = 0;
                while (indent < line.size() && line[indent] == u' ') {
                    ++indent;
                }
                redacted = QString(indent, u' ') + u"# " + QLatin1StringView(SecretRedactor::Placeholder);
            }
        }
        result.redacted += redacted != line ? 1 : 0;
        out.append(redacted);
    }
    result.text = out.join(u'\n');
    return result;
}

}  // namespace

SecretRedactor::Result SecretRedactor::redact(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const bool bom = utf8.startsWith("\xEF\xBB\xBF");
    const QByteArray body = bom ? utf8.mid(3) : utf8;
    QList<Secret> secrets;
    std::optional<Result> result = redactStructured(body, &secrets);
    if (!result || !verify(result->text, secrets)) {
        result = redactLines(body, secrets);
    }
    if (bom) {
        result->text.prepend(QChar(0xFEFF));
    }
    return *result;
}

}  // namespace ConfigEdit
