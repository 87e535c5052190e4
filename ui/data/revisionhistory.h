// The edit history of one sample, in the detail pane: one line per revision (number, who wrote it,
// when, the start of its input), newest first. Revision 1 is the original teacher or import text;
// the newest is the text the sample has now. Selecting a line lets the pane show that version.
//
// It holds the revisions it shows (their full text, so the pane can show any of them); the pane
// reads them from the store only while the history is open. GUI thread only.
#pragma once

#include <QTreeWidget>

#include <string>
#include <vector>

#include "store/types.h"

namespace smolify::ui {

class RevisionHistory : public QTreeWidget {
    Q_OBJECT

public:
    enum Column { RevisionColumn, AuthorColumn, TimeColumn, TextColumn, ColumnCount };

    explicit RevisionHistory(QWidget *parent = nullptr);

    // Revisions oldest first, as Project::revisions returns them; selects the newest.
    void setRevisions(std::vector<store::Revision> revisions);
    void clearRevisions();
    int revisionCount() const { return static_cast<int>(m_revisions.size()); }

    // The revision on the selected line, or nullptr; whether it is the newest (the current text).
    const store::Revision *selectedRevision() const;
    bool isCurrentSelected() const;
    // Selects revision `number` (1 = the original); false when there is none.
    bool selectRevision(int number);

    // "Import", "Teacher", "Manual" for an original; "You" for an edit made in Smolify; else as stored.
    static QString authorLabel(const std::string &author);

signals:
    void revisionSelected();

private:
    std::vector<store::Revision> m_revisions;  // oldest first
};

}  // namespace smolify::ui
