// What Ctrl+Z on the Data page takes back, newest first: review decisions (the prior status of
// each decided sample, as Project::review returned it) and sample edits (the revision whose text
// the sample had before the edit).
//
// An edit is taken back by editing the sample again to its earlier text, which the store keeps as
// one more revision: the history never shrinks. An edit step holds a revision number, not the text,
// so 200 undo steps over 1 MiB samples cost bytes, not hundreds of megabytes.
//
// Who calls it: DataPage. Not a QObject; GUI thread only (it uses the GUI thread's Project).
#pragma once

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <deque>
#include <vector>

#include "store/types.h"

namespace smolify::store {
class Project;
}

namespace smolify::ui {

class ReviewUndoStack {
    Q_DECLARE_TR_FUNCTIONS(ReviewUndoStack)

public:
    static constexpr int kMaxSteps = 200;

    struct Step {
        std::vector<store::PriorReview> prior;  // a decision: what the samples were before
        int64_t editedSample = -1;              // an edit: the sample ...
        int restoreRevision = 0;                // ... and the revision that holds its earlier text
        bool isEdit() const { return editedSample >= 0; }
    };

    // What undo() took back: the samples it touched, whether it was an edit, and the store's
    // message when it could not (the step is gone either way, as in any undo stack).
    struct Undone {
        std::vector<int64_t> ids;
        bool edit = false;
        QString error;
    };

    void pushDecision(std::vector<store::PriorReview> prior);
    void pushEdit(int64_t sampleId, int restoreRevision);
    void clear() { m_steps.clear(); }
    bool isEmpty() const { return m_steps.empty(); }
    int size() const { return static_cast<int>(m_steps.size()); }

    // Takes back the newest step in `project`. Call only when !isEmpty().
    Undone undo(store::Project &project);

private:
    void push(Step step);

    std::deque<Step> m_steps;  // oldest first; at most kMaxSteps
};

}  // namespace smolify::ui
