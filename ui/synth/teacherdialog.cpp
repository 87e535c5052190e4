#include "synth/teacherdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/appsettings.h"
#include "common/keyring.h"
#include "common/qtstring.h"
#include "store/project.h"

namespace smolify::ui {

TeacherDialog::TeacherDialog(store::Project *project, QWidget *parent) : QDialog(parent), m_project(project) {
    setObjectName(QStringLiteral("teacherDialog"));
    setWindowTitle(tr("Teacher"));
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("teacherPreset"));
    m_preset->addItem(tr("Custom endpoint"), QString());
    for (const teacher::Preset &p : teacher::presets())
        m_preset->addItem(toQString(std::string(p.label)), toQString(std::string(p.name)));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("teacherUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://localhost:11434/v1"));
    m_model = new QLineEdit(this);
    m_model->setObjectName(QStringLiteral("teacherModel"));
    m_model->setPlaceholderText(tr("e.g. gpt-4o-mini or llama3.1:8b"));
    m_keySource = new QComboBox(this);
    m_keySource->setObjectName(QStringLiteral("teacherKeySource"));
    m_keySource->addItem(tr("No key (a server on this machine)"));
    m_keySource->addItem(tr("Environment variable"));
    m_keySource->addItem(tr("OS keyring"));
    m_keyEnv = new QLineEdit(this);
    m_keyEnv->setObjectName(QStringLiteral("teacherKeyEnv"));
    m_keyEnv->setPlaceholderText(QStringLiteral("OPENAI_API_KEY"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("teacherKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_json = new QComboBox(this);
    m_json->setObjectName(QStringLiteral("teacherJson"));
    m_json->addItem(tr("JSON schema (OpenAI, Gemini, Ollama, llama.cpp, vLLM)"), QStringLiteral("json_schema"));
    m_json->addItem(tr("JSON object only"), QStringLiteral("json_object"));
    m_json->addItem(tr("None (the prompt asks for JSON)"), QStringLiteral("none"));
    m_airGap = new QCheckBox(tr("Air-gap: allow only a teacher on this machine"), this);
    m_airGap->setObjectName(QStringLiteral("teacherAirGap"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("teacherStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TeacherDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TeacherDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Provider:"), m_preset);
    form->addRow(tr("Base URL:"), m_url);
    form->addRow(tr("Model:"), m_model);
    form->addRow(tr("API key:"), m_keySource);
    form->addRow(tr("Variable name:"), m_keyEnv);
    form->addRow(tr("Key:"), m_key);
    form->addRow(tr("Structured output:"), m_json);
    form->addRow(QString(), m_airGap);
    auto *note = new QLabel(tr("The key is never written to the project: it stays in the OS keyring or in "
                               "your environment."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    if (m_project) {
        auto loaded = teacher::load_settings(*m_project);
        if (loaded) {
            m_loaded = *loaded;
        } else {
            showError(toQString(loaded.error().message));
        }
    }
    m_url->setText(toQString(m_loaded.base_url));
    m_model->setText(toQString(m_loaded.model));
    m_keyEnv->setText(toQString(m_loaded.key_env));
    m_keySource->setCurrentIndex(m_loaded.key_in_keyring ? Keyring
                                 : m_loaded.key_env.empty() ? NoKey
                                                            : EnvironmentVariable);
    m_json->setCurrentIndex(std::max(0, m_json->findData(toQString(std::string(teacher::json_support_name(m_loaded.json))))));
    m_airGap->setChecked(m_loaded.air_gap);
    for (int i = 1; i < m_preset->count(); ++i)
        if (const teacher::Preset *p = teacher::find_preset(toStdString(m_preset->itemData(i).toString())))
            if (p->base_url == m_loaded.base_url) m_preset->setCurrentIndex(i);
    m_key->setPlaceholderText(m_loaded.key_in_keyring ? tr("stored; type to replace") : tr("paste the API key"));

    connect(m_preset, &QComboBox::activated, this, &TeacherDialog::applyPreset);
    connect(m_keySource, &QComboBox::currentIndexChanged, this, &TeacherDialog::updateKeyFields);
    updateKeyFields();
}

void TeacherDialog::applyPreset(int index) {
    const teacher::Preset *p = teacher::find_preset(toStdString(m_preset->itemData(index).toString()));
    if (!p) return;
    m_url->setText(toQString(std::string(p->base_url)));
    m_keyEnv->setText(toQString(std::string(p->key_env)));
    // A cloud preset's key is best kept in the keyring; a local server needs none.
    m_keySource->setCurrentIndex(p->key_env.empty() ? NoKey : Keyring);
    m_json->setCurrentIndex(std::max(0, m_json->findData(toQString(std::string(teacher::json_support_name(p->json))))));
    if (!p->local) m_airGap->setChecked(false);
}

void TeacherDialog::updateKeyFields() {
    const int source = m_keySource->currentIndex();
    m_keyEnv->setEnabled(source == EnvironmentVariable);
    m_key->setEnabled(source == Keyring);
}

teacher::Settings TeacherDialog::settings() const {
    teacher::Settings s = m_loaded;
    s.base_url = toStdString(m_url->text().trimmed());
    s.model = toStdString(m_model->text().trimmed());
    const int source = m_keySource->currentIndex();
    s.key_env = source == EnvironmentVariable ? toStdString(m_keyEnv->text().trimmed()) : std::string();
    s.key_in_keyring = source == Keyring;
    s.json = teacher::parse_json_support(toStdString(m_json->currentData().toString()))
                 .value_or(teacher::JsonSupport::json_schema);
    s.air_gap = m_airGap->isChecked();
    return s;
}

void TeacherDialog::showError(const QString &message) {
    m_status->setText(message);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
}

void TeacherDialog::accept() {
    const teacher::Settings s = settings();
    if (s.base_url.empty() || s.model.empty()) return showError(tr("Give the teacher's base URL and model."));
    if (m_keySource->currentIndex() == EnvironmentVariable && s.key_env.empty())
        return showError(tr("Name the environment variable that holds the key."));
    if (const std::string problem = teacher::check_settings(s, appsettings::teacherDefaults());
        !problem.empty())
        return showError(toQString(problem));
    const QString typed = m_key->text().trimmed();
    if (m_keySource->currentIndex() == Keyring && typed.isEmpty() &&
        !(m_loaded.key_in_keyring && m_loaded.base_url == s.base_url))
        return showError(tr("Paste the API key to store in the OS keyring."));
    if (m_keySource->currentIndex() != Keyring || typed.isEmpty()) return save();
    // Store the key first: settings that point at the keyring without a key there would fail later.
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    m_status->setText(tr("Storing the key in the OS keyring…"));
    keyring::writeKey(this, keyring::accountFor(toQString(s.base_url)), typed, [this](const QString &error) {
        if (!error.isEmpty()) return showError(error);
        save();
    });
}

void TeacherDialog::save() {
    if (!m_project) return QDialog::accept();
    if (Status st = teacher::save_settings(*m_project, settings(), appsettings::teacherDefaults()); !st)
        return showError(toQString(st.error().message));
    m_key->clear();
    QDialog::accept();
}

}  // namespace smolify::ui
