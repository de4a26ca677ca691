// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

namespace Async {

// A one-way request to stop, for work that should end early without its coroutine being destroyed: a stream
// whose producer is to be killed so that the consumer sees the end of its input (a resumable `zfs recv -s` then
// keeps what it received), or a task that cancelOn() is to destroy. request() after the first one does nothing.
class StopSignal final : public QObject
{
    Q_OBJECT

public:
    explicit StopSignal(QObject *parent = nullptr);

    void request();
    bool isRequested() const { return m_requested; }

Q_SIGNALS:
    void requested();

private:
    bool m_requested = false;
};

}  // namespace Async
