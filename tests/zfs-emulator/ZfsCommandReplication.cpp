// zfs send and zfs receive: the half of ZfsCommand that moves streams.
#include <QJsonObject>

#include <poll.h>
#include <unistd.h>

#include "Getopt.h"
#include "ResumeToken.h"
#include "SendStream.h"
#include "ZfsCommand.h"

using Format::err;
using Format::out;

Dataset *ZfsCommand::findByGuid(const QString &fs, quint64 guid)
{
    for (Dataset *d : m_state.snapshotsOf(fs) + m_state.bookmarksOf(fs)) {
        if (d->guid == guid)
            return d;
    }
    return nullptr;
}

QString ZfsCommand::resolveSendSource(const QString &from, const QString &to)
{
    const QString fs = to.section(QLatin1Char('@'), 0, 0);
    if (from.startsWith(QLatin1Char('@')) || from.startsWith(QLatin1Char('#')))
        return fs + from;
    if (!from.contains(QLatin1Char('@')) && !from.contains(QLatin1Char('#')))
        return fs + QLatin1Char('@') + from;  // OpenZFS assumes a bare name is a snapshot
    return from;
}

namespace {

QString sizeLine(bool parsable, const QString &from, const QString &to, quint64 size)
{
    // libzfs send_print_verbose()
    if (parsable) {
        return (from.isEmpty() ? QStringLiteral("full\t%1").arg(to)
                               : QStringLiteral("incremental\t%1\t%2").arg(from, to))
               + QStringLiteral("\t%1\n").arg(size);
    }
    const QString what =
        from.isEmpty() ? QStringLiteral("full send of %1").arg(to) : QStringLiteral("send from %1 to %2").arg(from, to);
    return what + QStringLiteral(" estimated size is %1\n").arg(Format::nicenum(size, true));
}

}  // namespace

int ZfsCommand::send(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("i:I:RDpvnPLecwht:b"));
    QString from;
    bool intermediates = false;
    bool dryRun = false;
    bool verbose = false;
    bool parsable = false;
    bool properties = false;
    QString token;
    quint32 flags = 0;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        switch (c.toLatin1()) {
        case 'i':
        case 'I':
            if (!from.isEmpty())
                return usage(QStringLiteral("send"), QStringLiteral("invalid option combination: -i and -I\n"));
            from = opt.argument();
            intermediates = c == QLatin1Char('I');
            break;
        case 'n':
            dryRun = true;
            break;
        case 'v':
            verbose = true;
            break;
        case 'P':
            parsable = true;
            verbose = true;
            break;
        case 'p':
            properties = true;
            flags |= SendStreamHeader::Properties;
            break;
        case 'w':
            flags |= SendStreamHeader::Raw;
            break;
        case 'c':
            flags |= SendStreamHeader::Compressed;
            break;
        case 'L':
            flags |= SendStreamHeader::LargeBlocks;
            break;
        case 'e':
            flags |= SendStreamHeader::Embedded;
            break;
        case 't':
            token = opt.argument();
            break;
        case 'R':
        case 'D':
        case 'h':
        case 'b':
            break;
        default:
            return usage(QStringLiteral("send"), opt.error());
        }
    }
    const QStringList operands = opt.operands();
    FILE *info = dryRun ? stdout : stderr;
    auto say = [info](const QString &text) {
        const QByteArray b = text.toUtf8();
        fwrite(b.constData(), 1, size_t(b.size()), info);
    };
    QList<SendStreamHeader> streams;

    if (!token.isEmpty()) {
        // zfs_send_resume() returns -1 for every failure, so `zfs send -t` exits 255 (seen on OpenZFS 2.1 and 2.3).
        constexpr int resumeFailed = 255;
        if (!operands.isEmpty() || !from.isEmpty())
            return usage(QStringLiteral("send"), QStringLiteral("too many arguments\n"));
        QString why;
        const std::optional<NvList> nv = ResumeToken::decodeNvList(token, &why);
        if (verbose && nv)
            out(QStringLiteral("resume token contents:\n") + nv->print());
        std::optional<ResumeToken> t = nv ? ResumeToken::decode(token, &why) : std::nullopt;
        if (!t) {
            err(QStringLiteral("cannot resume send: %1\n").arg(why));
            return resumeFailed;
        }
        const Dataset *to = m_state.find(t->toName);
        if (!to) {
            err(QStringLiteral("cannot resume send: '%1' used in the initial send no longer exists\n").arg(t->toName));
            return resumeFailed;
        }
        if (to->guid != t->toGuid) {
            err(QStringLiteral("cannot resume send: '%1' is no longer the same snapshot used in the initial send\n")
                    .arg(t->toName));
            return resumeFailed;
        }
        SendStreamHeader h;
        QString fromName;
        quint64 payload = to->referenced;
        if (t->fromGuid != 0) {
            const Dataset *f = findByGuid(to->parentFilesystem(), t->fromGuid);
            if (!f) {
                err(QStringLiteral("cannot resume send: incremental source %1 no longer exists\n")
                        .arg(QStringLiteral("0x") + QString::number(t->fromGuid, 16)));
                return resumeFailed;
            }
            fromName = f->name;
            payload = 0;
            for (const Dataset *s : m_state.snapshotsOf(to->parentFilesystem())) {
                if (s->createtxg > f->createtxg && s->createtxg <= to->createtxg)
                    payload += s->written;
            }
        }
        h.flags = (t->rawOk ? quint32(SendStreamHeader::Raw) : 0)
                  | (t->compressOk ? quint32(SendStreamHeader::Compressed) : 0)
                  | (t->largeBlockOk ? quint32(SendStreamHeader::LargeBlocks) : 0)
                  | (t->embedOk ? quint32(SendStreamHeader::Embedded) : 0);
        h.toGuid = to->guid;
        h.fromGuid = t->fromGuid;
        h.creation = to->creation;
        h.referenced = to->referenced;
        h.written = to->written;
        h.payloadSize = payload;
        h.resumeOffset = qMin(t->offset, payload);
        h.toName = to->name;
        h.fromName = fromName;
        h.encryption = propertyValue(*to, QStringLiteral("encryption"), true);
        if (verbose)
            say(sizeLine(parsable, fromName, to->name, h.streamSize()));
        streams.append(h);
    } else {
        if (operands.isEmpty())
            return usage(QStringLiteral("send"), QStringLiteral("missing snapshot argument\n"));
        if (operands.size() > 1)
            return usage(QStringLiteral("send"), QStringLiteral("too many arguments\n"));
        const QString toName = operands.first();
        if (!toName.contains(QLatin1Char('@'))) {
            const Dataset *fs = m_state.find(toName);
            if (!fs)
                return datasetMissing(toName);
            err(QStringLiteral("Error: Unsupported flag with filesystem or bookmark.\n"));
            return 1;
        }
        const Dataset *to = m_state.find(toName);
        if (!to)
            return datasetMissing(toName);
        const QString fs = to->parentFilesystem();
        const bool raw = flags & SendStreamHeader::Raw;
        const QString encryption = propertyValue(*to, QStringLiteral("encryption"), true);
        if (encryption != QLatin1String("off") && !raw) {
            if (properties) {
                err(QStringLiteral("cannot send %1: encrypted dataset %2 may not be sent with properties without "
                                   "the raw flag\n")
                        .arg(toName, fs));
                return 1;
            }
            if (propertyValue(*to, QStringLiteral("keystatus"), true) != QLatin1String("available")) {
                err(QStringLiteral("warning: cannot send '%1': dataset key must be loaded\n").arg(toName));
                return 1;
            }
        }
        QList<const Dataset *> chain;  // the snapshots to send, each incremental from the previous
        const Dataset *source = nullptr;
        if (!from.isEmpty()) {
            const QString fromName = resolveSendSource(from, toName);
            source = m_state.find(fromName);
            if (!source) {
                err(QStringLiteral("warning: cannot send '%1': incremental source (%2) does not exist\n")
                        .arg(toName, fromName));
                return 1;
            }
            if (source->parentFilesystem() != fs || source->createtxg >= to->createtxg) {
                err(QStringLiteral("warning: cannot send '%1': not an earlier snapshot from the same fs\n")
                        .arg(toName));
                return 1;
            }
            if (intermediates && source->isBookmark())
                return usage(QStringLiteral("send"), QStringLiteral("-I source must be a snapshot\n"));
            for (const Dataset *s : m_state.snapshotsOf(fs)) {
                if (s->createtxg > source->createtxg && s->createtxg <= to->createtxg && (intermediates || s == to))
                    chain.append(s);
            }
        } else {
            chain.append(to);
        }
        QJsonObject props;
        if (properties) {
            for (auto it = m_state.find(fs)->props.cbegin(); it != m_state.find(fs)->props.cend(); ++it) {
                if (!it.key().startsWith(QLatin1Char('%')))
                    props.insert(it.key(), it.value());
            }
        }
        const Dataset *previous = source;
        quint64 total = 0;
        for (const Dataset *s : std::as_const(chain)) {
            SendStreamHeader h;
            h.flags = flags;
            h.toGuid = s->guid;
            h.fromGuid = previous ? previous->guid : 0;
            h.creation = s->creation;
            h.referenced = s->referenced;
            h.written = s->written;
            h.toName = s->name;
            h.fromName = previous ? previous->name : QString();
            h.encryption = raw ? encryption : QStringLiteral("off");
            h.properties = props;
            if (previous) {
                h.payloadSize = 0;
                for (const Dataset *x : m_state.snapshotsOf(fs)) {
                    if (x->createtxg > previous->createtxg && x->createtxg <= s->createtxg)
                        h.payloadSize += x->written;
                }
            } else {
                h.payloadSize = s->referenced;
            }
            if (verbose)
                say(sizeLine(parsable, h.fromName, h.toName, h.streamSize()));
            total += h.streamSize();
            streams.append(h);
            previous = s;
        }
        if (verbose) {
            say(parsable ? QStringLiteral("size\t%1\n").arg(total)
                         : QStringLiteral("total estimated size is %1\n").arg(Format::nicenum(total, true)));
        }
    }
    if (dryRun)
        return 0;
    if (isatty(STDOUT_FILENO)) {
        err(QStringLiteral("Error: Stream can not be written to a terminal.\nYou must redirect standard output.\n"));
        return 1;
    }
    const std::optional<FaultRules::Rule> cut =
        m_faults.takeValued(QStringLiteral("send"), QStringLiteral("cut-after-bytes"));
    // Taken only when no cut applies, so that a one-shot stall is not spent on a stream that is cut anyway.
    const std::optional<FaultRules::Rule> stall =
        cut ? std::nullopt : m_faults.takeValued(QStringLiteral("send"), QStringLiteral("stall-after-bytes"));
    // The stream goes to a pipe that a zfs recv may drain only after taking the lock itself.
    m_state.unlock();
    qint64 budget = cut ? cut->argument.toLongLong() : stall ? stall->argument.toLongLong() : -1;
    for (const SendStreamHeader &h : std::as_const(streams)) {
        const qint64 size = qint64(h.streamSize());
        const bool cutHere = budget >= 0 && budget < size;
        if (!SendStream::write(STDOUT_FILENO, h, cutHere ? budget : -1)) {
            err(QStringLiteral("warning: cannot send '%1': Broken pipe\n").arg(h.toName));
            return 1;
        }
        if (cutHere && stall) {
            // A send that hangs (a pool that stopped answering): alive, writing nothing, until it is killed or
            // its reader goes away (poll reports POLLERR on a pipe without readers). Bounded, so that a test that
            // forgets it does not leave it behind for ever.
            pollfd out{STDOUT_FILENO, 0, 0};
            ::poll(&out, 1, 10 * 60 * 1000);
            err(QStringLiteral("warning: cannot send '%1': Broken pipe\n").arg(h.toName));
            return 1;
        }
        if (cutHere) {
            err(QStringLiteral("warning: cannot send '%1': Input/output error\n").arg(h.toName));
            return 1;
        }
        if (budget >= 0)
            budget -= size;
    }
    return 0;
}

int ZfsCommand::abortReceive(const QString &fs)
{
    Dataset *d = m_state.find(fs);
    if (!d)
        return datasetMissing(fs);
    if (!d->partial) {
        err(QStringLiteral("'%1' does not have any resumable receive state to abort\n").arg(fs));
        return 1;
    }
    if (d->partial->createdFilesystem)
        removeDataset(fs);
    else
        d->partial.reset();
    return saveState() ? 0 : 1;
}

int ZfsCommand::receive(const QStringList &args)
{
    Getopt opt(args, QStringLiteral("o:x:hdeFnuvMsA"));
    bool force = false;
    bool resumable = false;
    bool abort = false;
    bool verbose = false;
    bool dryRun = false;
    bool discardPool = false;
    bool lastComponent = false;
    QMap<QString, QString> setProps;
    QStringList excluded;
    for (QChar c; (c = opt.next()) != QChar(0);) {
        switch (c.toLatin1()) {
        case 'F':
            force = true;
            break;
        case 's':
            resumable = true;
            break;
        case 'A':
            abort = true;
            break;
        case 'v':
            verbose = true;
            break;
        case 'n':
            dryRun = true;
            break;
        case 'd':
            discardPool = true;
            break;
        case 'e':
            lastComponent = true;
            break;
        case 'o': {
            const QString a = opt.argument();
            if (!a.contains(QLatin1Char('=')))
                return usage(QStringLiteral("receive"), QStringLiteral("missing '=' for property=value argument\n"));
            setProps.insert(a.section(QLatin1Char('='), 0, 0), a.section(QLatin1Char('='), 1));
            break;
        }
        case 'x':
            excluded.append(opt.argument());
            break;
        case 'u':
        case 'h':
        case 'M':
            break;
        default:
            return usage(QStringLiteral("receive"), opt.error());
        }
    }
    const QStringList operands = opt.operands();
    if (operands.isEmpty())
        return usage(QStringLiteral("receive"), QStringLiteral("missing snapshot argument\n"));
    if (operands.size() > 1)
        return usage(QStringLiteral("receive"), QStringLiteral("too many arguments\n"));
    const QString target = operands.first();
    if (abort)
        return abortReceive(target);
    if (isatty(STDIN_FILENO)) {
        err(QStringLiteral(
            "Error: Backup stream can not be read from a terminal.\nYou must redirect standard input.\n"));
        return 1;
    }
    const bool failRule = m_faults.takeValued(QStringLiteral("recv"), QStringLiteral("fail")).has_value();
    const std::optional<FaultRules::Rule> cut =
        m_faults.takeValued(QStringLiteral("recv"), QStringLiteral("cut-after-bytes"));
    QString error;
    m_state.unlock();
    // The sender writes while we read; state is taken again once a whole stream has arrived.
    for (int index = 0;; ++index) {
        const SendStream::Received r = SendStream::read(STDIN_FILENO, cut ? cut->argument.toLongLong() : -1);
        if (index > 0 && r.streamBytes == 0)
            return 0;
        if (!m_state.open(&error)) {
            err(QStringLiteral("holdfast-zfs-emulator: %1\n").arg(error));
            return 1;
        }
        if (r.result == SendStream::ReadResult::Invalid) {
            err(QStringLiteral("cannot receive: invalid stream (bad magic number)\n"));
            return 1;
        }
        if (!r.headerComplete) {
            err(QStringLiteral("cannot receive: failed to read from stream\n"));
            return 1;
        }
        const SendStreamHeader &h = r.header;
        const bool incremental = h.fromGuid != 0;
        const QString kind = h.resumeOffset > 0 ? QStringLiteral("resume")
                             : incremental      ? QStringLiteral("incremental")
                                                : QStringLiteral("new filesystem");
        const QString what = QStringLiteral("cannot receive %1 stream: ").arg(kind);
        QString fs = target.section(QLatin1Char('@'), 0, 0);
        const QString sendFs = h.toName.section(QLatin1Char('@'), 0, 0);
        if (discardPool)
            fs += sendFs.mid(sendFs.indexOf(QLatin1Char('/')) < 0 ? sendFs.size() : sendFs.indexOf(QLatin1Char('/')));
        else if (lastComponent)
            fs += QLatin1Char('/') + sendFs.section(QLatin1Char('/'), -1);
        const QString snapName = target.contains(QLatin1Char('@')) ? target.section(QLatin1Char('@'), 1)
                                                                   : h.toName.section(QLatin1Char('@'), 1);
        const QString snap = fs + QLatin1Char('@') + snapName;
        if (failRule) {
            err(what + QStringLiteral("Input/output error\n"));
            return 1;
        }
        if (!m_state.pools.contains(EmulatorState::poolOf(fs)))
            return datasetMissing(fs);
        Dataset *existing = m_state.find(fs);
        if (existing && !existing->isFilesystemLike())
            return datasetMissing(fs);
        // Partial state accepts only the stream that continues it.
        if (existing && existing->partial && h.resumeOffset == 0) {
            err(what
                + QStringLiteral("destination %1 contains partially-complete state from \"zfs receive -s\".\n")
                      .arg(fs));
            return 1;
        }
        if (h.resumeOffset > 0) {
            if (!existing || !existing->partial || existing->partial->toGuid != h.toGuid) {
                err(what
                    + QStringLiteral("destination '%1' has no partially-complete state for this stream\n").arg(fs));
                return 1;
            }
            if (existing->partial->offset != h.resumeOffset) {
                err(what
                    + QStringLiteral("resume stream starts at offset %1, saved state is at %2\n")
                          .arg(h.resumeOffset)
                          .arg(existing->partial->offset));
                return 1;
            }
        } else if (!incremental) {
            if (existing) {
                const QList<Dataset *> snaps = m_state.snapshotsOf(fs);
                if (!force) {
                    err(what + QStringLiteral("destination '%1' exists\nmust specify -F to overwrite it\n").arg(fs));
                    return 1;
                }
                if (!snaps.isEmpty()) {
                    err(what
                        + QStringLiteral("destination has snapshots (eg. %1)\nmust destroy them to overwrite it\n")
                              .arg(snaps.first()->name));
                    return 1;
                }
            } else if (!m_state.exists(fs.section(QLatin1Char('/'), 0, -2))) {
                err(what + QStringLiteral("parent of '%1' does not exist\n").arg(fs));
                return 1;
            }
        } else {
            if (!existing) {
                err(what + QStringLiteral("destination '%1' does not exist\n").arg(fs));
                return 1;
            }
            // A plain stream cannot be written into an encrypted filesystem whose key is not loaded; the kernel
            // says so before it compares snapshots (OpenZFS 2.1 and 2.3).
            if (!(h.flags & SendStreamHeader::Raw)
                && propertyValue(*existing, QStringLiteral("keystatus"), true) == QLatin1String("unavailable")) {
                err(what + QStringLiteral("inherited key must be loaded\n"));
                return 1;
            }
            const QList<Dataset *> snaps = m_state.snapshotsOf(fs);
            const bool matches = !snaps.isEmpty() && snaps.last()->guid == h.fromGuid;
            Dataset *base = nullptr;
            for (Dataset *s : snaps) {
                if (s->guid == h.fromGuid)
                    base = s;
            }
            if (!matches && !(force && base)) {
                err(what + QStringLiteral("most recent snapshot of %1 does not\nmatch incremental source\n").arg(fs));
                return 1;
            }
            if (!matches) {
                // -F: roll back to the incremental source, destroying what came after it.
                for (Dataset *s : snaps) {
                    if (s->createtxg > base->createtxg && !s->holds.isEmpty()) {
                        err(what + QStringLiteral("cannot destroy '%1': dataset is busy\n").arg(s->name));
                        return 1;
                    }
                }
                const quint64 baseTxg = base->createtxg;
                QStringList newer;
                for (Dataset *s : snaps) {
                    if (s->createtxg > baseTxg)
                        newer.append(s->name);
                }
                for (const QString &n : std::as_const(newer))
                    removeDataset(n);
                existing = m_state.find(fs);
            }
        }
        if (m_state.exists(snap)) {
            err(what + QStringLiteral("destination '%1' exists\n").arg(snap));
            return 1;
        }
        if (dryRun) {
            if (verbose)
                out(QStringLiteral("would receive %1 stream of %2 into %3\n")
                        .arg(incremental ? QStringLiteral("incremental") : QStringLiteral("full"), h.toName, snap));
            continue;
        }
        if (r.result == SendStream::ReadResult::Truncated || r.result == SendStream::ReadResult::ChecksumMismatch) {
            const bool saved = resumable && r.result == SendStream::ReadResult::Truncated;
            QString message = what + QStringLiteral("checksum mismatch or incomplete stream");
            if (saved) {
                const bool created = !existing;
                Dataset *d = existing ? existing : &createFilesystem(fs, {});
                PartialReceive p = d->partial.value_or(PartialReceive{});
                p.toGuid = h.toGuid;
                p.fromGuid = h.fromGuid;
                p.toName = h.toName;
                p.targetSnap = snapName;
                p.offset = h.resumeOffset + r.payloadBytes;
                p.bytes = (d->partial ? d->partial->bytes : 0) + r.streamBytes;
                p.flags = h.flags;
                if (!d->partial)
                    p.createdFilesystem = created;
                d->partial = p;
                if (!saveState())
                    return 1;
                message += QStringLiteral(".\nPartially received snapshot is saved.\n"
                                          "A resuming stream can be generated on the sending system by running:\n"
                                          "    zfs send -t %1")
                               .arg(propertyValue(*m_state.find(fs), QStringLiteral("receive_resume_token"), true));
            }
            err(message + QLatin1Char('\n'));
            return 1;
        }
        // Complete: the received snapshot keeps the sender's guid and creation time.
        const bool created = !existing;
        if (existing && existing->partial && existing->partial->createdFilesystem)
            existing->partial.reset();
        Dataset *d = existing ? existing : &createFilesystem(fs, {});
        const bool newFilesystem = created || m_state.snapshotsOf(fs).isEmpty();
        d->partial.reset();
        if (h.flags & SendStreamHeader::Raw) {
            if (newFilesystem && h.encryption != QLatin1String("off") && !h.encryption.isEmpty()) {
                d->props.insert(QStringLiteral("%encryption"), h.encryption);
                d->props.insert(QStringLiteral("%keyformat"), QStringLiteral("passphrase"));
                d->props.insert(QStringLiteral("%encryptionroot"), fs);
                d->props.insert(QStringLiteral("%keystatus"), QStringLiteral("unavailable"));
            }
        }
        for (auto it = h.properties.constBegin(); it != h.properties.constEnd(); ++it) {
            if (!excluded.contains(it.key()))
                d->received.insert(it.key(), it.value().toString());
        }
        for (auto it = setProps.cbegin(); it != setProps.cend(); ++it)
            d->props.insert(it.key(), it.value());
        d->referenced = h.referenced;
        Dataset s;
        s.name = snap;
        s.type = QStringLiteral("snapshot");
        s.guid = h.toGuid;
        s.createtxg = m_state.nextTxg(EmulatorState::poolOf(fs));
        s.creation = h.creation;
        s.referenced = h.referenced;
        s.written = h.written;
        m_state.datasets.insert(snap, s);
        if (!saveState())
            return 1;
        if (verbose) {
            out(QStringLiteral("receiving %1 stream of %2 into %3\nreceived %4 stream in 1 seconds (%4/sec)\n")
                    .arg(incremental ? QStringLiteral("incremental") : QStringLiteral("full"),
                         h.toName,
                         snap,
                         Format::nicenum(r.streamBytes, true)));
        }
        m_state.unlock();
    }
}
