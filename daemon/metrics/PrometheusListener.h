// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <memory>

namespace prometheus {
class Exposer;
class Collectable;
class Registry;
}  // namespace prometheus

namespace Daemon {

// zrepl's `global.monitoring: [{type: prometheus, listen: ...}]`: serves GET /metrics over TCP with
// prometheus-cpp's exposer, which runs on its own threads.
class PrometheusListener
{
public:
    PrometheusListener();
    ~PrometheusListener();

    // false with `error` set when the address is unusable or taken.
    bool listen(const QString &hostPort, const std::shared_ptr<prometheus::Registry> &registry, QString *error,
                const std::shared_ptr<prometheus::Collectable> &extra = {});
    // The TCP port actually bound (useful with port 0 in tests); 0 when not listening.
    int port() const;

private:
    std::unique_ptr<prometheus::Exposer> m_exposer;
};

}  // namespace Daemon
