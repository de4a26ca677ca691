// SPDX-License-Identifier: MIT
#include "PrivateSshd.h"

#include <chrono>
#include <csignal>
#include <thread>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ChildProcesses.h"

using namespace Qt::StringLiterals;

namespace ReplicationBench {

namespace {

constexpr auto SshdStartTimeout = std::chrono::seconds(10);
constexpr auto SettleTimeout = std::chrono::seconds(10);
const QString Sshd = u"/usr/sbin/sshd"_s;

bool run(const QString &program, const QStringList &arguments, std::string *why)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *why = program.toStdString() + " failed: " + QString::fromLocal8Bit(process.readAll()).trimmed().toStdString();
        return false;
    }
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// The fields of /proc/PID/stat after the command's closing parenthesis: [0] is the state, [1] the parent's pid.
QList<QByteArray> statFields(const QString &pid)
{
    const QByteArray stat = readFile(u"/proc/%1/stat"_s.arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    return close < 0 ? QList<QByteArray>() : stat.mid(close + 2).trimmed().split(' ');
}

// A single-quoted word for the remote shell.
QString shellQuoted(const QString &word)
{
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + quoted + u"'"_s;
}

}  // namespace

PrivateSshd::~PrivateSshd()
{
    stop();
}

bool PrivateSshd::start(const QString &dir, const QString &sinkCommand, const QString &sourceCommand, std::string *why)
{
    if (::geteuid() != 0) {
        *why = "sshd needs root here (as tests/integration/sshd-env.sh)";
        return false;
    }
    m_ssh = QStandardPaths::findExecutable(u"ssh"_s);
    const QString keygen = QStandardPaths::findExecutable(u"ssh-keygen"_s);
    if (!QFileInfo(Sshd).isExecutable() || m_ssh.isEmpty() || keygen.isEmpty()) {
        *why = "openssh-server or openssh-client is not installed";
        return false;
    }
    m_dir = dir;
    const QDir d(dir);
    if (!d.mkpath(u"."_s)) {
        *why = "cannot create " + dir.toStdString();
        return false;
    }
    m_sinkKey = d.filePath(u"sink_ed25519"_s);
    m_sourceKey = d.filePath(u"source_ed25519"_s);
    m_plainKey = d.filePath(u"plain_ed25519"_s);
    m_knownHosts = d.filePath(u"known_hosts"_s);
    const QString hostKey = d.filePath(u"ssh_host_ed25519_key"_s);
    for (const QString &key : {hostKey, m_sinkKey, m_sourceKey, m_plainKey}) {
        QFile::remove(key);
        QFile::remove(key + u".pub"_s);
        if (!run(keygen, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, u""_s, u"-f"_s, key}, why)) {
            return false;
        }
    }
    // In authorized_keys only \" is an escape inside the quoted command.
    auto forced = [](QString command, const QString &key) -> QByteArray {
        command.replace(u"\""_s, u"\\\""_s);
        return u"command=\"%1\",restrict "_s.arg(command).toUtf8() + readFile(key + u".pub"_s);
    };
    const QString authorizedKeys = d.filePath(u"authorized_keys"_s);
    if (!writeFile(authorizedKeys,
                   forced(sinkCommand, m_sinkKey) + forced(sourceCommand, m_sourceKey) + "restrict "
                       + readFile(m_plainKey + u".pub"_s))) {
        *why = "cannot write " + authorizedKeys.toStdString();
        return false;
    }
    // sshd's privilege separation directory, missing where the sshd service never ran (containers).
    ::mkdir("/run/sshd", 0755);

    const QString config = d.filePath(u"sshd_config"_s);
    const QString log = d.filePath(u"sshd.log"_s);
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freeLoopbackPort();
        const QString text = u"Port %1\nListenAddress 127.0.0.1\nHostKey \"%2\"\nPidFile \"%3\"\n"
                             "AuthorizedKeysFile \"%4\"\nPermitRootLogin prohibit-password\n"
                             "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                             "UsePAM no\nStrictModes no\nPrintMotd no\nMaxStartups 64\nLogLevel INFO\n"_s.arg(
                                 QString::number(m_port), hostKey, d.filePath(u"sshd.pid"_s), authorizedKeys);
        const Fd logFd(::open(QFile::encodeName(log).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
        if (!writeFile(config, text.toUtf8()) || logFd.get() < 0) {
            *why = "cannot write " + config.toStdString() + " or " + log.toStdString();
            return false;
        }
        m_pid = spawn(Async::ProcessSpec{Sshd, {u"-D"_s, u"-e"_s, u"-f"_s, config}, {}, {}, {}, {}, {}, {}},
                      -1,
                      logFd.get(),
                      why,
                      logFd.get());
        if (m_pid < 0) {
            return false;
        }
        const auto deadline = Clock::now() + SshdStartTimeout;
        bool exited = false;
        while (!loopbackListening(m_port) && Clock::now() < deadline) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                exited = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (!exited && loopbackListening(m_port)) {
            const QList<QByteArray> hostPub = readFile(hostKey + u".pub"_s).split(' ');
            writeFile(m_knownHosts,
                      "[127.0.0.1]:" + QByteArray::number(m_port) + ' ' + hostPub.value(0) + ' ' + hostPub.value(1)
                          + '\n');
            return true;
        }
        if (!exited) {
            stop();
            break;
        }
        m_pid = -1;
        // Another process took the port between choosing and binding it: choose again.
        if (!readFile(log).right(300).contains("Address already in use")) {
            break;
        }
    }
    *why = "sshd did not start: " + QString::fromLocal8Bit(readFile(log).right(600)).trimmed().toStdString();
    return false;
}

void PrivateSshd::stop()
{
    if (m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGTERM);
    reap(m_pid);
    m_pid = -1;
}

QStringList PrivateSshd::options() const
{
    QStringList options{
        u"UserKnownHostsFile=%1"_s.arg(m_knownHosts), u"StrictHostKeyChecking=yes"_s, u"IdentitiesOnly=yes"_s};
    if (!m_cipher.isEmpty()) {
        options.append(u"Ciphers=%1"_s.arg(m_cipher));
    }
    return options;
}

QStringList PrivateSshd::sshArguments(const QString &key) const
{
    QStringList arguments{u"-p"_s, QString::number(m_port), u"-T"_s, u"-i"_s, key, u"-o"_s, u"BatchMode=yes"_s};
    for (const QString &option : options()) {
        arguments << u"-o"_s << option;
    }
    arguments << u"root@127.0.0.1"_s;
    return arguments;
}

QString PrivateSshd::negotiatedCipher(std::string *error)
{
    QProcess ssh;
    ssh.start(m_ssh, QStringList{u"-v"_s} + sshArguments(m_plainKey) + QStringList{u"true"_s});
    const bool finished = ssh.waitForFinished(30000);
    const QString log = QString::fromLocal8Bit(ssh.readAllStandardError());
    settle();
    const QRegularExpressionMatch match = QRegularExpression(u"kex: server->client cipher: (\\S+)"_s).match(log);
    if (!finished || ssh.exitCode() != 0 || !match.hasMatch()) {
        *error = "ssh to the private sshd failed: " + log.right(600).trimmed().toStdString();
        return {};
    }
    return match.captured(1);
}

double PrivateSshd::sessionsCpu() const
{
    // cutime and cstime, fields 16 and 17 of /proc/PID/stat: the processes sshd has reaped.
    const QList<QByteArray> fields = statFields(QString::number(m_pid));
    if (fields.size() < 15) {
        return 0;
    }
    return double(fields[13].toLongLong() + fields[14].toLongLong()) / double(::sysconf(_SC_CLK_TCK));
}

void PrivateSshd::settle() const
{
    const QByteArray parent = QByteArray::number(m_pid);
    const auto deadline = Clock::now() + SettleTimeout;
    while (Clock::now() < deadline) {
        bool sessions = false;
        for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
            if (pid.front().isDigit() && statFields(pid).value(1) == parent) {
                sessions = true;
                break;
            }
        }
        if (!sessions) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::optional<Run> PrivateSshd::copy(bool push, qint64 size, std::string *error)
{
    const char *what = push ? "ssh baseline push" : "ssh baseline pull";
    const QString resultFile = m_ends.nextResultFile();
    const QString remote =
        push
            ? u"%1 --consume %2 %3"_s.arg(shellQuoted(m_ends.program()), QString::number(size), shellQuoted(resultFile))
            : u"%1 --produce %2"_s.arg(shellQuoted(m_ends.program()), QString::number(size));
    const Async::ProcessSpec ssh{m_ssh, sshArguments(m_plainKey) + QStringList{remote}, {}, {}, {}, {}, {}, {}};
    const QString sshLog = resultFile + u".ssh"_s;
    Fd readEnd, writeEnd;
    if (!makePipe(&readEnd, &writeEnd, error)) {
        return std::nullopt;
    }
    const Fd devNull(::open("/dev/null", O_RDWR | O_CLOEXEC));
    const Fd sshErr(::open(QFile::encodeName(sshLog).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));

    settle();
    const double remoteAtStart = sessionsCpu();
    Run run;
    const Measurement measurement;
    pid_t sshPid = -1;
    pid_t endPid = -1;
    if (push) {
        endPid = spawn(m_ends.producer(size), -1, writeEnd.get(), error);
        sshPid = endPid < 0 ? -1 : spawn(ssh, readEnd.get(), devNull.get(), error, sshErr.get());
    } else {
        endPid = spawn(m_ends.consumer(size, resultFile), readEnd.get(), -1, error);
        sshPid = endPid < 0 ? -1 : spawn(ssh, devNull.get(), writeEnd.get(), error, sshErr.get());
    }
    readEnd.reset();
    writeEnd.reset();
    if (sshPid < 0 && endPid > 0) {
        ::kill(endPid, SIGKILL);
    }
    const std::string sshExit = sshPid < 0 ? "not started" : reap(sshPid);
    const std::string endExit = endPid < 0 ? "not started" : reap(endPid);
    const Clock::time_point end = Clock::now();
    settle();
    run.cpuRemote = sessionsCpu() - remoteAtStart;
    measurement.finish(&run);
    run.seconds = std::chrono::duration<double>(end - measurement.start()).count();
    if (!sshExit.empty() || !endExit.empty()) {
        *error = std::string(what) + ": ssh \"" + sshExit + "\" ("
                 + QString::fromLocal8Bit(readFile(sshLog).right(400)).trimmed().toStdString() + "), "
                 + (push ? "producer" : "consumer") + " \"" + endExit + "\"";
        return std::nullopt;
    }
    if (!m_ends.check(what, resultFile, size, error)) {
        return std::nullopt;
    }
    run.bytes = size;
    return run;
}

}  // namespace ReplicationBench
