// SPDX-License-Identifier: MIT
#include "OpensslPair.h"

#include <chrono>
#include <csignal>
#include <thread>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ChildProcesses.h"

using namespace Qt::StringLiterals;

namespace ReplicationBench {

bool makeTestPki(const QString &script, const QString &dir, TlsFiles *files, std::string *why)
{
    const QString bash = QStandardPaths::findExecutable(u"bash"_s);
    if (bash.isEmpty() || QStandardPaths::findExecutable(u"openssl"_s).isEmpty()) {
        *why = "bash or openssl is not installed";
        return false;
    }
    if (!QFile::exists(script)) {
        *why = script.toStdString() + " is missing";
        return false;
    }
    QProcess pki;
    pki.setProcessChannelMode(QProcess::MergedChannels);
    pki.start(bash, {script, dir});
    // The bench does nothing else meanwhile.
    if (!pki.waitForFinished(60000) || pki.exitStatus() != QProcess::NormalExit || pki.exitCode() != 0) {
        *why = "pki.sh failed: " + QString::fromLocal8Bit(pki.readAll()).trimmed().toStdString();
        return false;
    }
    const QDir out(dir);
    files->ca = out.filePath(u"ca.crt"_s);
    files->serverCert = out.filePath(u"server.crt"_s);
    files->serverKey = out.filePath(u"server.key"_s);
    files->clientCert = out.filePath(u"client1.crt"_s);
    files->clientKey = out.filePath(u"client1.key"_s);
    files->serverCn = u"sink.holdfast.test"_s;
    files->clientCn = u"client1"_s;
    return true;
}

QStringList OpensslPair::sessionArguments() const
{
    if (m_protocol == u"TLSv1.3"_s) {
        return {u"-tls1_3"_s, u"-ciphersuites"_s, m_cipher};
    }
    if (m_protocol == u"TLSv1.2"_s) {
        return {u"-tls1_2"_s, u"-cipher"_s, m_cipher};
    }
    return {};
}

namespace {

// Every process of a run that has not been reaped yet is killed and reaped when the run fails half-way.
class Children
{
public:
    ~Children()
    {
        for (const pid_t pid : m_pids) {
            ::kill(pid, SIGKILL);
            reap(pid);
        }
    }

    void add(pid_t pid)
    {
        m_pids.push_back(pid);
    }

    // "" when it exited with 0; its CPU into *cpu.
    std::string reapOne(pid_t pid, double *cpu)
    {
        std::erase(m_pids, pid);
        return reap(pid, cpu);
    }

    bool running(pid_t pid) const
    {
        siginfo_t info{};
        return ::waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
    }

private:
    std::vector<pid_t> m_pids;
};

Fd openFile(const QString &path, int flags)
{
    return Fd(::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC, 0600));
}

QString tail(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll().right(400)).trimmed() : QString();
}

}  // namespace

std::optional<Run> OpensslPair::copy(qint64 size, std::string *error)
{
    const QString resultFile = m_ends.nextResultFile();
    const QString serverLog = resultFile + u".s_server"_s;
    const QString clientLog = resultFile + u".s_client"_s;
    const quint16 port = freeLoopbackPort();
    Fd fromProducer, producerEnd, consumerEnd, serverOut, serverIn, keepServerIn;
    if (!makePipe(&fromProducer, &producerEnd, error) || !makePipe(&consumerEnd, &serverOut, error)
        || !makePipe(&serverIn, &keepServerIn, error)) {
        return std::nullopt;
    }
    const Fd devNull = openFile(u"/dev/null"_s, O_WRONLY);
    const Fd serverErr = openFile(serverLog, O_WRONLY | O_CREAT | O_TRUNC);
    const Fd clientErr = openFile(clientLog, O_WRONLY | O_CREAT | O_TRUNC);
    const QString address = u"127.0.0.1:%1"_s.arg(port);
    Async::ProcessSpec server{m_openssl,
                              QStringList{u"s_server"_s,
                                          u"-quiet"_s,
                                          u"-naccept"_s,
                                          u"1"_s,
                                          u"-accept"_s,
                                          address,
                                          u"-cert"_s,
                                          m_files.serverCert,
                                          u"-key"_s,
                                          m_files.serverKey,
                                          u"-CAfile"_s,
                                          m_files.ca,
                                          u"-Verify"_s,
                                          u"1"_s}
                                  + sessionArguments(),
                              {},
                              {},
                              {},
                              {},
                              {},
                              {}};
    Async::ProcessSpec client{m_openssl,
                              QStringList{u"s_client"_s,
                                          u"-quiet"_s,
                                          u"-no_ign_eof"_s,
                                          u"-nocommands"_s,
                                          u"-connect"_s,
                                          address,
                                          u"-cert"_s,
                                          m_files.clientCert,
                                          u"-key"_s,
                                          m_files.clientKey,
                                          u"-CAfile"_s,
                                          m_files.ca,
                                          u"-verify_return_error"_s,
                                          u"-servername"_s,
                                          m_files.serverCn}
                                  + sessionArguments(),
                              {},
                              {},
                              {},
                              {},
                              {},
                              {}};

    Children children;
    const pid_t consumerPid = spawn(m_ends.consumer(size, resultFile), consumerEnd.get(), -1, error);
    if (consumerPid < 0) {
        return std::nullopt;
    }
    children.add(consumerPid);
    consumerEnd.reset();
    // s_server's stdin stays open and silent: at its end s_server -quiet would close the connection.
    const pid_t serverPid = spawn(server, serverIn.get(), serverOut.get(), error, serverErr.get());
    if (serverPid < 0) {
        return std::nullopt;
    }
    children.add(serverPid);
    serverIn.reset();
    serverOut.reset();
    // It accepts one connection: a probe connection would be that one, so look at the kernel's table instead.
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (!loopbackListening(port)) {
        if (!children.running(serverPid) || Clock::now() > deadline) {
            *error =
                "openssl s_server does not listen on " + address.toStdString() + ": " + tail(serverLog).toStdString();
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

    Run run;
    const Measurement measurement;
    const pid_t producerPid = spawn(m_ends.producer(size), -1, producerEnd.get(), error);
    if (producerPid < 0) {
        return std::nullopt;
    }
    children.add(producerPid);
    producerEnd.reset();
    const pid_t clientPid = spawn(client, fromProducer.get(), devNull.get(), error, clientErr.get());
    if (clientPid < 0) {
        return std::nullopt;
    }
    children.add(clientPid);
    fromProducer.reset();

    double producerCpu = 0, clientCpu = 0, serverCpu = 0, consumerCpu = 0;
    const std::string producerExit = children.reapOne(producerPid, &producerCpu);
    const std::string clientExit = children.reapOne(clientPid, &clientCpu);
    const std::string serverExit = children.reapOne(serverPid, &serverCpu);
    keepServerIn.reset();
    const std::string consumerExit = children.reapOne(consumerPid, &consumerCpu);
    measurement.finish(&run);
    run.cpuChildren = producerCpu + consumerCpu;
    run.cpuTool = clientCpu + serverCpu;
    if (!producerExit.empty() || !clientExit.empty() || !serverExit.empty() || !consumerExit.empty()) {
        *error = "openssl pair: producer \"" + producerExit + "\", s_client \"" + clientExit + "\" ("
                 + tail(clientLog).toStdString() + "), s_server \"" + serverExit + "\" ("
                 + tail(serverLog).toStdString() + "), consumer \"" + consumerExit + "\"";
        return std::nullopt;
    }
    if (!m_ends.check("openssl pair", resultFile, size, error)) {
        return std::nullopt;
    }
    run.bytes = size;
    return run;
}

}  // namespace ReplicationBench
