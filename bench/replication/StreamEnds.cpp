// SPDX-License-Identifier: MIT
#include "StreamEnds.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <QFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ReplicationBench {

namespace {

// ---------------------------------------------------------------------------------------------------------------
// The stream ends: a pattern that repeats every PatternLength bytes (a prime, so that no chunk or buffer size of
// the transport lines up with it), kept twice in a row so that any PatternLength bytes from any offset are contiguous.

constexpr size_t PatternLength = 1048573;
constexpr size_t ProducerWrite = 128 * 1024;  // as `cat` writes; the emulator's `zfs send` writes 64 KiB
constexpr size_t ConsumerRead = 1 << 20;

std::vector<char> pattern()
{
    std::vector<char> bytes(2 * PatternLength);
    quint64 state = 0x486f6c6466617374;  // splitmix64
    for (size_t i = 0; i < PatternLength; i += 8) {
        quint64 z = (state += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        z ^= z >> 31;
        std::memcpy(bytes.data() + i, &z, std::min<size_t>(8, PatternLength - i));
    }
    std::memcpy(bytes.data() + PatternLength, bytes.data(), PatternLength);
    return bytes;
}

int produce(qint64 size)
{
    const std::vector<char> bytes = pattern();
    size_t offset = 0;
    qint64 left = size;
    while (left > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, bytes.data() + offset, size_t(std::min<qint64>(left, ProducerWrite)));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            std::fprintf(stderr,
                         "bench-replication --produce: write after %lld bytes: %s\n",
                         static_cast<long long>(size - left),
                         std::strerror(errno));
            return 1;
        }
        offset = (offset + size_t(n)) % PatternLength;
        left -= n;
    }
    return 0;
}

int consume(qint64 size, const char *resultFile)
{
    const std::vector<char> bytes = pattern();
    std::vector<char> buffer(ConsumerRead);
    size_t offset = 0;
    qint64 total = 0;
    while (true) {
        const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            std::fprintf(stderr,
                         "bench-replication --consume: read after %lld bytes: %s\n",
                         static_cast<long long>(total),
                         std::strerror(errno));
            return 1;
        }
        if (n == 0) {
            break;
        }
        for (size_t done = 0; done < size_t(n);) {
            const size_t k = std::min(size_t(n) - done, PatternLength);
            if (std::memcmp(buffer.data() + done, bytes.data() + offset, k) != 0) {
                std::fprintf(
                    stderr,
                    "bench-replication --consume: the stream differs from what was sent within bytes %lld-%lld\n",
                    static_cast<long long>(total + qint64(done)),
                    static_cast<long long>(total + qint64(done + k)));
                return 1;
            }
            offset = (offset + k) % PatternLength;
            done += k;
        }
        total += n;
    }
    if (total != size) {
        std::fprintf(stderr,
                     "bench-replication --consume: %lld bytes arrived, %lld were sent\n",
                     static_cast<long long>(total),
                     static_cast<long long>(size));
        return 1;
    }
    FILE *out = std::fopen(resultFile, "w");
    if (!out || std::fprintf(out, "%lld\n", static_cast<long long>(total)) < 0 || std::fclose(out) != 0) {
        std::fprintf(stderr, "bench-replication --consume: cannot write %s\n", resultFile);
        return 1;
    }
    return 0;
}

}  // namespace

std::optional<int> runStreamEnd(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--produce") == 0) {
        return produce(std::atoll(argv[2]));
    }
    if (argc == 4 && std::strcmp(argv[1], "--consume") == 0) {
        return consume(std::atoll(argv[2]), argv[3]);
    }
    return std::nullopt;
}

StreamEnds::StreamEnds(QString self)
    : m_self(std::move(self))
{}

bool StreamEnds::isValid(std::string *error) const
{
    if (!m_results.isValid()) {
        *error = "cannot make a temporary directory: " + m_results.errorString().toStdString();
        return false;
    }
    return true;
}

Async::ProcessSpec StreamEnds::producer(qint64 size) const
{
    return Async::ProcessSpec{m_self, {u"--produce"_s, QString::number(size)}, {}, {}, {}, {}, {}, {}};
}

Async::ProcessSpec StreamEnds::consumer(qint64 size, const QString &resultFile) const
{
    return Async::ProcessSpec{m_self, {u"--consume"_s, QString::number(size), resultFile}, {}, {}, {}, {}, {}, {}};
}

QString StreamEnds::nextResultFile()
{
    return m_results.filePath(u"consumed-%1"_s.arg(++m_runs));
}

bool StreamEnds::check(const std::string &what, const QString &resultFile, qint64 size, std::string *error) const
{
    QFile file(resultFile);
    const qint64 seen = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : -1;
    if (seen != size) {
        *error = what + ": the consumer reports " + std::to_string(seen) + " bytes checked, " + std::to_string(size)
                 + " were sent";
        return false;
    }
    return true;
}

}  // namespace ReplicationBench
