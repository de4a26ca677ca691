#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QString>

#include "ScenarioRunner.h"

class KnownDifferences;

// Turns what a backend printed into text that does not depend on the backend's randomness or clock:
// the pool name becomes POOL, guids become G1, G2… by first appearance, createtxg values become T1, T2… by
// rank (equal txgs stay equal, so atomicity and ordering are still checked), times and stream sizes are
// dropped, resume tokens become <token>. Which column holds what is read from the command's -o list.
class TranscriptNormalizer
{
public:
    explicit TranscriptNormalizer(const QString &pool);

    // `differences` (may be null) rewrites the known messages of a backend to the OpenZFS 2.x form.
    QString normalize(const QList<StepOutcome> &outcomes, KnownDifferences *differences);

private:
    QString normalizeStep(const StepOutcome &outcome, KnownDifferences *differences);
    QString normalizeOutputLine(const QStringList &command, const QString &line);
    QString normalizeValue(const QString &property, const QString &value);
    QString replacePool(QString text) const;
    QString rankTransactionGroups(const QString &transcript) const;

    QRegularExpression m_poolName;
    QHash<QString, QString> m_guids;
    QList<qulonglong> m_transactionGroups;
};
