#include "data/sampletableview.h"

#include <QDateTime>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>

#include <algorithm>

#include "common/labels.h"
#include "data/sampletablemodel.h"
#include "data/statusdelegate.h"

namespace smolify::ui {

SampleTableView::SampleTableView(SampleTableModel *model, QWidget *parent) : QTableView(parent), m_model(model) {
    setObjectName(QStringLiteral("sampleTable"));
    setModel(model);
    setItemDelegateForColumn(SampleTableModel::StatusColumn, new StatusDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setVisible(false);
    // Fixed row heights keep QHeaderView O(1) per row, which is what keeps 100,000 rows smooth.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(SampleTableModel::InputColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(SampleTableModel::OutputColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(40);
    sizeColumns();
    header->setSortIndicator(SampleTableModel::IdColumn, Qt::AscendingOrder);
    setSortingEnabled(true);
}

int SampleTableView::currentRow() const {
    const QModelIndex current = selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void SampleTableView::selectRow(int row) {
    if (row < 0 || row >= m_model->rowCount()) return;
    const QModelIndex index = m_model->index(row, 0);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
}

std::vector<int> SampleTableView::rowsInSelection() const {
    std::vector<int> rows;
    // Ranges, not selectedRows(): selecting all of 100,000 rows must not build 100,000 indexes twice.
    for (const QItemSelectionRange &range : selectionModel()->selection())
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.push_back(row);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

std::vector<int> SampleTableView::selectedRowNumbers() const {
    std::vector<int> rows = rowsInSelection();
    if (rows.empty() && currentRow() >= 0) rows.push_back(currentRow());
    return rows;
}

int SampleTableView::selectedRowCount() const {
    return static_cast<int>(rowsInSelection().size());
}

// Widths from what the columns hold in this language and font, so that no badge, split name or
// date is clipped; Input and Output share whatever is left.
void SampleTableView::sizeColumns() {
    QHeaderView *header = horizontalHeader();
    const QFontMetrics cell(font());
    const QFontMetrics head(header->font());
    constexpr int kPadding = 16;    // cell margins
    constexpr int kSortArrow = 18;  // room for the sort indicator in the header
    auto headerWidth = [&](int column) {
        return head.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + kSortArrow;
    };
    auto fit = [&](int column, const QStringList &samples) {
        int width = headerWidth(column);
        for (const QString &text : samples)
            width = std::max(width, cell.horizontalAdvance(text));
        header->resizeSection(column, width + kPadding);
    };
    fit(SampleTableModel::IdColumn, {QStringLiteral("00000")});
    int statusWidth = 0;
    for (auto s :
         {store::SampleStatus::pending, store::SampleStatus::approved, store::SampleStatus::rejected})
        statusWidth = std::max(statusWidth, StatusDelegate::badgeWidth(font(), Labels::status(s)));
    header->resizeSection(SampleTableModel::StatusColumn,
                          std::max(statusWidth, headerWidth(SampleTableModel::StatusColumn)) + 4);
    fit(SampleTableModel::SplitColumn,
        {Labels::split(store::Split::train), Labels::split(store::Split::test)});
    fit(SampleTableModel::SourceColumn,
        {Labels::source(store::SampleSource::teacher), Labels::source(store::SampleSource::import),
         Labels::source(store::SampleSource::manual)});
    fit(SampleTableModel::TopicColumn, {QStringLiteral("attachments")});
    const QDateTime wide(QDate(2026, 12, 28), QTime(22, 58));
    fit(SampleTableModel::ReviewedColumn,
        {QLocale().toString(wide.date(), QLocale::ShortFormat),
         QLocale().toString(wide.time(), QLocale::ShortFormat), wide.toString(QStringLiteral("yyyy-MM-dd"))});
}

}  // namespace smolify::ui
