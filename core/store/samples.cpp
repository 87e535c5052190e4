// Sample storage: batched inserts with content-hash de-duplication, SQL-side filtering and
// sorting, review decisions with undo, and edits that keep every version.
#include <algorithm>
#include <unordered_set>

#include "store/guard.h"
#include "store/project.h"
#include "store/sqlite.h"
#include "util/text.h"

namespace smolify::store {

using detail::guard;

namespace {

constexpr std::string_view kSampleColumns =
    "id, input, output, status, split, source, reject_reason, topic, provenance, spec_version, "
    "teacher_call_id, lower(hex(content_hash)), created_at, reviewed_at, updated_at, "
    "(SELECT count(*) FROM sample_revisions r WHERE r.sample_id = samples.id)";

// Same columns, with input and output cut to ?1 characters for table previews.
constexpr std::string_view kPreviewColumns =
    "id, substr(input, 1, ?1), substr(output, 1, ?1), status, split, source, reject_reason, topic, provenance, "
    "spec_version, teacher_call_id, lower(hex(content_hash)), created_at, reviewed_at, updated_at, "
    "(SELECT count(*) FROM sample_revisions r WHERE r.sample_id = samples.id)";

Sample read_sample(const Stmt &st) {
    Sample s;
    s.id = st.col_int(0);
    s.input = st.col_text(1);
    s.output = st.col_text(2);
    s.status = parse_status(st.col_text(3)).value_or(SampleStatus::pending);
    s.split = parse_split(st.col_text(4)).value_or(Split::train);
    s.source = parse_source(st.col_text(5)).value_or(SampleSource::import);
    s.reject_reason = st.col_text(6);
    s.topic = st.col_text(7);
    s.provenance = st.col_text(8);
    s.spec_version = st.col_opt_int(9);
    s.teacher_call_id = st.col_opt_int(10);
    s.content_hash = st.col_text(11);
    s.created_at = st.col_int(12);
    s.reviewed_at = st.col_opt_int(13);
    s.updated_at = st.col_int(14);
    s.revision_count = static_cast<int>(st.col_int(15));
    return s;
}

std::string_view sort_column(SampleSort sort) {
    switch (sort) {
        case SampleSort::id: return "id";
        case SampleSort::status: return "status";
        case SampleSort::split: return "split";
        case SampleSort::source: return "source";
        case SampleSort::input: return "input";
        case SampleSort::output: return "output";
        case SampleSort::topic: return "topic";
        case SampleSort::created: return "created_at";
        case SampleSort::reviewed: return "reviewed_at";
    }
    return "id";
}

// WHERE clause for a filter. Values are bound, never spliced: placeholders ?101..?104.
std::string where_clause(const SampleFilter &f) {
    std::string w;
    auto add = [&](std::string_view cond) {
        w += w.empty() ? " WHERE " : " AND ";
        w += cond;
    };
    if (f.status) add("status = ?101");
    if (f.split) add("split = ?102");
    if (f.source) add("source = ?103");
    if (!f.text.empty())
        add("(input LIKE ?104 ESCAPE '\\' OR output LIKE ?104 ESCAPE '\\' OR reject_reason LIKE ?104 ESCAPE '\\' "
            "OR topic LIKE ?104 ESCAPE '\\')");
    return w;
}

void bind_filter(Stmt &st, const SampleFilter &f) {
    if (f.status) st.bind(101, to_string(*f.status));
    if (f.split) st.bind(102, to_string(*f.split));
    if (f.source) st.bind(103, to_string(*f.source));
    if (!f.text.empty()) {
        std::string pattern = "%";
        for (char c : f.text) {
            if (c == '%' || c == '_' || c == '\\') pattern += '\\';
            pattern += c;
        }
        pattern += '%';
        st.bind(104, pattern);
    }
}

std::string query_tail(const SampleQuery &q) {
    std::string sql = where_clause(q.filter);
    sql += " ORDER BY ";
    sql += sort_column(q.sort);
    sql += q.descending ? " DESC" : " ASC";
    if (q.sort != SampleSort::id) sql += q.descending ? ", id DESC" : ", id ASC";
    if (q.limit >= 0 || q.offset > 0) {
        sql += " LIMIT " + std::to_string(q.limit >= 0 ? q.limit : -1);
        sql += " OFFSET " + std::to_string(std::max<int64_t>(0, q.offset));
    }
    return sql;
}

Status validate_text(std::string_view what, std::string_view text) {
    if (trim(text).empty()) return user_error(std::string(what) + " is empty");
    if (text.size() > kMaxFieldBytes)
        return user_error(std::string(what) + " is " + std::to_string(text.size()) + " bytes; the limit is " +
                          std::to_string(kMaxFieldBytes));
    if (!utf8_valid(text)) return user_error(std::string(what) + " is not valid UTF-8 text");
    return {};
}

}  // namespace

Status validate_new_sample(const NewSample &s) {
    if (Status st = validate_text("the input", s.input); !st) return st;
    if (Status st = validate_text("the output", s.output); !st) return st;
    if (s.status == SampleStatus::rejected && trim(s.reject_reason).empty())
        return user_error("a rejected sample needs a reason");
    for (const std::string *f : {&s.reject_reason, &s.topic, &s.provenance})
        if (f->size() > kMaxFieldBytes || !utf8_valid(*f)) return user_error("a sample field is too long or not UTF-8");
    return {};
}

Result<InsertResult> Project::insert_samples(std::span<const NewSample> batch) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (Status st = validate_new_sample(batch[i]); !st)
            return user_error("sample " + std::to_string(i + 1) + " of the batch: " + st.error().message);
    }
    return guard([&]() -> Result<InsertResult> {
        InsertResult result;
        result.ids.reserve(batch.size());
        Transaction tx(*m_db);
        auto st = m_db->prepare(
            "INSERT INTO samples (input, output, status, split, source, reject_reason, topic, provenance, "
            "spec_version, teacher_call_id, content_hash, created_at, reviewed_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12) "
            "ON CONFLICT(content_hash) DO NOTHING");
        const int64_t now = unix_now();
        for (const NewSample &s : batch) {
            st.reset();
            st.bind(1, s.input)
                .bind(2, s.output)
                .bind(3, to_string(s.status))
                .bind(4, to_string(s.split))
                .bind(5, to_string(s.source))
                .bind_text_or_null(6, s.status == SampleStatus::rejected ? std::string_view(s.reject_reason) : "")
                .bind_text_or_null(7, s.topic)
                .bind_text_or_null(8, s.provenance)
                .bind(9, s.spec_version)
                .bind(10, s.teacher_call_id)
                .bind_blob(11, sample_content_digest(s.input, s.output))
                .bind(12, now)
                .bind(13, s.status == SampleStatus::pending ? std::optional<int64_t>() : std::optional<int64_t>(now));
            st.exec();
            if (m_db->changes() == 1) {
                ++result.inserted;
                result.ids.push_back(m_db->last_insert_id());
            } else {
                ++result.duplicates;
            }
        }
        tx.commit();
        return result;
    });
}

Result<std::optional<Sample>> Project::sample(int64_t id) {
    return guard([&]() -> Result<std::optional<Sample>> {
        auto st = m_db->prepare("SELECT " + std::string(kSampleColumns) + " FROM samples WHERE id = ?");
        st.bind(1, id);
        if (!st.step()) return std::optional<Sample>();
        return std::optional<Sample>(read_sample(st));
    });
}

Result<std::vector<Sample>> Project::samples(const SampleQuery &query) {
    std::vector<Sample> out;
    Status st = for_each_sample(query, [&](const Sample &s) {
        out.push_back(s);
        return true;
    });
    if (!st) return st.error();
    return out;
}

Status Project::for_each_sample(const SampleQuery &query, const std::function<bool(const Sample &)> &fn) {
    return guard([&]() -> Status {
        auto st = m_db->prepare("SELECT " + std::string(kSampleColumns) + " FROM samples" + query_tail(query));
        bind_filter(st, query.filter);
        while (st.step()) {
            if (!fn(read_sample(st))) break;
        }
        return {};
    });
}

Result<std::vector<int64_t>> Project::sample_ids(const SampleQuery &query) {
    return guard([&]() -> Result<std::vector<int64_t>> {
        std::vector<int64_t> ids;
        auto st = m_db->prepare("SELECT id FROM samples" + query_tail(query));
        bind_filter(st, query.filter);
        while (st.step()) ids.push_back(st.col_int(0));
        return ids;
    });
}

Result<std::vector<Sample>> Project::samples_by_ids(std::span<const int64_t> ids, int preview_chars) {
    return guard([&]() -> Result<std::vector<Sample>> {
        std::vector<Sample> out;
        out.reserve(ids.size());
        std::string sql = preview_chars > 0 ? "SELECT " + std::string(kPreviewColumns) + " FROM samples WHERE id = ?2"
                                            : "SELECT " + std::string(kSampleColumns) + " FROM samples WHERE id = ?2";
        auto st = m_db->prepare(sql);
        for (int64_t id : ids) {
            st.reset();
            if (preview_chars > 0) st.bind(1, preview_chars);
            st.bind(2, id);
            if (st.step()) out.push_back(read_sample(st));
        }
        return out;
    });
}

Result<int64_t> Project::count_samples(const SampleFilter &filter) {
    return guard([&]() -> Result<int64_t> {
        auto st = m_db->prepare("SELECT count(*) FROM samples" + where_clause(filter));
        bind_filter(st, filter);
        return st.step() ? st.col_int(0) : 0;
    });
}

Result<SampleCounts> Project::counts() {
    return guard([&]() -> Result<SampleCounts> {
        SampleCounts c;
        auto st = m_db->prepare("SELECT status, split, count(*) FROM samples GROUP BY status, split");
        while (st.step()) {
            auto status = parse_status(st.col_text(0));
            auto split = parse_split(st.col_text(1));
            if (!status || !split) continue;
            int64_t n = st.col_int(2);
            c.by_status_split[static_cast<int>(*status)][static_cast<int>(*split)] += n;
            (*status == SampleStatus::pending ? c.pending : *status == SampleStatus::approved ? c.approved : c.rejected) +=
                n;
            (*split == Split::train ? c.train : c.test) += n;
            c.total += n;
        }
        return c;
    });
}

Result<std::vector<PriorReview>> Project::review(std::span<const int64_t> ids, SampleStatus status,
                                                 std::string_view reason) {
    std::string_view why = trim(reason);
    if (status == SampleStatus::rejected && why.empty())
        return user_error("say why the samples are rejected (a reason is required); it steers the next round");
    if (reason.size() > kMaxFieldBytes || !utf8_valid(reason)) return user_error("the reason is too long or not UTF-8");
    return guard([&]() -> Result<std::vector<PriorReview>> {
        std::vector<PriorReview> prior;
        prior.reserve(ids.size());
        Transaction tx(*m_db);
        auto get = m_db->prepare("SELECT status, reject_reason, reviewed_at FROM samples WHERE id = ?");
        auto set = m_db->prepare(
            "UPDATE samples SET status = ?1, reject_reason = ?2, reviewed_at = ?3, updated_at = ?4 WHERE id = ?5");
        const int64_t now = unix_now();
        std::unordered_set<int64_t> seen;
        for (int64_t id : ids) {
            if (!seen.insert(id).second) continue;
            get.reset();
            get.bind(1, id);
            if (!get.step()) return user_error("there is no sample #" + std::to_string(id) + "; nothing was changed");
            prior.push_back(
                {id, parse_status(get.col_text(0)).value_or(SampleStatus::pending), get.col_text(1), get.col_opt_int(2)});
            set.reset();
            set.bind(1, to_string(status))
                .bind_text_or_null(2, status == SampleStatus::rejected ? why : std::string_view())
                .bind(3, status == SampleStatus::pending ? std::optional<int64_t>() : std::optional<int64_t>(now))
                .bind(4, now)
                .bind(5, id);
            set.exec();
        }
        tx.commit();
        return prior;
    });
}

Status Project::restore_reviews(std::span<const PriorReview> prior) {
    return guard([&]() -> Status {
        Transaction tx(*m_db);
        auto set = m_db->prepare(
            "UPDATE samples SET status = ?1, reject_reason = ?2, reviewed_at = ?3, updated_at = ?4 WHERE id = ?5");
        for (const PriorReview &p : prior) {
            set.reset();
            set.bind(1, to_string(p.status))
                .bind_text_or_null(2, p.status == SampleStatus::rejected ? std::string_view(p.reject_reason) : "")
                .bind(3, p.reviewed_at)
                .bind(4, unix_now())
                .bind(5, p.id);
            set.exec();
        }
        tx.commit();
        return {};
    });
}

Status Project::set_split(std::span<const int64_t> ids, Split split) {
    return guard([&]() -> Status {
        Transaction tx(*m_db);
        auto set = m_db->prepare("UPDATE samples SET split = ?1, updated_at = ?2 WHERE id = ?3");
        for (int64_t id : ids) {
            set.reset();
            set.bind(1, to_string(split)).bind(2, unix_now()).bind(3, id);
            set.exec();
            if (m_db->changes() != 1) return user_error("there is no sample #" + std::to_string(id) + "; nothing was changed");
        }
        tx.commit();
        return {};
    });
}

Status Project::edit_sample(int64_t id, std::string_view input, std::string_view output, std::string_view editor) {
    if (Status st = validate_text("the input", input); !st) return st;
    if (Status st = validate_text("the output", output); !st) return st;
    return guard([&]() -> Status {
        Transaction tx(*m_db);
        auto get = m_db->prepare("SELECT input, output, source, created_at FROM samples WHERE id = ?");
        get.bind(1, id);
        if (!get.step()) return user_error("there is no sample #" + std::to_string(id));
        if (get.col_text(0) == input && get.col_text(1) == output) return {};  // nothing changed
        std::string digest = sample_content_digest(input, output);
        auto clash = m_db->prepare("SELECT id FROM samples WHERE content_hash = ? AND id <> ?");
        clash.bind_blob(1, digest).bind(2, id);
        if (clash.step())
            return user_error("sample #" + std::to_string(clash.col_int(0)) +
                              " already has exactly this text; reject one of them instead");
        const int64_t now = unix_now();
        int64_t last = 0;
        {
            auto n = m_db->prepare("SELECT coalesce(max(revision), 0) FROM sample_revisions WHERE sample_id = ?");
            n.bind(1, id);
            if (n.step()) last = n.col_int(0);
        }
        auto add = m_db->prepare(
            "INSERT INTO sample_revisions (sample_id, revision, input, output, author, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)");
        if (last == 0) {  // keep the original text as revision 1
            add.bind(1, id).bind(2, int64_t{1}).bind(3, get.col_text(0)).bind(4, get.col_text(1));
            add.bind(5, get.col_text(2)).bind(6, get.col_int(3));
            add.exec();
            last = 1;
        }
        add.reset();
        add.bind(1, id).bind(2, last + 1).bind(3, input).bind(4, output);
        add.bind(5, editor.empty() ? std::string_view("user") : editor).bind(6, now);
        add.exec();
        m_db->prepare("UPDATE samples SET input = ?, output = ?, content_hash = ?, updated_at = ? WHERE id = ?")
            .bind(1, input)
            .bind(2, output)
            .bind_blob(3, digest)
            .bind(4, now)
            .bind(5, id)
            .exec();
        tx.commit();
        return {};
    });
}

Result<std::vector<Revision>> Project::revisions(int64_t sample_id) {
    return guard([&]() -> Result<std::vector<Revision>> {
        std::vector<Revision> out;
        auto st = m_db->prepare(
            "SELECT sample_id, revision, input, output, author, created_at FROM sample_revisions WHERE sample_id = ? "
            "ORDER BY revision");
        st.bind(1, sample_id);
        while (st.step())
            out.push_back({st.col_int(0), static_cast<int>(st.col_int(1)), st.col_text(2), st.col_text(3),
                           st.col_text(4), st.col_int(5)});
        return out;
    });
}

}  // namespace smolify::store
