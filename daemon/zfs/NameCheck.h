// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

// OpenZFS's entity_namecheck() and zfs_validate_name() rules (module/zcommon/zfs_namecheck.c), and zrepl's job
// id rules built on them. Each check returns nullopt when the name is valid, else a message saying what is wrong.
namespace Zfs {

enum class EntityType
{
    Filesystem,
    Snapshot,
    Bookmark,
};

constexpr int MaxDatasetNameLength = 255;  // ZFS_MAX_DATASET_NAME_LEN - 1
constexpr int MaxHoldTagLength = 255;

// One path component: 1..255 ASCII characters of [0-9a-zA-Z-_.: ], not "." or "..".
std::optional<QString> componentNamecheck(QStringView component);
// A whole dataset, snapshot or bookmark name, e.g. "pool/fs@snap".
std::optional<QString> entityNamecheck(QStringView name, EntityType type);
// zrepl's DatasetPath: no '@', '#', '|', tab, '<', '>', '*', no trailing '/'. The empty path is valid.
std::optional<QString> datasetPathCheck(QStringView path);
// A job name usable as zrepl's JobID: a valid component that keeps every derived on-pool name (step bookmark,
// step hold, last-received hold) within ZFS's limits.
std::optional<QString> jobIdCheck(QStringView name);

}  // namespace Zfs
