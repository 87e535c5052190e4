// SampleTableModel: the Data page's table over the project store.
//
// It keeps only the ids of the samples that match the current filter, in the current sort order
// (Project::sample_ids: 8 bytes a row, so 100,000 rows cost under a megabyte), and fetches what a
// row shows on demand, a page of kPageSize rows at a time (Project::samples_by_ids), into a cache of
// at most kMaxCachedPages pages that drops the least recently used page. Filtering and sorting
// happen in SQL: setFilter() and sort() re-run the id query. Rows never hold a sample's whole text:
// the store cuts input and output to kFetchChars characters in SQL, so a page of 1 MiB samples costs
// kilobytes, not hundreds of megabytes (the detail pane reads the one selected sample in full).
//
// Reviewing a sample does not re-run the query: refreshSamples() re-reads those rows in place, so
// the rows under the reviewer's cursor do not jump while they work through a filtered list; the
// next filter change, sort or reload() drops rows that no longer match.
//
// Who calls it: DataPage (and tests, under QAbstractItemModelTester).
// Thread-safety: GUI thread only; the Project it reads must not be used by another thread.
#pragma once

#include <QAbstractTableModel>
#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "store/types.h"

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class SampleTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        StatusColumn,
        SplitColumn,
        SourceColumn,
        InputColumn,
        OutputColumn,
        TopicColumn,
        ReviewedColumn,
        ColumnCount
    };
    enum Role {
        SampleIdRole = Qt::UserRole + 1,  // qint64
        StatusRole,                       // int(store::SampleStatus), in every column
        RejectReasonRole,                 // QString
    };

    static constexpr int kPageSize = 200;
    static constexpr int kMaxCachedPages = 24;  // 4,800 rows: several screens either side
    static constexpr int kPreviewChars = 300;   // of an input or output, flattened to one line
    // Characters of input and output read per row (cut in SQL). Twice the preview, so that the
    // whitespace the preview folds away (indented JSON) still leaves a full line to show.
    static constexpr int kFetchChars = 2 * kPreviewChars;

    explicit SampleTableModel(QObject *parent = nullptr);
    ~SampleTableModel() override;

    // The project to show (not owned; nullptr empties the table). Resets the model.
    void setProject(store::Project *project);
    store::Project *project() const { return m_project; }

    void setFilter(const store::SampleFilter &filter);
    const store::SampleFilter &filter() const { return m_query.filter; }
    store::SampleSort sortKey() const { return m_query.sort; }
    bool sortDescending() const { return m_query.descending; }

    // Re-runs the id query with the current filter and sort (after an import, for instance).
    void reload();
    // Re-reads the rows of these samples where they are; positions do not change.
    void refreshSamples(std::span<const int64_t> ids);

    // The id at `row`, or -1 when out of range; the row of `id`, or -1 when not listed.
    qint64 sampleId(int row) const;
    int rowOfSample(qint64 id) const;

    // Cached pages right now (for tests of the cache bound).
    int cachedPageCount() const { return static_cast<int>(m_pages.size()); }
    // Bytes of input and output text read from the store since the last reset (for tests that the
    // preview is cut in SQL rather than after reading everything).
    qint64 fetchedTextBytes() const { return m_fetchedTextBytes; }

    // Which store sort key a column sorts by (every column sorts).
    static store::SampleSort sortKeyForColumn(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    // The store refused a query; the table shows what it could. Emitted asynchronously when the
    // failure happened while painting.
    void loadFailed(const QString &message);

private:
    // What one row shows: previews only, never a sample's whole text.
    struct Row {
        int64_t id = 0;
        bool present = false;  // false: the sample disappeared after the id query
        store::SampleStatus status = store::SampleStatus::pending;
        store::Split split = store::Split::train;
        store::SampleSource source = store::SampleSource::import;
        QString input;
        QString output;
        QString topic;
        QString rejectReason;
        std::optional<int64_t> reviewedAt;
    };
    struct Page {
        int index = 0;  // rows [index * kPageSize, (index + 1) * kPageSize)
        std::vector<Row> rows;
        quint64 lastUse = 0;
    };

    const Row *rowAt(int row) const;  // fetches its page when needed
    const Page &page(int pageIndex) const;
    void dropPage(int pageIndex);
    void evictIfNeeded() const;
    void reportFailure(const QString &message) const;
    static Row makeRow(const store::Sample &sample);

    store::Project *m_project = nullptr;
    store::SampleQuery m_query;
    std::vector<int64_t> m_ids;
    // At most kMaxCachedPages entries: a linear scan beats hashing at this size.
    mutable std::vector<Page> m_pages;
    mutable quint64 m_useClock = 0;
    mutable qint64 m_fetchedTextBytes = 0;
};

}  // namespace smolify::ui
