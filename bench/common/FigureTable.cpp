// SPDX-License-Identifier: MIT
#include "FigureTable.h"

#include <QFile>

#include <algorithm>
#include <cstdio>

namespace BenchSupport {

void FigureTable::add(std::string name, double value, std::string unit, std::optional<double> baseline)
{
    m_figures.push_back({std::move(name), value, std::move(unit), baseline});
}

void FigureTable::print() const
{
    const int n = m_layout.nameWidth;
    const int v = m_layout.valueWidth;
    std::printf("\n%-*s %*s %*s %9s\n", n, "figure", v, "value", v, "baseline", "ratio");
    std::printf("%-*s %*s %*s %9s\n", n, "", v, "", v, "", "ours/base");
    for (const Figure &f : m_figures) {
        const std::string value = format(f.value, f.unit);
        const std::string baseline = f.baseline ? format(*f.baseline, f.unit) : std::string("-");
        char ratio[32] = "-";
        if (f.baseline && *f.baseline != 0) {
            const double r = f.value / *f.baseline;
            std::snprintf(ratio, sizeof ratio, r >= 0.01 ? "%.2f" : "%.1e", r);
        }
        std::printf("%-*s %*s %*s %9s\n", n, f.name.c_str(), v, value.c_str(), v, baseline.c_str(), ratio);
    }
    std::fflush(stdout);
}

std::string FigureTable::format(double value, const std::string &unit) const
{
    char text[64];
    if (unit.empty()) {
        std::snprintf(text, sizeof text, "%.0f", value);
        return text;
    }
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : m_layout.smallDecimals;
    std::snprintf(text, sizeof text, "%.*f %s", decimals, value, unit.c_str());
    return text;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

namespace {

// A "Vm…:" line of /proc/self/status, in KiB.
qint64 statusKiB(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return 0;
}

}  // namespace

qint64 peakRssKiB()
{
    return statusKiB("VmHWM:");
}

qint64 currentRssKiB()
{
    return statusKiB("VmRSS:");
}

}  // namespace BenchSupport
