// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QDialog>

#include "app/core/RestoreRunner.h"
#include "shared/restore/RestoreEngine.h"

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace Gui {

class ElidedLabel;

// Restores one version, the three ways the user may choose: in its place (the current one kept beside it,
// renamed), as a copy next to it, or into a folder. What the chosen way will change is shown before anything
// changes (RestoreEngine::plan(), its describe()); Restore runs it on the RestoreRunner's thread with a progress
// bar and Cancel; at the end the result's summary and what was skipped or could not be kept.
class RestoreDialog final : public QDialog
{
    Q_OBJECT

public:
    struct Subject
    {
        QString source;    // the version inside its snapshot
        QString original;  // where it lives now; "" when not known (a backup): only "into a folder" then
        QDateTime snapshotTime;
        QString snapshotName;
    };

    explicit RestoreDialog(const Subject &subject, QWidget *parent = nullptr);
    ~RestoreDialog() override;

    void setMode(Restore::RestoreMode mode);
    Restore::RestoreMode mode() const;
    // The folder of "into a folder" (what Choose… sets).
    void setFolder(const QString &folder);

    QString folder() const
    {
        return m_folder;
    }

    // The plan as shown.
    const Restore::RestorePlan &plan() const
    {
        return m_plan;
    }

    RestoreRunner &runner()
    {
        return m_runner;
    }

    // Set once a restore finished (or failed, or was cancelled).
    const std::optional<Restore::RestoreResult> &result() const
    {
        return m_result;
    }

    // Starts the shown plan, as the Restore button does; false when it cannot (or changed: it is shown anew).
    bool startRestore();

    // "12 of 40 files · 1.2 GiB of 3.4 GiB"
    static QString progressText(const Restore::RestoreProgress &progress);

Q_SIGNALS:
    void restored(const Restore::RestoreResult &result);

public Q_SLOTS:
    void reject() override;

private:
    void updatePlan();
    void chooseFolder();
    void showProgress(const Restore::RestoreProgress &progress);
    void showResult(const Restore::RestoreResult &result);

    Subject m_subject;
    QDateTime m_now;  // the time that names what "replace" keeps: fixed while the dialog is open
    QString m_folder;
    Restore::RestorePlan m_plan;
    RestoreRunner m_runner;
    std::optional<Restore::RestoreResult> m_result;

    QRadioButton *m_replace = nullptr;
    QRadioButton *m_copy = nullptr;
    QRadioButton *m_intoFolder = nullptr;
    ElidedLabel *m_folderLabel = nullptr;
    QPushButton *m_chooseFolder = nullptr;
    QGroupBox *m_planBox = nullptr;
    QLabel *m_planLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QLabel *m_resultLabel = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_cancel = nullptr;
};

}  // namespace Gui
