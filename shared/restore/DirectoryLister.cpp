// SPDX-License-Identifier: MIT
#include "shared/restore/DirectoryLister.h"

#include <QCollator>
#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>

using namespace Qt::StringLiterals;

namespace Restore {

namespace {

// Names as people sort them: runs of digits by their value ("file9" before "file10"), the rest by the locale's
// collation. QCollator's numeric mode does this only where ICU backs it, and not in the C locale.
int naturalCompare(const QCollator &collator, const QString &a, const QString &b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const bool aDigit = a[i].isDigit();
        const bool bDigit = b[j].isDigit();
        qsizetype iEnd = i;
        qsizetype jEnd = j;
        while (iEnd < a.size() && a[iEnd].isDigit() == aDigit) {
            ++iEnd;
        }
        while (jEnd < b.size() && b[jEnd].isDigit() == bDigit) {
            ++jEnd;
        }
        int order = 0;
        if (aDigit && bDigit) {
            QStringView x = QStringView(a).sliced(i, iEnd - i);
            QStringView y = QStringView(b).sliced(j, jEnd - j);
            while (x.size() > 1 && x.front() == u'0') {
                x = x.sliced(1);
            }
            while (y.size() > 1 && y.front() == u'0') {
                y = y.sliced(1);
            }
            order = x.size() != y.size() ? (x.size() < y.size() ? -1 : 1) : x.compare(y);
        } else {
            order = collator.compare(QStringView(a).sliced(i, iEnd - i), QStringView(b).sliced(j, jEnd - j));
        }
        if (order != 0) {
            return order;
        }
        i = iEnd;
        j = jEnd;
    }
    return (a.size() - i) < (b.size() - j) ? -1 : (a.size() - i) > (b.size() - j) ? 1 : 0;
}

class ListWorker : public QObject
{
    Q_OBJECT

public:
    explicit ListWorker(std::shared_ptr<std::atomic<quint64>> wanted)
        : m_wanted(std::move(wanted))
    {}

    void list(const QString &path, quint64 request)
    {
        const auto stillWanted = [&] { return m_wanted->load(std::memory_order_relaxed) == request; };
        if (!stillWanted()) {
            return;
        }
        QList<DirectoryEntry> entries;
        QString error;
        // readdir + lstat rather than QDirIterator: one lstat per entry and nothing else (QFileInfo would stat
        // again for every property asked, and follows symlinks).
        const QByteArray encoded = QFile::encodeName(path);
        DIR *dir = ::opendir(encoded.constData());
        if (!dir) {
            error = QCoreApplication::translate("Restore::DirectoryLister", "%1 cannot be opened: %2")
                        .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        } else {
            const QString prefix = path.endsWith(u'/') ? path : path + u'/';
            errno = 0;
            while (dirent *entry = ::readdir(dir)) {
                if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0) {
                    continue;
                }
                if ((entries.size() & 1023) == 0 && !stillWanted()) {
                    break;
                }
                DirectoryEntry item;
                item.name = QFile::decodeName(entry->d_name);
                item.state = FileState::of(prefix + item.name);
                entries.append(std::move(item));
                errno = 0;
            }
            if (errno != 0) {
                error = QCoreApplication::translate("Restore::DirectoryLister", "%1 could not be read completely: %2")
                            .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            }
            ::closedir(dir);
        }
        if (!stillWanted()) {
            return;
        }
        QCollator collator;
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        std::sort(entries.begin(), entries.end(), [&](const DirectoryEntry &a, const DirectoryEntry &b) {
            const bool aDir = a.state.type == FileState::Type::Directory;
            const bool bDir = b.state.type == FileState::Type::Directory;
            if (aDir != bDir) {
                return aDir;
            }
            const int order = naturalCompare(collator, a.name, b.name);
            return order != 0 ? order < 0 : a.name < b.name;
        });
        for (qsizetype start = 0; start < entries.size(); start += DirectoryLister::BatchSize) {
            if (!stillWanted()) {
                return;
            }
            Q_EMIT entriesReady(request, entries.mid(start, DirectoryLister::BatchSize));
        }
        Q_EMIT finished(request, error);
    }

Q_SIGNALS:
    void entriesReady(quint64 request, const QList<Restore::DirectoryEntry> &batch);
    void finished(quint64 request, const QString &error);

private:
    std::shared_ptr<std::atomic<quint64>> m_wanted;
};

}  // namespace

DirectoryLister::DirectoryLister(QObject *parent)
    : QObject(parent)
    , m_wanted(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<Restore::DirectoryEntry>();
    qRegisterMetaType<QList<Restore::DirectoryEntry>>();
    auto *worker = new ListWorker(m_wanted);
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    // Queued: the batches cross to this object's thread. A batch of a request no longer wanted is dropped here
    // too, since it may have been emitted just before the new request.
    connect(worker, &ListWorker::entriesReady, this, [this](quint64 request, const QList<DirectoryEntry> &batch) {
        if (request == m_lastRequest) {
            Q_EMIT entriesReady(request, batch);
        }
    });
    connect(worker, &ListWorker::finished, this, [this](quint64 request, const QString &error) {
        if (request == m_lastRequest) {
            Q_EMIT finished(request, error);
        }
    });
    m_worker = worker;
    m_thread.setObjectName(u"DirectoryLister"_s);
    m_thread.start();
}

DirectoryLister::~DirectoryLister()
{
    m_wanted->store(0);
    m_thread.quit();
    m_thread.wait();
}

quint64 DirectoryLister::list(const QString &path)
{
    const quint64 request = ++m_lastRequest;
    m_wanted->store(request);
    auto *worker = static_cast<ListWorker *>(m_worker);
    QMetaObject::invokeMethod(worker, [worker, path, request] { worker->list(path, request); }, Qt::QueuedConnection);
    return request;
}

void DirectoryLister::cancel()
{
    ++m_lastRequest;
    m_wanted->store(0);
}

}  // namespace Restore

#include "DirectoryLister.moc"
