// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include "shared/config/TextLines.h"
#include "shared/config/YamlSnippet.h"

namespace ConfigEdit {

// Edits the jobs of a zrepl/Holdfast YAML configuration at the text level: only the bytes of the job (or the value)
// being changed are rewritten, so comments, order and formatting elsewhere survive byte for byte. yaml-cpp checks
// the syntax and gives each node's start; where each job and value ends is found by scanning the lines. Every
// edited text is parsed again and must give the expected jobs, or the edit is refused: the caller gets either a
// correct text or a reason, never a damaged file.
class ConfigTextEditor
{
    Q_DECLARE_TR_FUNCTIONS(ConfigEdit::ConfigTextEditor)

public:
    explicit ConfigTextEditor(QString text);

    // False on a YAML syntax error ("line L, column C: ...") or when there is no top-level `jobs:` list.
    bool isValid() const
    {
        return m_valid;
    }

    // Why the text is invalid, or why the last edit was refused.
    QString error() const
    {
        return m_error;
    }

    struct JobRange
    {
        QString name;  // "" when the item has no scalar `name`
        int index = 0;
        // [begin, end) in text(): the item with the comment lines directly above it, and its trailing line break.
        // -1 when the list is not laid out as a block list this editor understands (a flow list `jobs: [...]`).
        qsizetype begin = -1;
        qsizetype end = -1;
        int line = 0;  // of the item's "- ", from 1
    };

    QList<JobRange> jobs() const;
    // A copy of the job's node, for reading its current settings.
    std::optional<YAML::Node> jobNode(const QString &name) const;

    // Each returns the new text, or nullopt with error() set. `jobYaml` is a block mapping without the leading "- ",
    // in any indentation; it is re-indented to the style of the file's jobs list ("- " at the list's column).
    // Comment lines before its first key go above the item.
    std::optional<QString> appendJob(const QString &jobYaml) const;
    std::optional<QString> replaceJob(const QString &name, const QString &jobYaml) const;
    std::optional<QString> removeJob(const QString &name) const;
    // Replaces the value of key path `path` inside job `name` ({"snapshotting", "interval"}), inserting the key and
    // missing parents at the end of their mapping. `valueYaml` is a scalar, a flow collection or a block; a comment
    // after the old value on the key's line is kept, comments elsewhere in the job survive.
    std::optional<QString> setJobValue(const QString &name, const QStringList &path, const QString &valueYaml) const;

    QString text() const
    {
        return m_text;
    }

private:
    enum class JobsForm
    {
        Block,      // jobs:\n- name: ...
        Null,       // jobs: (nothing, "~" or "null")
        FlowEmpty,  // jobs: []
        Flow,       // jobs: [{...}]: read, not edited
    };

    struct Item
    {
        QString name;
        YAML::Node node;
        int headerLine = -1;  // the first comment line directly above, or dashLine
        int dashLine = -1;
        int lastLine = -1;  // the last line of its content
    };

    // One key of a block mapping and the lines its value spans.
    struct Entry
    {
        QString key;
        YAML::Node value;
        int keyLine = 0;
        int keyColumn = 0;
        int lastLine = 0;
    };

    // A value as written after "key:": the part on the key's line and the lines below it.
    struct RenderedValue
    {
        QByteArray inlinePart;  // with its leading space, or empty
        QByteArray lines;       // each line preceded by a line break
    };

    struct ParsedJob
    {
        QString name;
        YAML::Node node;
        YamlSnippet snippet;
    };

    bool parse();
    bool locateJobs(const YAML::Node &key);
    bool locateBlockItems();
    int trimBack(int from, int floor, int column) const;

    bool checkEditable() const;
    int findJob(const QString &name) const;
    std::optional<ParsedJob> parseJob(const QString &jobYaml) const;
    QByteArray renderItem(const YamlSnippet &snippet) const;
    // The jobs key's line rewritten to "jobs:<tail>" (keeping a comment), through its line break.
    std::optional<QByteArray> jobsKeyLineWith(const QByteArray &tail) const;

    std::optional<QList<Entry>>
    entriesOf(const YAML::Node &map, int firstLine, int lastLine, const QString &where) const;
    std::optional<RenderedValue> renderValue(const QString &valueYaml, int keyColumn) const;
    QByteArray renderEntry(const QStringList &keys, const RenderedValue &leaf, int column, int level) const;
    std::optional<QByteArray>
    replaceValue(const QByteArray &body, const Entry &entry, const RenderedValue &value) const;

    qsizetype colonAfterKey(int line, int column) const;
    qsizetype commentStart(int line, qsizetype from) const;
    // The comment at `comment` on `line` with the blanks written before it, to follow a rewritten value.
    QByteArray trailingComment(int line, qsizetype valueStart, qsizetype comment) const;

    // Parses `body` again and checks that it gives exactly `expected` (name and node of each job, in order).
    std::optional<QString> verified(const QByteArray &body, const QList<YAML::Node> &expected) const;
    // The document's job nodes, the one at `index` replaced by *replacement or left out when that is null.
    QList<YAML::Node> currentJobs(qsizetype index = -1, const YAML::Node *replacement = nullptr) const;
    std::optional<QString> refuse(const QString &message) const;

    QString m_text;
    QByteArray m_bom;   // a UTF-8 byte order mark, kept out of what yaml-cpp and the line table see
    QByteArray m_body;  // the UTF-8 text after the BOM
    TextLines m_lines;
    YAML::Node m_root;
    YAML::Node m_jobsNode;
    bool m_valid = false;
    mutable QString m_error;
    QString m_layoutError;  // why edits are refused although the text is valid
    JobsForm m_form = JobsForm::Null;
    int m_jobsKeyLine = -1;
    int m_jobsKeyColumn = 0;
    int m_listColumn = 0;
    int m_itemOffset = 2;   // from the "-" to the item's keys
    int m_jobsEndLine = 0;  // the first line after the list
    bool m_blankBetweenJobs = false;
    QList<Item> m_items;
};

}  // namespace ConfigEdit
