// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/pruning/VersionPrefixFilter.h"

using namespace Qt::StringLiterals;

using Zfs::VersionType;

class TestVersionPrefixFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepts_data();
    void accepts();
    void acceptsFilesystemVersion();
};

void TestVersionPrefixFilter::accepts_data()
{
    QTest::addColumn<Pruning::VersionPrefixFilter>("filter");
    QTest::addColumn<VersionType>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("accepted");

    const Pruning::VersionPrefixFilter any;
    QTest::addRow("any: snapshot") << any << VersionType::Snapshot << u"manual"_s << true;
    QTest::addRow("any: bookmark") << any << VersionType::Bookmark << u"zrepl_CURSOR"_s << true;
    QTest::addRow("any: empty name") << any << VersionType::Snapshot << QString() << true;

    const Pruning::VersionPrefixFilter prefix(u"zrepl_"_s);
    QTest::addRow("prefix: match") << prefix << VersionType::Snapshot << u"zrepl_20261124_101500_000"_s << true;
    QTest::addRow("prefix: bookmark too") << prefix << VersionType::Bookmark << u"zrepl_x"_s << true;
    QTest::addRow("prefix: name is the prefix") << prefix << VersionType::Snapshot << u"zrepl_"_s << true;
    QTest::addRow("prefix: shorter") << prefix << VersionType::Snapshot << u"zrepl"_s << false;
    QTest::addRow("prefix: case") << prefix << VersionType::Snapshot << u"ZREPL_x"_s << false;
    QTest::addRow("prefix: inside") << prefix << VersionType::Snapshot << u"x_zrepl_"_s << false;

    const Pruning::VersionPrefixFilter typed(u"zrepl_"_s, VersionType::Snapshot);
    QTest::addRow("typed: snapshot") << typed << VersionType::Snapshot << u"zrepl_a"_s << true;
    QTest::addRow("typed: bookmark") << typed << VersionType::Bookmark << u"zrepl_a"_s << false;
    QTest::addRow("typed: snapshot without prefix") << typed << VersionType::Snapshot << u"a"_s << false;
}

void TestVersionPrefixFilter::accepts()
{
    QFETCH(Pruning::VersionPrefixFilter, filter);
    QFETCH(VersionType, type);
    QFETCH(QString, name);
    QFETCH(bool, accepted);

    QCOMPARE(filter.accepts(type, name), accepted);
}

void TestVersionPrefixFilter::acceptsFilesystemVersion()
{
    Zfs::FilesystemVersion version;
    version.filesystem = u"pool/home"_s;
    version.name = u"zrepl_20261124_101500_000"_s;
    QVERIFY(Pruning::VersionPrefixFilter(u"zrepl_"_s, VersionType::Snapshot).accepts(version));
    version.type = VersionType::Bookmark;
    QVERIFY(!Pruning::VersionPrefixFilter(u"zrepl_"_s, VersionType::Snapshot).accepts(version));
    QVERIFY(Pruning::VersionPrefixFilter(u"zrepl_"_s, VersionType::Bookmark).accepts(version));
}

QTEST_GUILESS_MAIN(TestVersionPrefixFilter)
#include "TestVersionPrefixFilter.moc"
