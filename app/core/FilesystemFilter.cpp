// SPDX-License-Identifier: MIT
#include "app/core/FilesystemFilter.h"

#include <QCoreApplication>
#include <QHash>

#include "app/core/YamlText.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

struct Words
{
    Q_DECLARE_TR_FUNCTIONS(Gui::FilesystemFilter)
};

bool isSubtree(const QString &pattern)
{
    return pattern.endsWith(u'<');
}

QString patternPath(const QString &pattern)
{
    return isSubtree(pattern) ? pattern.chopped(1) : pattern;
}

// "pool/home" covers "pool/home" and "pool/home/alice", not "pool/homework".
bool covers(const QString &path, const QString &filesystem)
{
    if (path.isEmpty()) {
        return true;  // "<" alone covers every dataset
    }
    return filesystem == path || (filesystem.startsWith(path) && filesystem.at(path.size()) == u'/');
}

}  // namespace

QString parentDataset(const QString &name)
{
    const qsizetype slash = name.lastIndexOf(u'/');
    return slash < 0 ? QString() : name.left(slash);
}

FilesystemFilter::FilesystemFilter(QList<FilterEntry> entries)
    : m_entries(std::move(entries))
{}

FilesystemFilter FilesystemFilter::forSelection(const QStringList &filesystems, const QSet<QString> &included)
{
    // What the filter built so far says about each filesystem; a child inherits its parent's answer through its
    // subtree pattern unless it gets one of its own.
    QHash<QString, bool> effective;
    QList<FilterEntry> entries;
    for (const QString &name : filesystems) {
        // The nearest listed ancestor decides: a filesystem the daemon could not list leaves a gap, not a reset.
        bool inherited = false;
        for (QString ancestor = parentDataset(name); !ancestor.isEmpty(); ancestor = parentDataset(ancestor)) {
            if (const auto it = effective.constFind(ancestor); it != effective.constEnd()) {
                inherited = *it;
                break;
            }
        }
        const bool wanted = included.contains(name);
        if (wanted != inherited) {
            entries.append({name + u'<', wanted});
        }
        effective.insert(name, wanted);
    }
    return FilesystemFilter(std::move(entries));
}

bool FilesystemFilter::matches(const QString &filesystem) const
{
    const FilterEntry *longest = nullptr;
    qsizetype longestLength = -1;
    for (const FilterEntry &entry : m_entries) {
        const QString path = patternPath(entry.pattern);
        if (!isSubtree(entry.pattern)) {
            if (path == filesystem) {
                return entry.include;  // naming the dataset exactly beats every subtree
            }
        } else if (covers(path, filesystem) && path.size() > longestLength) {
            longest = &entry;
            longestLength = path.size();
        }
    }
    return longest && longest->include;
}

QSet<QString> FilesystemFilter::selection(const QStringList &filesystems) const
{
    QSet<QString> included;
    for (const QString &name : filesystems) {
        if (matches(name)) {
            included.insert(name);
        }
    }
    return included;
}

QString FilesystemFilter::toYaml() const
{
    QStringList pairs;
    for (const FilterEntry &entry : m_entries) {
        pairs.append(YamlText::quoted(entry.pattern) + u": "_s + (entry.include ? u"true"_s : u"false"_s));
    }
    return u'{' + pairs.join(u", "_s) + u'}';
}

QString FilesystemFilter::toYamlBlock() const
{
    QStringList lines;
    for (const FilterEntry &entry : m_entries) {
        lines.append(YamlText::quoted(entry.pattern) + u": "_s + (entry.include ? u"true"_s : u"false"_s));
    }
    return lines.join(u'\n');
}

QString FilesystemFilter::describe() const
{
    QStringList included;
    QStringList excluded;
    for (const FilterEntry &entry : m_entries) {
        const QString path = patternPath(entry.pattern);
        QString words;
        if (path.isEmpty()) {
            words = Words::tr("every filesystem");
        } else if (isSubtree(entry.pattern)) {
            words = Words::tr("%1 and below").arg(path);
        } else {
            words = path;
        }
        (entry.include ? included : excluded).append(words);
    }
    if (included.isEmpty()) {
        return Words::tr("no filesystem");
    }
    const QString list = included.join(u", "_s);
    return excluded.isEmpty() ? list : Words::tr("%1, except %2").arg(list, excluded.join(u", "_s));
}

}  // namespace Gui
