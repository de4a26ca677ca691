// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/zfs/DatasetFilter.h"

using namespace Qt::StringLiterals;

using Filter = Config::FilesystemsFilter;
using Checks = QList<std::pair<QString, bool>>;  // dataset → expected pass

class TestDatasetFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void rejects_data();
    void rejects();
    void defaultFilterExcludesEverything();
    void userSpecifiedDatasets();
};

void TestDatasetFilter::matches_data()
{
    QTest::addColumn<Filter>("filter");
    QTest::addColumn<Checks>("checks");

    // fsmapfilter_test.go
    QTest::addRow("default_no_match") << Filter{} << Checks{{u""_s, false}, {u"foo"_s, false}, {u"zroot"_s, false}};
    QTest::addRow("more_specific_path_has_precedence")
        << Filter{{u"tank<"_s, true}, {u"tank/tmp<"_s, false}, {u"tank/home/x<"_s, false}, {u"tank/home/x/1"_s, true}}
        << Checks{{u"zroot"_s, false},
                  {u"tank"_s, true},
                  {u"tank/tmp"_s, false},
                  {u"tank/tmp/foo"_s, false},
                  {u"tank/home/x"_s, false},
                  {u"tank/home/y"_s, true},
                  {u"tank/home/x/1"_s, true},
                  {u"tank/home/x/2"_s, false}};
    QTest::addRow("precedence_of_specific_over_subtree_wildcard_on_same_path")
        << Filter{{u"tank/home/bob"_s, true}, {u"tank/home/bob<"_s, false}}
        << Checks{{u"tank/home/bob"_s, true}, {u"tank/home/bob/downloads"_s, false}};

    QTest::addRow("'<' alone matches every dataset and the root")
        << Filter{{u"<"_s, true}} << Checks{{u""_s, true}, {u"pool"_s, true}, {u"pool/a/b/c"_s, true}};
    QTest::addRow("'<' with exclusions") << Filter{{u"<"_s, true}, {u"pool/tmp<"_s, false}, {u"pool/swap"_s, false}}
                                         << Checks{{u"pool"_s, true},
                                                   {u"pool/tmp"_s, false},
                                                   {u"pool/tmp/cache"_s, false},
                                                   {u"pool/swap"_s, false},
                                                   {u"pool/swap/child"_s, true},
                                                   {u"other"_s, true}};
    QTest::addRow("plain pattern does not cover children")
        << Filter{{u"pool/a"_s, true}} << Checks{{u"pool/a"_s, true}, {u"pool/a/b"_s, false}, {u"pool"_s, false}};
    QTest::addRow("subtree is by component, not by string prefix")
        << Filter{{u"pool/a<"_s, true}}
        << Checks{{u"pool/a"_s, true}, {u"pool/a/b"_s, true}, {u"pool/ab"_s, false}, {u"pool"_s, false}};
    QTest::addRow("plain exclusion inside an included subtree")
        << Filter{{u"tank<"_s, true}, {u"tank/x"_s, false}}
        << Checks{{u"tank/x"_s, false}, {u"tank/x/y"_s, true}, {u"tank/z"_s, true}};
    QTest::addRow("longest subtree wins whatever the key order")
        << Filter{{u"a/b/c<"_s, true}, {u"a/b<"_s, false}, {u"a<"_s, true}}
        << Checks{{u"a"_s, true}, {u"a/b"_s, false}, {u"a/b/x"_s, false}, {u"a/b/c"_s, true}, {u"a/b/c/d"_s, true}};
    QTest::addRow("empty plain pattern matches only the root")
        << Filter{{u""_s, true}} << Checks{{u""_s, true}, {u"pool"_s, false}};
    QTest::addRow("names are case-sensitive")
        << Filter{{u"Pool<"_s, true}} << Checks{{u"Pool/a"_s, true}, {u"pool/a"_s, false}};
    QTest::addRow("spaces and dots in names")
        << Filter{{u"pool/my data<"_s, true}, {u"pool/my data/v1.2"_s, false}}
        << Checks{{u"pool/my data"_s, true}, {u"pool/my data/v1.2"_s, false}, {u"pool/my data/v1.3"_s, true}};
}

void TestDatasetFilter::matches()
{
    QFETCH(Filter, filter);
    QFETCH(Checks, checks);

    QString error;
    const auto parsed = Zfs::DatasetFilter::fromConfig(filter, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    for (const auto &[dataset, pass] : checks) {
        QVERIFY2(parsed->matches(Zfs::DatasetPath::fromString(dataset)) == pass,
                 qPrintable(u"%1: expected %2"_s.arg(dataset, pass ? u"pass"_s : u"no pass"_s)));
    }
}

void TestDatasetFilter::rejects_data()
{
    QTest::addColumn<Filter>("filter");
    QTest::addColumn<QString>("error");

    QTest::addRow("'<' inside") << Filter{{u"tank/a<b"_s, true}}
                                << u"invalid mapping entry ['tank/a<b':'ok']: pattern invalid: only one '<' at end "
                                   u"of string allowed"_s;
    QTest::addRow("'<' in front") << Filter{{u"<tank"_s, false}}
                                  << u"invalid mapping entry ['<tank':'!']: pattern invalid: only one '<' at end of "
                                     u"string allowed"_s;
    QTest::addRow("two '<'") << Filter{{u"tank<<"_s, true}}
                             << u"invalid mapping entry ['tank<<':'ok']: pattern is not a dataset path: contains "
                                u"forbidden characters (any of '@#|\\t<>*')"_s;
    QTest::addRow("snapshot name") << Filter{{u"tank@snap"_s, true}}
                                   << u"invalid mapping entry ['tank@snap':'ok']: pattern is not a dataset path: "
                                      u"contains forbidden characters (any of '@#|\\t<>*')"_s;
    QTest::addRow("glob") << Filter{{u"tank/*"_s, true}}
                          << u"invalid mapping entry ['tank/*':'ok']: pattern is not a dataset path: contains "
                             u"forbidden characters (any of '@#|\\t<>*')"_s;
    QTest::addRow("trailing slash") << Filter{{u"tank/"_s, true}}
                                    << u"invalid mapping entry ['tank/':'ok']: pattern is not a dataset path: must not "
                                       u"end with a '/'"_s;
    QTest::addRow("trailing slash before '<'")
        << Filter{{u"tank/<"_s, false}}
        << u"invalid mapping entry ['tank/<':'!']: pattern is not a dataset path: must not end with a '/'"_s;
    // Patterns are checked in key order, so the message does not depend on hashing.
    QTest::addRow("first invalid in key order")
        << Filter{{u"z#"_s, true}, {u"a<b"_s, true}, {u"pool<"_s, true}}
        << u"invalid mapping entry ['a<b':'ok']: pattern invalid: only one '<' at end of string allowed"_s;
}

void TestDatasetFilter::rejects()
{
    QFETCH(Filter, filter);
    QFETCH(QString, error);

    QString why;
    QVERIFY(!Zfs::DatasetFilter::fromConfig(filter, &why).has_value());
    QCOMPARE(why, error);
}

void TestDatasetFilter::defaultFilterExcludesEverything()
{
    const Zfs::DatasetFilter filter;
    QVERIFY(!filter.matches(Zfs::DatasetPath()));
    QVERIFY(!filter.matches(Zfs::DatasetPath::fromString(u"pool/a")));
    QCOMPARE(filter.userSpecifiedDatasets(), QStringList{});
}

void TestDatasetFilter::userSpecifiedDatasets()
{
    const auto filter = Zfs::DatasetFilter::fromConfig(
        {{u"tank<"_s, true}, {u"tank/tmp<"_s, false}, {u"tank/tmp"_s, true}, {u"<"_s, false}, {u"pool/a"_s, true}});
    QVERIFY(filter.has_value());
    QCOMPARE(filter->userSpecifiedDatasets(), (QStringList{u""_s, u"pool/a"_s, u"tank"_s, u"tank/tmp"_s}));
}

QTEST_GUILESS_MAIN(TestDatasetFilter)
#include "TestDatasetFilter.moc"
