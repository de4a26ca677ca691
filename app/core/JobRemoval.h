// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

namespace Gui {

// What removing a job from the configuration does, said before it is done: the job stops, and nothing on the
// pools is destroyed.
class JobRemoval
{
    Q_DECLARE_TR_FUNCTIONS(Gui::JobRemoval)

public:
    // `type` is zrepl's job type ("push", "sink", ...); `rootFs` the dataset a sink or pull job receives into ("" if
    // unknown or none); for a push job over the local transport, `localSink` is the sink job of this file it sends to
    // and `rootFs` where that one receives.
    static QString title(const QString &job);
    static QString question(const QString &job, const QString &type);
    static QString
    details(const QString &job, const QString &type, const QString &rootFs, const QString &localSink = {});
};

}  // namespace Gui
