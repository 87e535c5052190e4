#include "data/sampledetailpane.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "common/labels.h"
#include "common/qtstring.h"

namespace smolify::ui {

namespace {

QLabel *sectionLabel(const QString &text, QWidget *parent) {
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    font.setCapitalization(QFont::AllUppercase);
    font.setLetterSpacing(QFont::PercentageSpacing, 104);
    label->setFont(font);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QPlainTextEdit *textView(const QString &objectName, QWidget *parent) {
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::GeneralFont));
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

// JSON (an extraction task's output, usually) reads better in a fixed-width font; prose does not.
void setText(QPlainTextEdit *view, const QString &text) {
    const QString start = text.left(64).trimmed();
    const bool json = start.startsWith(QLatin1Char('{')) || start.startsWith(QLatin1Char('['));
    view->setFont(QFontDatabase::systemFont(json ? QFontDatabase::FixedFont : QFontDatabase::GeneralFont));
    view->setPlainText(text);
}

// Provenance is JSON text ({"file":"a.jsonl","line":12}, {"model":...,"call":...}); show it as
// "file: a.jsonl · line: 12", or as it is when it is not an object.
QString describeProvenance(const std::string &provenance) {
    const QString raw = toQString(provenance).trimmed();
    if (raw.isEmpty()) return {};
    const QJsonDocument doc = QJsonDocument::fromJson(raw.toUtf8());
    if (!doc.isObject()) return raw;
    QStringList parts;
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', 15);
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else if (value.isObject())
            text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        parts << it.key() + QStringLiteral(": ") + text;
    }
    return parts.join(QStringLiteral("  ·  "));
}

}  // namespace

SampleDetailPane::SampleDetailPane(QWidget *parent) : QWidget(parent) {
    setObjectName(QStringLiteral("sampleDetailPane"));
    m_stack = new QStackedWidget(this);

    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_emptyLabel);

    auto *detail = new QWidget(m_stack);
    m_title = new QLabel(detail);
    m_title->setObjectName(QStringLiteral("sampleTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_status = new QLabel(detail);
    m_status->setObjectName(QStringLiteral("sampleStatusBadge"));
    m_facts = new QLabel(detail);
    m_facts->setObjectName(QStringLiteral("sampleFacts"));
    m_facts->setForegroundRole(QPalette::PlaceholderText);
    m_facts->setWordWrap(true);
    m_reason = new QLabel(detail);
    m_reason->setObjectName(QStringLiteral("rejectReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->setStyleSheet(
        QStringLiteral("QLabel#rejectReason { background: %1; color: %2; border-radius: 6px;"
                       " padding: 6px 8px; }")
            .arg(Labels::statusBackground(store::SampleStatus::rejected).name(),
                 Labels::statusForeground(store::SampleStatus::rejected).name()));

    m_input = textView(QStringLiteral("sampleInput"), detail);
    m_output = textView(QStringLiteral("sampleOutput"), detail);
    m_provenance = new QLabel(detail);
    m_provenance->setObjectName(QStringLiteral("sampleProvenance"));
    m_provenance->setWordWrap(true);
    m_provenance->setTextFormat(Qt::PlainText);
    m_provenance->setForegroundRole(QPalette::PlaceholderText);
    m_provenance->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *inputBox = new QWidget(detail);
    auto *inputLayout = new QVBoxLayout(inputBox);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    inputLayout->setSpacing(4);
    inputLayout->addWidget(sectionLabel(tr("Input"), inputBox));
    inputLayout->addWidget(m_input);
    auto *outputBox = new QWidget(detail);
    auto *outputLayout = new QVBoxLayout(outputBox);
    outputLayout->setContentsMargins(0, 6, 0, 0);
    outputLayout->setSpacing(4);
    outputLayout->addWidget(sectionLabel(tr("Output"), outputBox));
    outputLayout->addWidget(m_output);
    auto *texts = new QSplitter(Qt::Vertical, detail);
    texts->setObjectName(QStringLiteral("detailTextSplitter"));
    texts->setChildrenCollapsible(false);
    texts->addWidget(inputBox);
    texts->addWidget(outputBox);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addStretch(1);
    header->addWidget(m_status);

    auto *layout = new QVBoxLayout(detail);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(header);
    layout->addWidget(m_facts);
    layout->addWidget(m_reason);
    layout->addWidget(texts, 1);
    layout->addWidget(m_provenance);
    m_stack->addWidget(detail);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 4, 4, 4);
    outer->addWidget(m_stack);
    showNothing();
}

void SampleDetailPane::showSample(const store::Sample &sample) {
    m_title->setText(tr("Sample #%1").arg(sample.id));
    m_status->setText(Labels::status(sample.status));
    m_status->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 9px;"
                                           " padding: 2px 10px; font-weight: 600; }")
                                .arg(Labels::statusBackground(sample.status).name(),
                                     Labels::statusForeground(sample.status).name()));

    QStringList facts;
    facts << tr("Split: %1").arg(Labels::split(sample.split))
          << tr("Source: %1").arg(Labels::source(sample.source));
    if (!sample.topic.empty()) facts << tr("Topic: %1").arg(toQString(sample.topic));
    if (sample.reviewed_at) facts << tr("Reviewed: %1").arg(Labels::dateTime(*sample.reviewed_at));
    if (sample.revision_count == 0)
        facts << tr("Not edited");
    else if (sample.revision_count == 1)
        facts << tr("Edited, the original is kept");
    else
        facts << tr("%n earlier versions kept", nullptr, sample.revision_count);
    m_facts->setText(facts.join(QStringLiteral("  ·  ")));

    const bool rejected = sample.status == store::SampleStatus::rejected;
    m_reason->setText(rejected ? tr("Rejected: %1").arg(toQString(sample.reject_reason)) : QString());
    m_reason->setVisible(rejected);

    setText(m_input, toQString(sample.input));
    setText(m_output, toQString(sample.output));
    const QString provenance = describeProvenance(sample.provenance);
    m_provenance->setText(provenance.isEmpty() ? QString() : tr("Provenance: %1").arg(provenance));
    m_provenance->setVisible(!provenance.isEmpty());
    m_stack->setCurrentIndex(1);
}

void SampleDetailPane::showSelectionSummary(int selectedCount) {
    m_emptyLabel->setText(
        tr("%n samples selected.\n\nA approves them all, R rejects them all with one reason, "
           "Ctrl+Z takes the decision back.",
           nullptr, selectedCount));
    m_stack->setCurrentIndex(0);
}

void SampleDetailPane::showNothing() {
    m_emptyLabel->setText(tr("Select a sample to read it in full."));
    m_stack->setCurrentIndex(0);
}

QString SampleDetailPane::inputText() const {
    return m_stack->currentIndex() == 1 ? m_input->toPlainText() : QString();
}

QString SampleDetailPane::outputText() const {
    return m_stack->currentIndex() == 1 ? m_output->toPlainText() : QString();
}

QString SampleDetailPane::rejectReasonText() const {
    return m_reason->isVisibleTo(this) ? m_reason->text() : QString();
}

}  // namespace smolify::ui
