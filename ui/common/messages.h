// One place where the workbench tells the user something in a message box.
//
// Every page reports errors through showMessage() instead of calling QMessageBox directly, so that
// tests can install a presenter that records the message instead of blocking on a modal box.
// GUI thread only.
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace smolify::ui {

enum class MessageKind { information, warning, critical };

using MessagePresenter =
    std::function<void(QWidget *parent, MessageKind kind, const QString &title, const QString &text)>;

// Shows `text` to the user (a QMessageBox unless a presenter is installed).
void showMessage(QWidget *parent, MessageKind kind, const QString &title, const QString &text);

// Installs `presenter` (an empty function restores the message box); returns the previous one.
MessagePresenter setMessagePresenter(MessagePresenter presenter);

}  // namespace smolify::ui
