// SPDX-License-Identifier: MIT
#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Zfs {

namespace {

// OpenZFS zfs_namecheck.c valid_char(): the only characters a name component may hold.
bool isValidChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_'
           || u == u'.' || u == u':' || u == u' ';
}

QString invalidCharacter(QChar c)
{
    return u"invalid character '%1' in name"_s.arg(c);
}

bool isDelimiter(QChar c)
{
    return c == u'/' || c == u'@' || c == u'#';
}

}  // namespace

std::optional<QString> componentNamecheck(QStringView component)
{
    if (component.isEmpty()) {
        return u"name must not be empty"_s;
    }
    if (component.size() > MaxDatasetNameLength) {
        return u"name is too long"_s;
    }
    for (QChar c : component) {
        if (!isValidChar(c)) {
            return invalidCharacter(c);
        }
    }
    if (component == u".") {
        return u"self reference, '.' is found in name"_s;
    }
    if (component == u"..") {
        return u"parent reference, '..' is found in name"_s;
    }
    return std::nullopt;
}

std::optional<QString> entityNamecheck(QStringView name, EntityType type)
{
    // libzfs zfs_validate_name(): which delimiter the type needs comes before the character rules, so that
    // "pool/fs@snap" given as a filesystem says what is really wrong.
    const bool hasAt = name.contains(u'@');
    const bool hasHash = name.contains(u'#');
    if (type != EntityType::Snapshot && hasAt) {
        return u"snapshot delimiter '@' is not expected here"_s;
    }
    if (type == EntityType::Snapshot && !hasAt) {
        return u"missing '@' delimiter in snapshot name"_s;
    }
    if (type != EntityType::Bookmark && hasHash) {
        return u"bookmark delimiter '#' is not expected here"_s;
    }
    if (type == EntityType::Bookmark && !hasHash) {
        return u"missing '#' delimiter in bookmark name"_s;
    }

    // zfs_namecheck.c entity_namecheck()
    if (name.size() > MaxDatasetNameLength) {
        return u"name is too long"_s;
    }
    if (name.startsWith(u'/')) {
        return u"leading slash in name"_s;
    }
    if (name.isEmpty()) {
        return u"empty component or misplaced '@' or '#' delimiter in name"_s;
    }

    bool foundDelimiter = false;
    qsizetype start = 0;
    for (;;) {
        qsizetype end = start;
        while (end < name.size() && !isDelimiter(name[end])) {
            ++end;
        }
        if (end == name.size() && name[end - 1] == u'/') {
            return u"trailing slash in name"_s;
        }
        const QStringView component = name.sliced(start, end - start);
        for (QChar c : component) {
            // '%' is valid for OpenZFS's own temporary names only; zfs_validate_name() refuses it from users.
            if (!isValidChar(c)) {
                return invalidCharacter(c);
            }
        }
        const bool endsComponent = end == name.size() || name[end] == u'/';
        if (endsComponent && component == u".") {
            return u"self reference, '.' is found in name"_s;
        }
        if (endsComponent && component == u"..") {
            return u"parent reference, '..' is found in name"_s;
        }
        if (end < name.size() && (name[end] == u'@' || name[end] == u'#')) {
            if (foundDelimiter) {
                return u"multiple '@' and/or '#' delimiters in name"_s;
            }
            foundDelimiter = true;
        }
        if (component.isEmpty()) {
            return u"empty component or misplaced '@' or '#' delimiter in name"_s;
        }
        if (end == name.size()) {
            return std::nullopt;
        }
        // The snapshot or bookmark part is the last one: a '/' after the delimiter would make it a path.
        if (name[end] == u'/' && foundDelimiter) {
            return u"trailing slash in name"_s;
        }
        start = end + 1;
    }
}

std::optional<QString> datasetPathCheck(QStringView path)
{
    if (path.isEmpty()) {
        return std::nullopt;
    }
    static constexpr QStringView forbidden = u"@#|\t<>*";
    for (QChar c : path) {
        if (forbidden.contains(c)) {
            return u"contains forbidden characters (any of '@#|\\t<>*')"_s;
        }
    }
    if (path.endsWith(u'/')) {
        return u"must not end with a '/'"_s;
    }
    return std::nullopt;
}

std::optional<QString> jobIdCheck(QStringView name)
{
    if (name.isEmpty()) {
        return u"must not be empty"_s;
    }
    if (const auto why = componentNamecheck(name)) {
        return u"must be usable as a dataset path component: "_s + *why;
    }
    // The job id ends every on-pool name zrepl derives for the job; "pool/ds" and this guid stand for the
    // shortest real dataset and a full-width guid, as zrepl checks it. The cursor bookmark is the longest name.
    const QString guid = u"00000000face601d"_s;
    const QString id = name.toString();
    const QString cursorBookmark = u"pool/ds#zrepl_CURSOR_G_"_s + guid + u"_J_"_s + id;
    if (const auto why = entityNamecheck(cursorBookmark, EntityType::Bookmark)) {
        return u"must be usable for a replication cursor bookmark: "_s + *why;
    }
    const QString stepBookmark = u"pool/ds#zrepl_STEP_G_"_s + guid + u"_J_"_s + id;
    if (const auto why = entityNamecheck(stepBookmark, EntityType::Bookmark)) {
        return u"must be usable for a step bookmark: "_s + *why;
    }
    const QString stepHold = u"zrepl_STEP_J_"_s + id;
    if (stepHold.size() > MaxHoldTagLength) {
        return u"must be usable for a step hold tag: name is too long"_s;
    }
    const QString lastReceivedHold = u"zrepl_last_received_J_"_s + id;
    if (lastReceivedHold.size() > MaxHoldTagLength) {
        return u"must be usable as a last-received-hold tag: name is too long"_s;
    }
    if (const auto why = datasetPathCheck(name)) {
        return u"must be usable in a ZFS dataset path: "_s + *why;
    }
    return std::nullopt;
}

}  // namespace Zfs
