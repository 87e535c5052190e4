// A step whose engine has not landed yet (Train, Evaluate, Export, Playground). It says plainly
// what the step will do and that it is not here yet, instead of showing controls that do nothing.
// GUI thread only.
#pragma once

#include <QWidget>

#include "common/icons.h"

namespace smolify::ui {

class PlaceholderPage : public QWidget {
    Q_OBJECT

public:
    PlaceholderPage(Glyph glyph, const QString &title, const QString &whatItWillDo,
                    const QString &whenItArrives, QWidget *parent = nullptr);
};

}  // namespace smolify::ui
