// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "shared/control/ConfigApi.h"

class QLabel;
class QPlainTextEdit;
class QRadioButton;

namespace Gui {

// Before an edited configuration is applied: what it changes (the daemon's words: jobs added, changed, removed),
// the diff against the file as the daemon has it, and when changed jobs restart (once idle, or now).
class ConfigApplyDialog final : public QDialog
{
    Q_OBJECT

public:
    // `document` is the file as last read; `text` the edited one, which the daemon found valid (`validation`).
    ConfigApplyDialog(const Api::ConfigDocument &document,
                      const QString &text,
                      const Api::ConfigValidation &validation,
                      QWidget *parent = nullptr);

    Api::RestartPolicy restartPolicy() const;
    QString summary() const;
    QString diffText() const;

private:
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QRadioButton *m_whenIdle = nullptr;
    QRadioButton *m_now = nullptr;
};

}  // namespace Gui
