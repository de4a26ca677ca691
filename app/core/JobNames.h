// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Gui {

// Job names as zrepl takes them: they end every hold tag and bookmark the job puts on the pools, so they are
// usable in a ZFS dataset name (letters, digits, '-', '_', '.', ':' and space), not reserved ('_' first) and short
// enough for the longest derived name; and unique in the file.
class JobNames
{
    Q_DECLARE_TR_FUNCTIONS(Gui::JobNames)

public:
    // The longest name the assistant lets through; the daemon's own limit is a little over 200 characters.
    static constexpr int MaxLength = 64;

    // Why `name` is no valid job name, in words; nullopt when it is one.
    static std::optional<QString> problem(const QString &name, const QStringList &existing);
    // `text` made into a valid name: lower case, every other character an underscore ("Home (Alice)" →
    // "home_alice"); `fallback` when nothing is left.
    static QString sanitize(const QString &text, const QString &fallback);
    // `base`, or `base_2`, `base_3`... whichever is not in `existing` (nor in `reserved`).
    static QString unique(const QString &base, const QStringList &existing);
    // This machine's name as the receiving side calls it (the client identity), from its host name.
    static QString machineIdentity();
};

}  // namespace Gui
