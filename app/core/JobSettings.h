// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>

#include "app/core/FilesystemFilter.h"
#include "app/core/Retention.h"

namespace ConfigEdit {
class ConfigTextEditor;
}

namespace Gui {

// One side's keep rules as Edit job shows them: a policy the dialog can offer, or rules it cannot express, which
// it then shows as written and leaves alone.
struct KeepSetting
{
    bool present = false;              // the job has this list at all
    std::optional<KeepPolicy> policy;  // null: rules the dialog cannot express
    QString asWritten;                 // the rules in words or YAML, for showing them

    friend bool operator==(const KeepSetting &, const KeepSetting &) = default;
};

// The common settings of a job (Edit job…): its snapshot interval, its retention on both sides and its
// filesystems, read from the file's text; what is not there or not of this job's type stays unset.
struct JobSettings
{
    QString name;
    QString type;           // zrepl's: "push", "pull", "snap", "sink", "source"
    QString interval;       // snapshotting.interval (periodic), or a pull job's interval; "" when none or manual
    bool periodic = false;  // snapshotting type periodic (push, snap, source); pull: not "manual"
    QString prefix = Retention::defaultPrefix();
    std::optional<FilesystemFilter> filesystems;  // push, snap, source
    KeepSetting sender;                           // push, pull: pruning.keep_sender; snap: pruning.keep
    KeepSetting receiver;                         // push, pull: pruning.keep_receiver

    // Reads job `name` from the editor's text; nullopt with why when it is not there or cannot be read.
    static std::optional<JobSettings>
    read(const ConfigEdit::ConfigTextEditor &editor, const QString &name, QString *error);
    // Which of the settings a job of `type` has.
    static bool hasInterval(const QString &type);
    static bool hasFilesystems(const QString &type);
    static bool hasReceiver(const QString &type);
    static bool hasSender(const QString &type);

    friend bool operator==(const JobSettings &, const JobSettings &) = default;
};

// Applies what changed between two settings of the same job to a text, one value at a time through
// ConfigTextEditor::setJobValue: everything else in the file stays as written.
class JobSettingsEdit
{
    Q_DECLARE_TR_FUNCTIONS(Gui::JobSettingsEdit)

public:
    static std::optional<QString>
    apply(const QString &text, const JobSettings &before, const JobSettings &after, QString *error);
    // What apply() would change, in words ("snapshot interval 1h → 15m"); empty when nothing.
    static QStringList describe(const JobSettings &before, const JobSettings &after);
};

}  // namespace Gui
