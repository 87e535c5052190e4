#include "data/sampletablemodel.h"

#include <QMetaObject>

#include <algorithm>

#include "common/labels.h"
#include "common/qtstring.h"
#include "store/project.h"

namespace smolify::ui {

namespace {

// Characters (code points) in UTF-8 text: every byte that does not continue a character.
std::size_t utf8Length(const std::string &text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `text` on one line for the table: whitespace runs (line breaks included) become one space, at most
// `maxChars` characters, with "…" when anything was left out, so the table never holds a sample's
// whole text. One line rather than the first line, because the first line of a JSON output is "{".
// `cut` says the store already cut the text (so there is more than `text` shows).
QString preview(const std::string &text, int maxChars, bool cut) {
    // A character takes at most 4 bytes in UTF-8: cut the bytes first so a huge text costs nothing.
    const std::size_t maxBytes = static_cast<std::size_t>(maxChars) * 4;
    std::string flat;
    flat.reserve(std::min(text.size(), maxBytes));
    bool pendingSpace = false;
    std::size_t i = 0;
    for (; i < text.size() && flat.size() < maxBytes; ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            pendingSpace = !flat.empty();
            continue;
        }
        if (pendingSpace) flat += ' ';
        pendingSpace = false;
        flat += c;
    }
    bool more = cut || text.find_first_not_of(" \t\r\n", i) != std::string::npos;
    if (flat.size() >= maxBytes) {
        // Cut on a character boundary: drop continuation bytes, then the lead byte they belonged to.
        while (!flat.empty() && (static_cast<unsigned char>(flat.back()) & 0xC0) == 0x80)
            flat.pop_back();
        if (!flat.empty() && static_cast<unsigned char>(flat.back()) >= 0xC0) flat.pop_back();
        more = true;
    }
    QString line = toQString(flat);
    if (line.size() > maxChars) {
        line.truncate(maxChars);
        more = true;
    }
    if (more) line += QChar(0x2026);
    return line;
}

}  // namespace

SampleTableModel::SampleTableModel(QObject *parent) : QAbstractTableModel(parent) {
    // Never reallocates: evictIfNeeded() keeps it below this before each push_back, so a Row
    // pointer from rowAt() stays valid while data() uses it.
    m_pages.reserve(kMaxCachedPages);
}

SampleTableModel::~SampleTableModel() = default;

void SampleTableModel::setProject(store::Project *project) {
    m_project = project;
    reload();
}

void SampleTableModel::setFilter(const store::SampleFilter &filter) {
    m_query.filter = filter;
    reload();
}

void SampleTableModel::reload() {
    beginResetModel();
    m_pages.clear();
    m_ids.clear();
    m_fetchedTextBytes = 0;
    QString failure;
    if (m_project) {
        store::SampleQuery query = m_query;
        query.offset = 0;
        query.limit = -1;
        auto ids = m_project->sample_ids(query);
        if (ids)
            m_ids = std::move(ids.value());
        else
            failure = toQString(ids.error().message);
    }
    endResetModel();
    if (!failure.isEmpty()) emit loadFailed(failure);
}

void SampleTableModel::refreshSamples(std::span<const int64_t> ids) {
    if (ids.empty() || m_ids.empty()) return;
    std::vector<int64_t> wanted(ids.begin(), ids.end());
    std::sort(wanted.begin(), wanted.end());
    int first = -1;
    int last = -1;
    for (std::size_t row = 0; row < m_ids.size(); ++row) {
        if (!std::binary_search(wanted.begin(), wanted.end(), m_ids[row])) continue;
        const int r = static_cast<int>(row);
        if (first < 0) first = r;
        last = r;
        dropPage(r / kPageSize);
    }
    if (first >= 0) emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

qint64 SampleTableModel::sampleId(int row) const {
    if (row < 0 || row >= static_cast<int>(m_ids.size())) return -1;
    return m_ids[static_cast<std::size_t>(row)];
}

int SampleTableModel::rowOfSample(qint64 id) const {
    const auto it = std::find(m_ids.begin(), m_ids.end(), static_cast<int64_t>(id));
    return it == m_ids.end() ? -1 : static_cast<int>(it - m_ids.begin());
}

store::SampleSort SampleTableModel::sortKeyForColumn(int column) {
    switch (column) {
        case StatusColumn:
            return store::SampleSort::status;
        case SplitColumn:
            return store::SampleSort::split;
        case SourceColumn:
            return store::SampleSort::source;
        case InputColumn:
            return store::SampleSort::input;
        case OutputColumn:
            return store::SampleSort::output;
        case TopicColumn:
            return store::SampleSort::topic;
        case ReviewedColumn:
            return store::SampleSort::reviewed;
        default:
            return store::SampleSort::id;
    }
}

int SampleTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int SampleTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case IdColumn:
                return tr("#");
            case StatusColumn:
                return tr("Status");
            case SplitColumn:
                return tr("Split");
            case SourceColumn:
                return tr("Source");
            case InputColumn:
                return tr("Input");
            case OutputColumn:
                return tr("Output");
            case TopicColumn:
                return tr("Topic");
            case ReviewedColumn:
                return tr("Reviewed");
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole && section == IdColumn) return tr("Sample number");
    if (role == Qt::TextAlignmentRole && section == IdColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant SampleTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row *row = rowAt(index.row());
    if (!row) return {};
    if (role == SampleIdRole) return QVariant::fromValue<qint64>(row->id);
    if (!row->present) {
        if (role == Qt::DisplayRole && index.column() == IdColumn)
            return QVariant::fromValue<qint64>(row->id);
        if (role == Qt::DisplayRole && index.column() == InputColumn) return tr("(no longer in the project)");
        return {};
    }
    switch (role) {
        case StatusRole:
            return static_cast<int>(row->status);
        case RejectReasonRole:
            return row->rejectReason;
        case Qt::DisplayRole:
            switch (index.column()) {
                case IdColumn:
                    return QVariant::fromValue<qint64>(row->id);
                case StatusColumn:
                    return Labels::status(row->status);
                case SplitColumn:
                    return Labels::split(row->split);
                case SourceColumn:
                    return Labels::source(row->source);
                case InputColumn:
                    return row->input;
                case OutputColumn:
                    return row->output;
                case TopicColumn:
                    return row->topic;
                case ReviewedColumn:
                    return row->reviewedAt ? Labels::compactDateTime(*row->reviewedAt) : QString();
                default:
                    return {};
            }
        case Qt::ToolTipRole:
            switch (index.column()) {
                case StatusColumn:
                    if (row->status == store::SampleStatus::rejected)
                        return tr("Rejected: %1").arg(row->rejectReason);
                    return {};
                case InputColumn:
                    return row->input;
                case OutputColumn:
                    return row->output;
                case ReviewedColumn:
                    return Labels::dateTime(row->reviewedAt);
                default:
                    return {};
            }
        case Qt::TextAlignmentRole:
            if (index.column() == IdColumn)
                return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        default:
            return {};
    }
}

void SampleTableModel::sort(int column, Qt::SortOrder order) {
    const store::SampleSort key = sortKeyForColumn(column);
    const bool descending = column >= 0 && order == Qt::DescendingOrder;
    if (key == m_query.sort && descending == m_query.descending) return;
    m_query.sort = key;
    m_query.descending = descending;
    reload();
}

const SampleTableModel::Row *SampleTableModel::rowAt(int row) const {
    if (row < 0 || row >= static_cast<int>(m_ids.size())) return nullptr;
    const Page &p = page(row / kPageSize);
    const std::size_t offset = static_cast<std::size_t>(row % kPageSize);
    return offset < p.rows.size() ? &p.rows[offset] : nullptr;
}

const SampleTableModel::Page &SampleTableModel::page(int pageIndex) const {
    for (Page &cached : m_pages) {
        if (cached.index == pageIndex) {
            cached.lastUse = ++m_useClock;
            return cached;
        }
    }
    evictIfNeeded();

    const std::size_t begin = static_cast<std::size_t>(pageIndex) * kPageSize;
    const std::size_t end = std::min(m_ids.size(), begin + kPageSize);
    const std::span<const int64_t> ids(m_ids.data() + begin, end - begin);

    Page fresh;
    fresh.index = pageIndex;
    fresh.lastUse = ++m_useClock;
    fresh.rows.resize(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        fresh.rows[i].id = ids[i];
    if (m_project) {
        auto samples = m_project->samples_by_ids(ids, kFetchChars);
        if (samples) {
            // samples_by_ids keeps the order given and leaves out ids that are gone.
            std::size_t next = 0;
            for (const store::Sample &sample : samples.value()) {
                while (next < ids.size() && ids[next] != sample.id)
                    ++next;
                if (next == ids.size()) break;
                m_fetchedTextBytes += static_cast<qint64>(sample.input.size() + sample.output.size());
                fresh.rows[next++] = makeRow(sample);
            }
        } else {
            // Keep the empty page so that painting does not hammer a failing store.
            reportFailure(toQString(samples.error().message));
        }
    }
    m_pages.push_back(std::move(fresh));
    return m_pages.back();
}

void SampleTableModel::dropPage(int pageIndex) {
    std::erase_if(m_pages, [pageIndex](const Page &p) { return p.index == pageIndex; });
}

void SampleTableModel::evictIfNeeded() const {
    while (static_cast<int>(m_pages.size()) >= kMaxCachedPages) {
        auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                       [](const Page &a, const Page &b) { return a.lastUse < b.lastUse; });
        m_pages.erase(oldest);
    }
}

void SampleTableModel::reportFailure(const QString &message) const {
    auto *self = const_cast<SampleTableModel *>(this);
    QMetaObject::invokeMethod(
        self, [self, message] { emit self->loadFailed(message); }, Qt::QueuedConnection);
}

SampleTableModel::Row SampleTableModel::makeRow(const store::Sample &sample) {
    Row row;
    row.id = sample.id;
    row.present = true;
    row.status = sample.status;
    row.split = sample.split;
    row.source = sample.source;
    // A text the store cut to exactly kFetchChars characters may go on (one that is exactly that
    // long shows a "…" it does not need; the detail pane has the truth).
    row.input = preview(sample.input, kPreviewChars, utf8Length(sample.input) >= std::size_t{kFetchChars});
    row.output = preview(sample.output, kPreviewChars, utf8Length(sample.output) >= std::size_t{kFetchChars});
    row.topic = toQString(sample.topic);
    row.rejectReason = toQString(sample.reject_reason);
    row.reviewedAt = sample.reviewed_at;
    return row;
}

}  // namespace smolify::ui
