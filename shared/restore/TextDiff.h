// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Restore {

// A line diff between two texts (Myers' O(ND) algorithm); Qt has none.
struct DiffLine
{
    enum class Kind
    {
        Same,
        Removed,  // only in the old text (the snapshot's version)
        Added,  // only in the new text (the current file)
    };
    Kind kind = Kind::Same;
    QString text;
    int oldLine = 0;  // 1-based; 0 for Added
    int newLine = 0;  // 1-based; 0 for Removed
};

struct TextDiff
{
    QList<DiffLine> lines;
    int added = 0;
    int removed = 0;

    // "--- a / +++ b / @@" hunks with `context` lines around each change.
    QString unified(const QString &oldName, const QString &newName, int context = 3) const;

    static TextDiff compute(const QStringList &oldLines, const QStringList &newLines);
    // Reads both files (at most `maxBytes` each) as UTF-8 text; nullopt with `why` for binary files (a NUL byte),
    // files too large, or unreadable ones.
    static std::optional<TextDiff> files(const QString &oldPath, const QString &newPath, QString *why,
                                         qint64 maxBytes = 4 * 1024 * 1024);
};

}  // namespace Restore
