#include <QDir>
#include <QFile>
#include <QTest>

#include "ConformanceScript.h"
#include "EmulatorFixture.h"
#include "KnownDifferences.h"
#include "OpenZfsFixture.h"
#include "ScenarioRunner.h"
#include "TranscriptNormalizer.h"
#include "ZfsFuseFixture.h"

// The same zfs/zpool command scenarios on real OpenZFS 2.x (in the test VM), on zfs-fuse (a real but old ZFS) and
// on the OpenZFS 2.x emulator, each checked against one expected transcript, so the emulator is held to what real
// OpenZFS does.
class TestZfsConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void cleanupTestCase();
    void poolLifecycle_data();
    void poolLifecycle();
    void scenario_data();
    void scenario();
    void documentedDifferencesAreExercised();

private:
    void addBackendRows(const char *column);
    ZfsBackend *backend(const QString &name);
    static QStringList scenarioFiles();
    static void failOnMismatch(const QString &expected, const QString &actual);
    static void dumpTranscript(const QString &backend, const QString &scenario, const QString &transcript);

    ZfsFuseFixture m_zfsFuse;
    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    OpenZfsFixture m_openZfs;
    // Per backend with documented differences: the rewrites, and how many scenarios ran and passed with them.
    struct Differences
    {
        KnownDifferences known;
        int run = 0;
        int passed = 0;
    };
    QHash<QString, Differences> m_differences;
};

namespace {

const QString zfsFuseBackend = QStringLiteral("zfs-fuse");
const QString emulatorBackend = QStringLiteral("emulator");
const QString openZfsBackend = QStringLiteral("openzfs");
const QStringList allBackends = {openZfsBackend, zfsFuseBackend, emulatorBackend};
constexpr int poolSizeMiB = 128;

// HOLDFAST_TEST_BACKEND (or HOLDFAST_CONFORMANCE_BACKEND)=openzfs|zfs-fuse|emulator restricts the rows to one
// backend.
bool backendSelected(const QString &backend)
{
    return ZfsBackend::selected(backend);
}

}  // namespace

void TestZfsConformance::cleanup()
{
    // Per row, so a failing scenario does not leave its pool to the next one.
    m_zfsFuse.destroyPools();
    m_emulator.destroyPools();
    m_openZfs.destroyPools();
}

void TestZfsConformance::cleanupTestCase()
{
    m_zfsFuse.stop();
    m_emulator.stop();
    m_openZfs.stop();
}

void TestZfsConformance::addBackendRows(const char *column)
{
    QTest::addColumn<QString>(column);
    for (const QString &name : allBackends) {
        if (backendSelected(name))
            QTest::addRow("%s", qPrintable(name)) << name;
    }
}

ZfsBackend *TestZfsConformance::backend(const QString &name)
{
    if (name == openZfsBackend)
        return &m_openZfs;
    return name == zfsFuseBackend ? static_cast<ZfsBackend *>(&m_zfsFuse) : &m_emulator;
}

void TestZfsConformance::poolLifecycle_data()
{
    addBackendRows("backend");
}

void TestZfsConformance::poolLifecycle()
{
    QFETCH(QString, backend);
    ZfsBackend *zfs = this->backend(backend);
    if (!zfs->start())
        QSKIP(qPrintable(zfs->unavailableReason()));

    const QString pool = zfs->nextPoolName();
    QVERIFY(pool.startsWith(ZfsBackend::poolNamePrefix()));
    QString error;
    QVERIFY2(zfs->createPool(pool, poolSizeMiB, &error), qPrintable(error));
    const auto poolNames = [zfs] {
        return QString::fromUtf8(
                   zfs->zpool(
                          {QStringLiteral("list"), QStringLiteral("-H"), QStringLiteral("-o"), QStringLiteral("name")})
                       .standardOutput)
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    QVERIFY(poolNames().contains(pool));
    const ZfsCommandResult root = zfs->zfs(
        {QStringLiteral("list"), QStringLiteral("-H"), QStringLiteral("-o"), QStringLiteral("name,type"), pool});
    QCOMPARE(root.exitCode, 0);
    QCOMPARE(QString::fromUtf8(root.standardOutput), pool + QStringLiteral("\tfilesystem\n"));

    QVERIFY2(zfs->destroyPool(pool, &error), qPrintable(error));
    QVERIFY(!zfs->pools().contains(pool));
    QVERIFY(!poolNames().contains(pool));
}

QStringList TestZfsConformance::scenarioFiles()
{
    const QDir directory(QStringLiteral(HOLDFAST_CONFORMANCE_SCENARIO_DIR));
    QStringList files;
    for (const QString &file : directory.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name))
        files.append(directory.filePath(file));
    return files;
}

void TestZfsConformance::scenario_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("file");
    const QStringList files = scenarioFiles();
    QVERIFY2(!files.isEmpty(), "no scenarios in " HOLDFAST_CONFORMANCE_SCENARIO_DIR);
    for (const QString &file : files) {
        for (const QString &name : allBackends) {
            if (backendSelected(name))
                QTest::addRow("%s/%s", qPrintable(name), qPrintable(QFileInfo(file).completeBaseName()))
                    << name << file;
        }
    }
}

void TestZfsConformance::scenario()
{
    QFETCH(QString, backend);
    QFETCH(QString, file);
    QString error;
    const ConformanceScript script = ConformanceScript::load(file, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const bool onZfsFuse = backend == zfsFuseBackend;
    if (onZfsFuse && script.requiresOpenZfs2())
        QSKIP(qPrintable(QStringLiteral("OpenZFS 2.x only: ") + script.requirementReason()));
    ZfsBackend *zfs = this->backend(backend);
    if (!zfs->start())
        QSKIP(qPrintable(zfs->unavailableReason()));
    if (!m_differences.contains(backend) && backend != emulatorBackend) {
        // The emulator imitates the expected form itself; the real ones are rewritten to it.
        m_differences.insert(backend, {onZfsFuse ? KnownDifferences::zfsFuse() : KnownDifferences::openZfs(m_openZfs.series())});
    }
    Differences *differences = m_differences.contains(backend) ? &m_differences[backend] : nullptr;

    const QString pool = zfs->nextPoolName();
    QVERIFY2(zfs->createPool(pool, poolSizeMiB, &error), qPrintable(error));
    ScenarioRunner runner(*zfs, pool);
    const QList<StepOutcome> outcomes = runner.run(script.steps());
    TranscriptNormalizer normalizer(pool);
    const QString actual = normalizer.normalize(outcomes, differences ? &differences->known : nullptr);
    dumpTranscript(backend, script.name(), actual);
    if (differences)
        ++differences->run;
    failOnMismatch(script.expectedTranscript(), actual);
    if (differences && !QTest::currentTestFailed())
        ++differences->passed;
}

void TestZfsConformance::documentedDifferencesAreExercised()
{
    // A documented difference that no scenario hits any more hides nothing and should go from README.md.
    if (m_differences.isEmpty())
        QSKIP("no scenario ran on zfs-fuse or real OpenZFS");
    for (auto it = m_differences.cbegin(); it != m_differences.cend(); ++it) {
        if (it->run == 0 || it->passed != it->run) {
            qInfo("%s: a scenario failed, so not every difference was reached", qPrintable(it.key()));
            continue;
        }
        for (const KnownDifference &difference : it->known.differences())
            QVERIFY2(it->known.uses(difference.id) > 0, qPrintable(it.key() + QLatin1String(": ") + difference.id));
    }
}

void TestZfsConformance::failOnMismatch(const QString &expected, const QString &actual)
{
    if (expected == actual)
        return;
    const QStringList expectedLines = expected.split(QLatin1Char('\n'));
    const QStringList actualLines = actual.split(QLatin1Char('\n'));
    qsizetype line = 0;
    while (line < expectedLines.size() && line < actualLines.size() && expectedLines.at(line) == actualLines.at(line))
        ++line;
    qInfo().noquote() << QStringLiteral("actual transcript:\n") + actual;
    const QString message =
        QStringLiteral("transcript line %1 differs:\n   expected: %2\n   actual:   %3")
            .arg(line + 1)
            .arg(expectedLines.value(line, QStringLiteral("<end>")), actualLines.value(line, QStringLiteral("<end>")));
    QFAIL(qPrintable(message));
}

void TestZfsConformance::dumpTranscript(const QString &backend, const QString &scenario, const QString &transcript)
{
    // For writing a new scenario: HOLDFAST_CONFORMANCE_DUMP_DIR=/tmp/x keeps every normalized transcript.
    const QString directory = qEnvironmentVariable("HOLDFAST_CONFORMANCE_DUMP_DIR");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    QFile file(QDir(directory).filePath(backend + QLatin1Char('-') + scenario + QStringLiteral(".txt")));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(transcript.toUtf8());
}

QTEST_GUILESS_MAIN(TestZfsConformance)
#include "TestZfsConformance.moc"
