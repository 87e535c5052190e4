#include "shell/welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/icons.h"
#include "common/recentprojects.h"

namespace smolify::ui {

WelcomePage::WelcomePage(RecentProjects *recent, QWidget *parent) : QWidget(parent), m_recent(recent) {
    setObjectName(QStringLiteral("welcomePage"));

    auto *logo = new QLabel(this);
    logo->setPixmap(Icons::appPixmap(96, devicePixelRatioF()));
    auto *name = new QLabel(QStringLiteral("Smolify"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 2.2);
    nameFont.setWeight(QFont::Bold);
    name->setFont(nameFont);
    auto *tagline = new QLabel(tr("Turn what you need into a small language model you own: "
                                  "review the data, train on this computer, take one file with you."),
                               this);
    tagline->setWordWrap(true);
    tagline->setForegroundRole(QPalette::PlaceholderText);

    auto *newButton = new QPushButton(Icons::glyph(Glyph::create), tr("New Project…"), this);
    newButton->setObjectName(QStringLiteral("welcomeNewButton"));
    newButton->setDefault(true);
    auto *openButton = new QPushButton(Icons::glyph(Glyph::open), tr("Open Project…"), this);
    openButton->setObjectName(QStringLiteral("welcomeOpenButton"));
    auto *exampleButton = new QPushButton(tr("Open Example…"), this);
    exampleButton->setObjectName(QStringLiteral("welcomeExampleButton"));
    exampleButton->setToolTip(tr("Explore Smolify with a bundled example and its real data"));
    for (QPushButton *b : {newButton, openButton, exampleButton}) {
        b->setIconSize(QSize(20, 20));
        b->setMinimumHeight(36);
    }
    connect(newButton, &QPushButton::clicked, this, &WelcomePage::newProjectRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openProjectRequested);
    connect(exampleButton, &QPushButton::clicked, this, &WelcomePage::openExampleRequested);

    m_recentTitle = new QLabel(tr("Recent projects"), this);
    QFont sectionFont = m_recentTitle->font();
    sectionFont.setWeight(QFont::DemiBold);
    m_recentTitle->setFont(sectionFont);
    m_recentList = new QListWidget(this);
    m_recentList->setObjectName(QStringLiteral("welcomeRecentList"));
    m_recentList->setFrameShape(QFrame::NoFrame);
    m_recentList->setStyleSheet(
        QStringLiteral("QListWidget#welcomeRecentList { background: transparent; }"
                       "QListWidget#welcomeRecentList::item { padding: 4px; border-radius: 6px; }"));
    m_recentList->setCursor(Qt::PointingHandCursor);
    m_recentList->setIconSize(QSize(32, 32));
    m_recentList->setMinimumHeight(160);
    connect(m_recentList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit recentProjectRequested(item->data(Qt::UserRole).toString());
    });
    connect(m_recentList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        emit recentProjectRequested(item->data(Qt::UserRole).toString());
    });
    connect(m_recent, &RecentProjects::changed, this, &WelcomePage::updateRecent);

    auto *header = new QHBoxLayout;
    header->addWidget(logo);
    header->addSpacing(16);
    auto *headerText = new QVBoxLayout;
    headerText->addStretch(1);
    headerText->addWidget(name);
    headerText->addWidget(tagline);
    headerText->addStretch(1);
    header->addLayout(headerText, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addWidget(exampleButton);
    buttons->addStretch(1);

    auto *column = new QWidget(this);
    column->setMaximumWidth(640);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addLayout(header);
    columnLayout->addSpacing(24);
    columnLayout->addLayout(buttons);
    columnLayout->addSpacing(24);
    columnLayout->addWidget(m_recentTitle);
    columnLayout->addWidget(m_recentList, 1);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 3);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(row, 6);
    layout->addStretch(1);
    updateRecent();
}

void WelcomePage::updateRecent() {
    m_recentList->clear();
    const QIcon icon = Icons::glyph(Glyph::data);
    for (const QString &path : m_recent->paths()) {
        const QFileInfo info(path);
        auto *item = new QListWidgetItem(
            icon, info.completeBaseName() + QLatin1Char('\n') + QDir::toNativeSeparators(info.absolutePath()),
            m_recentList);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    const bool any = m_recentList->count() > 0;
    m_recentTitle->setVisible(any);
    m_recentList->setVisible(any);
}

}  // namespace smolify::ui
