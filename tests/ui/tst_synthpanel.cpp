// The Intent page's synthesis controls against the fake teacher (a real HTTP server on 127.0.0.1):
// the teacher dialog saves settings and refuses a key pasted where a variable name goes; "Draft with
// Teacher" stores a spec version drafted by the teacher; Generate fills the project with validated
// pending samples while the GUI thread stays free, and Stop ends a slow run early; a key kept in the
// OS keyring is either stored and used, or the missing keyring is said plainly.
#include <QComboBox>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "support/fake_teacher.h"
#include "synth/spec.h"
#include "synth/synth_fake.h"
#include "synth/synthpanel.h"
#include "synth/teacherdialog.h"
#include "teacher/settings.h"
#include "testutil.h"

using namespace smolify;
using smolify::ui::SynthPanel;
using smolify::ui::TeacherDialog;

namespace {

void pointAtFake(store::Project &project, const test::FakeTeacher &fake) {
    teacher::Settings s;
    s.base_url = fake.base_url();
    s.model = "fake-model";
    QVERIFY(teacher::save_settings(project, s).ok());
}

}  // namespace

class TestSynthPanel : public QObject {
    Q_OBJECT

private slots:
    void teacherDialogSavesAndRefuses();
    void draftThenGenerate();
    void stopEndsASlowRunEarly();
    void keyringKeyIsStoredOrItsAbsenceSaid();
};

void TestSynthPanel::teacherDialogSavesAndRefuses() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    TeacherDialog dialog(tp.project.get());
    auto *preset = dialog.findChild<QComboBox *>(QStringLiteral("teacherPreset"));
    QVERIFY(preset);
    const int openai = preset->findData(QStringLiteral("openai"));
    QVERIFY(openai > 0);
    preset->setCurrentIndex(openai);
    emit preset->activated(openai);
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("teacherUrl"))->text(),
             QStringLiteral("https://api.openai.com/v1"));
    dialog.findChild<QLineEdit *>(QStringLiteral("teacherModel"))->setText(QStringLiteral("gpt-4o-mini"));
    dialog.findChild<QComboBox *>(QStringLiteral("teacherKeySource"))->setCurrentIndex(TeacherDialog::EnvironmentVariable);
    dialog.findChild<QLineEdit *>(QStringLiteral("teacherKeyEnv"))->setText(QStringLiteral("sk-proj-pasted-1234"));
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("teacherStatus"))->text().contains(QStringLiteral("NAME")));
    auto stored = teacher::load_settings(*tp.project);
    QVERIFY(stored.ok());
    QVERIFY(stored->base_url.empty());  // nothing saved

    dialog.findChild<QLineEdit *>(QStringLiteral("teacherKeyEnv"))->setText(QStringLiteral("OPENAI_API_KEY"));
    dialog.findChild<QCheckBox *>(QStringLiteral("teacherAirGap"))->setChecked(true);
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);  // air-gap with a remote host
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("teacherStatus"))->text().contains(QStringLiteral("air-gap")));
    dialog.findChild<QCheckBox *>(QStringLiteral("teacherAirGap"))->setChecked(false);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    stored = teacher::load_settings(*tp.project);
    QVERIFY(stored.ok());
    QCOMPARE(QString::fromStdString(stored->base_url), QStringLiteral("https://api.openai.com/v1"));
    QCOMPARE(QString::fromStdString(stored->model), QStringLiteral("gpt-4o-mini"));
    QCOMPARE(QString::fromStdString(stored->key_env), QStringLiteral("OPENAI_API_KEY"));
    QVERIFY(!stored->key_in_keyring);
}

void TestSynthPanel::draftThenGenerate() {
    test::TempProject tp(QStringLiteral("triage"), QStringLiteral("Sort incoming IT tickets by urgency"));
    QVERIFY(tp.ok());
    test::FakeTeacher fake;
    test::SynthFakeOptions opt;
    fake.set_handler([&](const test::FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    pointAtFake(*tp.project, fake);
    // The draft: the teacher's reply in a code fence, as chat models write it.
    fake.push(test::FakeReply::ok("```json\n" + test::triage_spec_json().dump() + "\n```"));

    SynthPanel panel;
    panel.setProject(tp.project.get());
    QSignalSpy specChanged(&panel, &SynthPanel::specChanged);
    QSignalSpy added(&panel, &SynthPanel::samplesAdded);
    panel.draftSpec();
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
    QVERIFY2(specChanged.count() == 1, qPrintable(panel.statusText()));
    auto spec = tp.project->current_spec();
    QVERIFY(spec.ok() && spec->has_value());
    QCOMPARE(QString::fromStdString((*spec)->author), QStringLiteral("teacher"));
    QVERIFY2(panel.findChild<QPlainTextEdit *>(QStringLiteral("specText"))->toPlainText().contains(QStringLiteral("Version 1")),
             qPrintable(panel.statusText()));

    panel.findChild<QSpinBox *>(QStringLiteral("generateCount"))->setValue(40);
    panel.generate();
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 120000);
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Done")), qPrintable(panel.statusText()));
    QCOMPARE(added.count(), 1);
    auto counts = tp.project->counts();
    QVERIFY(counts.ok());
    QVERIFY2(counts->pending >= 40, qPrintable(QString::number(counts->pending)));

    // "More like these": two approved samples are every request's examples.
    auto ids = tp.project->sample_ids({});
    QVERIFY(ids.ok() && ids->size() >= 2);
    const int64_t chosen[] = {(*ids)[0], (*ids)[1]};
    QVERIFY(tp.project->review(chosen, store::SampleStatus::approved).ok());
    auto first = tp.project->sample(chosen[0]);
    QVERIFY(first.ok() && first->has_value());
    const std::size_t before = fake.request_count();
    panel.findChild<QSpinBox *>(QStringLiteral("generateCount"))->setValue(10);
    panel.generateLike({chosen[0], chosen[1]});
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 120000);
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Done")), qPrintable(panel.statusText()));
    const auto requests = fake.requests();
    QVERIFY(requests.size() > before);
    for (std::size_t i = before; i < requests.size(); ++i)
        QVERIFY(requests[i].last_user_message().find("INPUT: " + (*first)->input) != std::string::npos);
    panel.setProject(nullptr);
}

void TestSynthPanel::stopEndsASlowRunEarly() {
    test::TempProject tp(QStringLiteral("slow"), QStringLiteral("Sort incoming IT tickets by urgency"));
    QVERIFY(tp.ok());
    test::FakeTeacher fake;
    test::SynthFakeOptions opt;
    opt.delay_ms = 300;
    fake.set_handler([&](const test::FakeRequest &r) { return test::synth_fake_reply(r, opt); });
    pointAtFake(*tp.project, fake);
    auto specJson = test::triage_spec_json();
    auto spec = synth::spec_from_json(specJson);
    QVERIFY(spec.ok());
    QVERIFY(tp.project->save_spec(synth::spec_to_store(*spec, "user")).ok());

    SynthPanel panel;
    panel.setProject(tp.project.get());
    panel.findChild<QSpinBox *>(QStringLiteral("generateCount"))->setValue(5000);
    panel.generate();
    QTRY_VERIFY_WITH_TIMEOUT(fake.request_count() >= 2, 30000);
    panel.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
    QVERIFY2(panel.statusText().startsWith(QStringLiteral("Stopped")), qPrintable(panel.statusText()));
    auto counts = tp.project->counts();
    QVERIFY(counts.ok());
    QVERIFY(counts->pending < 5000);
    panel.setProject(nullptr);
}

void TestSynthPanel::keyringKeyIsStoredOrItsAbsenceSaid() {
    test::TempProject tp;
    QVERIFY(tp.ok());
    test::FakeTeacher fake;
    TeacherDialog dialog(tp.project.get());
    dialog.findChild<QLineEdit *>(QStringLiteral("teacherUrl"))->setText(QString::fromStdString(fake.base_url()));
    dialog.findChild<QLineEdit *>(QStringLiteral("teacherModel"))->setText(QStringLiteral("fake-model"));
    dialog.findChild<QComboBox *>(QStringLiteral("teacherKeySource"))->setCurrentIndex(TeacherDialog::Keyring);
    const QString canary = QStringLiteral("sk-ui-keyring-canary-5e1f");
    dialog.findChild<QLineEdit *>(QStringLiteral("teacherKey"))->setText(canary);
    dialog.accept();
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("teacherStatus"));
    // The keyring answers asynchronously: stored (dialog accepted) or refused (a message, nothing saved).
    const auto answered = [&] {
        return dialog.result() == QDialog::Accepted ||
               (status->text().contains(QStringLiteral("keyring")) && !status->text().contains(QStringLiteral("Storing")));
    };
    QTRY_VERIFY_WITH_TIMEOUT(answered(), 30000);
    auto stored = teacher::load_settings(*tp.project);
    QVERIFY(stored.ok());
    if (dialog.result() == QDialog::Accepted) {
        QVERIFY(stored->key_in_keyring);
        QVERIFY(stored->key_env.empty());
        // The panel reads it back and the teacher gets it as the Authorization header.
        fake.push(test::FakeReply::ok(test::triage_spec_json().dump()));
        SynthPanel panel;
        panel.setProject(tp.project.get());
        panel.draftSpec();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
        QVERIFY(fake.request_count() >= 1);
        QCOMPARE(QString::fromStdString(fake.requests().front().headers.at("authorization")),
                 QStringLiteral("Bearer ") + canary);
        panel.setProject(nullptr);
    } else {
        QVERIFY(stored->base_url.empty());
        QVERIFY(!stored->key_in_keyring);
    }
    // Never in the project file.
    QFile file(tp.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(canary.toUtf8()));
}

int runSynthPanelTests(int argc, char **argv) {
    TestSynthPanel t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_synthpanel.moc"
