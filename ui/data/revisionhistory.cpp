#include "data/revisionhistory.h"

#include <QHeaderView>

#include <algorithm>
#include <string_view>

#include "common/labels.h"
#include "common/qtstring.h"

namespace smolify::ui {

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;  // index into m_revisions
constexpr int kTextPreviewChars = 80;
}  // namespace

RevisionHistory::RevisionHistory(QWidget *parent) : QTreeWidget(parent) {
    setObjectName(QStringLiteral("revisionHistory"));
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Revision"), tr("By"), tr("When"), tr("Input")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    connect(this, &QTreeWidget::itemSelectionChanged, this, &RevisionHistory::revisionSelected);
}

QString RevisionHistory::authorLabel(const std::string &author) {
    if (const auto source = store::parse_source(author)) return Labels::source(*source);
    if (author == "user") return tr("You");
    return toQString(author);
}

void RevisionHistory::setRevisions(std::vector<store::Revision> revisions) {
    QSignalBlocker blocker(this);
    clear();
    m_revisions = std::move(revisions);
    const int count = revisionCount();
    for (int i = count - 1; i >= 0; --i) {
        const store::Revision &r = m_revisions[static_cast<std::size_t>(i)];
        QString number = QString::number(r.revision);
        if (i == count - 1)
            number = tr("%1 (current)").arg(number);
        else if (r.revision == 1)
            number = tr("%1 (original)").arg(number);
        // The start of the input, cut on a character boundary (4 bytes at most per character).
        std::size_t cut = std::min(r.input.size(), std::size_t{kTextPreviewChars * 4});
        while (cut > 0 && cut < r.input.size() && (static_cast<unsigned char>(r.input[cut]) & 0xC0) == 0x80)
            --cut;
        QString text = toQString(std::string_view(r.input).substr(0, cut)).simplified();
        if (text.size() > kTextPreviewChars) text = text.left(kTextPreviewChars) + QChar(0x2026);
        auto *item = new QTreeWidgetItem(this, {number, authorLabel(r.author), Labels::dateTime(r.created_at), text});
        item->setData(RevisionColumn, kIndexRole, i);
        item->setToolTip(TimeColumn, Labels::dateTime(r.created_at));
    }
    if (topLevelItemCount() > 0) setCurrentItem(topLevelItem(0));
    blocker.unblock();
    emit revisionSelected();
}

void RevisionHistory::clearRevisions() {
    setRevisions({});
}

const store::Revision *RevisionHistory::selectedRevision() const {
    const QList<QTreeWidgetItem *> items = selectedItems();
    if (items.isEmpty()) return nullptr;
    const int index = items.first()->data(RevisionColumn, kIndexRole).toInt();
    if (index < 0 || index >= revisionCount()) return nullptr;
    return &m_revisions[static_cast<std::size_t>(index)];
}

bool RevisionHistory::isCurrentSelected() const {
    const store::Revision *r = selectedRevision();
    return !r || r == &m_revisions.back();
}

bool RevisionHistory::selectRevision(int number) {
    for (int row = 0; row < topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = topLevelItem(row);
        const int index = item->data(RevisionColumn, kIndexRole).toInt();
        if (m_revisions[static_cast<std::size_t>(index)].revision == number) {
            setCurrentItem(item);
            return true;
        }
    }
    return false;
}

}  // namespace smolify::ui
