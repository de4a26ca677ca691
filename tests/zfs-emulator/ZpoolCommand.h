#pragma once

#include <QStringList>

#include "EmulatorState.h"

// The `zpool` subset a replication daemon and its tests use: create, destroy, list, get, version.
class ZpoolCommand
{
public:
    int run(const QStringList &args);

private:
    int usage(const QString &command, const QString &problem = {});
    int create(const QStringList &args);
    int destroy(const QStringList &args);
    int list(const QStringList &args);
    int get(const QStringList &args);
    QString property(const Pool &pool, const QString &name, bool literal, QString *source);
    quint64 poolSize(const Pool &pool) const;

    EmulatorState m_state;
};
