// SPDX-License-Identifier: MIT
#include "app/models/ConfigProblemsModel.h"

#include "app/core/ConfigChangeText.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"

namespace Gui {

ConfigProblemsModel::ConfigProblemsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ConfigProblemsModel::setProblems(const QList<Api::ConfigProblem> &problems)
{
    if (problems == m_problems) {
        return;
    }
    beginResetModel();
    m_problems = problems;
    endResetModel();
}

void ConfigProblemsModel::setFirstLine(int line)
{
    if (line == m_firstLine) {
        return;
    }
    m_firstLine = line;
    if (!m_problems.isEmpty()) {
        Q_EMIT dataChanged(index(0, LineColumn), index(rowCount() - 1, MessageColumn));
    }
}

int ConfigProblemsModel::shownLine(int row) const
{
    if (row < 0 || row >= m_problems.size() || m_problems[row].line <= 0) {
        return 0;
    }
    return m_problems[row].line - m_firstLine + 1;
}

int ConfigProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ConfigProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_problems.size()) {
        return {};
    }
    const Api::ConfigProblem &problem = m_problems[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LineColumn:
            return shownLine(index.row()) > 0 ? QVariant(shownLine(index.row())) : QVariant(Format::none());
        case ColumnColumn:
            return problem.column > 0 ? QVariant(problem.column) : QVariant(Format::none());
        case FieldColumn:
            return problem.field.isEmpty() ? Format::none() : problem.field;
        case MessageColumn:
            return problem.message;
        default:
            return {};
        }
    case Qt::ToolTipRole:
    case FullTextRole:
        return ConfigChangeText::problem(problem, m_firstLine);
    case Qt::ForegroundRole:
        return index.column() == MessageColumn ? QVariant(Format::errorColor()) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn || index.column() == ColumnColumn) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SortRole:
        return index.column() == LineColumn ? QVariant(problem.line) : QVariant();
    default:
        return {};
    }
}

QVariant ConfigProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case LineColumn:
        return tr("Line");
    case ColumnColumn:
        return tr("Column");
    case FieldColumn:
        return tr("Field");
    case MessageColumn:
        return tr("Problem");
    default:
        return {};
    }
}

}  // namespace Gui
