// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace Gui {

// The few pieces of YAML syntax the GUI writes itself (the jobs of the New backup assistant, the values of Edit
// job): scalars quoted where YAML would read them as something else, lists in flow style.
namespace YamlText {

// A double-quoted YAML scalar: "pool/home<", with '"', '\' and control characters escaped.
QString quoted(const QString &value);
// `value` as it is when YAML reads it back as the same string (a job name, a path), quoted otherwise.
QString scalar(const QString &value);
// ["a", "b"]
QString flowList(const QStringList &values);
// Every line of `text` indented by `spaces` (empty lines stay empty).
QString indented(const QString &text, int spaces);

}  // namespace YamlText

}  // namespace Gui
