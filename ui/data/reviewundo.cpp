#include "data/reviewundo.h"

#include <algorithm>

#include "common/qtstring.h"
#include "store/project.h"

namespace smolify::ui {

void ReviewUndoStack::pushDecision(std::vector<store::PriorReview> prior) {
    Step step;
    step.prior = std::move(prior);
    push(std::move(step));
}

void ReviewUndoStack::pushEdit(int64_t sampleId, int restoreRevision) {
    Step step;
    step.editedSample = sampleId;
    step.restoreRevision = restoreRevision;
    push(std::move(step));
}

void ReviewUndoStack::push(Step step) {
    m_steps.push_back(std::move(step));
    if (static_cast<int>(m_steps.size()) > kMaxSteps) m_steps.pop_front();
}

ReviewUndoStack::Undone ReviewUndoStack::undo(store::Project &project) {
    Undone undone;
    if (m_steps.empty()) return undone;
    const Step step = std::move(m_steps.back());
    m_steps.pop_back();

    if (!step.isEdit()) {
        for (const store::PriorReview &p : step.prior)
            undone.ids.push_back(p.id);
        if (const Status restored = project.restore_reviews(step.prior); !restored)
            undone.error = toQString(restored.error().message);
        return undone;
    }

    undone.edit = true;
    undone.ids.push_back(step.editedSample);
    auto revisions = project.revisions(step.editedSample);
    if (!revisions) {
        undone.error = toQString(revisions.error().message);
        return undone;
    }
    const auto it = std::find_if(revisions->begin(), revisions->end(), [&](const store::Revision &r) {
        return r.revision == step.restoreRevision;
    });
    if (it == revisions->end()) {
        undone.error = tr("revision %1 of sample #%2 is no longer in the project")
                           .arg(step.restoreRevision)
                           .arg(step.editedSample);
        return undone;
    }
    if (const Status edited = project.edit_sample(step.editedSample, it->input, it->output); !edited)
        undone.error = toQString(edited.error().message);
    return undone;
}

}  // namespace smolify::ui
