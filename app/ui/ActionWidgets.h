// SPDX-License-Identifier: MIT
#pragma once

class QAction;
class QLabel;
class QString;
class QToolButton;

namespace Gui {

// The small pieces the Restore view and the versions window build their button rows and messages from.
namespace ActionWidgets {

// A button for `action` with its text beside the icon, reachable with Tab (tool buttons are not by default).
QToolButton *buttonFor(QAction *action);
// `text` in the label, in the palette's error colour when `error`.
void setMessage(QLabel *label, const QString &text, bool error);

}  // namespace ActionWidgets

}  // namespace Gui
