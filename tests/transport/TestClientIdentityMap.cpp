// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/transport/ClientIdentityMap.h"

using namespace Qt::StringLiterals;

using Clients = QMap<QString, QString>;
using Transport::ClientIdentityMap;

class TestClientIdentityMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validateIdentity_data();
    void validateIdentity();
    void config_data();
    void config();
    void lookup_data();
    void lookup();
};

void TestClientIdentityMap::validateIdentity_data()
{
    QTest::addColumn<QString>("identity");
    QTest::addColumn<QString>("reason");  // empty: valid

    QTest::newRow("plain") << u"laptop"_s << QString();
    QTest::newRow("every allowed character") << u"aZ09-_.:x"_s << QString();
    QTest::newRow("ipv6 text") << u"2001:db8::1"_s << QString();
    QTest::newRow("255 characters") << QString(255, u'a') << QString();
    QTest::newRow("empty") << QString() << u"must not be empty"_s;
    QTest::newRow("slash") << u"a/b"_s << u"single path component"_s;
    QTest::newRow("at") << u"a@b"_s << u"invalid character '@'"_s;
    QTest::newRow("hash") << u"a#b"_s << u"invalid character '#'"_s;
    QTest::newRow("percent") << u"a%b"_s << u"invalid character '%'"_s;
    QTest::newRow("space") << u"a b"_s << u"invalid character ' '"_s;
    QTest::newRow("star") << u"a*"_s << u"invalid character '*'"_s;
    QTest::newRow("non-ascii") << u"caf\u00e9"_s << u"invalid character"_s;
    QTest::newRow("dot") << u"."_s << u"'.' or '..'"_s;
    QTest::newRow("dot dot") << u".."_s << u"'.' or '..'"_s;
    QTest::newRow("256 characters") << QString(256, u'a') << u"longer than 255"_s;
}

void TestClientIdentityMap::validateIdentity()
{
    QFETCH(QString, identity);
    QFETCH(QString, reason);

    const QString result = Transport::validateClientIdentity(identity);
    if (reason.isEmpty()) {
        QCOMPARE(result, QString());
    } else {
        QVERIFY2(result.contains(reason), qPrintable(result));
    }
}

void TestClientIdentityMap::config_data()
{
    QTest::addColumn<Clients>("clients");
    QTest::addColumn<QStringList>("errorParts");  // empty: valid; else every part is in the error

    const QStringList valid;

    QTest::newRow("empty map") << Clients{} << valid;
    QTest::newRow("ipv4") << Clients{{u"192.168.1.10"_s, u"laptop"_s}} << valid;
    QTest::newRow("ipv6") << Clients{{u"2001:db8::1"_s, u"server"_s}} << valid;
    QTest::newRow("ipv6 with zone") << Clients{{u"fe80::1%eth0"_s, u"neighbour"_s}} << valid;
    QTest::newRow("ipv4-mapped ipv6") << Clients{{u"::ffff:10.0.0.1"_s, u"mapped"_s}} << valid;
    QTest::newRow("ipv4 cidr") << Clients{{u"192.168.0.0/24"_s, u"lan-*"_s}} << valid;
    QTest::newRow("ipv4 cidr with host bits") << Clients{{u"192.168.0.1/24"_s, u"lan-*"_s}} << valid;
    QTest::newRow("ipv4 catch-all") << Clients{{u"0.0.0.0/0"_s, u"*"_s}} << valid;
    QTest::newRow("ipv6 cidr") << Clients{{u"2001:db8::/32"_s, u"*.v6"_s}} << valid;
    QTest::newRow("ipv6 cidr with zone") << Clients{{u"fe80::/64%eth0"_s, u"ll-*"_s}} << valid;
    QTest::newRow("same network, different zones")
        << Clients{{u"fe80::/64%eth0"_s, u"a-*"_s}, {u"fe80::/64%eth1"_s, u"b-*"_s}, {u"fe80::/64"_s, u"c-*"_s}}
        << valid;
    QTest::newRow("cidr identity at the length limit") << Clients{{u"10.0.0.0/8"_s, QString(210, u'a') + u'*'}}
                                                       << valid;
    QTest::newRow("mixed")
        << Clients{{u"10.0.0.1"_s, u"one"_s}, {u"10.0.0.0/8"_s, u"ten-*"_s}, {u"::1"_s, u"localhost"_s}} << valid;

    const QString starInPlain = u"non-CIDR matches must not contain '*' placeholder"_s;
    QTest::newRow("ipv4 with placeholder") << Clients{{u"10.0.0.1"_s, u"host-*"_s}}
                                           << QStringList{starInPlain, u"10.0.0.1"_s, u"host-*"_s};
    QTest::newRow("ipv6 with placeholder") << Clients{{u"::1"_s, u"*"_s}} << QStringList{starInPlain, u"\"::1\""_s};

    const QString onePlaceholder = u"CIDRs require 1 IP placeholder"_s;
    QTest::newRow("cidr without placeholder") << Clients{{u"10.0.0.0/8"_s, u"ten"_s}}
                                              << QStringList{onePlaceholder, u"10.0.0.0/8"_s, u"\"ten\""_s};
    QTest::newRow("cidr with two placeholders") << Clients{{u"10.0.0.0/8"_s, u"*-*"_s}}
                                                << QStringList{onePlaceholder, u"10.0.0.0/8"_s, u"*-*"_s};
    QTest::newRow("ipv6 cidr without placeholder") << Clients{{u"fe80::/64%eth0"_s, u"ll"_s}}
                                                   << QStringList{onePlaceholder, u"fe80::/64%eth0"_s};

    QTest::newRow("empty identity") << Clients{{u"10.0.0.1"_s, QString()}}
                                    << QStringList{u"10.0.0.1"_s, u"must not be empty"_s};
    QTest::newRow("identity with slash") << Clients{{u"10.0.0.1"_s, u"a/b"_s}}
                                         << QStringList{u"10.0.0.1"_s, u"a/b"_s, u"single path component"_s};
    QTest::newRow("identity with at") << Clients{{u"10.0.0.1"_s, u"a@b"_s}}
                                      << QStringList{u"10.0.0.1"_s, u"invalid character '@'"_s};
    QTest::newRow("identity with hash") << Clients{{u"10.0.0.1"_s, u"a#b"_s}}
                                        << QStringList{u"10.0.0.1"_s, u"invalid character '#'"_s};
    QTest::newRow("identity with percent") << Clients{{u"10.0.0.1"_s, u"a%b"_s}}
                                           << QStringList{u"10.0.0.1"_s, u"invalid character '%'"_s};
    QTest::newRow("identity with space") << Clients{{u"10.0.0.1"_s, u"a b"_s}}
                                         << QStringList{u"10.0.0.1"_s, u"invalid character ' '"_s};
    QTest::newRow("identity dot dot") << Clients{{u"10.0.0.1"_s, u".."_s}} << QStringList{u"'.' or '..'"_s};
    QTest::newRow("identity too long") << Clients{{u"10.0.0.1"_s, QString(256, u'a')}}
                                       << QStringList{u"10.0.0.1"_s, u"longer than 255"_s};
    QTest::newRow("cidr identity with slash") << Clients{{u"10.0.0.0/8"_s, u"a/*"_s}}
                                              << QStringList{u"10.0.0.0/8"_s, u"a/*"_s, u"longest IP"_s};
    QTest::newRow("cidr identity too long for the longest ip")
        << Clients{{u"10.0.0.0/8"_s, QString(211, u'a') + u'*'}}
        << QStringList{u"10.0.0.0/8"_s, u"longest IP"_s, u"longer than 255"_s};
    QTest::newRow("cidr identity too long with its zone")
        << Clients{{u"fe80::/64%eth0"_s, QString(206, u'a') + u'*'}}
        << QStringList{u"fe80::/64%eth0"_s, u"longer than 255"_s};
    QTest::newRow("cidr zone not allowed in identity") << Clients{{u"fe80::/64%br#0"_s, u"ll-*"_s}}
                                                       << QStringList{u"fe80::/64%br#0"_s, u"'#'"_s};

    const QString badKey = u"invalid client IP or CIDR"_s;
    const auto badKeyRow = [&](const char *name, const QString &key) {
        QTest::newRow(name) << Clients{{key, u"x"_s}} << QStringList{badKey, u'"' + key + u'"'};
    };
    badKeyRow("not an ip", u"laptop.example.org"_s);
    badKeyRow("empty key", QString());
    badKeyRow("ipv4 octet out of range", u"1.2.3.256"_s);
    badKeyRow("ipv4 short form", u"127.1"_s);
    badKeyRow("ipv4 octal", u"010.0.0.1"_s);
    badKeyRow("ipv4 leading blank", u" 10.0.0.1"_s);
    badKeyRow("ipv6 garbage", u"fe80::1::2"_s);
    badKeyRow("ipv4 with zone", u"10.0.0.1%eth0"_s);
    badKeyRow("empty zone", u"fe80::1%"_s);
    const auto badCidrRow = [&](const char *name, const QString &key) {
        QTest::newRow(name) << Clients{{key, u"x-*"_s}} << QStringList{badKey, u'"' + key + u'"'};
    };
    badCidrRow("prefix too long", u"10.0.0.0/33"_s);
    badCidrRow("ipv6 prefix too long", u"2001:db8::/129"_s);
    badCidrRow("empty prefix", u"10.0.0.0/"_s);
    badCidrRow("netmask prefix", u"10.0.0.0/255.0.0.0"_s);
    badCidrRow("signed prefix", u"10.0.0.0/+8"_s);
    badCidrRow("prefix with leading zero", u"10.0.0.0/08"_s);
    badCidrRow("short ipv4 network", u"192.168/16"_s);
    badCidrRow("zone before prefix", u"fe80::%eth0/64"_s);
    badCidrRow("ipv4 cidr with zone", u"10.0.0.0/8%eth0"_s);
    badCidrRow("two slashes", u"10.0.0.0/8/8"_s);

    const QString sameAddresses = u"match the same addresses"_s;
    QTest::newRow("cidrs differing in host bits")
        << Clients{{u"10.0.0.0/8"_s, u"a-*"_s}, {u"10.1.2.3/8"_s, u"b-*"_s}}
        << QStringList{sameAddresses, u"10.0.0.0/8"_s, u"10.1.2.3/8"_s};
    QTest::newRow("ipv4 and its mapped form") << Clients{{u"10.0.0.1"_s, u"a"_s}, {u"::ffff:10.0.0.1"_s, u"b"_s}}
                                              << QStringList{sameAddresses};
    QTest::newRow("ip and its /32") << Clients{{u"10.0.0.1"_s, u"a"_s}, {u"10.0.0.1/32"_s, u"b-*"_s}}
                                    << QStringList{sameAddresses};
}

void TestClientIdentityMap::config()
{
    QFETCH(Clients, clients);
    QFETCH(QStringList, errorParts);

    QString error;
    const auto map = ClientIdentityMap::fromConfig(clients, &error);
    if (errorParts.isEmpty()) {
        QVERIFY2(map.has_value(), qPrintable(error));
        return;
    }
    QVERIFY(!map.has_value());
    for (const QString &part : std::as_const(errorParts)) {
        QVERIFY2(error.contains(part), qPrintable(u"\"%1\" not in: %2"_s.arg(part, error)));
    }
}

void TestClientIdentityMap::lookup_data()
{
    QTest::addColumn<Clients>("clients");
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("identity");  // empty: no match
    QTest::addColumn<QString>("error");

    const Clients v4{{u"192.168.1.10"_s, u"laptop"_s}, {u"10.0.0.0/8"_s, u"ten-*"_s}};
    QTest::newRow("ipv4") << v4 << u"192.168.1.10"_s << u"laptop"_s << QString();
    QTest::newRow("ipv4 cidr") << v4 << u"10.20.30.40"_s << u"ten-10.20.30.40"_s << QString();
    QTest::newRow("mapped client, ipv4 entry") << v4 << u"::ffff:192.168.1.10"_s << u"laptop"_s << QString();
    QTest::newRow("mapped client, ipv4 cidr")
        << v4 << u"::ffff:10.20.30.40"_s << u"ten-10.20.30.40"_s << QString();
    QTest::newRow("ipv4 no match") << v4 << u"192.168.1.11"_s << QString()
                                   << u"no identity mapping for client IP: 192.168.1.11"_s;
    QTest::newRow("mapped client no match, said as ipv4")
        << v4 << u"::ffff:192.168.1.11"_s << QString() << u"no identity mapping for client IP: 192.168.1.11"_s;
    QTest::newRow("ipv6 client, ipv4 entries") << v4 << u"::1"_s << QString()
                                               << u"no identity mapping for client IP: ::1"_s;

    const Clients mappedKeys{{u"::ffff:192.168.1.10"_s, u"laptop"_s}, {u"::ffff:10.0.0.0/104"_s, u"ten-*"_s}};
    QTest::newRow("mapped key, ipv4 client") << mappedKeys << u"192.168.1.10"_s << u"laptop"_s << QString();
    QTest::newRow("mapped cidr key, ipv4 client")
        << mappedKeys << u"10.1.1.1"_s << u"ten-10.1.1.1"_s << QString();
    QTest::newRow("mapped cidr key, mapped client")
        << mappedKeys << u"::ffff:10.1.1.1"_s << u"ten-10.1.1.1"_s << QString();

    const Clients anyV4{{u"0.0.0.0/0"_s, u"v4-*"_s}};
    QTest::newRow("ipv4 catch-all, mapped client") << anyV4 << u"::ffff:1.2.3.4"_s << u"v4-1.2.3.4"_s << QString();
    QTest::newRow("ipv4 catch-all, ipv6 client")
        << anyV4 << u"2001:db8::1"_s << QString() << u"no identity mapping for client IP: 2001:db8::1"_s;
    QTest::newRow("ipv4 catch-all, unspecified ipv6 client")
        << anyV4 << u"::"_s << QString() << u"no identity mapping for client IP: ::"_s;
    const Clients anyV6{{u"::/0"_s, u"v6-*"_s}};
    QTest::newRow("ipv6 catch-all, ipv4 client")
        << anyV6 << u"1.2.3.4"_s << QString() << u"no identity mapping for client IP: 1.2.3.4"_s;
    QTest::newRow("ipv6 catch-all, mapped client")
        << anyV6 << u"::ffff:1.2.3.4"_s << QString() << u"no identity mapping for client IP: 1.2.3.4"_s;
    QTest::newRow("ipv6 catch-all, ipv6 client") << anyV6 << u"::1"_s << u"v6-::1"_s << QString();

    const Clients v6{{u"2001:db8::1"_s, u"server"_s}, {u"2001:db8::/32"_s, u"net-*"_s}};
    QTest::newRow("ipv6") << v6 << u"2001:db8::1"_s << u"server"_s << QString();
    QTest::newRow("ipv6 written out") << v6 << u"2001:0DB8:0000:0000:0000:0000:0000:0001"_s << u"server"_s
                                      << QString();
    QTest::newRow("ipv6 cidr, canonical text")
        << v6 << u"2001:0db8:0:0:0:0:0:abcd"_s << u"net-2001:db8::abcd"_s << QString();
    QTest::newRow("ipv6 no match") << v6 << u"2001:db9::1"_s << QString()
                                   << u"no identity mapping for client IP: 2001:db9::1"_s;

    const Clients zoned{{u"fe80::1%eth0"_s, u"neighbour"_s},
                        {u"fe80::/64%eth0"_s, u"eth0-*"_s},
                        {u"fe80::/64%eth1"_s, u"eth1-*"_s},
                        {u"fe80::1"_s, u"unzoned"_s}};
    QTest::newRow("zoned ip") << zoned << u"fe80::1%eth0"_s << u"neighbour"_s << QString();
    QTest::newRow("zoned cidr") << zoned << u"fe80::2%eth0"_s << u"eth0-fe80::2-eth0"_s << QString();
    QTest::newRow("other zone") << zoned << u"fe80::1%eth1"_s << u"eth1-fe80::1-eth1"_s << QString();
    QTest::newRow("no zone") << zoned << u"fe80::1"_s << u"unzoned"_s << QString();
    QTest::newRow("unknown zone") << zoned << u"fe80::1%wlan0"_s << QString()
                                  << u"no identity mapping for client IP: fe80::1%wlan0"_s;
    QTest::newRow("zoned client, unzoned cidr")
        << Clients{{u"fe80::/64"_s, u"ll-*"_s}} << u"fe80::2%eth0"_s << QString()
        << u"no identity mapping for client IP: fe80::2%eth0"_s;
    QTest::newRow("unzoned client, zoned cidr")
        << Clients{{u"fe80::/64%eth0"_s, u"ll-*"_s}} << u"fe80::2"_s << QString()
        << u"no identity mapping for client IP: fe80::2"_s;

    // QMap hands the keys over sorted as text; the wider networks come first that way.
    const Clients nested{{u"10.0.0.0/8"_s, u"wide-*"_s},
                         {u"10.1.0.0/16"_s, u"site-*"_s},
                         {u"10.1.2.0/24"_s, u"lan-*"_s},
                         {u"10.1.2.3"_s, u"exact"_s}};
    QTest::newRow("ip beats /24") << nested << u"10.1.2.3"_s << u"exact"_s << QString();
    QTest::newRow("ip beats /24, mapped client") << nested << u"::ffff:10.1.2.3"_s << u"exact"_s << QString();
    QTest::newRow("/24 beats /16") << nested << u"10.1.2.4"_s << u"lan-10.1.2.4"_s << QString();
    QTest::newRow("/16 beats /8") << nested << u"10.1.3.1"_s << u"site-10.1.3.1"_s << QString();
    QTest::newRow("/8 when nothing narrower") << nested << u"10.2.0.1"_s << u"wide-10.2.0.1"_s << QString();
    QTest::newRow("outside all") << nested << u"11.0.0.1"_s << QString()
                                 << u"no identity mapping for client IP: 11.0.0.1"_s;
    QTest::newRow("/32 cidr beats /24")
        << Clients{{u"10.1.2.0/24"_s, u"lan-*"_s}, {u"10.1.2.3/32"_s, u"one-*"_s}} << u"10.1.2.3"_s
        << u"one-10.1.2.3"_s << QString();
    QTest::newRow("ipv6 /128 beats /64")
        << Clients{{u"2001:db8::/64"_s, u"net-*"_s}, {u"2001:db8::5"_s, u"five"_s}} << u"2001:db8::5"_s
        << u"five"_s << QString();

    QTest::newRow("empty map") << Clients{} << u"10.0.0.1"_s << QString()
                               << u"no identity mapping for client IP: 10.0.0.1"_s;
    QTest::newRow("null address") << anyV4 << QString() << QString() << u"no identity mapping for client IP: "_s;
}

void TestClientIdentityMap::lookup()
{
    QFETCH(Clients, clients);
    QFETCH(QString, client);
    QFETCH(QString, identity);
    QFETCH(QString, error);

    QString configError;
    const auto map = ClientIdentityMap::fromConfig(clients, &configError);
    QVERIFY2(map.has_value(), qPrintable(configError));

    const QHostAddress address(client);
    QCOMPARE(address.isNull(), client.isEmpty());
    QString lookupError;
    const std::optional<QString> result = map->identityFor(address, &lookupError);
    if (identity.isEmpty()) {
        QVERIFY2(!result.has_value(), qPrintable(*result));
        QCOMPARE(lookupError, error);
    } else {
        QVERIFY2(result.has_value(), qPrintable(lookupError));
        QCOMPARE(*result, identity);
        QCOMPARE(Transport::validateClientIdentity(*result), QString());
    }
}

QTEST_GUILESS_MAIN(TestClientIdentityMap)

#include "TestClientIdentityMap.moc"
