// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QWizardPage>

#include "shared/control/ConfigApi.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Gui {

class ConfigProblemsModel;
class LiveValidator;
class NewBackupWizard;
class YamlEdit;
struct ConfigFailure;

// "Review and apply": the job name, the YAML the assistant adds (read-only, highlighted), the daemon's verdict on
// the whole file with it (problems at their line and column, or "Adds jobs X and Y"), whether zrepl could load it,
// and Apply, which writes it through the daemon on top of the version read. Afterwards: what runs now and when the
// first snapshot is taken.
class NewBackupReviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit NewBackupReviewPage(NewBackupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QString jobName() const;

    bool isApplied() const
    {
        return m_report.has_value() && m_report->ok;
    }

    const std::optional<Api::ReloadReport> &report() const
    {
        return m_report;
    }

    LiveValidator *validator() const
    {
        return m_validator;
    }

    QString yamlText() const;
    QString verdict() const;
    QString resultText() const;

private:
    void refresh();
    void showVerdict();
    void startApply();
    void handleApplied(const Api::ReloadReport &report);
    void handleApplyFailed(const ConfigFailure &failure);
    void updateResult();

    NewBackupWizard *m_wizard;
    QLineEdit *m_name = nullptr;
    bool m_nameEdited = false;
    QLabel *m_where = nullptr;
    YamlEdit *m_yaml = nullptr;
    QLabel *m_verdict = nullptr;
    ConfigProblemsModel *m_problems = nullptr;
    QTableView *m_problemsView = nullptr;
    QLabel *m_zrepl = nullptr;
    QLabel *m_server = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_retry = nullptr;
    LiveValidator *m_validator = nullptr;
    int m_firstLine = 1;
    int m_addedLines = 0;
    QString m_buildError;
    bool m_applying = false;
    bool m_conflict = false;  // the last apply met someone else's change: retry on top, or cancel
    std::optional<Api::ReloadReport> m_report;
    QString m_pushJob;
    QString m_firstSnapshot;
};

}  // namespace Gui
