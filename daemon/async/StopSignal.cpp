// SPDX-License-Identifier: MIT
#include "daemon/async/StopSignal.h"

namespace Async {

StopSignal::StopSignal(QObject *parent)
    : QObject(parent)
{
}

void StopSignal::request()
{
    if (m_requested) {
        return;
    }
    m_requested = true;
    Q_EMIT requested();
}

}  // namespace Async
