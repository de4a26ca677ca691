// SPDX-License-Identifier: MIT
#include "daemon/metrics/PrometheusListener.h"

#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include <stdexcept>

#include "daemon/metrics/ProcessCollector.h"

using namespace Qt::StringLiterals;

namespace Daemon {

PrometheusListener::PrometheusListener() = default;
PrometheusListener::~PrometheusListener() = default;

bool PrometheusListener::listen(const QString &hostPort, const std::shared_ptr<prometheus::Registry> &registry,
                                QString *error, const std::shared_ptr<prometheus::Collectable> &extra)
{
    // civetweb spells "every address" as a bare port, where zrepl's config writes ":9811".
    QString address = hostPort;
    if (address.startsWith(QLatin1Char(':'))) {
        address.remove(0, 1);
    }
    try {
        m_exposer = std::make_unique<prometheus::Exposer>(address.toStdString(), 2);
        m_exposer->RegisterCollectable(registry);
        m_exposer->RegisterCollectable(std::make_shared<ProcessCollector>());
        if (extra) {
            m_exposer->RegisterCollectable(extra);
        }
    } catch (const std::exception &e) {
        m_exposer.reset();
        *error = u"cannot listen for Prometheus on %1: %2"_s.arg(hostPort, QString::fromLocal8Bit(e.what()));
        return false;
    }
    return true;
}

int PrometheusListener::port() const
{
    if (!m_exposer) {
        return 0;
    }
    const std::vector<int> ports = m_exposer->GetListeningPorts();
    return ports.empty() ? 0 : ports.front();
}

}  // namespace Daemon
