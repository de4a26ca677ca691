// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Zfs::EntityType)

class TestNameCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entityNamecheck_data();
    void entityNamecheck();
    void componentNamecheck_data();
    void componentNamecheck();
    void datasetPathCheck_data();
    void datasetPathCheck();
    void jobIdCheck_data();
    void jobIdCheck();
};

void TestNameCheck::entityNamecheck_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Zfs::EntityType>("type");
    QTest::addColumn<QString>("message");  // empty: valid

    using T = Zfs::EntityType;
    QTest::addRow("pool") << u"tank"_s << T::Filesystem << QString();
    QTest::addRow("nested") << u"tank/a b/c-d_e.f:g"_s << T::Filesystem << QString();
    QTest::addRow("snapshot") << u"tank/fs@zrepl_20240101"_s << T::Snapshot << QString();
    QTest::addRow("bookmark") << u"tank/fs#zrepl_CURSOR_G_00000000face601d_J_job"_s << T::Bookmark << QString();
    QTest::addRow("longest") << QString(255, u'a') << T::Filesystem << QString();
    QTest::addRow("too long") << QString(256, u'a') << T::Filesystem << u"name is too long"_s;
    QTest::addRow("leading slash") << u"/tank"_s << T::Filesystem << u"leading slash in name"_s;
    QTest::addRow("trailing slash") << u"tank/"_s << T::Filesystem << u"trailing slash in name"_s;
    QTest::addRow("double slash") << u"tank//fs"_s << T::Filesystem
                                  << u"empty component or misplaced '@' or '#' delimiter in name"_s;
    QTest::addRow("empty") << QString() << T::Filesystem
                           << u"empty component or misplaced '@' or '#' delimiter in name"_s;
    QTest::addRow("invalid character") << u"tank/f*s"_s << T::Filesystem << u"invalid character '*' in name"_s;
    QTest::addRow("percent") << u"tank/%recv"_s << T::Filesystem << u"invalid character '%' in name"_s;
    QTest::addRow("non-ASCII") << u"tank/caf\u00e9"_s << T::Filesystem << u"invalid character '\u00e9' in name"_s;
    QTest::addRow("self reference") << u"tank/./fs"_s << T::Filesystem << u"self reference, '.' is found in name"_s;
    QTest::addRow("parent reference") << u"tank/.."_s << T::Filesystem << u"parent reference, '..' is found in name"_s;
    QTest::addRow("dots inside a name") << u"tank/..fs"_s << T::Filesystem << QString();
    QTest::addRow("@ in filesystem") << u"tank@snap"_s << T::Filesystem
                                     << u"snapshot delimiter '@' is not expected here"_s;
    QTest::addRow("no @ in snapshot") << u"tank/fs"_s << T::Snapshot << u"missing '@' delimiter in snapshot name"_s;
    QTest::addRow("# in snapshot") << u"tank@a#b"_s << T::Snapshot << u"bookmark delimiter '#' is not expected here"_s;
    QTest::addRow("no # in bookmark") << u"tank/fs"_s << T::Bookmark << u"missing '#' delimiter in bookmark name"_s;
    QTest::addRow("two @") << u"tank@a@b"_s << T::Snapshot << u"multiple '@' and/or '#' delimiters in name"_s;
    QTest::addRow("empty snapshot name") << u"tank@"_s << T::Snapshot
                                         << u"empty component or misplaced '@' or '#' delimiter in name"_s;
    QTest::addRow("snapshot without dataset")
        << u"@snap"_s << T::Snapshot << u"empty component or misplaced '@' or '#' delimiter in name"_s;
    QTest::addRow("slash after delimiter") << u"tank@snap/x"_s << T::Snapshot << u"trailing slash in name"_s;
}

void TestNameCheck::entityNamecheck()
{
    QFETCH(QString, name);
    QFETCH(Zfs::EntityType, type);
    QFETCH(QString, message);

    QCOMPARE(Zfs::entityNamecheck(name, type).value_or(QString()), message);
}

void TestNameCheck::componentNamecheck_data()
{
    QTest::addColumn<QString>("component");
    QTest::addColumn<QString>("message");

    QTest::addRow("simple") << u"zrepl_"_s << QString();
    QTest::addRow("every allowed character") << u"aZ09-_.: "_s << QString();
    QTest::addRow("empty") << QString() << u"name must not be empty"_s;
    QTest::addRow("slash") << u"a/b"_s << u"invalid character '/' in name"_s;
    QTest::addRow("tab") << u"a\tb"_s << u"invalid character '\t' in name"_s;
    QTest::addRow("dot") << u"."_s << u"self reference, '.' is found in name"_s;
    QTest::addRow("dot dot") << u".."_s << u"parent reference, '..' is found in name"_s;
    QTest::addRow("too long") << QString(256, u'x') << u"name is too long"_s;
}

void TestNameCheck::componentNamecheck()
{
    QFETCH(QString, component);
    QFETCH(QString, message);

    QCOMPARE(Zfs::componentNamecheck(component).value_or(QString()), message);
}

void TestNameCheck::datasetPathCheck_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const QString forbidden = u"contains forbidden characters (any of '@#|\\t<>*')"_s;
    QTest::addRow("empty path") << QString() << QString();
    QTest::addRow("nested") << u"pool/a/b"_s << QString();
    QTest::addRow("subtree mark") << u"pool<"_s << forbidden;
    QTest::addRow("snapshot") << u"pool@s"_s << forbidden;
    QTest::addRow("pipe") << u"a|b"_s << forbidden;
    QTest::addRow("trailing slash") << u"pool/"_s << u"must not end with a '/'"_s;
}

void TestNameCheck::datasetPathCheck()
{
    QFETCH(QString, path);
    QFETCH(QString, message);

    QCOMPARE(Zfs::datasetPathCheck(path).value_or(QString()), message);
}

void TestNameCheck::jobIdCheck_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");

    // zrepl daemon/job/build_jobs_test.go TestJobIDErrorHandling
    QTest::addRow("valid") << u"validjobname"_s << QString();
    QTest::addRow("spaces") << u"valid with spaces"_s << QString();
    QTest::addRow("tab") << u"invalid\twith\ttabs"_s
                         << u"must be usable as a dataset path component: invalid character '\t' in name"_s;
    QTest::addRow("hash") << u"invalid#withdelimiter"_s
                          << u"must be usable as a dataset path component: invalid character '#' in name"_s;
    QTest::addRow("at") << u"invalid@withdelimiter"_s
                        << u"must be usable as a dataset path component: invalid character '@' in name"_s;
    QTest::addRow("newline") << u"withnewline\\n"_s
                             << u"must be usable as a dataset path component: invalid character '\\' in name"_s;
    QTest::addRow("slash") << u"withslash/"_s
                           << u"must be usable as a dataset path component: invalid character '/' in name"_s;
    QTest::addRow("only slash") << u"/"_s
                                << u"must be usable as a dataset path component: invalid character '/' in name"_s;
    QTest::addRow("empty") << QString() << u"must not be empty"_s;
    // "pool/ds#zrepl_CURSOR_G_<16 hex>_J_" is 42 characters, so 213 remain for the job id.
    QTest::addRow("longest") << QString(213, u'j') << QString();
    QTest::addRow("cursor bookmark too long")
        << QString(214, u'j') << u"must be usable for a replication cursor bookmark: name is too long"_s;
}

void TestNameCheck::jobIdCheck()
{
    QFETCH(QString, name);
    QFETCH(QString, message);

    QCOMPARE(Zfs::jobIdCheck(name).value_or(QString()), message);
}

QTEST_GUILESS_MAIN(TestNameCheck)
#include "TestNameCheck.moc"
