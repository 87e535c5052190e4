// TeacherDialog: where the project's teacher is chosen: a preset or a URL, the model, where the API
// key comes from (none, an environment variable, or the OS keyring, where the dialog stores a key the
// user types), the structured-output mode and air-gap mode. Saves through core/teacher/settings.h;
// the key typed here goes to the keyring only, never to the project.
//
// Who calls it: SynthPanel ("Teacher…"). GUI thread only.
#pragma once

#include <QDialog>

#include "teacher/settings.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QDialogButtonBox;

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class TeacherDialog : public QDialog {
    Q_OBJECT

public:
    enum KeySource { NoKey = 0, EnvironmentVariable = 1, Keyring = 2 };

    TeacherDialog(store::Project *project, QWidget *parent = nullptr);

    // The settings as the fields stand (for tests and accept()).
    teacher::Settings settings() const;

public slots:
    void accept() override;

private:
    void applyPreset(int index);
    void updateKeyFields();
    void save();
    void showError(const QString &message);

    store::Project *m_project;
    QComboBox *m_preset;
    QLineEdit *m_url;
    QLineEdit *m_model;
    QComboBox *m_keySource;
    QLineEdit *m_keyEnv;
    QLineEdit *m_key;
    QComboBox *m_json;
    QCheckBox *m_airGap;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    teacher::Settings m_loaded;
};

}  // namespace smolify::ui
