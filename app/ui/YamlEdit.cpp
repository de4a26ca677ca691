// SPDX-License-Identifier: MIT
#include "app/ui/YamlEdit.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

#include "app/core/ConfigChangeText.h"
#include "app/models/Format.h"
#include "app/ui/YamlHighlighter.h"

using namespace Qt::StringLiterals;

namespace Gui {

class YamlLineNumbers final : public QWidget
{
public:
    explicit YamlLineNumbers(YamlEdit *editor)
        : QWidget(editor)
        , m_editor(editor)
    {}

    QSize sizeHint() const override
    {
        return {m_editor->lineNumberAreaWidth(), 0};
    }

protected:
    void paintEvent(QPaintEvent *event) override
    {
        m_editor->paintLineNumbers(event);
    }

private:
    YamlEdit *m_editor;
};

YamlEdit::YamlEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    // YAML forbids tabs for indentation: the Tab key indents with spaces.
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * 2);
    m_highlighter = new YamlHighlighter(document(), palette());
    m_lineNumbers = new YamlLineNumbers(this);
    connect(
        this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &YamlEdit::updateLineNumberArea);
    // Edits move the text under the marks: they are placed again on the new text until the next verdict.
    connect(this, &QPlainTextEdit::textChanged, this, &YamlEdit::updateMarks);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

int YamlEdit::lineNumberAreaWidth() const
{
    int digits = 2;
    for (int max = std::max(1, blockCount() + m_firstLineNumber - 1); max >= 100; max /= 10) {
        ++digits;
    }
    return 8 + fontMetrics().horizontalAdvance(u'9') * digits;
}

void YamlEdit::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy != 0) {
        m_lineNumbers->scroll(0, dy);
    } else {
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    }
}

void YamlEdit::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_lineNumbers->setGeometry(QRect(area.left(), area.top(), lineNumberAreaWidth(), area.height()));
}

void YamlEdit::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    QSet<int> problemLines;
    for (const Api::ConfigProblem &problem : std::as_const(m_problems)) {
        problemLines.insert(problem.line - m_firstLine);
    }
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool problem = problemLines.contains(block.blockNumber());
            painter.setPen(problem ? Format::errorColor() : palette().color(QPalette::PlaceholderText));
            QFont font = this->font();
            font.setBold(problem);
            painter.setFont(font);
            painter.drawText(0,
                             top,
                             m_lineNumbers->width() - 4,
                             fontMetrics().height(),
                             Qt::AlignRight,
                             QString::number(block.blockNumber() + m_firstLineNumber));
        }
        block = block.next();
        top += height;
    }
}

void YamlEdit::setProblems(const QList<Api::ConfigProblem> &problems, int firstLine)
{
    m_problems = problems;
    m_firstLine = firstLine;
    updateMarks();
    m_lineNumbers->update();
}

void YamlEdit::updateMarks()
{
    m_marks.clear();
    QList<QTextEdit::ExtraSelection> selections;
    for (const Api::ConfigProblem &problem : std::as_const(m_problems)) {
        const QTextBlock block = document()->findBlockByNumber(problem.line - m_firstLine);
        if (problem.line <= 0 || !block.isValid()) {
            continue;
        }
        const QString text = block.text();
        // The token at the column: up to the next space (YAML's errors point at the start of what is wrong); the
        // line's content where the column is unknown or past the end.
        int start = problem.column > 0 ? problem.column - 1 : 0;
        if (start >= text.size()) {
            start = 0;
        }
        while (problem.column <= 0 && start < text.size() && text.at(start) == u' ') {
            ++start;
        }
        int end = start;
        while (end < text.size() && (problem.column <= 0 || text.at(end) != u' ')) {
            ++end;
        }
        if (end == start) {
            end = start + 1;  // an empty line or the end of one: a mark one character wide still shows
        }
        Mark mark{int(block.position()) + start, end - start, ConfigChangeText::problem(problem)};
        m_marks.append(mark);
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document());
        selection.cursor.setPosition(mark.position);
        selection.cursor.setPosition(std::min(mark.position + mark.length, document()->characterCount() - 1),
                                     QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(Format::errorColor());
        selection.format.setToolTip(mark.message);
        selections.append(selection);
    }
    setExtraSelections(selections);
}

QString YamlEdit::problemAt(int position) const
{
    for (const Mark &mark : m_marks) {
        if (position >= mark.position && position < mark.position + mark.length) {
            return mark.message;
        }
    }
    return {};
}

void YamlEdit::goTo(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid()) {
        return;
    }
    QTextCursor cursor(block);
    cursor.movePosition(
        QTextCursor::Right, QTextCursor::MoveAnchor, std::clamp(column - 1, 0, std::max(0, int(block.length()) - 1)));
    setTextCursor(cursor);
    centerCursor();
    setFocus();
}

void YamlEdit::showLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid()) {
        return;
    }
    QTextCursor cursor(block);
    setTextCursor(cursor);
    centerCursor();
}

void YamlEdit::setFirstLineNumber(int number)
{
    m_firstLineNumber = std::max(1, number);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    m_lineNumbers->update();
}

bool YamlEdit::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint inViewport = viewport()->mapFrom(this, help->pos());
        const QString message = problemAt(cursorForPosition(inViewport).position());
        if (message.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), message, this);
        }
        return true;
    }
    return QPlainTextEdit::event(event);
}

}  // namespace Gui
