// SPDX-License-Identifier: MIT
#include <QTest>

#include "shared/control/ControlRequests.h"

using namespace Api;
using namespace Qt::StringLiterals;

// The messages are those the real zrepl daemon answered with (tests/data/zrepl/more/*signal*.txt): clients
// show them to the user, so they must match.
class TestControlRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signalDecoding_data();
    void signalDecoding();
    void signalEncoding();
    void pprofDecoding_data();
    void pprofDecoding();
};

void TestControlRequests::signalDecoding_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("error");

    QTest::newRow("zrepl client") << QByteArray("{\"Name\":\"snapjob\",\"Op\":\"wakeup\"}\n") << true << u"snapjob"_s << u"wakeup"_s << QString();
    QTest::newRow("lowercase keys, extra field") << QByteArray("{\"name\":\"snapjob\",\"op\":\"wakeup\",\"extra\":1}") << true
                                                 << u"snapjob"_s << u"wakeup"_s << QString();
    QTest::newRow("trailing garbage after the value") << QByteArray("{\"Name\":\"snapjob\",\"Op\":\"wakeup\"}garbage") << true
                                                      << u"snapjob"_s << u"wakeup"_s << QString();
    QTest::newRow("empty object") << QByteArray("{}") << true << QString() << QString() << QString();
    QTest::newRow("null") << QByteArray("null") << true << QString() << QString() << QString();
    QTest::newRow("empty body") << QByteArray() << false << QString() << QString() << u"EOF"_s;
    QTest::newRow("whitespace only") << QByteArray(" \n") << false << QString() << QString() << u"EOF"_s;
    QTest::newRow("truncated") << QByteArray("{\"Name\":") << false << QString() << QString() << u"unexpected EOF"_s;
    QTest::newRow("array") << QByteArray("[]") << false << QString() << QString()
                           << u"json: cannot unmarshal array into Go value of type daemon.reqT"_s;
    QTest::newRow("string") << QByteArray("\"wakeup\"") << false << QString() << QString()
                            << u"json: cannot unmarshal string into Go value of type daemon.reqT"_s;
    QTest::newRow("number name") << QByteArray("{\"Name\":1,\"Op\":\"wakeup\"}") << false << QString() << QString()
                                 << u"json: cannot unmarshal number into Go struct field reqT.Name of type string"_s;
    QTest::newRow("invalid character") << QByteArray("{x}") << false << QString() << QString()
                                       << u"invalid character 'x' looking for beginning of object key string"_s;
}

void TestControlRequests::signalDecoding()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, name);
    QFETCH(QString, op);
    QFETCH(QString, error);
    QString message;
    const std::optional<SignalRequest> request = SignalRequest::fromJson(body, &message);
    QCOMPARE(request.has_value(), ok);
    if (ok) {
        QCOMPARE(request->name, name);
        QCOMPARE(request->op, op);
    } else {
        QCOMPARE(message, error);
    }
}

void TestControlRequests::signalEncoding()
{
    SignalRequest request{u"snap<job>"_s, u"reset"_s};
    QString error;
    const std::optional<SignalRequest> back = SignalRequest::fromJson(request.toJson(), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->name, request.name);
    QCOMPARE(back->op, request.op);
    QVERIFY(request.toJson().contains("\\u003c"));  // Go escapes HTML characters
}

void TestControlRequests::pprofDecoding_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("run");
    QTest::addColumn<QString>("address");
    QTest::newRow("start") << QByteArray("{\"Run\":true,\"HttpListenAddress\":\"127.0.0.1:8080\"}") << true << true << u"127.0.0.1:8080"_s;
    QTest::newRow("stop") << QByteArray("{\"Run\":false}") << true << false << QString();
    QTest::newRow("run not bool") << QByteArray("{\"Run\":\"yes\"}") << false << false << QString();
    QTest::newRow("garbage") << QByteArray("run") << false << false << QString();
}

void TestControlRequests::pprofDecoding()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(bool, run);
    QFETCH(QString, address);
    QString error;
    const std::optional<PprofRequest> request = PprofRequest::fromJson(body, &error);
    QCOMPARE(request.has_value(), ok);
    if (ok) {
        QCOMPARE(request->run, run);
        QCOMPARE(request->httpListenAddress, address);
    } else {
        QVERIFY(!error.isEmpty());
    }
}

QTEST_APPLESS_MAIN(TestControlRequests)
#include "TestControlRequests.moc"
