// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <optional>
#include <string>
#include <vector>

namespace BenchSupport {

// The table every benchmark prints: one figure a line, its baseline measured in the same run, and the ratio.
class FigureTable
{
public:
    struct Layout
    {
        int nameWidth = 62;
        int valueWidth = 16;
        int smallDecimals = 2;  // decimals of values below 10
    };

    FigureTable() = default;
    explicit FigureTable(Layout layout)
        : m_layout(layout)
    {
    }

    // An empty unit marks a count, printed without decimals.
    void add(std::string name, double value, std::string unit, std::optional<double> baseline = std::nullopt);
    void print() const;

private:
    struct Figure
    {
        std::string name;
        double value = 0;
        std::string unit;
        std::optional<double> baseline;
    };

    std::string format(double value, const std::string &unit) const;

    Layout m_layout;
    std::vector<Figure> m_figures;
};

// The middle value (the upper one of an even count); 0 for none.
double median(std::vector<double> values);

// Peak resident set size of this process so far, in KiB (0 when /proc is not there).
qint64 peakRssKiB();
// Resident set size of this process now, in KiB (0 when /proc is not there).
qint64 currentRssKiB();

}  // namespace BenchSupport
