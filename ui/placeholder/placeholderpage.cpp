#include "placeholder/placeholderpage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace smolify::ui {

PlaceholderPage::PlaceholderPage(Glyph glyph, const QString &title, const QString &whatItWillDo,
                                 const QString &whenItArrives, QWidget *parent)
    : QWidget(parent) {
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::glyph(glyph).pixmap(48, 48, QIcon::Disabled));
    icon->setAlignment(Qt::AlignCenter);

    auto *heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("placeholderTitle"));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setWeight(QFont::DemiBold);
    heading->setFont(font);
    heading->setAlignment(Qt::AlignCenter);

    auto *column = new QWidget(this);
    column->setMaximumWidth(600);
    auto *body = new QLabel(whatItWillDo, column);
    body->setObjectName(QStringLiteral("placeholderText"));
    body->setWordWrap(true);
    body->setAlignment(Qt::AlignHCenter | Qt::AlignTop);

    auto *when = new QLabel(whenItArrives, column);
    when->setWordWrap(true);
    when->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    when->setForegroundRole(QPalette::PlaceholderText);

    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(icon);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(heading);
    columnLayout->addSpacing(6);
    columnLayout->addWidget(body);
    columnLayout->addSpacing(10);
    columnLayout->addWidget(when);

    // Stretches around the column rather than alignment flags: an aligned label gets its one-line
    // size hint and its wrapped text is clipped.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

}  // namespace smolify::ui
