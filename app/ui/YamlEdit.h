// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPlainTextEdit>

#include "shared/control/ConfigApi.h"

namespace Gui {

class YamlHighlighter;

// A YAML text with line numbers, YamlHighlighter's colours and the daemon's problems marked where they are: the
// token at each problem's line and column gets a red wavy underline, and its message is the tooltip there.
class YamlEdit final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit YamlEdit(QWidget *parent = nullptr);

    // Problems at lines of this text (1-based); `firstLine` says which line of the file the text's first line is,
    // for problems the daemon found in a whole file of which this shows a part.
    void setProblems(const QList<Api::ConfigProblem> &problems, int firstLine = 1);

    // The marked ranges, for tests: where each underline starts and how long it is.
    struct Mark
    {
        int position = 0;
        int length = 0;
        QString message;
    };

    const QList<Mark> &marks() const
    {
        return m_marks;
    }

    // The problem message at a text position, if one is marked there.
    QString problemAt(int position) const;
    // Puts the cursor on line `line` (1-based), column `column` and shows it.
    void goTo(int line, int column);
    // Scrolls line `line` (1-based, of this text) into view, without moving the focus.
    void showLine(int line);
    // The number the gutter shows for the first line: the text is a part of a file from that line on.
    void setFirstLineNumber(int number);

    int lineNumberAreaWidth() const;

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    friend class YamlLineNumbers;
    void paintLineNumbers(QPaintEvent *event);
    void updateLineNumberArea(const QRect &rect, int dy);
    void updateMarks();

    QWidget *m_lineNumbers = nullptr;
    YamlHighlighter *m_highlighter = nullptr;
    QList<Api::ConfigProblem> m_problems;
    int m_firstLine = 1;
    int m_firstLineNumber = 1;
    QList<Mark> m_marks;
};

}  // namespace Gui
