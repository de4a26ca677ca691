// SPDX-License-Identifier: MIT
#include "daemon/transport/ClientIdentityMap.h"

#include <QHash>

#include <algorithm>

#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Transport {

namespace {

// The longest text an IP can be given as: a CIDR identity must stay valid for every client the CIDR admits.
constexpr QStringView LongestIpText = u"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";

bool isIdentityChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_'
           || u == u'.' || u == u':';
}

// The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d). Not QHostAddress::toIPv4Address(&ok), which
// also says yes for "::".
std::optional<QHostAddress> mappedIPv4(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol) {
        return std::nullopt;
    }
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 0; i < 10; ++i) {
        if (bytes[i] != 0) {
            return std::nullopt;
        }
    }
    if (bytes[10] != 0xff || bytes[11] != 0xff) {
        return std::nullopt;
    }
    const quint32 ipv4 = (quint32(bytes[12]) << 24) | (quint32(bytes[13]) << 16) | (quint32(bytes[14]) << 8)
                         | quint32(bytes[15]);
    return QHostAddress(ipv4);
}

// QHostAddress also takes what inet_aton() takes: "127.1", octal "010.0.0.1", hex, surrounding blanks. Go's
// net.ParseIP, which zrepl uses, refuses all of them, and taking them would silently map some other host; so
// only hex digits, ':' and '.' get to Qt, and an IPv4 address must come back as written.
std::optional<QHostAddress> parseAddress(QStringView text)
{
    if (text.isEmpty()) {
        return std::nullopt;
    }
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool hexDigit = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
        if (!hexDigit && u != u':' && u != u'.') {
            return std::nullopt;
        }
    }
    QHostAddress address;
    if (!address.setAddress(text.toString())) {
        return std::nullopt;
    }
    if (address.protocol() == QAbstractSocket::IPv4Protocol && address.toString() != text) {
        return std::nullopt;
    }
    return address;
}

struct ParsedKey
{
    QHostAddress network;
    int prefixLength = 0;
    QString zone;
    bool isCidr = false;
};

// Empty *why when valid.
ParsedKey parseKey(const QString &key, QString *why)
{
    ParsedKey parsed;
    QStringView rest = key;
    // Qt knows zones on plain IPv6 addresses only, and would take "fe80::1%" as unzoned; splitting here gives
    // CIDRs their zone and makes "%" with nothing after it an error.
    if (const qsizetype percent = key.indexOf(u'%'); percent >= 0) {
        parsed.zone = key.sliced(percent + 1);
        rest = rest.first(percent);
        if (parsed.zone.isEmpty()) {
            *why = u"empty zone after '%'"_s;
            return parsed;
        }
        for (QChar c : std::as_const(parsed.zone)) {
            if (c == u'/' || c == u'%' || c.isSpace()) {
                *why = u"invalid zone \"%1\""_s.arg(parsed.zone);
                return parsed;
            }
        }
    }

    const qsizetype slash = rest.indexOf(u'/');
    parsed.isCidr = slash >= 0;
    const QStringView addressText = parsed.isCidr ? rest.first(slash) : rest;
    const std::optional<QHostAddress> address = parseAddress(addressText);
    if (!address) {
        *why = u"not an IP address or CIDR"_s;
        return parsed;
    }
    const int maxPrefix = address->protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
    if (parsed.isCidr) {
        // Digits only: QHostAddress::parseSubnet also takes "+8" and IPv4 netmasks, which Go's ParseCIDR does not.
        const QStringView prefixText = rest.sliced(slash + 1);
        bool ok = !prefixText.isEmpty() && !(prefixText.size() > 1 && prefixText.startsWith(u'0'));
        for (QChar c : prefixText) {
            ok = ok && c >= u'0' && c <= u'9';
        }
        const int prefix = ok ? prefixText.toInt(&ok) : -1;
        if (!ok || prefix > maxPrefix) {
            *why = u"invalid prefix length \"%1\""_s.arg(prefixText);
            return parsed;
        }
        // parseSubnet clears the host bits, as Go's ParseCIDR does for "192.168.0.1/24".
        const auto subnet = QHostAddress::parseSubnet(addressText.toString() + u'/' + prefixText.toString());
        if (subnet.second < 0) {
            *why = u"not an IP address or CIDR"_s;
            return parsed;
        }
        parsed.network = subnet.first;
        parsed.prefixLength = subnet.second;
    } else {
        parsed.network = *address;
        parsed.prefixLength = maxPrefix;
    }
    parsed.network.setScopeId(QString());

    // Go's net package treats ::ffff:a.b.c.d as a.b.c.d, in keys as in clients.
    if (parsed.network.protocol() == QAbstractSocket::IPv6Protocol && parsed.prefixLength >= 96) {
        if (const auto ipv4 = mappedIPv4(parsed.network)) {
            parsed.network = *ipv4;
            parsed.prefixLength -= 96;
        }
    }
    if (parsed.network.protocol() == QAbstractSocket::IPv4Protocol && !parsed.zone.isEmpty()) {
        *why = u"IPv4 addresses have no zone"_s;
    }
    return parsed;
}

}  // namespace

QString validateClientIdentity(const QString &identity)
{
    if (identity.isEmpty()) {
        return u"client identity must not be empty"_s;
    }
    if (identity.contains(u'/')) {
        return u"client identity must be a single path component (no '/')"_s;
    }
    for (QChar c : identity) {
        if (!isIdentityChar(c)) {
            return u"invalid character '%1' in client identity"_s.arg(c);
        }
    }
    if (identity == u"." || identity == u"..") {
        return u"client identity must not be '.' or '..'"_s;
    }
    if (identity.size() > Zfs::MaxDatasetNameLength) {
        return u"client identity is longer than %1 characters"_s.arg(Zfs::MaxDatasetNameLength);
    }
    return QString();
}

std::optional<ClientIdentityMap> ClientIdentityMap::fromConfig(const QMap<QString, QString> &clients, QString *error)
{
    ClientIdentityMap map;
    // Two keys for the same addresses would leave the identity to key order; zrepl does not say which wins.
    QHash<QString, QString> keyOfNetwork;
    for (auto it = clients.cbegin(); it != clients.cend(); ++it) {
        const QString &key = it.key();
        const QString &identity = it.value();
        QString why;
        const ParsedKey parsed = parseKey(key, &why);
        if (!why.isEmpty()) {
            *error = u"invalid client IP or CIDR \"%1\": %2"_s.arg(key, why);
            return std::nullopt;
        }
        if (parsed.isCidr) {
            if (identity.count(u'*') != 1) {
                *error = u"client \"%1\": CIDRs require 1 IP placeholder, identity \"%2\" has %3"_s.arg(
                    key, identity, QString::number(identity.count(u'*')));
                return std::nullopt;
            }
            QString longest = LongestIpText.toString();
            if (!parsed.zone.isEmpty()) {
                longest += u'-' + parsed.zone;
            }
            why = validateClientIdentity(QString(identity).replace(u'*', longest));
            if (!why.isEmpty()) {
                *error = u"client \"%1\": identity \"%2\" with the longest IP in place of '*' is invalid: %3"_s.arg(
                    key, identity, why);
                return std::nullopt;
            }
        } else {
            if (identity.contains(u'*')) {
                *error = u"client \"%1\": non-CIDR matches must not contain '*' placeholder (identity \"%2\")"_s.arg(
                    key, identity);
                return std::nullopt;
            }
            why = validateClientIdentity(identity);
            if (!why.isEmpty()) {
                *error = u"client \"%1\": invalid identity \"%2\": %3"_s.arg(key, identity, why);
                return std::nullopt;
            }
        }

        const QString networkKey =
            parsed.network.toString() + u'/' + QString::number(parsed.prefixLength) + u'%' + parsed.zone;
        if (const auto other = keyOfNetwork.constFind(networkKey); other != keyOfNetwork.cend()) {
            *error = u"clients \"%1\" and \"%2\" match the same addresses"_s.arg(*other, key);
            return std::nullopt;
        }
        keyOfNetwork.insert(networkKey, key);
        map.m_entries.append(Entry{key, parsed.network, parsed.prefixLength, parsed.zone, identity});
    }
    std::stable_sort(map.m_entries.begin(), map.m_entries.end(), [](const Entry &a, const Entry &b) {
        return a.prefixLength > b.prefixLength;
    });
    return map;
}

std::optional<QString> ClientIdentityMap::identityFor(const QHostAddress &address, QString *error) const
{
    // A dual-stack listener hands IPv4 clients over as ::ffff:a.b.c.d; they are IPv4 clients all the same.
    QHostAddress client = address;
    QString zone;
    if (const auto ipv4 = mappedIPv4(address)) {
        client = *ipv4;
    } else {
        zone = address.scopeId();
        client.setScopeId(QString());
    }
    const QString ip = client.toString();

    if (client.protocol() == QAbstractSocket::IPv4Protocol || client.protocol() == QAbstractSocket::IPv6Protocol) {
        for (const Entry &entry : m_entries) {
            if (entry.network.protocol() != client.protocol() || entry.zone != zone
                || !client.isInSubnet(entry.network, entry.prefixLength)) {
                continue;
            }
            // '%' is not allowed in dataset names.
            const QString placeholder = zone.isEmpty() ? ip : ip + u'-' + zone;
            return QString(entry.identity).replace(u'*', placeholder);
        }
    }
    *error = u"no identity mapping for client IP: "_s + (zone.isEmpty() ? ip : ip + u'%' + zone);
    return std::nullopt;
}

}  // namespace Transport
