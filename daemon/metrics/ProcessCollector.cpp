// SPDX-License-Identifier: MIT
#include "daemon/metrics/ProcessCollector.h"

#include <prometheus/metric_family.h>

#include <dirent.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace Daemon {

namespace {

prometheus::MetricFamily family(const char *name, const char *help, prometheus::MetricType type, double value)
{
    prometheus::MetricFamily f;
    f.name = name;
    f.help = help;
    f.type = type;
    prometheus::ClientMetric m;
    if (type == prometheus::MetricType::Counter) {
        m.counter.value = value;
    } else {
        m.gauge.value = value;
    }
    f.metric.push_back(m);
    return f;
}

int openFileDescriptors()
{
    int count = 0;
    if (DIR *dir = opendir("/proc/self/fd")) {
        while (const dirent *e = readdir(dir)) {
            if (e->d_name[0] != '.') {
                ++count;
            }
        }
        closedir(dir);
        --count;  // the descriptor opendir() itself holds
    }
    return count;
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const
{
    std::vector<prometheus::MetricFamily> families;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    const double pageSize = double(sysconf(_SC_PAGESIZE));

    // proc(5): the fields after the parenthesised command name, which may itself contain spaces.
    std::ifstream statFile("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(statFile)), std::istreambuf_iterator<char>());
    const auto close = stat.rfind(')');
    if (close != std::string::npos) {
        std::istringstream fields(stat.substr(close + 2));
        std::string field;
        double utime = 0;
        double stime = 0;
        double startTicks = 0;
        double vsize = 0;
        double rss = 0;
        for (int i = 3; fields >> field; ++i) {
            switch (i) {
            case 14:
                utime = std::stod(field);
                break;
            case 15:
                stime = std::stod(field);
                break;
            case 22:
                startTicks = std::stod(field);
                break;
            case 23:
                vsize = std::stod(field);
                break;
            case 24:
                rss = std::stod(field);
                break;
            default:
                break;
            }
        }
        double bootTime = 0;
        std::ifstream procStat("/proc/stat");
        std::string line;
        while (std::getline(procStat, line)) {
            if (line.rfind("btime ", 0) == 0) {
                bootTime = std::stod(line.substr(6));
            }
        }
        families.push_back(family("process_cpu_seconds_total",
                                  "Total user and system CPU time spent in seconds.",
                                  prometheus::MetricType::Counter,
                                  (utime + stime) / ticks));
        families.push_back(family("process_virtual_memory_bytes",
                                  "Virtual memory size in bytes.",
                                  prometheus::MetricType::Gauge,
                                  vsize));
        families.push_back(family("process_resident_memory_bytes",
                                  "Resident memory size in bytes.",
                                  prometheus::MetricType::Gauge,
                                  rss * pageSize));
        families.push_back(family("process_start_time_seconds",
                                  "Start time of the process since unix epoch in seconds.",
                                  prometheus::MetricType::Gauge,
                                  bootTime + startTicks / ticks));
    }
    families.push_back(family("process_open_fds",
                              "Number of open file descriptors.",
                              prometheus::MetricType::Gauge,
                              openFileDescriptors()));
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        families.push_back(family("process_max_fds",
                                  "Maximum number of open file descriptors.",
                                  prometheus::MetricType::Gauge,
                                  double(limit.rlim_cur)));
    }
    return families;
}

}  // namespace Daemon
