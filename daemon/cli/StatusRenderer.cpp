// SPDX-License-Identifier: MIT
#include "daemon/cli/StatusRenderer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

constexpr int IndentColumns = 4;  // zrepl's INDENT_MULTIPLIER
constexpr qint64 NanosPerSecond = 1000000000;

// zrepl draws its status into a termbox cell grid: text goes to the cursor, '\n' moves to the start of the next
// line at the current indentation, and changing the indentation moves the cursor to that column of the *same*
// line. Drawing into a grid as well reproduces zrepl's layout, blank lines included, without special cases.
class Frame
{
public:
    explicit Frame(int width)
        : m_width(width)
    {}

    void write(const QString &text)
    {
        for (const QChar c : text) {
            if (c == u'\n') {
                newline();
                continue;
            }
            setCell(c);
            ++m_x;
        }
    }

    void newline()
    {
        moveLine(1);
    }

    void setIndent(int indent)
    {
        m_indent = indent;
        moveLine(0);
    }

    void addIndent(int delta)
    {
        setIndent(m_indent + delta);
    }

    // zrepl's printfDrawIndentedAndWrappedIfMultiline: inline when the text is one line that fits, otherwise on
    // the next lines, one level deeper and wrapped at the terminal's width.
    void writeIndentedIfMultiline(const QString &text)
    {
        const bool multiline = text.contains(u'\n') || text.contains(u'\r');
        if (!multiline && (m_width <= 0 || m_x + text.size() <= m_width)) {
            write(text);
            return;
        }
        addIndent(1);
        newline();
        write(wrap(text, m_width <= 0 ? 0 : m_width - IndentColumns * m_indent));
        addIndent(-1);
    }

    QString text() const
    {
        QString out;
        for (const QString &line : m_lines) {
            qsizetype end = line.size();
            while (end > 0 && line.at(end - 1) == u' ') {
                --end;
            }
            out += QStringView(line).left(end) + u'\n';
        }
        // The cursor may have moved below the last line drawn; a terminal shows nothing there.
        while (out.endsWith(u"\n\n"_s)) {
            out.chop(1);
        }
        return out == u"\n"_s ? QString() : out;
    }

private:
    void moveLine(int lines)
    {
        m_y += lines;
        m_x = m_indent * IndentColumns;
    }

    void setCell(QChar c)
    {
        if (m_width > 0 && m_x >= m_width) {
            return;  // off screen: termbox drops it
        }
        while (m_lines.size() <= m_y) {
            m_lines.append(QString());
        }
        QString &line = m_lines[m_y];
        if (line.size() <= m_x) {
            line.append(QString(m_x - line.size(), u' '));
            line.append(c);
        } else {
            line[m_x] = c;
        }
    }

    // zrepl's wrap(): cuts at `width` characters and at line breaks; empty lines disappear.
    static QString wrap(QStringView s, int width)
    {
        QStringList lines;
        while (!s.isEmpty()) {
            qsizetype take = width > 0 ? std::min<qsizetype>(width, s.size()) : s.size();
            for (qsizetype i = 0; i < take; ++i) {
                if (s.at(i) == u'\n' || s.at(i) == u'\r') {
                    take = i + 1;
                    break;
                }
            }
            QStringView piece = s.left(take);
            while (!piece.isEmpty() && (piece.back() == u'\n' || piece.back() == u'\r')) {
                piece.chop(1);
            }
            s = s.mid(take);
            if (!piece.isEmpty()) {
                lines.append(piece.toString());
            }
        }
        return lines.join(u'\n');
    }

    QList<QString> m_lines;
    int m_width = 0;
    int m_x = 0;
    int m_y = 0;
    int m_indent = 0;
};

// Go's time.Duration.String(): "0s", "850ms", "1.5µs", "2h3m4.5s".
QString goDuration(qint64 ns)
{
    if (ns == 0) {
        return u"0s"_s;
    }
    const bool negative = ns < 0;
    const quint64 u = negative ? quint64(0) - quint64(ns) : quint64(ns);
    auto withFraction = [](quint64 value, int digits) {
        quint64 scale = 1;
        for (int i = 0; i < digits; ++i) {
            scale *= 10;
        }
        QString fraction = QString::number(value % scale).rightJustified(digits, u'0');
        while (fraction.endsWith(u'0')) {
            fraction.chop(1);
        }
        const QString whole = QString::number(value / scale);
        return fraction.isEmpty() ? whole : whole + u'.' + fraction;
    };
    QString out;
    if (u < 1000) {
        out = QString::number(u) + u"ns"_s;
    } else if (u < 1000000) {
        out = withFraction(u, 3) + u"µs"_s;
    } else if (u < quint64(NanosPerSecond)) {
        out = withFraction(u, 6) + u"ms"_s;
    } else {
        const quint64 minutes = u / (60 * quint64(NanosPerSecond));
        out = withFraction(u % (60 * quint64(NanosPerSecond)), 9) + u's';
        if (minutes > 0) {
            out = QString::number(minutes % 60) + u'm' + out;
            if (minutes >= 60) {
                out = QString::number(minutes / 60) + u'h' + out;
            }
        }
    }
    return negative ? u'-' + out : out;
}

// Go's Time.Sub: saturates instead of overflowing, which matters when one side is the zero time.
qint64 goSub(const Api::Timestamp &a, const Api::Timestamp &b)
{
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    constexpr qint64 Min = std::numeric_limits<qint64>::min();
    const qint64 seconds = a.unixSeconds() - b.unixSeconds();
    qint64 ns = 0;
    if (__builtin_mul_overflow(seconds, NanosPerSecond, &ns)
        || __builtin_add_overflow(ns, qint64(a.nanoseconds() - b.nanoseconds()), &ns)) {
        return seconds < 0 ? Min : Max;
    }
    return ns;
}

// Go's Duration.Round: halves away from zero, saturating at the ends of the range.
qint64 goRound(qint64 ns, qint64 multiple)
{
    const qint64 remainder = ns % multiple;
    qint64 rounded = 0;
    if (ns >= 0) {
        if (remainder + remainder < multiple) {
            return ns - remainder;
        }
        return __builtin_add_overflow(ns - remainder, multiple, &rounded) ? std::numeric_limits<qint64>::max()
                                                                          : rounded;
    }
    if (-remainder - remainder < multiple) {
        return ns - remainder;
    }
    return __builtin_sub_overflow(ns - remainder, multiple, &rounded) ? std::numeric_limits<qint64>::min() : rounded;
}

// zrepl's ByteCountBinary: "512 B", "1.5 KiB", "3.0 GiB".
QString byteCountBinary(qint64 bytes)
{
    constexpr qint64 Unit = 1024;
    if (bytes < Unit) {
        return QString::number(bytes) + u" B"_s;
    }
    qint64 divisor = Unit;
    int exponent = 0;
    for (qint64 n = bytes / Unit; n >= Unit; n /= Unit) {
        divisor *= Unit;
        ++exponent;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %ciB", double(bytes) / double(divisor), "KMGTPE"[exponent]);
    return QString::fromLatin1(buf);
}

// Go's %q for the snapshot names zrepl quotes.
QString goQuote(const QString &text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += u"\\\""_s;
            break;
        case '\\':
            out += u"\\\\"_s;
            break;
        case '\n':
            out += u"\\n"_s;
            break;
        case '\r':
            out += u"\\r"_s;
            break;
        case '\t':
            out += u"\\t"_s;
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
                out += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
            } else {
                out += c;
            }
        }
    }
    return out + u'"';
}

QString goTime(const Api::Timestamp &time)
{
    return QString::fromLatin1(time.toGoString());
}

// zrepl's rightPad: pads, and cuts what is longer.
QString rightPad(const QString &text, qsizetype length)
{
    return text.size() > length ? text.left(length) : text.leftJustified(length, u' ');
}

QString yamlScalar(const QString &text, int indent)
{
    if (text.isEmpty()) {
        return u"\"\""_s;
    }
    if (text.contains(u'\n')) {
        // go-yaml writes multi-line strings as literal blocks; the chomping indicator keeps the final newlines.
        qsizetype trailing = 0;
        while (trailing < text.size() && text.at(text.size() - 1 - trailing) == u'\n') {
            ++trailing;
        }
        const QString indicator = trailing == 0 ? u"|-"_s : trailing == 1 ? u"|"_s : u"|+"_s;
        QString body = text;
        body.chop(trailing);
        const QString pad(indent + 2, u' ');
        QString out = indicator;
        for (const QString &line : body.split(u'\n')) {
            out += u'\n' + (line.isEmpty() ? QString() : pad + line);
        }
        return out;
    }
    static const QStringList special = {u"null"_s, u"true"_s, u"false"_s, u"~"_s, u"yes"_s, u"no"_s};
    bool looksNumeric = false;
    text.toDouble(&looksNumeric);
    if (looksNumeric || special.contains(text.toLower()) || text.front().isSpace() || text.back().isSpace()
        || u"-?:,[]{}#&*!|>'\"%@`"_s.contains(text.front()) || text.contains(u": "_s) || text.contains(u" #"_s)) {
        return u'"' + QString(text).replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s) + u'"';
    }
    return text;
}

// zrepl dumps job types it has no view for with go-yaml (lower-cased Go field names).
QString passiveStatusYaml(const Api::PassiveStatus &status)
{
    if (!status.snapper) {
        return u"snapper: null\n"_s;
    }
    const Api::SnapperReport &r = *status.snapper;
    QString out = u"snapper:\n"_s;
    out += u"  state: %1\n"_s.arg(int(r.state));
    out += u"  sleepuntil: %1\n"_s.arg(QString::fromLatin1(r.sleepUntil.toRfc3339()));
    out += u"  error: %1\n"_s.arg(yamlScalar(r.error, 2));
    if (r.progress.isEmpty()) {
        out += u"  progress: []\n"_s;
        return out;
    }
    out += u"  progress:\n"_s;
    for (const Api::SnapperFilesystemReport &fs : r.progress) {
        out += u"  - path: %1\n"_s.arg(yamlScalar(fs.path, 4));
        out += u"    state: %1\n"_s.arg(int(fs.state));
        out += u"    snapname: %1\n"_s.arg(yamlScalar(fs.snapName, 4));
        out += u"    startat: %1\n"_s.arg(QString::fromLatin1(fs.startAt.toRfc3339()));
        out += u"    hooks: %1\n"_s.arg(yamlScalar(fs.hooks, 4));
        out += u"    hookshaderror: %1\n"_s.arg(fs.hooksHadError ? u"true"_s : u"false"_s);
        out += u"    doneat: %1\n"_s.arg(QString::fromLatin1(fs.doneAt.toRfc3339()));
    }
    return out;
}

class Painter
{
public:
    Painter(Frame &frame, const Api::Timestamp &now)
        : m_frame(frame)
        , m_now(now)
    {}

    void job(const QString &name, const Api::JobStatus &status);

private:
    void replication(const std::optional<Api::ReplicationReport> &report);
    void connectivity(const Api::ReplicationReport &report);
    void progressBar(const Api::AttemptReport &attempt);
    void filesystem(const Api::FilesystemReport &fs, qsizetype nameWidth);
    void pruner(const std::optional<Api::PrunerReport> &report);
    void snapper(const std::optional<Api::SnapperReport> &report);
    void section(const QString &title);

    Frame &m_frame;
    Api::Timestamp m_now;
};

void Painter::section(const QString &title)
{
    m_frame.write(title);
    m_frame.newline();
}

void Painter::job(const QString &name, const Api::JobStatus &status)
{
    using Type = Api::JobStatus::Type;
    m_frame.setIndent(0);
    m_frame.write(StatusRenderer::tr("Job: %1").arg(name));
    m_frame.setIndent(1);
    m_frame.newline();
    m_frame.write(StatusRenderer::tr("Type: %1").arg(Api::toString(status.type)));
    m_frame.setIndent(1);
    m_frame.newline();

    if (status.type == Type::Push || status.type == Type::Pull) {
        const Api::ActiveSideStatus *active = status.active();
        if (!active) {
            section(StatusRenderer::tr("ActiveSideStatus is null"));
            return;
        }
        section(StatusRenderer::tr("Replication:"));
        m_frame.addIndent(1);
        replication(active->replication);
        m_frame.addIndent(-1);
        section(StatusRenderer::tr("Pruning Sender:"));
        m_frame.addIndent(1);
        pruner(active->pruningSender);
        m_frame.addIndent(-1);
        section(StatusRenderer::tr("Pruning Receiver:"));
        m_frame.addIndent(1);
        pruner(active->pruningReceiver);
        m_frame.addIndent(-1);
        // A pull job never snapshots, so zrepl leaves the section out.
        if (status.type == Type::Push) {
            section(StatusRenderer::tr("Snapshotting:"));
            m_frame.addIndent(1);
            snapper(active->snapshotting);
            m_frame.addIndent(-1);
        }
    } else if (status.type == Type::Snap) {
        const Api::SnapJobStatus *snap = status.snap();
        if (!snap) {
            section(StatusRenderer::tr("SnapJobStatus is null"));
            return;
        }
        section(StatusRenderer::tr("Pruning snapshots:"));
        m_frame.addIndent(1);
        pruner(snap->pruning);
        m_frame.addIndent(-1);
        section(StatusRenderer::tr("Snapshotting:"));
        m_frame.addIndent(1);
        snapper(snap->snapshotting);
        m_frame.addIndent(-1);
    } else if (status.type == Type::Source) {
        const Api::PassiveStatus *passive = status.passive();
        section(StatusRenderer::tr("Snapshotting:"));
        m_frame.addIndent(1);
        snapper(passive ? passive->snapper : std::nullopt);
        m_frame.addIndent(-1);
    } else {
        section(StatusRenderer::tr("No status representation for job type '%1', dumping as YAML")
                    .arg(Api::toString(status.type)));
        const Api::PassiveStatus *passive = status.passive();
        m_frame.write(passive ? passiveStatusYaml(*passive) : u"null\n"_s);
        m_frame.newline();
    }
}

void Painter::replication(const std::optional<Api::ReplicationReport> &report)
{
    if (!report) {
        m_frame.write(u"...\n"_s);
        return;
    }
    connectivity(*report);

    if (report->attempts.isEmpty()) {
        // zrepl ends this line without a newline, so "Pruning Sender:" overwrites it in its view; we don't.
        section(StatusRenderer::tr("no attempts made yet"));
        return;
    }
    const qsizetype attemptCount = report->attempts.size();
    m_frame.write(StatusRenderer::tr("Attempt #%1").arg(attemptCount));
    if (attemptCount > 1) {
        m_frame.write(StatusRenderer::tr(". Previous attempts failed with the following statuses:"));
        m_frame.newline();
        m_frame.addIndent(1);
        for (qsizetype i = 0; i + 1 < attemptCount; ++i) {
            const Api::AttemptReport &a = report->attempts.at(i);
            m_frame.writeIndentedIfMultiline(StatusRenderer::tr("#%1: %2 (failed at %3) (ran %4)")
                                                 .arg(QString::number(i + 1),
                                                      Api::toString(a.state),
                                                      goTime(a.finishAt),
                                                      goDuration(goSub(a.finishAt, a.startAt))));
            m_frame.newline();
        }
        m_frame.addIndent(-1);
    } else {
        m_frame.newline();
    }

    Api::AttemptReport latest = report->attempts.back();
    std::sort(latest.filesystems.begin(),
              latest.filesystems.end(),
              [](const Api::FilesystemReport &a, const Api::FilesystemReport &b) { return a.name < b.name; });

    section(StatusRenderer::tr("Status: %1").arg(Api::toString(latest.state)));
    if (latest.state == Api::AttemptState::PlanningError) {
        m_frame.write(StatusRenderer::tr("Problem: "));
        m_frame.writeIndentedIfMultiline(latest.planError ? latest.planError->err : QString());
        m_frame.newline();
    } else if (latest.state == Api::AttemptState::FilesystemError) {
        section(StatusRenderer::tr("Problem: one or more of the filesystems encountered errors"));
    }
    if (latest.state == Api::AttemptState::Planning || latest.state == Api::AttemptState::PlanningError) {
        return;
    }

    progressBar(latest);
    qsizetype nameWidth = 0;
    for (const Api::FilesystemReport &fs : std::as_const(latest.filesystems)) {
        nameWidth = std::max(nameWidth, fs.name.size());
    }
    for (const Api::FilesystemReport &fs : std::as_const(latest.filesystems)) {
        filesystem(fs, nameWidth);
    }
}

void Painter::connectivity(const Api::ReplicationReport &report)
{
    if (report.waitReconnectError) {
        m_frame.writeIndentedIfMultiline(StatusRenderer::tr("Connectivity: %1").arg(report.waitReconnectError->err));
        m_frame.newline();
    }
    if (report.waitReconnectSince.isZero()) {
        return;
    }
    const qint64 remaining = goRound(goSub(report.waitReconnectUntil, m_now), NanosPerSecond);
    if (report.waitReconnectUntil.isZero() || remaining > 0) {
        const QString until = report.waitReconnectUntil.isZero()
                                  ? StatusRenderer::tr("waiting indefinitely")
                                  : StatusRenderer::tr("hard fail in %1 @ %2")
                                        .arg(goDuration(remaining), goTime(report.waitReconnectUntil));
        m_frame.writeIndentedIfMultiline(
            StatusRenderer::tr("Connectivity: reconnecting with exponential backoff (since %1) (%2)")
                .arg(goTime(report.waitReconnectSince), until));
    } else {
        m_frame.writeIndentedIfMultiline(StatusRenderer::tr("Connectivity: reconnects reached hard-fail timeout @ %1")
                                             .arg(goTime(report.waitReconnectUntil)));
    }
    m_frame.newline();
}

void Painter::progressBar(const Api::AttemptReport &attempt)
{
    qint64 expected = 0;
    qint64 replicated = 0;
    bool imprecise = false;
    for (const Api::FilesystemReport &fs : attempt.filesystems) {
        qint64 e = 0;
        qint64 r = 0;
        bool complete = true;
        fs.bytesSum(&e, &r, &complete);
        expected += e;
        replicated += r;
        imprecise = imprecise || !complete;
    }

    constexpr int BarLength = 50;
    int done = 0;
    if (expected > 0) {
        done = int(std::min<qint64>(BarLength, BarLength * replicated / expected));
    } else if (expected == replicated) {
        done = BarLength;
    }
    // The arrow turns with every change zrepl sees between frames; a single frame has seen none.
    m_frame.write(StatusRenderer::tr("Progress: ") + u'[' + QString(done, u'=') + u'>' + QString(BarLength - done, u'-')
                  + u']');
    m_frame.write(StatusRenderer::tr(" %1 / %2 @ %3/s")
                      .arg(byteCountBinary(replicated), byteCountBinary(expected), byteCountBinary(0)));
    m_frame.newline();
    if (imprecise) {
        section(StatusRenderer::tr("NOTE: not all steps could be size-estimated, total estimate is likely imprecise!"));
    }
}

void Painter::filesystem(const Api::FilesystemReport &fs, qsizetype nameWidth)
{
    qint64 expected = 0;
    qint64 replicated = 0;
    bool complete = true;
    fs.bytesSum(&expected, &replicated, &complete);
    QString notice;
    if (!complete) {
        notice = StatusRenderer::tr(" (some steps lack size estimation)");
    }
    const bool hasCurrentStep = fs.currentStep >= 0 && fs.currentStep < fs.steps.size();
    if (hasCurrentStep && fs.steps.at(fs.currentStep).bytesExpected == 0) {
        notice = StatusRenderer::tr(" (step lacks size estimation)");
    }
    const QString status = StatusRenderer::tr("%1 (step %2/%3, %4/%5)%6")
                               .arg(Api::toString(fs.state).toUpper(),
                                    QString::number(fs.currentStep),
                                    QString::number(fs.steps.size()),
                                    byteCountBinary(replicated),
                                    byteCountBinary(expected),
                                    notice);
    // zrepl meant to mark the filesystem being worked on with '*' but never does.
    m_frame.write(u"  "_s + rightPad(fs.name, nameWidth) + u' ' + status + u' ');

    QString next;
    if (const Api::TimedError *error = fs.error()) {
        next = error->err;
    } else if (fs.state == Api::FilesystemState::Stepping && hasCurrentStep) {
        const Api::StepInfo &step = fs.steps.at(fs.currentStep);
        next = step.isIncremental() ? StatusRenderer::tr("next: %1 => %2").arg(step.from, step.to)
                                    : StatusRenderer::tr("next: full send %1").arg(step.to);
        QStringList attributes;
        if (step.resumed) {
            attributes.append(StatusRenderer::tr("resumed"));
        }
        attributes.append(StatusRenderer::tr("encrypted=%1").arg(Api::toString(step.encrypted)));
        next += u" ("_s + attributes.join(u", "_s) + u')';
    }
    m_frame.writeIndentedIfMultiline(next);
    m_frame.newline();
}

void Painter::pruner(const std::optional<Api::PrunerReport> &report)
{
    if (!report) {
        m_frame.write(u"...\n"_s);
        return;
    }
    section(StatusRenderer::tr("Status: %1").arg(Api::toString(report->state)));
    if (!report->error.isEmpty()) {
        m_frame.write(StatusRenderer::tr("Error: %1").arg(report->error) + u'\n');
    }
    if (report->state == Api::PrunerState::Plan || report->state == Api::PrunerState::PlanErr) {
        return;
    }

    struct Entry
    {
        const Api::PrunerFilesystemReport *fs;
        bool completed;
    };

    QList<Entry> all;
    if (report->pending) {
        for (const Api::PrunerFilesystemReport &fs : *report->pending) {
            all.append({&fs, false});
        }
    }
    if (report->completed) {
        for (const Api::PrunerFilesystemReport &fs : *report->completed) {
            all.append({&fs, true});
        }
    }
    if (all.isEmpty()) {
        m_frame.write(StatusRenderer::tr("nothing to do") + u'\n');
        return;
    }

    qsizetype total = 0;
    qsizetype destroyed = 0;
    qsizetype nameWidth = 0;
    for (const Entry &e : std::as_const(all)) {
        const qsizetype count = e.fs->destroyList ? e.fs->destroyList->size() : 0;
        total += count;
        destroyed += e.completed ? count : 0;
        nameWidth = std::max(nameWidth, e.fs->filesystem.size());
    }
    // zrepl divides by zero here when nothing is to be destroyed and draws garbage; nothing left is all done.
    constexpr int BarLength = 80;
    const int done = total == 0 ? BarLength : int(std::lround(double(BarLength) * double(destroyed) / double(total)));
    m_frame.write(StatusRenderer::tr("Progress: ") + u'[' + QString(done, u'=') + u'>' + QString(BarLength - done, u'-')
                  + u']');
    m_frame.write(StatusRenderer::tr(" %1/%2 snapshots").arg(destroyed).arg(total));
    m_frame.newline();

    std::stable_sort(
        all.begin(), all.end(), [](const Entry &a, const Entry &b) { return a.fs->filesystem < b.fs->filesystem; });
    for (const Entry &e : std::as_const(all)) {
        const Api::PrunerFilesystemReport &fs = *e.fs;
        m_frame.write(rightPad(fs.filesystem, nameWidth) + u' ');
        if (!fs.skipReason.isEmpty()) {
            m_frame.write(StatusRenderer::tr("skipped: %1").arg(fs.skipReason) + u'\n');
            continue;
        }
        if (!fs.lastError.isEmpty()) {
            if (fs.lastError.contains(u'\n') || fs.lastError.contains(u'\r')) {
                m_frame.write(StatusRenderer::tr("ERROR:"));
                m_frame.writeIndentedIfMultiline(fs.lastError + u'\n');
            } else {
                m_frame.writeIndentedIfMultiline(StatusRenderer::tr("ERROR: %1").arg(fs.lastError) + u'\n');
            }
            m_frame.newline();
            continue;
        }
        const qsizetype destroyCount = fs.destroyList ? fs.destroyList->size() : 0;
        const qsizetype snapshotCount = fs.snapshotList ? fs.snapshotList->size() : 0;
        const QString action = StatusRenderer::tr("(destroy %1 of %2 snapshots)").arg(destroyCount).arg(snapshotCount);
        if (e.completed) {
            m_frame.write(StatusRenderer::tr("Completed  %1").arg(action) + u'\n');
            continue;
        }
        m_frame.write(StatusRenderer::tr("Pending    "));
        m_frame.write(destroyCount == 1 ? fs.destroyList->front().name : action);
        m_frame.newline();
    }
}

void Painter::snapper(const std::optional<Api::SnapperReport> &report)
{
    if (!report) {
        m_frame.write(StatusRenderer::tr("<snapshot type does not have a report>") + u'\n');
        return;
    }
    section(StatusRenderer::tr("Status: %1").arg(Api::toString(report->state)));
    if (!report->error.isEmpty()) {
        m_frame.write(StatusRenderer::tr("Error: %1").arg(report->error) + u'\n');
    }
    if (!report->sleepUntil.isZero()) {
        m_frame.write(StatusRenderer::tr("Sleep until: %1").arg(goTime(report->sleepUntil)) + u'\n');
    }

    struct Row
    {
        QString path;
        QString state;
        QString duration;
        QString remainder;
        QString hooks;
    };

    QList<Api::SnapperFilesystemReport> progress = report->progress;
    std::sort(progress.begin(), progress.end(), [](const auto &a, const auto &b) { return a.path < b.path; });
    QList<Row> rows;
    qsizetype pathWidth = 0;
    qsizetype stateWidth = 0;
    qsizetype durationWidth = 0;
    for (const Api::SnapperFilesystemReport &fs : std::as_const(progress)) {
        Row row{fs.path, Api::toString(fs.state), {}, {}, fs.hooksHadError ? fs.hooks : QString()};
        constexpr qint64 Tenth = NanosPerSecond / 10;
        switch (fs.state) {
        case Api::SnapState::Pending:
            row.duration = u"..."_s;
            break;
        case Api::SnapState::Started:
            row.duration = goDuration(goRound(goSub(m_now, fs.startAt), Tenth));
            row.remainder = StatusRenderer::tr("snap name: %1").arg(goQuote(fs.snapName));
            break;
        case Api::SnapState::Done:
        case Api::SnapState::Error:
            row.duration = goDuration(goRound(goSub(fs.doneAt, fs.startAt), Tenth));
            row.remainder = StatusRenderer::tr("snap name: %1").arg(goQuote(fs.snapName));
            break;
        }
        pathWidth = std::max(pathWidth, row.path.size());
        stateWidth = std::max(stateWidth, row.state.size());
        durationWidth = std::max(durationWidth, row.duration.size());
        rows.append(row);
    }

    m_frame.addIndent(1);
    for (const Row &row : std::as_const(rows)) {
        m_frame.write(rightPad(row.path, pathWidth) + u' ' + rightPad(row.state, stateWidth) + u' '
                      + rightPad(row.duration, durationWidth));
        m_frame.writeIndentedIfMultiline(u' ' + row.remainder);
        if (!row.hooks.isEmpty()) {
            m_frame.writeIndentedIfMultiline(row.hooks);
        }
        m_frame.newline();
    }
    m_frame.addIndent(-1);
}

}  // namespace

QString StatusRenderer::render(const Api::DaemonStatus &status, const QString &onlyJob) const
{
    Frame frame(m_width);
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    Painter painter(frame, Api::Timestamp::fromDateTime(now));
    bool any = false;
    // QMap iterates in key order, as zrepl sorts the job names.
    for (auto it = status.jobs.cbegin(); it != status.jobs.cend(); ++it) {
        const QString &name = it.key();
        if (name.isEmpty() || name.startsWith(u'_')) {
            continue;  // zrepl's internal jobs
        }
        if (!onlyJob.isEmpty() && name != onlyJob) {
            continue;
        }
        painter.job(name, it.value());
        any = true;
    }
    if (!any) {
        frame.setIndent(0);
        frame.write(tr("no jobs to display"));
        frame.newline();
    }
    return frame.text();
}

QString StatusRenderer::renderConfigState(const Api::ConfigDocument &document, const QString &onlyJob) const
{
    QString out;
    const Api::ConfigState &state = document.state;
    if (state.lastReload && !state.lastReload->ok) {
        const QDateTime at = state.lastReload->at.toDateTime().toLocalTime();
        out += tr("Configuration not reloaded at %1: %2").arg(at.toString(u"yyyy-MM-dd HH:mm:ss"_s),
                                                              state.lastReload->problem ? state.lastReload->problem->toString()
                                                                                        : tr("unknown problem"))
               + u'\n' + tr("The daemon runs the configuration it ran before. Fix the file and run `holdfast reload`.") + u'\n';
    } else if (!document.version.isEmpty() && !state.runningVersion.isEmpty() && document.version != state.runningVersion) {
        out += tr("%1 changed since the daemon read it; `holdfast reload` applies it.").arg(document.path) + u'\n';
    }
    for (const QString &job : state.pendingRestart) {
        if (onlyJob.isEmpty() || job == onlyJob) {
            out += tr("Job %1: changed in the configuration; it restarts with its new settings when its current work is done "
                      "(`holdfast reload --now` restarts it at once).").arg(job) + u'\n';
        }
    }
    if (!state.needsDaemonRestart.isEmpty() && onlyJob.isEmpty()) {
        out += tr("Changed settings that take effect when the daemon restarts: %1").arg(state.needsDaemonRestart.join(u", "_s)) + u'\n';
    }
    return out;
}

}  // namespace Daemon
