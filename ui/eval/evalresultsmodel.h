// EvalResultsModel: the side-by-side rows of one stored evaluation (eval::StoredResult) as a table:
// input, the teacher's output, the student's output, the score and whether the answer keeps the
// output contract. Sorting is done by the model itself (worst first is score ascending, ties by id),
// so the Evaluate page's view sorts without a proxy and row numbers stay the model's.
//
// Who calls it: EvalPage (and tests/ui). GUI thread only.
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "eval/results.h"

namespace smolify::ui {

class EvalResultsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { InputColumn, TeacherColumn, StudentColumn, ScoreColumn, ContractColumn, ColumnCount };

    explicit EvalResultsModel(QObject *parent = nullptr);

    void setResults(std::vector<eval::StoredResult> results);
    const eval::StoredResult *resultAt(int row) const;
    // The row of result `id`, or -1.
    int rowOf(int64_t id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    std::vector<eval::StoredResult> m_results;
    int m_sortColumn = ScoreColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

}  // namespace smolify::ui
