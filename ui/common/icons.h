// Icons drawn with QPainter, so they need no image plugin (Debian's Qt reads no SVG unless
// libqt6svg6 is installed) and follow the palette: glyphs use the palette's text colour, and their
// "selected" variant the highlighted-text colour. The app icon matches resources/icons/smolify.svg.
// GUI thread only.
#pragma once

#include <QIcon>
#include <QPixmap>

class QPainter;
class QRectF;

namespace smolify::ui {

enum class Glyph { intent, data, train, evaluate, exportModel, playground, settings, open, create };

class Icons {
public:
    static QIcon glyph(Glyph glyph);
    static QIcon app();
    // The app icon at `size` device-independent pixels (for the welcome page and the About box).
    static QPixmap appPixmap(int size, qreal devicePixelRatio = 1.0);
    // Paints the app icon into `rect` (a square).
    static void paintApp(QPainter &painter, const QRectF &rect);
};

}  // namespace smolify::ui
