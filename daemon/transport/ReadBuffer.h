// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>

namespace Transport {

// Bytes read from a connection and not yet used: a parser looks at unread() and consume()s what it used. Reads go
// into the spare capacity at the end and consumed bytes are only skipped, so the buffer neither allocates per read
// nor moves what is left after every message; it is compacted once the skipped part outweighs the rest.
class ReadBuffer
{
public:
    QByteArrayView unread() const
    {
        return QByteArrayView(m_data).sliced(m_pos);
    }

    qsizetype size() const
    {
        return m_data.size() - m_pos;
    }

    bool isEmpty() const
    {
        return size() == 0;
    }

    void consume(qsizetype bytes);
    void clear();

    // Appends up to `max` bytes that `device` has now: the count, 0 when it has none, -1 when it has ended.
    qint64 readFrom(QIODevice *device, qsizetype max);

private:
    QByteArray m_data;
    qsizetype m_pos = 0;
};

}  // namespace Transport
