// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QDialog>

#include "app/core/JobSettings.h"
#include "shared/control/ConfigApi.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTreeView;

namespace Gui {

class ConfigSession;
class FilesystemTreeModel;
class RetentionEditor;
struct ConfigFailure;

// Edit job…: the common settings of one job (snapshot interval, retention on both sides, filesystems), written
// back value by value (ConfigTextEditor::setJobValue) so that the rest of the file stays as written. It says what
// will change before Apply, and when the job restarts with it.
class EditJobDialog final : public QDialog
{
    Q_OBJECT

public:
    EditJobDialog(ConfigSession &session, const QString &job, QWidget *parent = nullptr);

    // Null when the job could not be read (error() says why).
    const std::optional<JobSettings> &original() const
    {
        return m_original;
    }

    JobSettings edited() const;

    QString error() const
    {
        return m_error;
    }

    QString changesText() const;

    QPushButton *applyButton() const
    {
        return m_apply;
    }

    void apply();

Q_SIGNALS:
    void applied(const QString &message);

private:
    void build();
    void update();
    void handleApplied(const Api::ReloadReport &report);
    void handleFailed(const ConfigFailure &failure);
    QString interval() const;

    ConfigSession &m_session;
    QString m_job;
    std::optional<JobSettings> m_original;
    QString m_error;
    QComboBox *m_interval = nullptr;
    QLineEdit *m_customInterval = nullptr;
    RetentionEditor *m_receiver = nullptr;
    RetentionEditor *m_sender = nullptr;
    FilesystemTreeModel *m_filesystems = nullptr;
    QTreeView *m_filesystemsView = nullptr;
    QLabel *m_filesystemsNote = nullptr;
    bool m_filesystemsTouched = false;
    quint64 m_listingId = 0;
    QRadioButton *m_restartNow = nullptr;
    QLabel *m_changes = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_retry = nullptr;
    bool m_applying = false;
};

}  // namespace Gui
