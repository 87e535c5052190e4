// The Data page's table: a QTableView set up for reviewing many rows fast (whole-row selection,
// fixed row heights so that 100,000 rows stay smooth, status badges, sorting in SQL through the
// model), with column widths measured from what the columns hold in this language and font.
// GUI thread only.
#pragma once

#include <QTableView>

#include <vector>

namespace smolify::ui {

class SampleTableModel;

class SampleTableView : public QTableView {
    Q_OBJECT

public:
    explicit SampleTableView(SampleTableModel *model, QWidget *parent = nullptr);

    // The current row, or -1.
    int currentRow() const;
    // Makes `row` current and the only selected row, and scrolls to it (ignored when out of range).
    void selectRow(int row);
    // Rows in the selection (or the current row when nothing is selected), ascending.
    std::vector<int> selectedRowNumbers() const;
    // Rows in the selection (without the current-row fallback).
    int selectedRowCount() const;

private:
    std::vector<int> rowsInSelection() const;
    void sizeColumns();

    SampleTableModel *m_model = nullptr;
};

}  // namespace smolify::ui
