#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

#include "EmulatorState.h"
#include "FaultRules.h"

// The `zfs` command line of OpenZFS 2.1 (zfs_main.c and libzfs), over the emulator's state.
class ZfsCommand
{
public:
    int run(const QStringList &args);

    static QString usageText(const QString &command);

private:
    bool openState();
    bool saveState();
    int usage(const QString &command, const QString &problem = {});
    int datasetMissing(const QString &name);

    int create(const QStringList &args);
    int destroy(const QStringList &args);
    int snapshot(const QStringList &args);
    int list(const QStringList &args);
    int get(const QStringList &args);
    int set(const QStringList &args);
    int inherit(const QStringList &args);
    int hold(const QStringList &args, bool holding);
    int holds(const QStringList &args);
    int bookmark(const QStringList &args);
    int rollback(const QStringList &args);
    int send(const QStringList &args);
    int receive(const QStringList &args);
    int abortReceive(const QString &fs);
    int loadKey(const QStringList &args, bool load);

    // Property values as zfs get/list print them; source is "-", "local", "default", "received",
    // "inherited from X" or empty for "not applicable to this type".
    QString propertyValue(const Dataset &d, const QString &property, bool literal, QString *source = nullptr);
    QString userProperty(const Dataset &d, const QString &property, QString *source);
    QString inheritedNative(const Dataset &d, const QString &property, const QString &fallback, QString *source);
    quint64 usedBytes(const Dataset &d);
    quint64 availableBytes(const QString &pool);
    bool isKnownProperty(const QString &property) const;
    QStringList allProperties(const Dataset &d);

    // zfs list / get traversal: the datasets named (or all), their descendants to depth, filtered by type.
    QStringList select(const QStringList &names,
                       bool recursive,
                       int depth,
                       const QSet<QString> &types,
                       bool typesGiven,
                       int *failures);
    static bool datasetLess(const Dataset &a, const Dataset &b);

    QString resolveSendSource(const QString &from, const QString &to);
    Dataset *findByGuid(const QString &fs, quint64 guid);
    void removeDataset(const QString &name);
    Dataset &createFilesystem(const QString &name, const QMap<QString, QString> &props);

    EmulatorState m_state;
    FaultRules m_faults;
};
