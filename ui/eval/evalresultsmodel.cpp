#include "eval/evalresultsmodel.h"


#include <algorithm>

#include "common/qtstring.h"

namespace smolify::ui {

namespace {

// One line of at most 160 characters for a table cell; the full text is shown below the table.
QString cellText(const std::string &text) {
    QString s = toQString(text).simplified();
    if (s.size() > 160) s = s.left(159) + QChar(0x2026);
    return s;
}

}  // namespace

EvalResultsModel::EvalResultsModel(QObject *parent) : QAbstractTableModel(parent) {}

void EvalResultsModel::setResults(std::vector<eval::StoredResult> results) {
    beginResetModel();
    m_results = std::move(results);
    endResetModel();
    sort(m_sortColumn, m_sortOrder);
}

const eval::StoredResult *EvalResultsModel::resultAt(int row) const {
    if (row < 0 || row >= static_cast<int>(m_results.size())) return nullptr;
    return &m_results[static_cast<std::size_t>(row)];
}

int EvalResultsModel::rowOf(int64_t id) const {
    for (std::size_t i = 0; i < m_results.size(); ++i)
        if (m_results[i].id == id) return static_cast<int>(i);
    return -1;
}

int EvalResultsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

int EvalResultsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvalResultsModel::data(const QModelIndex &index, int role) const {
    const eval::StoredResult *r = resultAt(index.row());
    if (!r) return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case InputColumn:
                return cellText(r->input);
            case TeacherColumn:
                return cellText(r->reference);
            case StudentColumn:
                return cellText(r->output);
            case ScoreColumn:
                return QString::number(r->score, 'f', 3);
            case ContractColumn:
                return r->contract_ok ? tr("yes") : tr("no");
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == ContractColumn && !r->contract_ok) return toQString(r->contract_reason);
        if (index.column() == InputColumn && r->promoted_sample_id)
            return tr("Promoted to training sample #%1").arg(*r->promoted_sample_id);
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() >= ScoreColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole) return QVariant::fromValue<qlonglong>(r->id);
    return {};
}

QVariant EvalResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case InputColumn:
            return tr("Input");
        case TeacherColumn:
            return tr("Teacher output");
        case StudentColumn:
            return tr("Student output");
        case ScoreColumn:
            return tr("Score");
        case ContractColumn:
            return tr("Contract ok");
        default:
            return {};
    }
}

void EvalResultsModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Persistent indexes (the view's selection and current row) follow their result.
    const QModelIndexList before = persistentIndexList();
    std::vector<int64_t> ids;
    for (const QModelIndex &i : before)
        ids.push_back(resultAt(i.row()) ? resultAt(i.row())->id : 0);
    const auto less = [column](const eval::StoredResult &a, const eval::StoredResult &b) {
        int c = 0;
        switch (column) {
            case InputColumn:
                c = a.input.compare(b.input);
                break;
            case TeacherColumn:
                c = a.reference.compare(b.reference);
                break;
            case StudentColumn:
                c = a.output.compare(b.output);
                break;
            case ContractColumn:
                c = int(a.contract_ok) - int(b.contract_ok);
                break;
            default:
                c = a.score < b.score ? -1 : a.score > b.score ? 1 : 0;
        }
        return c != 0 ? c < 0 : a.id < b.id;
    };
    if (order == Qt::AscendingOrder)
        std::stable_sort(m_results.begin(), m_results.end(), less);
    else
        std::stable_sort(m_results.begin(), m_results.end(),
                         [&less](const eval::StoredResult &a, const eval::StoredResult &b) { return less(b, a); });
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = rowOf(ids[static_cast<std::size_t>(i)]);
        after.append(row < 0 ? QModelIndex() : index(row, before[i].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

}  // namespace smolify::ui
