// SPDX-License-Identifier: MIT
#pragma once

#include <type_traits>
#include <utility>

#include <QFutureWatcher>
#include <QObject>

#include <QtConcurrent/QtConcurrentRun>

namespace Gui {

// Runs `work` on Qt's thread pool and hands its result to `done` on `context`'s thread. When `context` is destroyed
// first, the result is dropped: `work` must therefore own everything it touches (capture by value, never `this`).
// For the file system and `zfs`, which may block for as long as they like while the window stays responsive.
template<typename Work, typename Done>
void runInBackground(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
        done(watcher->future().result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

}  // namespace Gui
