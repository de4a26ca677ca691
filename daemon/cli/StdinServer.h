// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Daemon {

struct CliContext;

// `holdfast stdinserver CLIENT_IDENTITY`: the remote half of zrepl's ssh+stdinserver transport. sshd runs it as
// the forced command of an authorized_keys entry; it connects to the Unix socket
// <global.serve.stdinserver.sockdir>/<CLIENT_IDENTITY> on which the daemon's sink or source job listens and copies
// stdin to the socket and the socket to stdout.
class StdinServer
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::StdinServer)

public:
    // Bytes buffered per direction at most.
    static constexpr int BufferSize = 256 * 1024;

    // nullopt when `identity` can name a socket in the socket directory; otherwise why not. Rejects what the
    // configuration rejects as a client identity, and anything that is not a single path component (empty,
    // "/", "." and "..").
    static std::optional<QString> identityProblem(const QString &identity);

    // The subcommand: arguments with the command's name first ("holdfast stdinserver", "client1"); returns the
    // exit code: 0 when both directions ended cleanly, 1 on any failure (with the reason on stderr), 2 for an
    // unknown option.
    static int command(CliContext &context, const QStringList &arguments);
};

// Connects to the Unix socket at `socketPath` and copies inFd to the socket and the socket to outFd until both
// directions have ended:
//  - at EOF on inFd the socket's write side is shut down (shutdown(SHUT_WR)), and copying socket -> outFd goes on;
//  - once the socket is at EOF and everything read from it was written to outFd, the bridge ends as soon as inFd
//    is no longer needed: at once when the peer has closed the connection (POLLHUP, EPIPE, ECONNRESET), without
//    waiting for inFd's EOF; a peer that only shut down its write side still gets inFd until its EOF. What inFd
//    brings after the peer stopped reading is dropped.
// At most BufferSize bytes are buffered per direction. SIGPIPE is blocked in the calling thread while it runs.
// Takes ownership of inFd and outFd (which may be the same descriptor): both are closed on return, outFd's write
// side shut down first when it is a socket, so that their other ends see EOF; their file status flags (the
// bridge sets O_NONBLOCK) are restored before that.
// Returns 0 when both directions ended cleanly, else 1 with a message in *error (may be null).
int runStdinServerBridge(int inFd, int outFd, const QString &socketPath, QString *error);

}  // namespace Daemon
