// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QDateTime>
#include <QDialog>

#include "shared/restore/TextDiff.h"

class QLabel;
class QPlainTextEdit;

namespace Gui {

// A version from a snapshot compared with the current file, as a unified diff with added lines green and removed
// ones red (DiffHighlighter). Reading and diffing run off the GUI thread; a binary or too large file, or one that
// cannot be read, is not compared, and the view says why.
class DiffView final : public QDialog
{
    Q_OBJECT

public:
    // `oldPath`: the version in its snapshot (taken at `snapshotTime`); `newPath`: the current file.
    DiffView(const QString &oldPath, const QDateTime &snapshotTime, const QString &newPath, QWidget *parent = nullptr);

    bool isLoading() const
    {
        return m_loading;
    }

    // "3 lines added, 1 removed", "No differences", or why nothing could be compared.
    QString summary() const;
    QString diffText() const;

    // The heading of a diff in words.
    static QString describe(const std::optional<Restore::TextDiff> &diff, const QString &why);

Q_SIGNALS:
    void loaded();

private:
    void showComparison(const std::optional<Restore::TextDiff> &diff, const QString &why, const QString &unified);

    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_text = nullptr;
    bool m_loading = true;
};

}  // namespace Gui
