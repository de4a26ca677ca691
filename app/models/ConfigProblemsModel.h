// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "shared/control/ConfigApi.h"

namespace Gui {

// The problems the daemon found in a configuration text, listed under the editor: where (line, column, field) and
// what. Lines count in the text shown, which may start further down the file (setFirstLine).
class ConfigProblemsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        LineColumn,
        ColumnColumn,
        FieldColumn,
        MessageColumn,
        ColumnCount,
    };

    explicit ConfigProblemsModel(QObject *parent = nullptr);

    void setProblems(const QList<Api::ConfigProblem> &problems);

    const QList<Api::ConfigProblem> &problems() const
    {
        return m_problems;
    }

    // The shown text's first line is line `line` of the file.
    void setFirstLine(int line);
    // The line of `row` in the text shown (1-based; 0 when unknown).
    int shownLine(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Api::ConfigProblem> m_problems;
    int m_firstLine = 1;
};

}  // namespace Gui
