// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>

#include <concepts>
#include <functional>
#include <type_traits>

#include "shared/http/HttpMessage.h"

namespace Daemon {

class HttpConnection;

// How a handler answers one request: a callback, and the connection it came on (when there is one), so that a
// handler that keeps a request waiting can tell when its client went away and forget it at once.
class HttpReply
{
public:
    using Callback = std::function<void(Http::Response)>;

    HttpReply() = default;
    // A plain callback, with no connection to watch (tests, answerAtOnce): every lambda call site stays as it was.
    template<typename F>
        requires(!std::same_as<std::remove_cvref_t<F>, HttpReply> && std::constructible_from<Callback, F>)
    HttpReply(F &&callback)  // NOLINT(google-explicit-constructor): a lambda is a Reply
        : m_callback(std::forward<F>(callback))
    {}
    // A callback that answers on `connection`; handlers that wrap an answer pass the connection of the reply they
    // wrap, so that it stays known.
    HttpReply(Callback callback, HttpConnection *connection);

    void operator()(Http::Response response) const
    {
        if (m_callback) {
            m_callback(std::move(response));
        }
    }
    // The client's connection while it is open; nullptr when there is none or it is gone. Its closed() and
    // destroyed() signals say that the answer will reach nobody.
    HttpConnection *connection() const;

private:
    Callback m_callback;
    QPointer<QObject> m_connection;  // an HttpConnection; QObject so that this header needs only its name
};

// Answers one parsed request. Called in the event loop thread; must not block.
class HttpHandler
{
public:
    using Reply = HttpReply;

    virtual ~HttpHandler() = default;
    virtual Http::Response handle(const Http::Request &request) = 0;
    // For answers that wait on something (a `zfs` process, a status change): `reply` is called exactly once, now or
    // later, in the event loop thread. The connection reads no further request until then, and its own timeouts
    // are off (the handler's limits apply); calling it after the client went away is harmless. The default answers
    // at once.
    virtual void handleAsync(const Http::Request &request, Reply reply) { reply(handle(request)); }
};

// handle() for a handler whose work is in handleAsync(): its answer when it comes at once, else a 500 saying that
// the endpoint answers only asynchronously (the holds endpoints, which wait for zfs).
Http::Response answerAtOnce(HttpHandler &handler, const Http::Request &request);

}  // namespace Daemon
