// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QProcess>
#include <QSocketNotifier>

#include <memory>

#include "daemon/async/Awaitables.h"
#include "daemon/async/Wakeup.h"

namespace Async {

// A process whose stdout (FromProcess) or stdin (ToProcess) is a non-blocking pipe that the daemon reads or writes
// itself, for streams that go to or come from a socket: `zfs send` into a replication connection, or a
// connection into `zfs recv`. Every event that may let the owner go on (the pipe became readable or writable, the
// process ended) wakes `wakeup`; the owner's loop then calls read()/write() again. A full pipe is back-pressure:
// write() says WouldBlock and the owner stops reading its socket. A FromProcess process is killed when its spec's
// `stop` is requested; for a ToProcess one the owner, which feeds it, decides how to end.
class PipeProcess final : public QObject
{
    Q_OBJECT

public:
    enum class Direction
    {
        FromProcess,
        ToProcess,
    };
    enum class Io
    {
        Ok,
        WouldBlock,  // try again after the next wake-up
        End,  // FromProcess: the process closed its stdout
        Broken,  // ToProcess: the process no longer reads (EPIPE)
    };

    PipeProcess(ProcessSpec spec, Direction direction, Wakeup &wakeup, QObject *parent = nullptr);
    ~PipeProcess() override;  // kills a process that still runs

    // false when the pipe could not be made or the program could not run; result() says why.
    bool start();
    // FromProcess: appends up to `max` bytes to *out.
    Io read(QByteArray *out, qsizetype max);
    // FromProcess: reads up to `max` bytes into `data`; *got says how many.
    Io read(char *data, qsizetype max, qsizetype *got);
    // ToProcess: writes what the pipe takes now; *written says how much.
    Io write(QByteArrayView data, qsizetype *written);
    // ToProcess: writes the front of *pending, removes what went out and adds it to *total.
    Io writeFrom(QByteArray *pending, qint64 *total);
    // ToProcess: the end of the stream for the process.
    void closePipe();
    void kill();

    // The daemon's end of the pipe (-1 before start() and after closePipe()), for an owner that moves the stream
    // with splice(2) itself; it calls notifyWhenReady() when the pipe blocked it, as read() and write() do.
    int descriptor() const { return m_fd; }
    // The next time the pipe is readable (FromProcess) or writable (ToProcess), wakes the owner.
    void notifyWhenReady() { arm(); }

    bool isFinished() const { return m_finished; }
    const ProcessResult &result() const { return m_result; }

private:
    // How long a process whose input was closed may take to finish on its own before it is killed.
    static constexpr int StopGraceMs = 500;
    void arm();

    ProcessSpec m_spec;
    Direction m_direction;
    Wakeup &m_wakeup;
    QProcess m_process;
    ProcessResult m_result;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    bool m_finished = false;
};

}  // namespace Async
