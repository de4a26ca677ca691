// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTableView>
#include <QTest>

#include "StatusFixtures.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/ui/ProgressDelegate.h"

using namespace Gui;
using namespace Fixtures;
using namespace Qt::StringLiterals;

namespace {

Api::JobStatus pushAt(qint64 replicated, qint64 expected)
{
    Api::ReplicationReport r;
    r.startAt = at(0);
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::FanOutFilesystems;
    attempt.startAt = at(0);
    attempt.filesystems = {filesystem(u"tank"_s, Api::FilesystemState::Stepping, {step({}, u"@s"_s, expected, replicated)}, 0)};
    r.attempts = {attempt};
    return pushJob(r);
}

}  // namespace

class TestProgressDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void progressOf();
    void paintsABarOnlyWithProgress();
    void paintsInAView();

private:
    QImage paint(const QModelIndex &index, const QStyledItemDelegate &delegate);

    JobsTableModel m_model;
    QTableView m_view;
};

void TestProgressDelegate::initTestCase()
{
    m_model.update(daemon({{u"half"_s, pushAt(50, 100)}, {u"full"_s, pushAt(100, 100)}, {u"idle"_s, sinkJob()}}));
    m_view.setModel(&m_model);
    m_view.resize(900, 300);
}

QImage TestProgressDelegate::paint(const QModelIndex &index, const QStyledItemDelegate &delegate)
{
    QImage image(240, 28, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.initFrom(&m_view);
    option.rect = image.rect();
    option.widget = &m_view;
    option.state |= QStyle::State_Enabled;
    delegate.paint(&painter, option, index);
    return image;
}

void TestProgressDelegate::progressOf()
{
    ProgressDelegate delegate;
    QCOMPARE(delegate.progressRole(), int(ProgressRole));
    const int half = m_model.rowOfJob(u"half"_s);
    QCOMPARE(delegate.progressOf(m_model.index(half, JobsTableModel::ProgressColumn)), 50);
    QCOMPARE(delegate.progressOf(m_model.index(m_model.rowOfJob(u"full"_s), JobsTableModel::ProgressColumn)), 100);
    QCOMPARE(delegate.progressOf(m_model.index(m_model.rowOfJob(u"idle"_s), JobsTableModel::ProgressColumn)), -1);
    QCOMPARE(delegate.progressOf(m_model.index(half, JobsTableModel::NameColumn)), -1);  // no value at all
    QCOMPARE(delegate.progressOf(QModelIndex()), -1);
    delegate.setProgressRole(BytesReplicatedRole);
    QCOMPARE(delegate.progressOf(m_model.index(half, JobsTableModel::ProgressColumn)), 50);
}

void TestProgressDelegate::paintsABarOnlyWithProgress()
{
    ProgressDelegate delegate;
    QStyledItemDelegate plain;
    const QModelIndex half = m_model.index(m_model.rowOfJob(u"half"_s), JobsTableModel::ProgressColumn);
    const QModelIndex full = m_model.index(m_model.rowOfJob(u"full"_s), JobsTableModel::ProgressColumn);
    const QModelIndex idle = m_model.index(m_model.rowOfJob(u"idle"_s), JobsTableModel::ProgressColumn);

    // Without progress the cell is what QStyledItemDelegate paints.
    QCOMPARE(paint(idle, delegate), paint(idle, plain));
    // With it, a bar that grows with the value.
    QVERIFY(paint(half, delegate) != paint(half, plain));
    QVERIFY(paint(half, delegate) != paint(full, delegate));
    QVERIFY(delegate.sizeHint(QStyleOptionViewItem(), half).height() >= plain.sizeHint(QStyleOptionViewItem(), half).height());
}

void TestProgressDelegate::paintsInAView()
{
    ProgressDelegate delegate;
    m_view.setItemDelegateForColumn(JobsTableModel::ProgressColumn, &delegate);
    m_view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&m_view));
    const QImage shot = m_view.grab().toImage();
    QVERIFY(!shot.isNull());
    m_view.setItemDelegateForColumn(JobsTableModel::ProgressColumn, nullptr);
}

QTEST_MAIN(TestProgressDelegate)
#include "TestProgressDelegate.moc"
