// SPDX-License-Identifier: MIT
#pragma once

// The JSON documents the GUI tests serve or parse for Holdfast's own endpoints (holds, pruning explanations, holds
// actions), in tests/gui/data. zrepl's captured documents stay in tests/data/zrepl (FakeControlServer::zreplCapture).

#include <QByteArray>
#include <QFile>
#include <QString>

#include "shared/control/Holds.h"

namespace GuiTestData {

inline QByteArray read(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_GUI_TEST_DATA_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

inline Api::HoldsReport holdsReport(const QString &name = QStringLiteral("holds-report.json"))
{
    QString error;
    const std::optional<Api::HoldsReport> report = Api::HoldsReport::fromJson(read(name), &error);
    if (!report) {
        qFatal("%s: %s", qPrintable(name), qPrintable(error));
    }
    return *report;
}

inline Api::PruningExplanation pruningExplanation(const QString &name = QStringLiteral("pruning-explanation.json"))
{
    QString error;
    const std::optional<Api::PruningExplanation> explanation = Api::PruningExplanation::fromJson(read(name), &error);
    if (!explanation) {
        qFatal("%s: %s", qPrintable(name), qPrintable(error));
    }
    return *explanation;
}

inline Api::HoldsActionReply actionReply(const QString &name)
{
    QString error;
    const std::optional<Api::HoldsActionReply> reply = Api::HoldsActionReply::fromJson(read(name), &error);
    if (!reply) {
        qFatal("%s: %s", qPrintable(name), qPrintable(error));
    }
    return *reply;
}

}  // namespace GuiTestData
