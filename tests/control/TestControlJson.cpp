// SPDX-License-Identifier: MIT
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include "shared/control/JobStatus.h"
#include "shared/control/Timestamp.h"
#include "shared/control/VersionInfo.h"
#include "shared/http/HttpParser.h"

using namespace Api;
using namespace Qt::StringLiterals;

namespace {

const QString Captures = QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(path));
    }
    return file.readAll();
}

// The body of a captured raw HTTP answer, de-chunked where Go chunked it.
QByteArray responseBody(const QString &path)
{
    Http::ResponseParser parser;
    const QByteArray raw = readFile(path);
    QByteArrayView rest(raw);
    while (true) {
        const Http::ParseResult result = parser.parse(rest);
        rest = rest.sliced(result.consumed);
        if (result.status == Http::ParseStatus::Complete) {
            return parser.takeResponse().body;
        }
        if (result.status == Http::ParseStatus::Error || (result.status == Http::ParseStatus::Incomplete && rest.isEmpty())) {
            qFatal("cannot parse %s", qPrintable(path));
        }
    }
}

// Drops the indentation of `zrepl status --raw`, which pretty-prints the daemon's compact answer.
QByteArray compact(const QByteArray &json)
{
    QByteArray out;
    bool inString = false;
    bool escaped = false;
    for (char c : json) {
        if (inString) {
            out += c;
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        }
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            out += c;
        }
    }
    return out;
}

}  // namespace

class TestControlJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusRoundTrip_data();
    void statusRoundTrip();
    void statusContents();
    void statusWrappedForm();
    void statusErrors_data();
    void statusErrors();
    void versionRoundTrip();
    void versionOfThisBuild();
    void timestamps_data();
    void timestamps();
};

void TestControlJson::statusRoundTrip_data()
{
    QTest::addColumn<QByteArray>("document");
    for (const char *name : {"status-snap-initial.json", "status-snap-after-wakeup.json", "status-multi-idle.json",
                             "status-multi-after-wakeup.json", "more/status.json", "more/status_after_wakeup.json"}) {
        QTest::newRow(name) << readFile(Captures + u'/' + QLatin1StringView(name));
    }
    for (const char *name : {"more/get_status.txt", "more/get_status_after_wakeup.txt", "more/extra_post_status_like_tui.txt",
                             "more/extra_get_status_large_8snapjobs_raw_chunked.txt"}) {
        QTest::newRow(name) << responseBody(Captures + u'/' + QLatin1StringView(name));
    }
}

// Byte for byte: what zrepl sent is what we write after reading it, so zrepl's clients see nothing new.
void TestControlJson::statusRoundTrip()
{
    QFETCH(QByteArray, document);
    QString error;
    const std::optional<DaemonStatus> status = DaemonStatus::fromJson(document, &error);
    QVERIFY2(status.has_value(), qPrintable(error));
    QCOMPARE(status->toJson(), compact(document));
    // Reading our own output again gives the same value.
    const std::optional<DaemonStatus> again = DaemonStatus::fromJson(status->toJson(), &error);
    QVERIFY(again.has_value());
    QVERIFY(*again == *status);
}

void TestControlJson::statusContents()
{
    QString error;
    const std::optional<DaemonStatus> status = DaemonStatus::fromJson(readFile(Captures + u"/status-multi-idle.json"), &error);
    QVERIFY2(status.has_value(), qPrintable(error));
    QVERIFY(status->jobs.contains(u"_control"_s));
    QVERIFY(status->jobs.value(u"_control"_s).type == JobStatus::Type::Internal);
    int active = 0;
    int passive = 0;
    int snap = 0;
    for (const JobStatus &job : status->jobs) {
        active += job.active() != nullptr;
        passive += job.passive() != nullptr;
        snap += job.snap() != nullptr;
    }
    QVERIFY(active >= 2);  // push and pull
    QVERIFY(passive >= 2);  // sink and source
    QVERIFY(snap >= 1);
}

void TestControlJson::statusWrappedForm()
{
    // Later zrepl versions wrap the jobs: {"Jobs": {...}, "Global": {...}}; the client reads both.
    const QByteArray flat = readFile(Captures + u"/status-snap-initial.json");
    const QByteArray wrapped = "{\"Jobs\":" + flat.trimmed() + ",\"Global\":{\"ZFSCmds\":null,\"Envconst\":null}}";
    QString error;
    const std::optional<DaemonStatus> a = DaemonStatus::fromJson(flat, &error);
    const std::optional<DaemonStatus> b = DaemonStatus::fromJson(wrapped, &error);
    QVERIFY2(a && b, qPrintable(error));
    QVERIFY(*a == *b);
}

void TestControlJson::statusErrors_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("<html>") << u""_s;
    QTest::newRow("array") << QByteArray("[]") << u""_s;
    QTest::newRow("job not an object") << QByteArray("{\"a\":3}") << u"a"_s;
    QTest::newRow("unknown type") << QByteArray("{\"a\":{\"type\":\"teleport\"}}") << u"teleport"_s;
    QTest::newRow("bad state") << QByteArray("{\"s\":{\"type\":\"snap\",\"snap\":{\"Pruning\":null,\"Snapshotting\":{\"State\":\"x\"}}}}")
                               << u"State"_s;
    QTest::newRow("bad time") << QByteArray("{\"s\":{\"type\":\"snap\",\"snap\":{\"Pruning\":null,\"Snapshotting\":{\"State\":2,\"SleepUntil\":\"yesterday\",\"Error\":\"\",\"Progress\":[]}}}}")
                              << u"SleepUntil"_s;
}

void TestControlJson::statusErrors()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!DaemonStatus::fromJson(document, &error).has_value());
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestControlJson::versionRoundTrip()
{
    const QByteArray document = readFile(Captures + u"/version.json");
    QString error;
    const std::optional<VersionInfo> version = VersionInfo::fromJson(document, &error);
    QVERIFY2(version.has_value(), qPrintable(error));
    QCOMPARE(version->version, u"v0.2.1-25-g58c08c8"_s);
    QCOMPARE(version->runtimeCompiler, u"gc"_s);
    QCOMPARE(version->toJson(), document.trimmed());
    QCOMPARE(version->toString(), u"zrepl version=v0.2.1-25-g58c08c8 GOOS=linux GOARCH=amd64 Compiler=gc"_s);
}

void TestControlJson::versionOfThisBuild()
{
    const VersionInfo current = VersionInfo::current();
    QCOMPARE(current.version, u"v" HOLDFAST_VERSION_STRING ""_s);
    QCOMPARE(current.runtimeGoos, u"linux"_s);
    QVERIFY(current.toString().startsWith(u"holdfast version=v"));
    const QJsonDocument document = QJsonDocument::fromJson(current.toJson());
    QVERIFY(document.isObject());
    QCOMPARE(document.object().keys().size(), 4);
    QVERIFY(document.object().contains(u"RUNTIMECompiler"_s));
}

void TestControlJson::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("goString");
    QTest::newRow("nanoseconds") << u"2026-11-24T03:22:16.384412437Z"_s << QByteArray("2026-11-24 03:22:16.384412437 +0000 UTC");
    QTest::newRow("trailing zeros cut") << u"2026-11-24T03:22:16.38410385Z"_s << QByteArray("2026-11-24 03:22:16.38410385 +0000 UTC");
    QTest::newRow("whole second") << u"2026-11-24T03:22:16Z"_s << QByteArray("2026-11-24 03:22:16 +0000 UTC");
    QTest::newRow("offset") << u"2026-11-24T04:22:16.5+01:00"_s << QByteArray("2026-11-24 04:22:16.5 +0100 +0100");
    QTest::newRow("zero time") << u"0001-01-01T00:00:00Z"_s << QByteArray("0001-01-01 00:00:00 +0000 UTC");
}

void TestControlJson::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, goString);
    const std::optional<Timestamp> stamp = Timestamp::parse(text.toUtf8());
    QVERIFY(stamp.has_value());
    QCOMPARE(stamp->toRfc3339(), text.toUtf8());
    QCOMPARE(stamp->toGoString(), goString);
    QCOMPARE(stamp->isZero(), text.startsWith(u"0001"));
    QVERIFY(!Timestamp::parse("2026-13-01T00:00:00Z").has_value());
    QVERIFY(!Timestamp::parse("2026-11-24 03:22:16Z").has_value());
}

QTEST_APPLESS_MAIN(TestControlJson)
#include "TestControlJson.moc"
