// SPDX-License-Identifier: MIT
#include <QTest>

#include "shared/config/SecretRedactor.h"

using namespace Qt::StringLiterals;
using ConfigEdit::SecretRedactor;

// What the status group reads of the configuration: every hook's dsn replaced, everything else as written.
class TestSecretRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redacts_data();
    void redacts();
    void invalidTextStillRedacted();
    void nothingToRedact();
};

void TestSecretRedactor::redacts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("count");
    const QString head = u"jobs:\n- name: db\n  type: snap\n  snapshotting:\n    type: periodic\n    hooks:\n"_s;
    QTest::addRow("plain, with comment")
        << head
               + u"    - type: postgres-checkpoint\n      dsn: host=db user=x password=hunter22  # prod\n      timeout: 30s\n"_s
        << head + u"    - type: postgres-checkpoint\n      dsn: <redacted>  # prod\n      timeout: 30s\n"_s << 1;
    QTest::addRow("quoted") << head + u"    - type: mysql-lock-tables\n      dsn: \"root:s3cr#t@tcp(localhost)/\"\n"_s
                            << head + u"    - type: mysql-lock-tables\n      dsn: <redacted>\n"_s << 1;
    QTest::addRow("block scalar")
        << head
               + u"    - type: postgres-checkpoint\n      dsn: |\n        host=db\n        password=hunter22\n      timeout: 1m\n"_s
        << head + u"    - type: postgres-checkpoint\n      dsn: <redacted>\n      timeout: 1m\n"_s << 1;
    QTest::addRow("flow mapping")
        << head + u"    - {type: postgres-checkpoint, dsn: 'password=hunter22', filesystems: {\"p<\": true}}\n"_s
        << head + u"    - {type: postgres-checkpoint, dsn: <redacted>, filesystems: {\"p<\": true}}\n"_s << 1;
    QTest::addRow("two hooks, crlf")
        << QString(head + u"    - dsn: aaa111\n    - dsn: bbb222\n"_s).replace(u"\n"_s, u"\r\n"_s)
        << QString(head + u"    - dsn: <redacted>\n    - dsn: <redacted>\n"_s).replace(u"\n"_s, u"\r\n"_s) << 2;
    QTest::addRow("multi-line plain") << head + u"    - dsn: host=db\n        password=hunter22\n"_s
                                      << head + u"    - dsn: <redacted>\n"_s << 1;
}

void TestSecretRedactor::redacts()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(int, count);
    const SecretRedactor::Result result = SecretRedactor::redact(text);
    QCOMPARE(result.text, expected);
    QCOMPARE(result.redacted, count);
}

void TestSecretRedactor::invalidTextStillRedacted()
{
    // A broken file on disk: no structure to rely on, the lines are cut after the key.
    const QString text = u"jobs:\n- name: db\n  hooks: [\n    - dsn: password=hunter22\n    \"dsn\": x=1\n"_s;
    const SecretRedactor::Result result = SecretRedactor::redact(text);
    QVERIFY2(!result.text.contains(u"hunter22"_s), qPrintable(result.text));
    QVERIFY(!result.text.contains(u"x=1"_s));
    QCOMPARE(result.redacted, 2);
    QVERIFY(result.text.startsWith(u"jobs:\n- name: db\n  hooks: [\n"_s));

    // An alias would carry the secret elsewhere: the structured replacement does not verify, the lines are cut.
    const QString aliased = u"jobs:\n- name: &pw secretpassword\n  dsn: *pw\n"_s;
    const SecretRedactor::Result fallback = SecretRedactor::redact(aliased);
    QVERIFY2(!fallback.text.contains(u"secretpassword"_s), qPrintable(fallback.text));
}

void TestSecretRedactor::nothingToRedact()
{
    const QString text = u"# dsn: in a comment is no secret\njobs: []\n"_s;
    const SecretRedactor::Result result = SecretRedactor::redact(text);
    QCOMPARE(result.text, text);
    QCOMPARE(result.redacted, 0);
    QCOMPARE(SecretRedactor::redact(QChar(0xFEFF) + text).text, QChar(0xFEFF) + text);
}

QTEST_APPLESS_MAIN(TestSecretRedactor)
#include "TestSecretRedactor.moc"
