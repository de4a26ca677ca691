#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>

// The subset of libnvpair's native encoding that ZFS resume tokens use (OpenZFS module/nvpair/nvpair.c,
// nvs_native_*): booleans, uint64 and strings, little-endian.
class NvList
{
public:
    enum class Type
    {
        Boolean = 1,
        Uint64 = 8,
        String = 9
    };

    struct Pair
    {
        QString name;
        Type type = Type::Boolean;
        quint64 number = 0;
        QString text;
    };

    void addBoolean(const QString &name);
    void addUint64(const QString &name, quint64 value);
    void addString(const QString &name, const QString &value);

    const QList<Pair> &pairs() const
    {
        return m_pairs;
    }

    const Pair *find(const QString &name) const;

    QByteArray packNative() const;
    static std::optional<NvList> unpackNative(const QByteArray &packed, QString *error);

    // The text of libnvpair's nvlist_print(), which `zfs send -nvt` prints after "resume token contents:".
    QString print() const;

private:
    QList<Pair> m_pairs;
};
