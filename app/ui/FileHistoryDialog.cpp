// SPDX-License-Identifier: MIT
#include "app/ui/FileHistoryDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "app/models/FileHistoryModel.h"
#include "app/models/Format.h"
#include "app/ui/ActionWidgets.h"
#include "app/ui/DiffView.h"
#include "app/ui/ElidedLabel.h"
#include "app/ui/RestoreDialog.h"

using namespace Qt::StringLiterals;

namespace Gui {

using Type = Restore::FileState::Type;

namespace {

// The status line shows only when it has something to say.
void setStatus(QLabel *label, const QString &text, bool error)
{
    ActionWidgets::setMessage(label, text, error);
    label->setVisible(!text.isEmpty());
}

}  // namespace

FileHistoryDialog::FileHistoryDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"fileHistoryDialog"_s);
    setWindowTitle(tr("Versions"));
    m_model = new FileHistoryModel(this);

    m_title = new QLabel;
    m_title->setObjectName(u"historyTitleLabel"_s);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_title->setFont(big);
    m_pathLabel = new ElidedLabel;
    m_pathLabel->setObjectName(u"historyPathLabel"_s);
    m_summary = new QLabel;
    m_summary->setObjectName(u"historySummaryLabel"_s);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel;
    m_status->setObjectName(u"historyStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view = new QTreeView;
    m_view->setObjectName(u"historyView"_s);
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(FileHistoryModel::SnapshotsColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(FileHistoryModel::VersionColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(FileHistoryModel::SizeColumn, QHeaderView::ResizeToContents);
    m_view->installEventFilter(this);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_model->rowCount(index.siblingAtColumn(0)) == 0) {
            openSelected();  // a version row with children unfolds instead
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &FileHistoryDialog::updateActions);

    m_open = new QAction(QIcon::fromTheme(u"document-open"_s), tr("&Open"), this);
    m_open->setObjectName(u"historyOpenAction"_s);
    m_open->setShortcut(QKeySequence::Open);
    connect(m_open, &QAction::triggered, this, &FileHistoryDialog::openSelected);
    m_compare = new QAction(QIcon::fromTheme(u"document-compare"_s), tr("&Compare with Current"), this);
    m_compare->setObjectName(u"historyCompareAction"_s);
    m_compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(m_compare, &QAction::triggered, this, &FileHistoryDialog::compareSelected);
    m_restore = new QAction(QIcon::fromTheme(u"document-revert"_s), tr("&Restore…"), this);
    m_restore->setObjectName(u"historyRestoreAction"_s);
    m_restore->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_restore, &QAction::triggered, this, &FileHistoryDialog::restoreSelected);
    for (QAction *action : {m_open, m_compare, m_restore}) {
        addAction(action);
    }

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(ActionWidgets::buttonFor(m_open));
    buttons->addWidget(ActionWidgets::buttonFor(m_compare));
    buttons->addWidget(ActionWidgets::buttonFor(m_restore));
    buttons->addStretch(1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    close->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->addWidget(close);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_pathLabel);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FileHistoryDialog::updateActions);
    connect(&m_loader, &FileHistoryLoader::finished, this, &FileHistoryDialog::showResult);
    connect(
        &m_opener, &VersionOpener::failed, this, [this](const QString &error) { setStatus(m_status, error, true); });
    connect(&m_opener, &VersionOpener::opened, this, [this](const QString &path) {
        setStatus(m_status, tr("Opened a read-only copy: %1").arg(path), false);
    });
    updateActions();
    resize(900, 520);
}

FileHistoryDialog::~FileHistoryDialog() = default;

void FileHistoryDialog::showHistoryOf(const QString &path)
{
    m_snapshots.clear();
    m_relativePath.clear();
    startLoading(path);
}

void FileHistoryDialog::showHistoryOf(const QString &livePath,
                                      const QString &relativePath,
                                      const QList<Restore::SnapshotEntry> &snapshots)
{
    m_snapshots = snapshots;
    m_relativePath = relativePath;
    startLoading(livePath);
}

void FileHistoryDialog::startLoading(const QString &path)
{
    m_path = path;
    const QString name = QFileInfo(path).fileName();
    setWindowTitle(tr("Versions of %1").arg(name.isEmpty() ? path : name));
    m_title->setText(name.isEmpty() ? path : name);
    m_pathLabel->setText(path);
    m_summary->clear();
    m_model->setHistory({});
    setStatus(
        m_status, tr("Looking for the versions of %1 in its snapshots…").arg(name.isEmpty() ? path : name), false);
    if (m_snapshots.isEmpty()) {
        m_loader.load(path);
    } else {
        m_loader.load(path, m_relativePath, m_snapshots);
    }
}

void FileHistoryDialog::showResult(const FileHistoryResult &result)
{
    m_model->setNow(QDateTime::currentDateTimeUtc());
    m_model->setHistory(result.history);
    if (!result.error.isEmpty()) {
        m_summary->setText(tr("No versions"));
        setStatus(m_status, result.error, true);
    } else {
        m_pathLabel->setText(result.history.livePath);
        m_summary->setText(m_model->summary());
        setStatus(m_status,
                  result.mount.dataset.isEmpty() ? QString()
                                                 : tr("Snapshots of %1, newest first").arg(result.mount.dataset),
                  false);
    }
    if (m_model->rowCount() > 0) {
        selectVersion(0);
        m_view->setFocus();
    }
    updateActions();
    Q_EMIT loaded();
}

QString FileHistoryDialog::summary() const
{
    return m_summary->text();
}

void FileHistoryDialog::selectVersion(int version)
{
    const QModelIndex index = m_model->versionIndex(version);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QModelIndex FileHistoryDialog::selected() const
{
    return m_view->selectionModel()->currentIndex();
}

void FileHistoryDialog::updateActions()
{
    const QModelIndex index = selected();
    const std::optional<int> version = m_model->versionOf(index);
    const Restore::FileHistory &history = m_model->history();
    QString openWhy;
    QString compareWhy;
    QString restoreWhy;
    if (!version) {
        openWhy = compareWhy = restoreWhy = tr("Choose a version first");
    } else {
        const Restore::FileVersion &v = history.versions.at(*version);
        if (!v.state.exists()) {
            openWhy = compareWhy = restoreWhy = tr("It did not exist in these snapshots");
        } else {
            if (v.state.type != Type::File && v.state.type != Type::Directory) {
                openWhy = tr("Only files and folders can be opened");
            }
            if (v.state.type != Type::File) {
                compareWhy = tr("Only files are compared");
            } else if (history.live.type != Type::File) {
                compareWhy = tr("There is no current file to compare with");
            } else if (v.current) {
                compareWhy = tr("This is the current version");
            }
        }
    }
    const auto apply = [](QAction *action, const QString &why, const QString &tip) {
        action->setEnabled(why.isEmpty());
        action->setToolTip(why.isEmpty() ? tip : why);
    };
    apply(m_open,
          openWhy,
          tr("Open a read-only copy of this version (%1)").arg(m_open->shortcut().toString(QKeySequence::NativeText)));
    apply(m_compare,
          compareWhy,
          tr("Show what changed between this version and the current file (%1)")
              .arg(m_compare->shortcut().toString(QKeySequence::NativeText)));
    apply(m_restore,
          restoreWhy,
          tr("Restore this version: you choose how before anything changes (%1)")
              .arg(m_restore->shortcut().toString(QKeySequence::NativeText)));
}

void FileHistoryDialog::openSelected()
{
    const QModelIndex index = selected();
    const QString path = m_model->pathOf(index);
    if (path.isEmpty() || !m_open->isEnabled()) {
        return;
    }
    setStatus(m_status, tr("Opening…"), false);
    m_opener.open(path, m_model->history().snapshots.at(m_model->snapshotOf(index)).created);
}

void FileHistoryDialog::compareSelected()
{
    const QModelIndex index = selected();
    const QString path = m_model->pathOf(index);
    if (path.isEmpty() || !m_compare->isEnabled()) {
        return;
    }
    const Restore::SnapshotEntry &snapshot = m_model->history().snapshots.at(m_model->snapshotOf(index));
    auto *diff = new DiffView(path, snapshot.created, m_model->history().livePath, this);
    diff->setAttribute(Qt::WA_DeleteOnClose);
    diff->show();
}

void FileHistoryDialog::restoreSelected()
{
    const QModelIndex index = selected();
    const QString path = m_model->pathOf(index);
    if (path.isEmpty() || !m_restore->isEnabled()) {
        return;
    }
    const Restore::SnapshotEntry &snapshot = m_model->history().snapshots.at(m_model->snapshotOf(index));
    auto *dialog = new RestoreDialog({path, m_model->history().livePath, snapshot.created, snapshot.name}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestoreDialog::restored, this, [this](const Restore::RestoreResult &result) {
        Q_EMIT restored(result.target);
        // The current file may be another version now.
        startLoading(m_path);
    });
    dialog->open();
}

bool FileHistoryDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() == Qt::NoModifier) {
            // Enter opens the version; without this, the view passes it on to the dialog, which would close.
            openSelected();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void FileHistoryDialog::done(int result)
{
    // Closing stops a lookup still going through the snapshots.
    m_loader.cancel();
    QDialog::done(result);
}

}  // namespace Gui
