#pragma once

#include <optional>

#include <QString>
#include <QStringList>

// Injected failures for replication tests. Rules come from $HOLDFAST_ZFS_EMULATOR_FAULTS (separated by ';' or
// newlines) and from the file "faults" in the state directory, one per line; '#' starts a comment.
//   <command>:<action>[=<argument>][,once]
// e.g. "send:cut-after-bytes=4096", "send:stall-after-bytes=4096,once", "recv:fail,once", "destroy:refuse=pool/fs@s", "snapshot:fail=pool/fs".
// A rule with "once" fires one time; the state directory remembers it in "faults.fired".
class FaultRules
{
public:
    struct Rule
    {
        QString text;
        QString command;
        QString action;
        QString argument;
        bool once = false;
    };

    // Call with the state lock held: firing a one-shot rule writes faults.fired.
    void load(const QString &stateDirectory);

    // The first rule for command and action whose argument is empty or matches; marks one-shot rules fired.
    std::optional<Rule> take(const QString &command, const QString &action, const QString &subject = {});
    // Like take() for rules whose argument is a value (cut-after-bytes=N) rather than a subject to match.
    std::optional<Rule> takeValued(const QString &command, const QString &action);

private:
    std::optional<Rule> fire(qsizetype index);

    QList<Rule> m_rules;
    QStringList m_fired;
    QString m_directory;
};
