// Asks why samples are rejected. The reason is required (the store refuses a rejection without
// one, and later generation rounds steer away from it); an editable combo offers the reasons used
// recently, which are remembered in QSettings. GUI thread only.
#pragma once

#include <QDialog>
#include <QStringList>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace smolify::ui {

class RejectReasonDialog : public QDialog {
    Q_OBJECT

public:
    static constexpr int kMaxRecentReasons = 12;

    // `count`: how many samples will be rejected (shown in the prompt).
    explicit RejectReasonDialog(int count, QWidget *parent = nullptr);

    QString reason() const;
    void setReason(const QString &reason);
    QComboBox *reasonBox() const { return m_reasonBox; }
    bool canAccept() const;

    // Runs the dialog; returns the reason (trimmed, non-empty) and remembers it, or nothing when
    // the user cancelled.
    static std::optional<QString> ask(int count, QWidget *parent);

    static QStringList recentReasons();
    static void rememberReason(const QString &reason);
    static void clearRecentReasons();

private:
    void updateButtons();

    QLabel *m_prompt = nullptr;
    QComboBox *m_reasonBox = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace smolify::ui
