// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace Gui {

// A proxy that, when enabled, shows only the rows that report an error (HasErrorRole) and whatever leads to them:
// for ReplicationModel the failed filesystems with their steps and the attempts they belong to, and attempts whose
// planning failed. Works on any model answering HasErrorRole (PruningModel, SnapshottingModel); a row's children
// are shown with it. Disabled, it passes everything through, so a view can keep it in place.
class ErrorsOnlyFilter final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ErrorsOnlyFilter(QObject *parent = nullptr);

    bool errorsOnly() const { return m_errorsOnly; }
    void setErrorsOnly(bool errorsOnly);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_errorsOnly = false;
};

}  // namespace Gui
