#include "common/icons.h"

#include <QApplication>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QtMath>

namespace smolify::ui {

namespace {

// Draws `glyph` on a 24x24 grid (scaled to the pixmap) with a 1.75-unit stroke in `color`.
void paintGlyph(QPainter &p, Glyph glyph, const QColor &color) {
    QPen pen(color, 1.75, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    switch (glyph) {
        case Glyph::intent: {  // a speech bubble with two lines of text
            QPainterPath bubble;
            bubble.addRoundedRect(QRectF(3, 4, 18, 13), 3, 3);
            QPainterPath tail;
            tail.moveTo(7, 16.5);
            tail.lineTo(7, 21);
            tail.lineTo(12, 16.5);
            p.drawPath(bubble.united(tail));
            p.drawLine(QPointF(7, 9), QPointF(17, 9));
            p.drawLine(QPointF(7, 12.5), QPointF(14, 12.5));
            break;
        }
        case Glyph::data: {  // a table
            p.drawRoundedRect(QRectF(3, 4, 18, 16), 2.5, 2.5);
            p.drawLine(QPointF(3, 9), QPointF(21, 9));
            p.drawLine(QPointF(3, 14.5), QPointF(21, 14.5));
            p.drawLine(QPointF(9.5, 9), QPointF(9.5, 20));
            break;
        }
        case Glyph::train: {  // a falling loss curve on axes
            p.drawLine(QPointF(3.5, 3.5), QPointF(3.5, 20.5));
            p.drawLine(QPointF(3.5, 20.5), QPointF(20.5, 20.5));
            QPainterPath curve;
            curve.moveTo(6.5, 5.5);
            curve.cubicTo(8.5, 14, 11, 16.5, 20, 17);
            p.drawPath(curve);
            break;
        }
        case Glyph::evaluate: {  // a target
            p.drawEllipse(QPointF(12, 12), 8.5, 8.5);
            p.drawEllipse(QPointF(12, 12), 4.5, 4.5);
            p.setBrush(color);
            p.drawEllipse(QPointF(12, 12), 1.2, 1.2);
            break;
        }
        case Glyph::exportModel: {  // an arrow leaving a tray
            QPainterPath tray;
            tray.moveTo(4, 14);
            tray.lineTo(4, 20);
            tray.lineTo(20, 20);
            tray.lineTo(20, 14);
            p.drawPath(tray);
            p.drawLine(QPointF(12, 3.5), QPointF(12, 15));
            p.drawLine(QPointF(7.5, 8), QPointF(12, 3.5));
            p.drawLine(QPointF(16.5, 8), QPointF(12, 3.5));
            break;
        }
        case Glyph::playground: {  // a play triangle in a rounded square
            p.drawRoundedRect(QRectF(3, 3, 18, 18), 4, 4);
            QPainterPath triangle;
            triangle.moveTo(10, 8);
            triangle.lineTo(16, 12);
            triangle.lineTo(10, 16);
            triangle.closeSubpath();
            p.drawPath(triangle);
            break;
        }
        case Glyph::settings: {  // a gear: eight teeth around a ring
            p.save();
            p.translate(12, 12);
            for (int i = 0; i < 8; ++i) {
                p.drawLine(QPointF(0, -6.5), QPointF(0, -9.5));
                p.rotate(45);
            }
            p.restore();
            p.drawEllipse(QPointF(12, 12), 6.5, 6.5);
            p.drawEllipse(QPointF(12, 12), 2.5, 2.5);
            break;
        }
        case Glyph::open: {  // a folder
            QPainterPath folder;
            folder.moveTo(3, 7);
            folder.lineTo(3, 19);
            folder.lineTo(21, 19);
            folder.lineTo(21, 9);
            folder.lineTo(11.5, 9);
            folder.lineTo(9.5, 6);
            folder.lineTo(4, 6);
            folder.closeSubpath();
            p.drawPath(folder);
            break;
        }
        case Glyph::create: {  // a plus in a rounded square
            p.drawRoundedRect(QRectF(3, 3, 18, 18), 4, 4);
            p.drawLine(QPointF(12, 8), QPointF(12, 16));
            p.drawLine(QPointF(8, 12), QPointF(16, 12));
            break;
        }
    }
}

QPixmap glyphPixmap(Glyph glyph, int size, qreal dpr, const QColor &color) {
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 24.0, size / 24.0);
    paintGlyph(p, glyph, color);
    return pixmap;
}

}  // namespace

QIcon Icons::glyph(Glyph glyph) {
    const QPalette palette = QApplication::palette();
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48}) {
        for (qreal dpr : {1.0, 2.0}) {
            icon.addPixmap(glyphPixmap(glyph, size, dpr, palette.color(QPalette::Text)), QIcon::Normal);
            icon.addPixmap(glyphPixmap(glyph, size, dpr, palette.color(QPalette::HighlightedText)),
                           QIcon::Selected);
            icon.addPixmap(glyphPixmap(glyph, size, dpr, palette.color(QPalette::Disabled, QPalette::Text)),
                           QIcon::Disabled);
        }
    }
    return icon;
}

void Icons::paintApp(QPainter &p, const QRectF &rect) {
    // Same drawing as resources/icons/smolify.svg (a 256-unit canvas): a rounded square in an
    // indigo-to-teal gradient holding a white funnel of three narrowing bars over one drop —
    // a large model distilled into a small one.
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(rect.topLeft());
    p.scale(rect.width() / 256.0, rect.height() / 256.0);
    QLinearGradient gradient(QPointF(16, 16), QPointF(240, 240));
    gradient.setColorAt(0.0, QColor(0x43, 0x61, 0xee));
    gradient.setColorAt(1.0, QColor(0x0c, 0xa6, 0x78));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawRoundedRect(QRectF(16, 16, 224, 224), 52, 52);
    p.setBrush(Qt::white);
    p.drawRoundedRect(QRectF(56, 62, 144, 26), 13, 13);
    p.setOpacity(0.92);
    p.drawRoundedRect(QRectF(80, 102, 96, 26), 13, 13);
    p.setOpacity(0.85);
    p.drawRoundedRect(QRectF(104, 142, 48, 26), 13, 13);
    p.setOpacity(1.0);
    p.drawEllipse(QPointF(128, 194), 13, 13);
    p.restore();
}

QPixmap Icons::appPixmap(int size, qreal devicePixelRatio) {
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    paintApp(p, QRectF(0, 0, size, size));
    return pixmap;
}

QIcon Icons::app() {
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(appPixmap(size));
    return icon;
}

}  // namespace smolify::ui
