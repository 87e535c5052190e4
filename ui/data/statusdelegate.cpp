#include "data/statusdelegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

#include "common/labels.h"
#include "data/sampletablemodel.h"

namespace smolify::ui {

namespace {
constexpr int kPadX = 8;     // inside the badge, px
constexpr int kMarginX = 6;  // between the cell edge and the badge, px
}  // namespace

QFont StatusDelegate::badgeFont(const QFont &cellFont) {
    QFont font = cellFont;
    font.setPointSizeF(font.pointSizeF() * 0.92);
    font.setWeight(QFont::DemiBold);
    return font;
}

int StatusDelegate::badgeWidth(const QFont &cellFont, const QString &text) {
    return QFontMetrics(badgeFont(cellFont)).horizontalAdvance(text) + 2 * (kPadX + kMarginX) + 2;
}

void StatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const {
    const QVariant statusValue = index.data(SampleTableModel::StatusRole);
    if (!statusValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Let the style draw the cell (selection, focus, hover) without text, then the badge on top.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto status = static_cast<store::SampleStatus>(statusValue.toInt());
    const QFont font = badgeFont(opt.font);
    const QFontMetrics metrics(font);
    const int height = std::min(opt.rect.height() - 6, metrics.height() + 4);
    // +2: elidedText() measures a little wider than horizontalAdvance() for some strings.
    const int width = metrics.horizontalAdvance(text) + 2 * kPadX + 2;
    const QRect badge(opt.rect.left() + kMarginX, opt.rect.center().y() - height / 2 + 1,
                      std::min(width, opt.rect.width() - 2 * kMarginX), height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(Labels::statusBackground(status));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setFont(font);
    painter->setPen(Labels::statusForeground(status));
    painter->drawText(badge.adjusted(kPadX, 0, -kPadX, 0), Qt::AlignCenter,
                      metrics.elidedText(text, Qt::ElideRight, badge.width() - 2 * kPadX));
    painter->restore();
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 2 * (kPadX + kMarginX);
    return size;
}

}  // namespace smolify::ui
