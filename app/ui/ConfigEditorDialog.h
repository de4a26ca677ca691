// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "shared/control/ConfigApi.h"

class QLabel;
class QPushButton;
class QTableView;

namespace Gui {

class ConfigApplyDialog;
class ConfigProblemsModel;
class ConfigSession;
class LiveValidator;
class YamlEdit;
struct ConfigFailure;

// Advanced…: the daemon's configuration file as YAML text, highlighted, checked by the daemon while typing (400 ms
// after the last key; problems underlined at their line and column and listed below), and applied after a review of
// the diff against the file with the choice of when changed jobs restart. A read-only user sees the text and why it
// cannot be changed.
class ConfigEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ConfigEditorDialog(ConfigSession &session, QWidget *parent = nullptr);

    YamlEdit *editor() const
    {
        return m_editor;
    }

    LiveValidator *validator() const
    {
        return m_validator;
    }

    ConfigProblemsModel *problems() const
    {
        return m_problems;
    }

    QString status() const;
    // Opens the review (diff and restart policy); applying starts when it is accepted.
    void review();

    ConfigApplyDialog *reviewDialog() const
    {
        return m_review;
    }

    QPushButton *reviewButton() const
    {
        return m_reviewButton;
    }

Q_SIGNALS:
    // The daemon took the file: the words for the status bar.
    void applied(const QString &message);

private:
    void loadDocument();
    void updateState();
    void showVerdict();
    void apply(const QString &text, int restart);
    void handleApplied(const Api::ReloadReport &report);
    void handleFailed(const ConfigFailure &failure);

    ConfigSession &m_session;
    YamlEdit *m_editor = nullptr;
    LiveValidator *m_validator = nullptr;
    ConfigProblemsModel *m_problems = nullptr;
    QTableView *m_problemsView = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_readOnly = nullptr;
    QPushButton *m_reviewButton = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_reload = nullptr;
    ConfigApplyDialog *m_review = nullptr;
    QString m_loadedText;  // the document text the editor started from
    QString m_loadedVersion;
    bool m_applying = false;
    QString m_pendingText;  // being applied
};

}  // namespace Gui
