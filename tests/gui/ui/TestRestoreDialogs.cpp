// SPDX-License-Identifier: MIT
// Restoring from the GUI end to end on a fake snapshot tree, offscreen: the restore dialog says what each way will
// change before anything does, then replace keeps the current file beside the restored one, a copy goes next to it,
// "into a folder" puts it there under its own name, Cancel stops a folder restore and leaves nothing, a backup
// (no current location) can only go into a folder, and a plan that changed while shown is shown anew instead of
// run. The history window looks the versions up, opens one with Enter, greys out what does not apply and says why,
// compares a version with the current file as a coloured diff; a binary file is not compared and the view says so.
// The diff colours keep the text readable in light and dark palettes.
#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include "FakeSnapshotTree.h"
#include "app/models/FileHistoryModel.h"
#include "app/ui/DiffHighlighter.h"
#include "app/ui/DiffView.h"
#include "app/ui/ElidedLabel.h"
#include "app/ui/FileHistoryDialog.h"
#include "app/ui/RestoreDialog.h"

using namespace Gui;
using namespace Qt::StringLiterals;
using Outcome = Restore::RestoreResult::Outcome;

namespace {

QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

QString stamp(const QDateTime &time)
{
    return time.toLocalTime().toString(u"yyyy-MM-dd HH.mm"_s);
}

// With HOLDFAST_GUI_STATE_SCREENSHOTS=DIR, the window as the state under test shows it (DIR/NAME.png).
void keepScreenshot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("HOLDFAST_GUI_STATE_SCREENSHOTS");
    if (!dir.isEmpty()) {
        QTest::qWait(50);
        QDir().mkpath(dir);
        QVERIFY(window->grab().save(dir + u'/' + name + u".png"_s, "PNG"));
    }
}

QStringList entries(const QString &folder)
{
    QStringList names = QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System);
    names.removeAll(u".zfs"_s);
    names.sort();
    return names;
}

}  // namespace

class TestRestoreDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void replaceKeepsTheCurrentOneBeside();
    void copyGoesNextToTheOriginal();
    void intoAFolderUnderItsOwnName();
    void cancelStopsAndLeavesNothing();
    void backupGoesOnlyIntoAFolder();
    void changedPlanIsShownAgainNotRun();
    void historyWindowLooksUpOpensAndCompares();
    void binaryFileIsNotCompared();
    void diffColoursReadInLightAndDarkThemes_data();
    void diffColoursReadInLightAndDarkThemes();

private:
    RestoreDialog::Subject subject(const QString &relative) const;
    // Clicks Restore and waits for the result.
    static Restore::RestoreResult restore(RestoreDialog &dialog);

    std::unique_ptr<FakeSnapshotTree> m_tree;
    QString m_snapshot;
};

void TestRestoreDialogs::init()
{
    m_tree = std::make_unique<FakeSnapshotTree>();
    m_snapshot = FakeSnapshotTree::snapshotName(at(1));
    m_tree->addSnapshot(m_snapshot);
    m_tree->writeInSnapshot(m_snapshot, u"Documents/report.txt"_s, "first\nline two\n", at(1, 9));
    m_tree->writeLive(u"Documents/report.txt"_s, "second\nline two\n", at(2, 9));
    for (int i = 0; i < 300; ++i) {
        m_tree->writeInSnapshot(m_snapshot, u"Photos/p%1.jpg"_s.arg(i), QByteArray(32 * 1024, char(i)), at(1, 8));
    }
}

void TestRestoreDialogs::cleanup()
{
    m_tree.reset();
}

RestoreDialog::Subject TestRestoreDialogs::subject(const QString &relative) const
{
    return {
        m_tree->snapshotRoot(m_snapshot) + u'/' + relative, m_tree->mountPoint() + u'/' + relative, at(1), m_snapshot};
}

Restore::RestoreResult TestRestoreDialogs::restore(RestoreDialog &dialog)
{
    QSignalSpy finished(&dialog.runner(), &RestoreRunner::finished);
    auto *button = dialog.findChild<QPushButton *>(u"restoreButton"_s);
    if (!button || !button->isEnabled()) {
        qWarning("Restore is greyed out: %s", qPrintable(dialog.plan().error));
        return {};
    }
    QTest::mouseClick(button, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000)) {
        qWarning("the restore did not finish");
        return {};
    }
    return finished.first().first().value<Restore::RestoreResult>();
}

void TestRestoreDialogs::replaceKeepsTheCurrentOneBeside()
{
    RestoreDialog dialog(subject(u"Documents/report.txt"_s));
    dialog.show();
    // Safest first: a copy.
    QCOMPARE(dialog.mode(), Restore::RestoreMode::Copy);
    QTest::mouseClick(dialog.findChild<QRadioButton *>(u"replaceRadio"_s), Qt::LeftButton);
    QCOMPARE(dialog.mode(), Restore::RestoreMode::Replace);
    const QString folder = m_tree->mountPoint() + u"/Documents"_s;
    const QString kept = dialog.plan().keptAs;
    QVERIFY2(kept.startsWith(folder + u"/report (before restore "_s) && kept.endsWith(u").txt"_s), qPrintable(kept));
    // Said before anything changes.
    const QString shown = dialog.findChild<QLabel *>(u"restorePlanLabel"_s)->text();
    QCOMPARE(shown, dialog.plan().describe());
    QVERIFY2(shown.contains(u"renamed to "_s + kept), qPrintable(shown));
    QCOMPARE(entries(folder), QStringList{u"report.txt"_s});
    keepScreenshot(&dialog, u"restore-dialog-replace"_s);

    const Restore::RestoreResult result = restore(dialog);
    QCOMPARE(result.outcome, Outcome::Restored);
    QCOMPARE(contentOf(folder + u"/report.txt"_s), QByteArray("first\nline two\n"));
    QCOMPARE(result.keptAs, kept);
    QCOMPARE(contentOf(kept), QByteArray("second\nline two\n"));
    QCOMPARE(entries(folder), (QStringList{QFileInfo(kept).fileName(), u"report.txt"_s}));
    const auto *summary = dialog.findChild<QLabel *>(u"restoreResultLabel"_s);
    QVERIFY(summary->isVisible());
    QCOMPARE(summary->text(), result.summary());
    QCOMPARE(dialog.findChild<QPushButton *>(u"restoreCancelButton"_s)->text(), u"Close"_s);
    QVERIFY(!dialog.findChild<QPlainTextEdit *>(u"restoreDetailsText"_s)->isVisible());
    keepScreenshot(&dialog, u"restore-dialog-restored"_s);
}

void TestRestoreDialogs::copyGoesNextToTheOriginal()
{
    RestoreDialog dialog(subject(u"Documents/report.txt"_s));
    dialog.show();
    const QString folder = m_tree->mountPoint() + u"/Documents"_s;
    const QString copy = folder + u"/report (from %1).txt"_s.arg(stamp(at(1)));
    QCOMPARE(dialog.plan().target, copy);
    const Restore::RestoreResult result = restore(dialog);
    QCOMPARE(result.outcome, Outcome::Restored);
    QCOMPARE(contentOf(copy), QByteArray("first\nline two\n"));
    QCOMPARE(contentOf(folder + u"/report.txt"_s), QByteArray("second\nline two\n"));
}

void TestRestoreDialogs::intoAFolderUnderItsOwnName()
{
    const QTemporaryDir target;
    RestoreDialog dialog(subject(u"Documents/report.txt"_s));
    dialog.show();
    QTest::mouseClick(dialog.findChild<QRadioButton *>(u"intoFolderRadio"_s), Qt::LeftButton);
    dialog.setFolder(target.path());
    QCOMPARE(dialog.findChild<ElidedLabel *>(u"restoreFolderLabel"_s)->text(), target.path());
    QCOMPARE(dialog.plan().target, target.path() + u"/report.txt"_s);
    const Restore::RestoreResult result = restore(dialog);
    QCOMPARE(result.outcome, Outcome::Restored);
    QCOMPARE(contentOf(target.path() + u"/report.txt"_s), QByteArray("first\nline two\n"));
    // A folder, with all it holds.
    RestoreDialog photos(subject(u"Photos"_s));
    photos.setMode(Restore::RestoreMode::IntoFolder);
    photos.setFolder(target.path());
    QCOMPARE(restore(photos).files, 300);
    QCOMPARE(QDir(target.path() + u"/Photos"_s).entryList(QDir::Files).size(), 300);
}

void TestRestoreDialogs::cancelStopsAndLeavesNothing()
{
    RestoreDialog dialog(subject(u"Photos"_s));
    dialog.show();
    QSignalSpy finished(&dialog.runner(), &RestoreRunner::finished);
    QVERIFY(dialog.startRestore());
    QVERIFY(dialog.findChild<QProgressBar *>(u"restoreProgressBar"_s)->isVisible());
    QVERIFY(!dialog.findChild<QRadioButton *>(u"replaceRadio"_s)->isEnabled());
    auto *cancel = dialog.findChild<QPushButton *>(u"restoreCancelButton"_s);
    QTest::mouseClick(cancel, Qt::LeftButton);
    keepScreenshot(&dialog, u"restore-dialog-cancelling"_s);
    // Open until the engine has stopped and cleaned up.
    QVERIFY(dialog.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    QCOMPARE(dialog.result()->outcome, Outcome::Cancelled);
    QCOMPARE(dialog.findChild<QLabel *>(u"restoreResultLabel"_s)->text(), u"Restore cancelled. Nothing was changed."_s);
    QCOMPARE(entries(m_tree->mountPoint()), QStringList{u"Documents"_s});
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
}

void TestRestoreDialogs::backupGoesOnlyIntoAFolder()
{
    const QTemporaryDir target;
    RestoreDialog::Subject backup = subject(u"Documents/report.txt"_s);
    backup.original.clear();
    RestoreDialog dialog(backup);
    dialog.show();
    for (const QString &name : {u"replaceRadio"_s, u"copyRadio"_s}) {
        auto *radio = dialog.findChild<QRadioButton *>(name);
        QVERIFY(!radio->isEnabled());
        QVERIFY2(radio->toolTip().contains(u"restore it into a folder"_s), qPrintable(radio->toolTip()));
    }
    QCOMPARE(dialog.mode(), Restore::RestoreMode::IntoFolder);
    dialog.setMode(Restore::RestoreMode::Replace);
    QCOMPARE(dialog.mode(), Restore::RestoreMode::IntoFolder);
    dialog.setFolder(target.path());
    QCOMPARE(restore(dialog).outcome, Outcome::Restored);
    QCOMPARE(contentOf(target.path() + u"/report.txt"_s), QByteArray("first\nline two\n"));
}

void TestRestoreDialogs::changedPlanIsShownAgainNotRun()
{
    RestoreDialog dialog(subject(u"Documents/report.txt"_s));
    dialog.show();
    const QString planned = dialog.plan().target;
    // Someone takes the name while the user reads.
    FakeSnapshotTree::writeFile(QFileInfo(planned).absolutePath(), QFileInfo(planned).fileName(), "mine", at(3));
    QVERIFY(!dialog.startRestore());
    QVERIFY(!dialog.runner().isBusy());
    QVERIFY(dialog.plan().target != planned);
    const QString shown = dialog.findChild<QLabel *>(u"restorePlanLabel"_s)->text();
    QVERIFY2(shown.startsWith(u"Something changed in the meantime"_s) && shown.contains(dialog.plan().target),
             qPrintable(shown));
    QCOMPARE(contentOf(planned), QByteArray("mine"));
    // Confirmed again: it runs what is shown now.
    QCOMPARE(restore(dialog).target, dialog.plan().target);
}

void TestRestoreDialogs::historyWindowLooksUpOpensAndCompares()
{
    // A second snapshot without the file: v(now) · did not exist · v1.
    const QString later = FakeSnapshotTree::snapshotName(at(2));
    QDir().mkpath(m_tree->addSnapshot(later) + u"/Documents"_s);
    const QString newest = FakeSnapshotTree::snapshotName(at(3));
    m_tree->addSnapshot(newest);
    m_tree->keep(u"Documents/report.txt"_s, QString(), newest);
    m_tree->installMountinfo();

    FileHistoryDialog dialog;
    dialog.loader().setSnapshotQuery({});
    QList<QUrl> launched;
    dialog.opener().setBaseDirectory(m_tree->temporaryPath());
    dialog.opener().setLauncher([&](const QUrl &url) {
        launched.append(url);
        return true;
    });
    QSignalSpy loaded(&dialog, &FileHistoryDialog::loaded);
    dialog.showHistoryOf(m_tree->mountPoint() + u"/Documents/report.txt"_s);
    dialog.show();
    QVERIFY(dialog.isLoading());
    QTRY_VERIFY(!loaded.isEmpty());
    QCOMPARE(dialog.windowTitle(), u"Versions of report.txt"_s);
    QCOMPARE(dialog.summary().section(u" · "_s, 0, 0), u"2 versions"_s);
    QCOMPARE(dialog.model()->rowCount(), 3);
    // The current version is selected: nothing to compare it with.
    QCOMPARE(dialog.view()->currentIndex().row(), 0);
    QVERIFY(!dialog.compareAction()->isEnabled());
    QCOMPARE(dialog.compareAction()->toolTip(), u"This is the current version"_s);
    dialog.selectVersion(1);
    for (QAction *action : {dialog.openAction(), dialog.compareAction(), dialog.restoreAction()}) {
        QVERIFY(!action->isEnabled());
        QCOMPARE(action->toolTip(), u"It did not exist in these snapshots"_s);
    }
    dialog.selectVersion(2);
    QVERIFY(dialog.openAction()->isEnabled() && dialog.compareAction()->isEnabled());

    // Enter opens the version read-only (and does not close the window).
    QTest::keyClick(dialog.view(), Qt::Key_Return);
    QTRY_COMPARE(launched.size(), 1);
    QVERIFY(launched.first().toLocalFile().endsWith(u"/report (from %1).txt"_s.arg(stamp(at(1)))));
    QCOMPARE(contentOf(launched.first().toLocalFile()), QByteArray("first\nline two\n"));
    QVERIFY(dialog.isVisible());

    // Ctrl+D compares it with the current file.
    QTest::keyClick(dialog.view(), Qt::Key_D, Qt::ControlModifier);
    DiffView *diff = nullptr;
    QTRY_VERIFY((diff = dialog.findChild<DiffView *>()) != nullptr);
    QSignalSpy diffLoaded(diff, &DiffView::loaded);
    if (diff->isLoading()) {
        QVERIFY(diffLoaded.wait());
    }
    QCOMPARE(diff->summary(), u"1 line added, 1 line removed"_s);
    QVERIFY2(diff->diffText().contains(u"\n-first\n+second\n line two"_s), qPrintable(diff->diffText()));

    // Restore… opens the restore dialog for that version.
    dialog.restoreAction()->trigger();
    RestoreDialog *restoreDialog = nullptr;
    QTRY_VERIFY((restoreDialog = dialog.findChild<RestoreDialog *>()) != nullptr);
    QCOMPARE(restoreDialog->plan().request.source, m_tree->snapshotRoot(m_snapshot) + u"/Documents/report.txt"_s);
    QCOMPARE(restoreDialog->plan().request.snapshotTime, at(1));
    restoreDialog->reject();

    // Closing stops a lookup under way; its answer never comes.
    dialog.showHistoryOf(m_tree->mountPoint() + u"/Documents/report.txt"_s);
    dialog.reject();
    QVERIFY(!dialog.isLoading());
}

void TestRestoreDialogs::binaryFileIsNotCompared()
{
    const QString old = m_tree->writeInSnapshot(m_snapshot, u"photo.jpg"_s, QByteArray("\xff\xd8\x00\x01", 4), at(1));
    const QString now = m_tree->writeLive(u"photo.jpg"_s, QByteArray("\xff\xd8\x00\x02", 4), at(2));
    DiffView view(old, at(1), now);
    QSignalSpy loaded(&view, &DiffView::loaded);
    view.show();
    QTRY_VERIFY(!loaded.isEmpty());
    QVERIFY2(view.summary().startsWith(u"Not compared: "_s) && view.summary().contains(u"is not text"_s),
             qPrintable(view.summary()));
    QVERIFY(!view.findChild<QPlainTextEdit *>(u"diffText"_s)->isVisible());
}

void TestRestoreDialogs::diffColoursReadInLightAndDarkThemes_data()
{
    QTest::addColumn<QColor>("base");
    QTest::addColumn<QColor>("text");
    QTest::addRow("light (Breeze)") << QColor(0xff, 0xff, 0xff) << QColor(0x23, 0x26, 0x29);
    QTest::addRow("dark (Breeze Dark)") << QColor(0x1b, 0x1e, 0x20) << QColor(0xfc, 0xfc, 0xfc);
    QTest::addRow("dark (Adwaita)") << QColor(0x2d, 0x2d, 0x2d) << QColor(0xee, 0xee, 0xec);
}

void TestRestoreDialogs::diffColoursReadInLightAndDarkThemes()
{
    QFETCH(QColor, base);
    QFETCH(QColor, text);
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    const DiffHighlighter::Colors colors = DiffHighlighter::colorsFor(palette);
    // WCAG AA for body text.
    QVERIFY2(DiffHighlighter::contrast(colors.text, colors.addedBackground) >= 4.5,
             qPrintable(QString::number(DiffHighlighter::contrast(colors.text, colors.addedBackground))));
    QVERIFY(DiffHighlighter::contrast(colors.text, colors.removedBackground) >= 4.5);
    QVERIFY(DiffHighlighter::contrast(colors.hunk, base) >= 3.0);
    // Green and red enough to tell apart at a glance.
    QVERIFY(colors.addedBackground.green() > colors.addedBackground.red());
    QVERIFY(colors.removedBackground.red() > colors.removedBackground.green());
    QVERIFY(colors.addedBackground != base && colors.removedBackground != base);
}

QTEST_MAIN(TestRestoreDialogs)
#include "TestRestoreDialogs.moc"
