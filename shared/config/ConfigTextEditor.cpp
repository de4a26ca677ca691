// SPDX-License-Identifier: MIT
#include "shared/config/ConfigTextEditor.h"

#include <algorithm>
#include <utility>

#include <QRegularExpression>

namespace ConfigEdit {

namespace {

const QByteArray Bom("\xEF\xBB\xBF");

QByteArray bomOf(const QString &text)
{
    return text.startsWith(QChar(0xFEFF)) ? Bom : QByteArray();
}

QByteArray bodyOf(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return utf8.startsWith(Bom) ? utf8.mid(Bom.size()) : utf8;
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QByteArray splice(const QByteArray &body, qsizetype from, qsizetype to, const QByteArray &replacement)
{
    return body.left(from) + replacement + body.mid(to);
}

// Same content, whatever the formatting: what an edit must leave unchanged or produce.
bool sameYaml(const YAML::Node &a, const YAML::Node &b)
{
    if (a.Type() != b.Type()) {
        return false;
    }
    switch (a.Type()) {
    case YAML::NodeType::Scalar:
        return a.Scalar() == b.Scalar();
    case YAML::NodeType::Sequence:
    case YAML::NodeType::Map: {
        if (a.size() != b.size()) {
            return false;
        }
        auto ia = a.begin();
        auto ib = b.begin();
        for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
            if (a.IsMap()) {
                if (!sameYaml(ia->first, ib->first) || !sameYaml(ia->second, ib->second)) {
                    return false;
                }
            } else if (!sameYaml(*ia, *ib)) {
                return false;
            }
        }
        return true;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return true;
    }
    return false;
}

QString jobName(const YAML::Node &item)
{
    if (!item.IsMap()) {
        return {};
    }
    const YAML::Node name = item["name"];
    return name.IsDefined() && name.IsScalar() ? fromStd(name.Scalar()) : QString();
}

// A mapping key as YAML text: plain when that reads back as the same string, double-quoted otherwise.
QByteArray yamlKey(const QString &key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    if (plain.match(key).hasMatch()) {
        return key.toUtf8();
    }
    QByteArray out("\"");
    for (const char c : key.toUtf8()) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + '"';
}

QString pathText(const QString &job, const QStringList &path, qsizetype upTo)
{
    QString text = QStringLiteral("jobs[“%1”]").arg(job);
    for (qsizetype i = 0; i <= upTo && i < path.size(); ++i) {
        text += u'.' + path[i];
    }
    return text;
}

// Sets `value` at `path` in (a copy of) `node` as the text edit should have: missing keys appended at the end.
YAML::Node withValue(const YAML::Node &node, const QStringList &path, const YAML::Node &value)
{
    YAML::Node copy = YAML::Clone(node);
    YAML::Node cursor = copy;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const std::string key = path[i].toStdString();
        if (i + 1 == path.size()) {
            cursor[key] = YAML::Clone(value);
        } else {
            YAML::Node child = cursor[key];
            cursor.reset(child);
        }
    }
    return copy;
}

}  // namespace

ConfigTextEditor::ConfigTextEditor(QString text)
    : m_text(std::move(text))
    , m_bom(bomOf(m_text))
    , m_body(bodyOf(m_text))
    , m_lines(m_body)
{
    try {
        m_valid = parse();
    } catch (const YAML::Exception &e) {
        // yaml-cpp reports by exception only; nothing else may escape to the caller.
        m_valid = false;
        m_error = tr("cannot read the configuration: %1").arg(fromStd(e.msg));
    }
}

bool ConfigTextEditor::parse()
{
    try {
        m_root = YAML::Load(m_body.toStdString());
    } catch (const YAML::Exception &e) {
        if (e.mark.is_null()) {
            m_error = fromStd(e.msg);
        } else {
            m_error = tr("line %1, column %2: %3").arg(e.mark.line + 1).arg(e.mark.column + 1).arg(fromStd(e.msg));
        }
        return false;
    }
    const QString noJobs = tr("the configuration has no top-level “jobs:” list");
    if (!m_root.IsMap()) {
        m_error = noJobs;
        return false;
    }
    YAML::Node jobsKey;
    int found = 0;
    for (const auto &entry : m_root) {
        if (entry.first.IsScalar() && entry.first.Scalar() == "jobs") {
            // reset(), not operator=: assigning to a Node that refers into the document rewrites the document.
            jobsKey.reset(entry.first);
            m_jobsNode.reset(entry.second);
            ++found;
        }
    }
    if (found == 0) {
        m_error = noJobs;
        return false;
    }
    if (found > 1) {
        m_error = tr("line %1: “jobs:” appears more than once").arg(jobsKey.Mark().line + 1);
        return false;
    }
    if (!m_jobsNode.IsNull() && !m_jobsNode.IsSequence()) {
        m_error = tr("line %1: “jobs:” must be a list of jobs").arg(jobsKey.Mark().line + 1);
        return false;
    }
    for (const YAML::Node &item : m_jobsNode) {
        Item job;
        job.node.reset(item);
        job.name = jobName(item);
        m_items.append(job);
    }
    if (!locateJobs(jobsKey)) {
        // Valid, but laid out in a way this editor does not rewrite: readable, not editable.
        for (Item &item : m_items) {
            item.headerLine = item.dashLine = item.lastLine = -1;
        }
    }
    return true;
}

bool ConfigTextEditor::locateJobs(const YAML::Node &key)
{
    if (m_root.Style() == YAML::EmitterStyle::Flow) {
        m_layoutError = tr("the configuration is written in flow style ({...}); Holdfast edits block-style files only");
        return false;
    }
    m_jobsKeyLine = int(key.Mark().line);
    m_jobsKeyColumn = int(key.Mark().column);
    m_listColumn = m_jobsKeyColumn;  // zrepl's style for a new list: "- " under the "j" of "jobs:"
    if (m_jobsKeyLine < 0 || m_jobsKeyLine >= m_lines.count()) {
        m_layoutError = tr("cannot find the line of “jobs:”");
        return false;
    }
    if (m_jobsNode.IsNull()) {
        m_form = JobsForm::Null;
        return true;
    }
    if (m_jobsNode.Style() == YAML::EmitterStyle::Flow) {
        m_form = m_jobsNode.size() == 0 ? JobsForm::FlowEmpty : JobsForm::Flow;
        if (m_form == JobsForm::Flow) {
            m_layoutError = tr("line %1: the jobs are written as a flow list (“jobs: [...]”); rewrite it as a block "
                               "list (one “- name: ...” per job) to edit it here")
                                .arg(m_jobsKeyLine + 1);
            return false;
        }
        return true;
    }
    m_form = JobsForm::Block;
    return locateBlockItems();
}

bool ConfigTextEditor::locateBlockItems()
{
    const auto isDash = [this](int line, int column) {
        if (m_lines.charAt(line, column) != '-') {
            return false;
        }
        const char next = m_lines.charAt(line, column + 1);
        return next == '\0' || next == ' ' || next == '\t';
    };
    int first = m_jobsKeyLine + 1;
    while (first < m_lines.count() && m_lines.isSkippable(first)) {
        ++first;
    }
    if (first >= m_lines.count() || !isDash(first, m_lines.at(first).indent)) {
        m_layoutError = tr("line %1: cannot find the first “- ” of the jobs list").arg(first + 1);
        return false;
    }
    m_listColumn = m_lines.at(first).indent;
    QList<int> dashes;
    int line = first;
    for (; line < m_lines.count(); ++line) {
        if (m_lines.isSkippable(line)) {
            continue;
        }
        const TextLines::Line &l = m_lines.at(line);
        if (l.tabInIndent && l.indent <= m_listColumn) {
            m_layoutError = tr("line %1 is indented with a tab; YAML indents with spaces").arg(line + 1);
            return false;
        }
        if (l.indent < m_listColumn || (l.indent == m_listColumn && !isDash(line, m_listColumn))) {
            break;
        }
        if (l.indent == m_listColumn) {
            dashes.append(line);
        }
    }
    m_jobsEndLine = line;
    if (dashes.size() != m_items.size()) {
        m_layoutError = tr("cannot tell where each job starts (%1 items found in the text, %2 in the YAML)")
                            .arg(dashes.size())
                            .arg(m_items.size());
        return false;
    }
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        Item &item = m_items[i];
        item.dashLine = dashes[i];
        const int next = i + 1 < dashes.size() ? dashes[i + 1] : m_jobsEndLine;
        // A null item ("-" alone) has the mark of whatever follows it.
        if (!item.node.IsNull()) {
            const int markLine = int(item.node.Mark().line);
            if (markLine < item.dashLine || markLine >= next) {
                m_layoutError = tr("line %1: cannot tell where job %2 starts").arg(item.dashLine + 1).arg(i + 1);
                return false;
            }
        }
        item.lastLine = trimBack(next - 1, item.dashLine, m_listColumn);
        // Comment lines directly above the "- " (no blank line between) that are not indented like the previous
        // item's content introduce this item.
        int header = item.dashLine;
        const int floor = i > 0 ? m_items[i - 1].lastLine : m_jobsKeyLine;
        while (header - 1 > floor && m_lines.at(header - 1).comment && m_lines.at(header - 1).indent <= m_listColumn) {
            --header;
        }
        item.headerLine = header;
    }
    // The indentation of an item's keys after its "-".
    const int dash = m_items.first().dashLine;
    int column = m_listColumn + 1;
    while (m_lines.charAt(dash, column) == ' ') {
        ++column;
    }
    const char firstChar = m_lines.charAt(dash, column);
    if (firstChar != '\0' && firstChar != '#') {
        m_itemOffset = column - m_listColumn;
    } else if (m_items.first().lastLine > dash) {
        int below = dash + 1;
        while (below < m_items.first().lastLine && m_lines.isSkippable(below)) {
            ++below;
        }
        m_itemOffset = qMax(1, m_lines.at(below).indent - m_listColumn);
    }
    if (m_items.size() >= 2) {
        const Item &before = m_items[m_items.size() - 2];
        for (int l = before.lastLine + 1; l < m_items.last().headerLine; ++l) {
            m_blankBetweenJobs = m_blankBetweenJobs || m_lines.at(l).blank;
        }
    }
    return true;
}

// The last line at or before `from` (not before `floor`) that is content or a comment indented deeper than
// `column`: trailing blank lines and shallower comments belong to what follows.
int ConfigTextEditor::trimBack(int from, int floor, int column) const
{
    int line = from;
    while (line > floor
           && (m_lines.at(line).blank || (m_lines.at(line).comment && m_lines.at(line).indent <= column))) {
        --line;
    }
    return line;
}

QList<ConfigTextEditor::JobRange> ConfigTextEditor::jobs() const
{
    QList<JobRange> out;
    // The items' offsets only grow: each is converted from where the last one ended, one pass over the text.
    qsizetype byte = 0;
    qsizetype chars = m_bom.isEmpty() ? 0 : 1;
    const auto textOffset = [&](qsizetype bodyOffset) {
        chars += QString::fromUtf8(m_body.constData() + byte, bodyOffset - byte).size();
        byte = bodyOffset;
        return chars;
    };
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items[i];
        JobRange range;
        range.name = item.name;
        range.index = int(i);
        if (item.dashLine >= 0) {
            range.begin = textOffset(m_lines.at(item.headerLine).begin);
            range.end = textOffset(m_lines.at(item.lastLine).end);
            range.line = item.dashLine + 1;
        } else if (!item.node.IsNull()) {
            range.line = int(item.node.Mark().line) + 1;
        }
        out.append(range);
    }
    return out;
}

std::optional<YAML::Node> ConfigTextEditor::jobNode(const QString &name) const
{
    for (const Item &item : m_items) {
        if (item.name == name) {
            return YAML::Clone(item.node);
        }
    }
    return std::nullopt;
}

std::optional<QString> ConfigTextEditor::refuse(const QString &message) const
{
    m_error = message;
    return std::nullopt;
}

bool ConfigTextEditor::checkEditable() const
{
    if (!m_valid) {
        return false;  // m_error still says why
    }
    if (!m_layoutError.isEmpty()) {
        m_error = m_layoutError;
        return false;
    }
    return true;
}

int ConfigTextEditor::findJob(const QString &name) const
{
    int found = -1;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items[i].name != name) {
            continue;
        }
        if (found >= 0) {
            m_error = tr("more than one job is named “%1”").arg(name);
            return -1;
        }
        found = int(i);
    }
    if (found < 0) {
        m_error = tr("there is no job named “%1”").arg(name);
    }
    return found;
}

QList<YAML::Node> ConfigTextEditor::currentJobs(qsizetype index, const YAML::Node *replacement) const
{
    // Built by appending only: shifting a list of Nodes would assign them, and assigning a Node rewrites the node
    // it refers to, here the document's own.
    QList<YAML::Node> nodes;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (i != index) {
            nodes.append(m_items[i].node);
        } else if (replacement) {
            nodes.append(*replacement);
        }
    }
    return nodes;
}

std::optional<ConfigTextEditor::ParsedJob> ConfigTextEditor::parseJob(const QString &jobYaml) const
{
    QString why;
    std::optional<YamlSnippet> snippet = YamlSnippet::fromText(jobYaml, &why);
    if (!snippet) {
        m_error = tr("the job's YAML: %1").arg(why);
        return std::nullopt;
    }
    YAML::Node node;
    try {
        node = YAML::Load(jobYaml.toStdString());
    } catch (const YAML::Exception &e) {
        m_error = e.mark.is_null() ? tr("the job's YAML is invalid: %1").arg(fromStd(e.msg))
                                   : tr("the job's YAML is invalid: line %1, column %2: %3")
                                         .arg(e.mark.line + 1)
                                         .arg(e.mark.column + 1)
                                         .arg(fromStd(e.msg));
        return std::nullopt;
    }
    if (!node.IsMap() || node.Style() == YAML::EmitterStyle::Flow) {
        m_error = tr("the job must be a block mapping (“name: ...” lines, without the leading “- ”)");
        return std::nullopt;
    }
    const QString name = jobName(node);
    if (name.isEmpty()) {
        m_error = tr("the job has no “name:”");
        return std::nullopt;
    }
    return ParsedJob{name, node, std::move(*snippet)};
}

QByteArray ConfigTextEditor::renderItem(const YamlSnippet &snippet) const
{
    const QByteArray &lineBreak = m_lines.lineBreak();
    const QByteArray dash = QByteArray(m_listColumn, ' ') + '-' + QByteArray(m_itemOffset - 1, ' ');
    return snippet.renderLeadingComments(m_listColumn, lineBreak)
           + snippet.render(dash, m_listColumn + m_itemOffset, lineBreak) + lineBreak;
}

std::optional<QByteArray> ConfigTextEditor::jobsKeyLineWith(const QByteArray &tail) const
{
    const qsizetype colon = colonAfterKey(m_jobsKeyLine, m_jobsKeyColumn);
    if (colon < 0) {
        m_error = tr("line %1: cannot find the “:” after “jobs”").arg(m_jobsKeyLine + 1);
        return std::nullopt;
    }
    const TextLines::Line &line = m_lines.at(m_jobsKeyLine);
    const qsizetype comment = commentStart(m_jobsKeyLine, colon + 1);
    const qsizetype valueEnd = comment >= 0 ? comment : line.contentEnd;
    const QByteArray value = m_body.mid(colon + 1, valueEnd - colon - 1).trimmed();
    static const QRegularExpression emptyValue(QStringLiteral("^(|~|null|Null|NULL|\\[\\s*\\])$"));
    if (m_form != JobsForm::Block && !emptyValue.match(QString::fromUtf8(value)).hasMatch()) {
        m_error = tr("line %1: cannot rewrite the value of “jobs:”").arg(m_jobsKeyLine + 1);
        return std::nullopt;
    }
    QByteArray out = m_body.mid(line.begin, colon + 1 - line.begin) + tail;
    if (comment >= 0) {
        out += trailingComment(m_jobsKeyLine, colon + 1, comment);
    }
    return out + m_lines.lineBreak();
}

std::optional<QString> ConfigTextEditor::appendJob(const QString &jobYaml) const
{
    if (!checkEditable()) {
        return std::nullopt;
    }
    try {
        std::optional<ParsedJob> job = parseJob(jobYaml);
        if (!job) {
            return std::nullopt;
        }
        for (const Item &item : m_items) {
            if (item.name == job->name) {
                return refuse(tr("a job named “%1” already exists").arg(job->name));
            }
        }
        const QByteArray item = renderItem(job->snippet);
        QByteArray body;
        if (m_form == JobsForm::Block) {
            const TextLines::Line &last = m_lines.at(m_items.last().lastLine);
            QByteArray prefix = last.end == last.contentEnd ? m_lines.lineBreak() : QByteArray();
            if (m_blankBetweenJobs) {
                prefix += m_lines.lineBreak();
            }
            body = splice(m_body, last.end, last.end, prefix + item);
        } else {
            const std::optional<QByteArray> keyLine = jobsKeyLineWith({});
            if (!keyLine) {
                return std::nullopt;
            }
            const TextLines::Line &line = m_lines.at(m_jobsKeyLine);
            body = splice(m_body, line.begin, line.end, *keyLine + item);
        }
        QList<YAML::Node> expected = currentJobs();
        expected.append(job->node);
        return verified(body, expected);
    } catch (const YAML::Exception &e) {
        return refuse(tr("cannot edit the configuration: %1").arg(fromStd(e.msg)));
    }
}

std::optional<QString> ConfigTextEditor::replaceJob(const QString &name, const QString &jobYaml) const
{
    if (!checkEditable()) {
        return std::nullopt;
    }
    try {
        const int index = findJob(name);
        if (index < 0) {
            return std::nullopt;
        }
        std::optional<ParsedJob> job = parseJob(jobYaml);
        if (!job) {
            return std::nullopt;
        }
        for (qsizetype i = 0; i < m_items.size(); ++i) {
            if (i != index && m_items[i].name == job->name) {
                return refuse(tr("a job named “%1” already exists").arg(job->name));
            }
        }
        const Item &old = m_items[index];
        const TextLines::Line &last = m_lines.at(old.lastLine);
        QByteArray item = renderItem(job->snippet);
        if (last.end == last.contentEnd) {
            item.chop(m_lines.lineBreak().size());  // the file ended without a line break; so does it now
        }
        const QByteArray body = splice(m_body, m_lines.at(old.dashLine).begin, last.end, item);
        const QList<YAML::Node> expected = currentJobs(index, &job->node);
        return verified(body, expected);
    } catch (const YAML::Exception &e) {
        return refuse(tr("cannot edit the configuration: %1").arg(fromStd(e.msg)));
    }
}

std::optional<QString> ConfigTextEditor::removeJob(const QString &name) const
{
    if (!checkEditable()) {
        return std::nullopt;
    }
    try {
        const int index = findJob(name);
        if (index < 0) {
            return std::nullopt;
        }
        const Item &item = m_items[index];
        int firstLine = item.headerLine;
        int lastLine = item.lastLine;
        const bool isLast = index + 1 == m_items.size();
        if (!isLast) {
            // Separated from its predecessor by blank lines: take the blank lines after it too, so that one
            // separator remains.
            if (firstLine - 1 <= m_jobsKeyLine || m_lines.at(firstLine - 1).blank) {
                while (lastLine + 1 < m_items[index + 1].headerLine && m_lines.at(lastLine + 1).blank) {
                    ++lastLine;
                }
            }
        } else if (index > 0) {
            while (firstLine - 1 > m_items[index - 1].lastLine && m_lines.at(firstLine - 1).blank) {
                --firstLine;
            }
        }
        QByteArray body = splice(m_body, m_lines.at(firstLine).begin, m_lines.at(lastLine).end, {});
        if (m_items.size() == 1) {
            // `jobs:` with nothing is "missing" to zrepl's parser; an empty list is what is meant.
            const std::optional<QByteArray> keyLine = jobsKeyLineWith(" []");
            if (!keyLine) {
                return std::nullopt;
            }
            const TextLines::Line &line = m_lines.at(m_jobsKeyLine);
            body = splice(body, line.begin, line.end, *keyLine);
        }
        const QList<YAML::Node> expected = currentJobs(index, nullptr);
        return verified(body, expected);
    } catch (const YAML::Exception &e) {
        return refuse(tr("cannot edit the configuration: %1").arg(fromStd(e.msg)));
    }
}

std::optional<QString>
ConfigTextEditor::setJobValue(const QString &name, const QStringList &path, const QString &valueYaml) const
{
    if (!checkEditable()) {
        return std::nullopt;
    }
    if (path.isEmpty() || path.contains(QString())) {
        return refuse(tr("the key path to set is empty"));
    }
    try {
        const int index = findJob(name);
        if (index < 0) {
            return std::nullopt;
        }
        YAML::Node value;
        try {
            value = YAML::Load(valueYaml.toStdString());
        } catch (const YAML::Exception &e) {
            return refuse(
                tr("the value for %1 is not valid YAML: %2").arg(pathText(name, path, path.size()), fromStd(e.msg)));
        }
        const Item &item = m_items[index];
        if (!item.node.IsMap()) {
            return refuse(tr("job “%1” is not a mapping").arg(name));
        }
        YAML::Node map = item.node;
        int firstLine = item.dashLine;
        int lastLine = item.lastLine;
        std::optional<QByteArray> body;
        for (qsizetype i = 0; i < path.size() && !body; ++i) {
            if (map.Style() == YAML::EmitterStyle::Flow) {
                return refuse(tr("%1 is written in flow style ({...}); change it in the YAML editor")
                                  .arg(i == 0 ? QStringLiteral("jobs[“%1”]").arg(name) : pathText(name, path, i - 1)));
            }
            const std::optional<QList<Entry>> entries =
                entriesOf(map, firstLine, lastLine, pathText(name, path, i - 1));
            if (!entries) {
                return std::nullopt;
            }
            const auto found =
                std::find_if(entries->begin(), entries->end(), [&](const Entry &e) { return e.key == path[i]; });
            if (found == entries->end()) {
                // Insert the rest of the path as a new last entry of this mapping.
                const int column = entries->first().keyColumn;
                const std::optional<RenderedValue> leaf = renderValue(valueYaml, column + 2 * int(path.size() - 1 - i));
                if (!leaf) {
                    return std::nullopt;
                }
                const TextLines::Line &after = m_lines.at(entries->last().lastLine);
                const QByteArray prefix = after.end == after.contentEnd ? m_lines.lineBreak() : QByteArray();
                QByteArray entry = renderEntry(path.mid(i), *leaf, column, 0);
                if (after.end != after.contentEnd) {
                    entry += m_lines.lineBreak();
                }
                body = splice(m_body, after.end, after.end, prefix + entry);
                break;
            }
            const int column = found->keyColumn + 2;
            if (i + 1 == path.size()) {
                const std::optional<RenderedValue> leaf = renderValue(valueYaml, found->keyColumn);
                if (!leaf) {
                    return std::nullopt;
                }
                body = replaceValue(m_body, *found, *leaf);
                if (!body) {
                    return std::nullopt;
                }
            } else if (found->value.IsNull()) {
                // "snapshotting:" with nothing: the rest of the path becomes its value.
                const std::optional<RenderedValue> leaf = renderValue(valueYaml, column + 2 * int(path.size() - 2 - i));
                if (!leaf) {
                    return std::nullopt;
                }
                const RenderedValue nested{{}, m_lines.lineBreak() + renderEntry(path.mid(i + 1), *leaf, column, 0)};
                body = replaceValue(m_body, *found, nested);
                if (!body) {
                    return std::nullopt;
                }
            } else if (found->value.IsMap()) {
                map.reset(found->value);
                firstLine = found->keyLine + 1;
                lastLine = found->lastLine;
            } else {
                return refuse(tr("%1 is not a mapping").arg(pathText(name, path, i)));
            }
        }
        if (!body) {
            return refuse(tr("cannot find where to write %1").arg(pathText(name, path, path.size())));
        }
        const YAML::Node changed = withValue(item.node, path, value);
        const QList<YAML::Node> expected = currentJobs(index, &changed);
        return verified(*body, expected);
    } catch (const YAML::Exception &e) {
        return refuse(tr("cannot edit the configuration: %1").arg(fromStd(e.msg)));
    }
}

std::optional<QList<ConfigTextEditor::Entry>>
ConfigTextEditor::entriesOf(const YAML::Node &map, int firstLine, int lastLine, const QString &where) const
{
    QList<Entry> entries;
    for (const auto &kv : map) {
        Entry entry;
        entry.key = kv.first.IsScalar() ? fromStd(kv.first.Scalar()) : QString();
        entry.value.reset(kv.second);
        entry.keyLine = int(kv.first.Mark().line);
        entry.keyColumn = int(kv.first.Mark().column);
        if (entry.keyLine < firstLine || entry.keyLine > lastLine
            || (!entries.isEmpty()
                && (entry.keyLine <= entries.last().keyLine || entry.keyColumn != entries.last().keyColumn))) {
            m_error = tr("cannot tell where the keys of %1 are in the text").arg(where);
            return std::nullopt;
        }
        entries.append(entry);
    }
    if (entries.isEmpty()) {
        m_error = tr("%1 is empty").arg(where);
        return std::nullopt;
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const int next = i + 1 < entries.size() ? entries[i + 1].keyLine - 1 : lastLine;
        entries[i].lastLine = trimBack(next, entries[i].keyLine, entries[i].keyColumn);
    }
    return entries;
}

std::optional<ConfigTextEditor::RenderedValue> ConfigTextEditor::renderValue(const QString &valueYaml,
                                                                             int keyColumn) const
{
    QString why;
    const std::optional<YamlSnippet> snippet = YamlSnippet::fromText(valueYaml, &why);
    if (!snippet) {
        m_error = tr("the value: %1").arg(why);
        return std::nullopt;
    }
    const YAML::Node node = YAML::Load(valueYaml.toStdString());
    const QByteArray &lineBreak = m_lines.lineBreak();
    RenderedValue out;
    if ((node.IsMap() || node.IsSequence()) && node.Style() != YAML::EmitterStyle::Flow) {
        // zrepl's examples put a list at its key's column ("keep:\n- type: ..."); follow the file's jobs list.
        const int column = node.IsMap() ? keyColumn + 2 : keyColumn + qMax(0, m_listColumn - m_jobsKeyColumn);
        out.lines = lineBreak + snippet->renderLeadingComments(column, lineBreak);
        out.lines += snippet->render(QByteArray(column, ' '), column, lineBreak);
        return out;
    }
    if (!snippet->leadingComments().isEmpty()) {
        m_error = tr("a comment cannot stand before a single value; put it after the value");
        return std::nullopt;
    }
    if (snippet->isEmpty()) {
        return out;  // "key:" with nothing: null
    }
    const QByteArray rendered = snippet->render(" ", keyColumn + 2, lineBreak);
    const qsizetype firstBreak = rendered.indexOf(lineBreak);
    out.inlinePart = firstBreak < 0 ? rendered : rendered.left(firstBreak);
    out.lines = firstBreak < 0 ? QByteArray() : rendered.mid(firstBreak);
    return out;
}

QByteArray
ConfigTextEditor::renderEntry(const QStringList &keys, const RenderedValue &leaf, int column, int level) const
{
    const QByteArray key = QByteArray(column, ' ') + yamlKey(keys[level]) + ':';
    if (level + 1 == keys.size()) {
        return key + leaf.inlinePart + leaf.lines;
    }
    return key + m_lines.lineBreak() + renderEntry(keys, leaf, column + 2, level + 1);
}

std::optional<QByteArray>
ConfigTextEditor::replaceValue(const QByteArray &body, const Entry &entry, const RenderedValue &value) const
{
    const qsizetype colon = colonAfterKey(entry.keyLine, entry.keyColumn);
    if (colon < 0) {
        m_error = tr("line %1: cannot find the “:” after “%2”").arg(entry.keyLine + 1).arg(entry.key);
        return std::nullopt;
    }
    QByteArray replacement = value.inlinePart;
    const qsizetype comment = commentStart(entry.keyLine, colon + 1);
    if (comment >= 0) {
        replacement += trailingComment(entry.keyLine, colon + 1, comment);
    }
    replacement += value.lines;
    return splice(body, colon + 1, m_lines.at(entry.lastLine).contentEnd, replacement);
}

qsizetype ConfigTextEditor::colonAfterKey(int line, int column) const
{
    const TextLines::Line &l = m_lines.at(line);
    qsizetype pos = l.begin + column;
    if (pos >= l.contentEnd) {
        return -1;
    }
    const char quote = m_body[pos];
    if (quote == '"' || quote == '\'') {
        for (++pos; pos < l.contentEnd; ++pos) {
            if (quote == '"' && m_body[pos] == '\\') {
                ++pos;
            } else if (m_body[pos] == quote) {
                if (quote == '\'' && pos + 1 < l.contentEnd && m_body[pos + 1] == '\'') {
                    ++pos;  // '' is an escaped quote
                } else {
                    break;
                }
            }
        }
    }
    for (; pos < l.contentEnd; ++pos) {
        if (m_body[pos] == ':' && (pos + 1 == l.contentEnd || m_body[pos + 1] == ' ' || m_body[pos + 1] == '\t')) {
            return pos;
        }
    }
    return -1;
}

QByteArray ConfigTextEditor::trailingComment(int line, qsizetype valueStart, qsizetype comment) const
{
    // The blanks the user put before the comment stay as they were (a column of aligned comments stays aligned as
    // far as the new value allows).
    qsizetype gap = comment;
    while (gap > valueStart && (m_body[gap - 1] == ' ' || m_body[gap - 1] == '\t')) {
        --gap;
    }
    const QByteArray blanks = gap < comment ? m_body.mid(gap, comment - gap) : QByteArray(" ");
    return blanks + m_body.mid(comment, m_lines.at(line).contentEnd - comment);
}

qsizetype ConfigTextEditor::commentStart(int line, qsizetype from) const
{
    const TextLines::Line &l = m_lines.at(line);
    char quote = 0;
    for (qsizetype pos = from; pos < l.contentEnd; ++pos) {
        const char c = m_body[pos];
        if (quote) {
            if (quote == '"' && c == '\\') {
                ++pos;
            } else if (c == quote) {
                quote = 0;
            }
            continue;
        }
        if (c == '"' || c == '\'') {
            // Quotes start a quoted scalar only at its start; inside a plain scalar they are characters.
            const char before = pos == from ? ' ' : m_body[pos - 1];
            if (before == ' ' || before == '\t' || before == '[' || before == '{' || before == ',') {
                quote = c;
            }
        } else if (c == '#') {
            const char before = pos == from ? ' ' : m_body[pos - 1];
            if (before == ' ' || before == '\t') {
                return pos;
            }
        }
    }
    return -1;
}

std::optional<QString> ConfigTextEditor::verified(const QByteArray &body, const QList<YAML::Node> &expected) const
{
    // QString::fromUtf8() drops a BOM; put it back as the character it is.
    const ConfigTextEditor edited((m_bom.isEmpty() ? QString() : QString(QChar(0xFEFF))) + QString::fromUtf8(body));
    const auto failed = [&](const QString &why) {
        return refuse(tr("the edit was not made because its result would be wrong: %1").arg(why));
    };
    if (!edited.isValid()) {
        return failed(edited.error());
    }
    if (!edited.m_layoutError.isEmpty()) {
        return failed(edited.m_layoutError);
    }
    if (edited.m_items.size() != expected.size()) {
        return failed(tr("%1 jobs instead of %2").arg(edited.m_items.size()).arg(expected.size()));
    }
    QStringList names;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const Item &item = edited.m_items[i];
        if (!sameYaml(item.node, expected[i])) {
            return failed(tr("job %1 (“%2”) does not read back as intended").arg(i + 1).arg(item.name));
        }
        if (!item.name.isEmpty() && names.contains(item.name)) {
            return failed(tr("more than one job is named “%1”").arg(item.name));
        }
        names.append(item.name);
    }
    m_error.clear();
    return edited.text();
}

}  // namespace ConfigEdit
