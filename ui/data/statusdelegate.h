// Paints the Status column as a small coloured badge ("Pending", "Approved", "Rejected") so the
// state of a row reads at a glance. Uses SampleTableModel::StatusRole; GUI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace smolify::ui {

class StatusDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The badge's font for a cell font, and the width a badge needs including its margins.
    static QFont badgeFont(const QFont &cellFont);
    static int badgeWidth(const QFont &cellFont, const QString &text);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

}  // namespace smolify::ui
