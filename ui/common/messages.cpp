#include "common/messages.h"

#include <QMessageBox>

#include <utility>

namespace smolify::ui {

namespace {
MessagePresenter &presenterSlot() {
    static MessagePresenter presenter;
    return presenter;
}
}  // namespace

void showMessage(QWidget *parent, MessageKind kind, const QString &title, const QString &text) {
    if (const MessagePresenter &presenter = presenterSlot()) {
        presenter(parent, kind, title, text);
        return;
    }
    switch (kind) {
        case MessageKind::information:
            QMessageBox::information(parent, title, text);
            break;
        case MessageKind::warning:
            QMessageBox::warning(parent, title, text);
            break;
        case MessageKind::critical:
            QMessageBox::critical(parent, title, text);
            break;
    }
}

MessagePresenter setMessagePresenter(MessagePresenter presenter) {
    return std::exchange(presenterSlot(), std::move(presenter));
}

}  // namespace smolify::ui
