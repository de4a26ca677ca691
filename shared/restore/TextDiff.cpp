// SPDX-License-Identifier: MIT
#include "shared/restore/TextDiff.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QStringDecoder>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Restore {

namespace {

// Beyond this many differing lines the shortest edit script is not searched for (its trace grows with the square);
// the differing middle is then shown as removed, then added.
constexpr int MaxEditDistance = 2000;

QString tr(const char *text)
{
    return QCoreApplication::translate("Restore::TextDiff", text);
}

// Myers' greedy shortest edit script over a[0..n) and b[0..m) (line ids), appended to `out` as Same/Removed/Added
// with indexes; false when the distance exceeds MaxEditDistance.
bool myers(const std::vector<int> &a, const std::vector<int> &b, std::vector<std::pair<DiffLine::Kind, int>> &script)
{
    const int n = int(a.size());
    const int m = int(b.size());
    const int max = std::min(n + m, MaxEditDistance);
    const int offset = max + 1;
    std::vector<int> v(2 * max + 3, 0);
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.emplace_back(v.begin() + (offset - d - 1), v.begin() + (offset + d + 2));
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                   : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0) {
        return false;
    }
    // Walk back from (n, m); the script comes out reversed.
    std::vector<std::pair<DiffLine::Kind, int>> reversed;
    int x = n;
    int y = m;
    for (int d = found; d >= 0; --d) {
        const std::vector<int> &slice = trace[d];  // k from -d-1 to d+1
        const auto at = [&](int k) { return slice[k + d + 1]; };
        const int k = x - y;
        const int previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        const int previousX = d == 0 ? 0 : at(previousK);
        const int previousY = d == 0 ? 0 : previousX - previousK;
        while (x > previousX && y > previousY) {
            reversed.emplace_back(DiffLine::Kind::Same, --x);
            --y;
        }
        if (d > 0) {
            if (x == previousX) {
                reversed.emplace_back(DiffLine::Kind::Added, --y);
            } else {
                reversed.emplace_back(DiffLine::Kind::Removed, --x);
            }
        }
    }
    script.insert(script.end(), reversed.rbegin(), reversed.rend());
    return true;
}

}  // namespace

TextDiff TextDiff::compute(const QStringList &oldLines, const QStringList &newLines)
{
    // Lines become numbers once, so that the search compares ints.
    QHash<QString, int> ids;
    const auto idOf = [&](const QString &line) { return *ids.insert(line, ids.size()); };
    const auto lookup = [&](const QString &line) {
        const auto it = ids.constFind(line);
        return it != ids.cend() ? *it : idOf(line);
    };
    qsizetype prefix = 0;
    while (prefix < oldLines.size() && prefix < newLines.size() && oldLines[prefix] == newLines[prefix]) {
        ++prefix;
    }
    qsizetype suffix = 0;
    while (suffix < oldLines.size() - prefix && suffix < newLines.size() - prefix
           && oldLines[oldLines.size() - 1 - suffix] == newLines[newLines.size() - 1 - suffix]) {
        ++suffix;
    }
    std::vector<int> a;
    std::vector<int> b;
    for (qsizetype i = prefix; i < oldLines.size() - suffix; ++i) {
        a.push_back(lookup(oldLines[i]));
    }
    for (qsizetype i = prefix; i < newLines.size() - suffix; ++i) {
        b.push_back(lookup(newLines[i]));
    }
    std::vector<std::pair<DiffLine::Kind, int>> script;
    if (!myers(a, b, script)) {
        script.clear();
        for (int i = 0; i < int(a.size()); ++i) {
            script.emplace_back(DiffLine::Kind::Removed, i);
        }
        for (int j = 0; j < int(b.size()); ++j) {
            script.emplace_back(DiffLine::Kind::Added, j);
        }
    }

    TextDiff diff;
    diff.lines.reserve(prefix + qsizetype(script.size()) + suffix);
    int oldLine = 0;
    int newLine = 0;
    const auto same = [&](const QString &text) {
        diff.lines.append({DiffLine::Kind::Same, text, ++oldLine, ++newLine});
    };
    for (qsizetype i = 0; i < prefix; ++i) {
        same(oldLines[i]);
    }
    for (const auto &[kind, index] : script) {
        switch (kind) {
        case DiffLine::Kind::Same:
            same(oldLines[prefix + index]);
            break;
        case DiffLine::Kind::Removed:
            diff.lines.append({kind, oldLines[prefix + index], ++oldLine, 0});
            ++diff.removed;
            break;
        case DiffLine::Kind::Added:
            diff.lines.append({kind, newLines[prefix + index], 0, ++newLine});
            ++diff.added;
            break;
        }
    }
    for (qsizetype i = oldLines.size() - suffix; i < oldLines.size(); ++i) {
        same(oldLines[i]);
    }
    return diff;
}

QString TextDiff::unified(const QString &oldName, const QString &newName, int context) const
{
    QString out = u"--- "_s + oldName + u"\n+++ "_s + newName + u'\n';
    const qsizetype count = lines.size();
    qsizetype i = 0;
    while (i < count) {
        // The next change, and the hunk around it: changes closer than 2 * context lines share one hunk.
        qsizetype change = i;
        while (change < count && lines[change].kind == DiffLine::Kind::Same) {
            ++change;
        }
        if (change == count) {
            break;
        }
        const qsizetype start = std::max(i, change - context);
        qsizetype end = change;
        qsizetype sameRun = 0;
        while (end < count) {
            if (lines[end].kind == DiffLine::Kind::Same) {
                if (++sameRun > 2 * context) {
                    break;
                }
            } else {
                sameRun = 0;
            }
            ++end;
        }
        // Trailing context: at most `context` of the same lines after the last change.
        end = std::min(end, count);
        qsizetype lastChange = end - 1;
        while (lastChange > change && lines[lastChange].kind == DiffLine::Kind::Same) {
            --lastChange;
        }
        end = std::min(count, lastChange + 1 + context);

        int oldStart = 0, oldCount = 0, newStart = 0, newCount = 0;
        for (qsizetype j = start; j < end; ++j) {
            const DiffLine &line = lines[j];
            if (line.kind != DiffLine::Kind::Added) {
                oldStart = oldStart ? oldStart : line.oldLine;
                ++oldCount;
            }
            if (line.kind != DiffLine::Kind::Removed) {
                newStart = newStart ? newStart : line.newLine;
                ++newCount;
            }
        }
        // An empty side is numbered by the line before it, as diff -u does.
        if (oldCount == 0) {
            for (qsizetype j = start; j >= 0 && !oldStart; --j) {
                oldStart = lines[j].oldLine;
            }
        }
        if (newCount == 0) {
            for (qsizetype j = start; j >= 0 && !newStart; --j) {
                newStart = lines[j].newLine;
            }
        }
        out += u"@@ -%1,%2 +%3,%4 @@\n"_s.arg(oldStart).arg(oldCount).arg(newStart).arg(newCount);
        for (qsizetype j = start; j < end; ++j) {
            const DiffLine &line = lines[j];
            const QChar mark = line.kind == DiffLine::Kind::Same ? u' ' : line.kind == DiffLine::Kind::Added ? u'+' : u'-';
            out += mark + line.text + u'\n';
        }
        i = end;
    }
    return out;
}

std::optional<TextDiff> TextDiff::files(const QString &oldPath, const QString &newPath, QString *why, qint64 maxBytes)
{
    const auto read = [&](const QString &path) -> std::optional<QStringList> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (why) {
                *why = tr("%1 cannot be read: %2").arg(path, file.errorString());
            }
            return std::nullopt;
        }
        if (file.size() > maxBytes) {
            if (why) {
                *why = tr("%1 is too large to compare (%2 MiB; at most %3 MiB)")
                           .arg(path)
                           .arg(file.size() / (1024 * 1024))
                           .arg(maxBytes / (1024 * 1024));
            }
            return std::nullopt;
        }
        const QByteArray bytes = file.read(maxBytes + 1);
        QStringDecoder decoder(QStringDecoder::Utf8);
        const QString text = decoder.decode(bytes);
        if (bytes.contains('\0') || decoder.hasError()) {
            if (why) {
                *why = tr("%1 is not text (binary content or not UTF-8): only text files can be compared").arg(path);
            }
            return std::nullopt;
        }
        QStringList split = text.split(u'\n');
        if (!split.isEmpty() && split.last().isEmpty()) {
            split.removeLast();  // the newline that ends the last line starts no line of its own
        }
        for (QString &line : split) {
            if (line.endsWith(u'\r')) {
                line.chop(1);
            }
        }
        return split;
    };
    const std::optional<QStringList> oldLines = read(oldPath);
    if (!oldLines) {
        return std::nullopt;
    }
    const std::optional<QStringList> newLines = read(newPath);
    if (!newLines) {
        return std::nullopt;
    }
    return compute(*oldLines, *newLines);
}

}  // namespace Restore
