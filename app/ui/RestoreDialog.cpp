// SPDX-License-Identifier: MIT
#include "app/ui/RestoreDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "app/models/Format.h"
#include "app/ui/ElidedLabel.h"
#include "shared/restore/VersionHistory.h"

using namespace Qt::StringLiterals;

namespace Gui {

using Restore::RestoreMode;

namespace {

QString files(int count)
{
    return count == 1 ? RestoreDialog::tr("1 file") : RestoreDialog::tr("%1 files").arg(count);
}

}  // namespace

RestoreDialog::RestoreDialog(const Subject &subject, QWidget *parent)
    : QDialog(parent)
    , m_subject(subject)
    , m_now(QDateTime::currentDateTime())
    , m_folder(QDir::homePath())
{
    setObjectName(u"restoreDialog"_s);
    const QString name = QFileInfo(subject.source).fileName();
    setWindowTitle(tr("Restore %1").arg(name));

    auto *heading =
        new QLabel(tr("Restore %1 as it was in the snapshot of %2.").arg(name, Format::dateTime(subject.snapshotTime)));
    heading->setObjectName(u"restoreHeadingLabel"_s);
    heading->setWordWrap(true);
    heading->setToolTip(
        subject.snapshotName.isEmpty()
            ? subject.source
            : tr("%1\nSnapshot %2, taken %3")
                  .arg(subject.source, subject.snapshotName, Format::longDateTime(subject.snapshotTime)));

    m_replace = new QRadioButton(tr("Put it back in its &place; the current one is kept beside it, renamed"));
    m_replace->setObjectName(u"replaceRadio"_s);
    m_copy = new QRadioButton(tr("Restore it as a &copy next to the current one"));
    m_copy->setObjectName(u"copyRadio"_s);
    m_intoFolder = new QRadioButton(tr("Restore it &into a folder:"));
    m_intoFolder->setObjectName(u"intoFolderRadio"_s);
    m_folderLabel = new ElidedLabel;
    m_folderLabel->setObjectName(u"restoreFolderLabel"_s);
    m_chooseFolder = new QPushButton(tr("C&hoose Folder…"));
    m_chooseFolder->setObjectName(u"chooseFolderButton"_s);
    m_chooseFolder->setAutoDefault(false);
    connect(m_chooseFolder, &QPushButton::clicked, this, &RestoreDialog::chooseFolder);
    if (subject.original.isEmpty()) {
        const QString why = tr("Where this lives now is not known (it comes from a backup): restore it into a folder");
        for (QRadioButton *radio : {m_replace, m_copy}) {
            radio->setEnabled(false);
            radio->setToolTip(why);
        }
    }
    auto *modes = new QGroupBox(tr("How"));
    auto *modesLayout = new QGridLayout(modes);
    modesLayout->addWidget(m_replace, 0, 0, 1, 3);
    modesLayout->addWidget(m_copy, 1, 0, 1, 3);
    modesLayout->addWidget(m_intoFolder, 2, 0);
    modesLayout->addWidget(m_folderLabel, 2, 1);
    modesLayout->addWidget(m_chooseFolder, 2, 2);
    modesLayout->setColumnStretch(1, 1);

    m_planBox = new QGroupBox(tr("What will happen"));
    m_planLabel = new QLabel;
    m_planLabel->setObjectName(u"restorePlanLabel"_s);
    m_planLabel->setWordWrap(true);
    m_planLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planLabel->setMinimumHeight(m_planLabel->fontMetrics().lineSpacing() * 4);
    m_planLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    (new QVBoxLayout(m_planBox))->addWidget(m_planLabel);

    m_progress = new QProgressBar;
    m_progress->setObjectName(u"restoreProgressBar"_s);
    m_progress->hide();
    m_progressLabel = new QLabel;
    m_progressLabel->setObjectName(u"restoreProgressLabel"_s);
    m_progressLabel->hide();
    m_resultLabel = new QLabel;
    m_resultLabel->setObjectName(u"restoreResultLabel"_s);
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultLabel->hide();
    m_details = new QPlainTextEdit;
    m_details->setObjectName(u"restoreDetailsText"_s);
    m_details->setReadOnly(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->hide();

    m_buttons = new QDialogButtonBox;
    m_restore = m_buttons->addButton(tr("&Restore"), QDialogButtonBox::AcceptRole);
    m_restore->setObjectName(u"restoreButton"_s);
    m_restore->setDefault(true);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"restoreCancelButton"_s);
    m_cancel->setAutoDefault(false);
    connect(m_restore, &QPushButton::clicked, this, &RestoreDialog::startRestore);
    connect(m_cancel, &QPushButton::clicked, this, &RestoreDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(modes);
    layout->addWidget(m_planBox);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_resultLabel);
    layout->addWidget(m_details, 1);
    layout->addWidget(m_buttons);

    connect(&m_runner, &RestoreRunner::progressed, this, &RestoreDialog::showProgress);
    connect(&m_runner, &RestoreRunner::finished, this, &RestoreDialog::showResult);
    for (QRadioButton *radio : {m_replace, m_copy, m_intoFolder}) {
        connect(radio, &QRadioButton::toggled, this, [this](bool on) {
            if (on) {
                updatePlan();
            }
        });
    }
    // Safest first: a copy leaves the current one as it is; a deleted one goes back in its place.
    if (subject.original.isEmpty()) {
        m_intoFolder->setChecked(true);
    } else if (!Restore::FileState::of(subject.original).exists()) {
        m_replace->setChecked(true);
    } else {
        m_copy->setChecked(true);
    }
    resize(620, sizeHint().height());
}

RestoreDialog::~RestoreDialog() = default;

void RestoreDialog::setMode(RestoreMode mode)
{
    if (m_subject.original.isEmpty() && mode != RestoreMode::IntoFolder) {
        return;  // greyed out: where it lives now is not known
    }
    switch (mode) {
    case RestoreMode::Replace:
        m_replace->setChecked(true);
        break;
    case RestoreMode::Copy:
        m_copy->setChecked(true);
        break;
    case RestoreMode::IntoFolder:
        m_intoFolder->setChecked(true);
        break;
    }
    updatePlan();
}

RestoreMode RestoreDialog::mode() const
{
    if (m_replace->isChecked()) {
        return RestoreMode::Replace;
    }
    return m_intoFolder->isChecked() ? RestoreMode::IntoFolder : RestoreMode::Copy;
}

void RestoreDialog::setFolder(const QString &folder)
{
    m_folder = folder;
    updatePlan();
}

void RestoreDialog::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Restore into"), m_folder);
    if (!folder.isEmpty()) {
        m_intoFolder->setChecked(true);
        setFolder(folder);
    }
}

void RestoreDialog::updatePlan()
{
    Restore::RestoreRequest request;
    request.source = m_subject.source;
    // The engine names what it restores after `original`; a backup's has no place now, only its name.
    request.original = m_subject.original.isEmpty() ? QFileInfo(m_subject.source).fileName() : m_subject.original;
    request.mode = mode();
    request.folder = m_folder;
    request.snapshotTime = m_subject.snapshotTime;
    request.now = m_now;
    m_plan = Restore::RestoreEngine::plan(request);
    m_folderLabel->setText(m_folder);
    m_planLabel->setText(m_plan.ok() ? m_plan.describe() : tr("This cannot be done: %1").arg(m_plan.error));
    QPalette palette = m_planLabel->palette();
    palette.setColor(QPalette::WindowText, m_plan.ok() ? QPalette().color(QPalette::WindowText) : Format::errorColor());
    m_planLabel->setPalette(palette);
    m_restore->setEnabled(m_plan.ok() && !m_runner.isBusy() && !m_result);
}

bool RestoreDialog::startRestore()
{
    if (m_runner.isBusy() || m_result || !m_plan.ok()) {
        return false;
    }
    // The folder may have changed while the user read the plan: what runs must be what was shown.
    const Restore::RestorePlan again = Restore::RestoreEngine::plan(m_plan.request);
    if (!again.ok() || again.target != m_plan.target || again.keptAs != m_plan.keptAs) {
        updatePlan();
        m_planLabel->setText(tr("Something changed in the meantime; this is what would happen now:") + u'\n'
                             + m_planLabel->text());
        return false;
    }
    if (!m_runner.start(m_plan)) {
        return false;
    }
    for (QWidget *widget :
         std::initializer_list<QWidget *>{m_replace, m_copy, m_intoFolder, m_chooseFolder, m_restore}) {
        widget->setEnabled(false);
    }
    m_progress->setRange(0, 0);
    m_progress->show();
    m_progressLabel->setText(tr("Starting…"));
    m_progressLabel->show();
    m_cancel->setDefault(true);
    return true;
}

QString RestoreDialog::progressText(const Restore::RestoreProgress &progress)
{
    using Phase = Restore::RestoreProgress::Phase;
    switch (progress.phase) {
    case Phase::Counting:
        return tr("Counting what to copy: %1 so far").arg(files(progress.filesTotal));
    case Phase::Copying:
        return tr("%1 of %2 · %3")
            .arg(progress.filesDone)
            .arg(files(progress.filesTotal), Format::progress(progress.bytesDone, progress.bytesTotal));
    case Phase::Finishing:
        return tr("Finishing: the copy is saved and gets its name");
    }
    return {};
}

void RestoreDialog::showProgress(const Restore::RestoreProgress &progress)
{
    if (progress.phase == Restore::RestoreProgress::Phase::Copying && progress.bytesTotal > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(qBound(qint64(0), progress.bytesDone * 1000 / progress.bytesTotal, qint64(1000))));
    } else if (progress.phase == Restore::RestoreProgress::Phase::Finishing) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(1000);
    } else {
        m_progress->setRange(0, 0);
    }
    if (m_runner.isCancelling()) {
        return;  // "Cancelling…" stays until it has
    }
    m_progressLabel->setText(progressText(progress));
    m_progressLabel->setToolTip(progress.current);
}

void RestoreDialog::reject()
{
    if (m_runner.isBusy()) {
        // Closing the window stops the restore; the engine removes what it copied so far.
        m_runner.cancel();
        m_cancel->setEnabled(false);
        m_progressLabel->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

void RestoreDialog::showResult(const Restore::RestoreResult &result)
{
    m_result = result;
    m_planBox->setTitle(tr("What was asked"));
    m_progress->hide();
    m_progressLabel->hide();
    m_resultLabel->setText(result.summary());
    QPalette palette = m_resultLabel->palette();
    palette.setColor(QPalette::WindowText,
                     result.outcome == Restore::RestoreResult::Outcome::Failed
                         ? Format::errorColor()
                         : QPalette().color(QPalette::WindowText));
    m_resultLabel->setPalette(palette);
    m_resultLabel->show();
    QStringList details;
    if (!result.skipped.isEmpty()) {
        details.append(tr("Left out:"));
        details.append(result.skipped);
    }
    if (!result.warnings.isEmpty()) {
        if (!details.isEmpty()) {
            details.append(QString());
        }
        details.append(tr("Not kept:"));
        details.append(result.warnings);
    }
    m_details->setPlainText(details.join(u'\n'));
    m_details->setVisible(!details.isEmpty());
    m_restore->hide();
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
    m_cancel->setDefault(true);
    m_cancel->setFocus();
    if (result.outcome == Restore::RestoreResult::Outcome::Restored) {
        Q_EMIT restored(result);
    }
}

}  // namespace Gui
