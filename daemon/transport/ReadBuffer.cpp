// SPDX-License-Identifier: MIT
#include "daemon/transport/ReadBuffer.h"

#include <cstring>

namespace Transport {

void ReadBuffer::consume(qsizetype bytes)
{
    m_pos += std::min(bytes, size());
    if (m_pos == m_data.size()) {
        // Keeps the capacity for the next read.
        m_data.resize(0);
        m_pos = 0;
    }
}

void ReadBuffer::clear()
{
    m_data.clear();
    m_pos = 0;
}

qint64 ReadBuffer::readFrom(QIODevice *device, qsizetype max)
{
    if (m_pos > 0 && m_pos >= size()) {
        // The rest is smaller than what was skipped: moving it costs less than the room it frees.
        const qsizetype rest = size();
        std::memmove(m_data.data(), m_data.constData() + m_pos, size_t(rest));
        m_data.resize(rest);
        m_pos = 0;
    }
    const qsizetype old = m_data.size();
    m_data.resize(old + max);
    const qint64 n = device->read(m_data.data() + old, max);
    m_data.resize(old + std::max<qint64>(n, 0));
    return n;
}

}  // namespace Transport
