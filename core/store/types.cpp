#include "store/types.h"

namespace smolify::store {

std::string_view to_string(SampleStatus s) {
    switch (s) {
        case SampleStatus::pending: return "pending";
        case SampleStatus::approved: return "approved";
        case SampleStatus::rejected: return "rejected";
    }
    return "pending";
}

std::string_view to_string(Split s) { return s == Split::test ? "test" : "train"; }

std::string_view to_string(SampleSource s) {
    switch (s) {
        case SampleSource::teacher: return "teacher";
        case SampleSource::import: return "import";
        case SampleSource::manual: return "manual";
    }
    return "import";
}

std::optional<SampleStatus> parse_status(std::string_view s) {
    if (s == "pending") return SampleStatus::pending;
    if (s == "approved") return SampleStatus::approved;
    if (s == "rejected") return SampleStatus::rejected;
    return std::nullopt;
}

std::optional<Split> parse_split(std::string_view s) {
    if (s == "train") return Split::train;
    if (s == "test") return Split::test;
    return std::nullopt;
}

std::optional<SampleSource> parse_source(std::string_view s) {
    if (s == "teacher") return SampleSource::teacher;
    if (s == "import") return SampleSource::import;
    if (s == "manual") return SampleSource::manual;
    return std::nullopt;
}

}  // namespace smolify::store
