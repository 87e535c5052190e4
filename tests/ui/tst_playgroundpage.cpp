// The Playground over a real project: 40 classification samples imported as approved and a tiny
// student trained for a few steps through core/train. Without an input nothing runs; Run answers
// with the project's run on the page's thread and, with the contract kept, the answer is one of the
// labels and the status says so with tokens/s; an exported GGUF appears in the model list and
// answers too. Serving without an exported file says to export first; with one, the endpoint
// answers GET /health over a real socket on the port it shows, with a curl line, and Stop Serving
// closes it. With a teacher set (the fake teacher, a real HTTP server on 127.0.0.1), "Ask the teacher
// too" sends it the same input and shows its answer with latency and cost, the same input again is
// answered from the journal, a failing teacher says why; without a teacher the box is off.
#include <QCheckBox>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include <nlohmann/json.hpp>

#include "common/qtstring.h"
#include "export/bundle.h"
#include "io/import.h"
#include "playground/playgroundpage.h"
#include "support/fake_teacher.h"
#include "teacher/settings.h"
#include "testutil.h"
#include "train/trainer.h"

using namespace smolify;
using smolify::ui::PlaygroundPage;
using smolify::ui::toPath;

namespace {

// GET `path` from 127.0.0.1:port with a plain socket; the whole reply, or empty on failure.
std::string httpGet(int port, const std::string &path) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string reply;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0) {
        const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
            char buf[4096];
            ssize_t n;
            while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
                reply.append(buf, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return reply;
}

}  // namespace

class TestPlaygroundPage : public QObject {
    Q_OBJECT

private slots:
    void answerAndServe();
    void teacherAnswersBeside();
};

void TestPlaygroundPage::answerAndServe() {
    test::TempProject tp(QStringLiteral("tickets"));
    QVERIFY2(tp.ok(), qPrintable(tp.error));
    io::ImportParams ip;
    ip.status = store::SampleStatus::approved;
    QVERIFY(io::import_samples(*tp.project, toPath(test::writeTicketsJsonl(tp)), ip).ok());
    auto trained = train::train(*tp.project, test::tinyTrainParams(3));
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());

    PlaygroundPage page;
    page.setProject(tp.project.get());
    QCOMPARE(page.modelBox()->count(), 1);  // the project's run; nothing exported yet
    QVERIFY(page.runButton()->isEnabled());

    // No input, no run.
    QVERIFY(!page.run());
    QVERIFY2(page.statusText().contains(QStringLiteral("input")), qPrintable(page.statusText()));

    // The project's run answers with one of its labels (the contract kept) and says how fast.
    page.inputEdit()->setPlainText(QStringLiteral("Ticket 99: printer jammed again"));
    QVERIFY(page.contractCheck()->isChecked());
    QSignalSpy finished(&page, &PlaygroundPage::runFinished);
    QVERIFY(page.run());
    QVERIFY(page.isBusy());
    QVERIFY(!page.run());  // one at a time
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY2(finished.first().first().toBool(), qPrintable(page.statusText()));
    const QString answer = page.outputView()->toPlainText();
    QVERIFY2(answer == QLatin1String("urgent") || answer == QLatin1String("normal") ||
                 answer == QLatin1String("low"),
             qPrintable(answer));
    QVERIFY2(page.statusText().contains(QStringLiteral("tokens/s")), qPrintable(page.statusText()));
    QVERIFY2(page.statusText().contains(QStringLiteral("labels")), qPrintable(page.statusText()));

    // Serving needs a file: nothing exported yet, so it says to export first.
    page.portBox()->setValue(0);
    QVERIFY(!page.startServing());
    QVERIFY2(page.serveText().contains(QStringLiteral("Export")), qPrintable(page.serveText()));
    QVERIFY(!page.isServing());

    // An export appears in the list and answers as well.
    bundle::ExportParams ep;
    ep.type = gguf::ExportType::q8_0;
    const auto gguf = toPath(tp.filePath(QStringLiteral("out/tickets.q8_0.gguf")));
    auto exported = bundle::export_model(*tp.project, gguf, ep);
    QVERIFY2(exported.ok(), exported.ok() ? "" : exported.error().message.c_str());
    page.refresh();
    QCOMPARE(page.modelBox()->count(), 2);
    page.modelBox()->setCurrentIndex(1);
    QVERIFY(page.modelBox()->currentText().contains(QStringLiteral("Q8_0")));
    finished.clear();
    QVERIFY(page.run());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY2(finished.first().first().toBool(), qPrintable(page.statusText()));
    QVERIFY(!page.outputView()->toPlainText().isEmpty());

    // Serve it on a free port: the endpoint answers over a real socket, then stops.
    QSignalSpy serving(&page, &PlaygroundPage::servingChanged);
    QVERIFY2(page.startServing(), qPrintable(page.serveText()));
    QVERIFY(page.isServing());
    const int port = page.servingPort();
    QVERIFY(port > 0);
    QVERIFY2(page.serveText().contains(QStringLiteral("http://127.0.0.1:%1/v1").arg(port)),
             qPrintable(page.serveText()));
    QVERIFY2(
        page.curlText().startsWith(QStringLiteral("curl http://127.0.0.1:%1/v1/chat/completions").arg(port)),
        qPrintable(page.curlText()));
    const std::string health = httpGet(port, "/health");
    QVERIFY2(health.find(" 200 ") != std::string::npos, health.c_str());
    const std::string models = httpGet(port, "/v1/models");
    QVERIFY2(models.find("tickets.q8_0") != std::string::npos, models.c_str());
    page.stopServing();
    QVERIFY(!page.isServing());
    QCOMPARE(serving.count(), 2);
    QVERIFY(httpGet(port, "/health").empty());  // closed
    page.setProject(nullptr);
}

void TestPlaygroundPage::teacherAnswersBeside() {
    test::TempProject tp(QStringLiteral("tickets"));
    QVERIFY2(tp.ok(), qPrintable(tp.error));
    io::ImportParams ip;
    ip.status = store::SampleStatus::approved;
    QVERIFY(io::import_samples(*tp.project, toPath(test::writeTicketsJsonl(tp)), ip).ok());
    auto trained = train::train(*tp.project, test::tinyTrainParams(3));
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());

    PlaygroundPage page;
    page.setProject(tp.project.get());
    QVERIFY(!page.teacherCheck()->isEnabled());  // no teacher set

    test::FakeTeacher fake;
    teacher::Settings s;
    s.base_url = fake.base_url();
    s.model = "fake-model";
    QVERIFY(teacher::save_settings(*tp.project, s).ok());
    page.refresh();
    QVERIFY(page.teacherCheck()->isEnabled());
    page.teacherCheck()->setChecked(true);
    fake.push(test::FakeReply::ok("urgent"));

    page.inputEdit()->setPlainText(QStringLiteral("Ticket 7: the whole office lost its network"));
    QSignalSpy finished(&page, &PlaygroundPage::runFinished);
    QVERIFY(page.run());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY2(finished.first().first().toBool(), qPrintable(page.statusText()));
    QCOMPARE(page.teacherView()->toPlainText(), QStringLiteral("urgent"));
    QVERIFY2(page.teacherStatusText().contains(QStringLiteral("ms")), qPrintable(page.teacherStatusText()));
    QCOMPARE(fake.request_count(), std::size_t(1));
    // No task spec here: the system message is the intent.
    const nlohmann::json sent = fake.requests().front().json;  // requests() returns a copy
    QVERIFY2(
        sent["messages"][0]["content"].get<std::string>().find("Triage support tickets") != std::string::npos,
        sent.dump().c_str());
    QCOMPARE(fake.requests().front().last_user_message(),
             std::string("Ticket 7: the whole office lost its network"));

    // The same input again is answered from the journal: nothing is sent or paid twice.
    finished.clear();
    QVERIFY(page.run());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(page.teacherView()->toPlainText(), QStringLiteral("urgent"));
    QVERIFY2(page.teacherStatusText().contains(QStringLiteral("journal")),
             qPrintable(page.teacherStatusText()));
    QCOMPARE(fake.request_count(), std::size_t(1));

    // A teacher that fails says why, and the student's answer still shows.
    fake.push(test::FakeReply::error(404, "model not found"));
    page.inputEdit()->setPlainText(QStringLiteral("Ticket 8: one mouse is slow"));
    finished.clear();
    QVERIFY(page.run());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY(finished.first().first().toBool());
    QVERIFY(!page.outputView()->toPlainText().isEmpty());
    QVERIFY2(page.teacherStatusText().contains(QStringLiteral("did not answer")),
             qPrintable(page.teacherStatusText()));
    page.setProject(nullptr);
}

int runPlaygroundPageTests(int argc, char **argv) {
    TestPlaygroundPage t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_playgroundpage.moc"
