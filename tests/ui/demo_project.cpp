// ui_demo_project: writes a small, realistic demo project (support-ticket triage, 32 imported
// samples, some approved, some rejected with reasons, a few in the test split) for the docs
// screenshot and for trying the workbench by hand. Not a test.
//
//   ui_demo_project OUT.smolify      # OUT must not exist
#include <cstdio>
#include <string>
#include <vector>

#include "store/project.h"

using namespace smolify;

namespace {

struct Ticket {
    const char *input;
    const char *category;
    const char *urgency;
    const char *summary;
    const char *topic;
};

// clang-format off
const Ticket kTickets[] = {
    {"I was charged twice for my November invoice (INV-20931). Please refund the duplicate payment.\n\nThanks,\nMarta", "billing", "high", "Duplicate charge on invoice INV-20931; refund requested", "billing"},
    {"The app logs me out every few minutes since yesterday's update. Android 14, Pixel 7.", "bug", "high", "Frequent logouts on Android 14 after latest update", "login"},
    {"Could you add an export to Excel for the monthly report? CSV is fine too.", "feature", "low", "Request: export monthly report to Excel/CSV", "reports"},
    {"My parcel shows delivered but nothing arrived. Order #88123, shipped to Lyon.", "shipping", "high", "Order #88123 marked delivered but not received", "shipping"},
    {"How do I change the email address on my account? The old one no longer exists.", "account", "normal", "Change account email; old address inactive", "account"},
    {"Password reset link says 'expired' right after I click it.", "bug", "normal", "Password reset links expire immediately", "login"},
    {"We need 15 more seats for the team plan starting next month. Who do I talk to?", "billing", "normal", "Add 15 seats to team plan from next month", "billing"},
    {"Dark mode please!! My eyes hurt at night.", "feature", "low", "Request: dark mode", "ui"},
    {"The invoice shows our old company address. Can you reissue it with the new one?\n\nNew address:\nKestrel GmbH, Hafenstr. 12, 20457 Hamburg", "billing", "normal", "Reissue invoice with new company address", "billing"},
    {"Two-factor codes arrive about 10 minutes late, so they are already invalid.", "bug", "high", "2FA SMS codes delayed beyond validity window", "login"},
    {"Package arrived damaged, the box was crushed and the lamp is broken. Photos attached.", "shipping", "normal", "Damaged delivery (broken lamp); photos attached", "shipping"},
    {"Is there a student discount?", "billing", "low", "Question about student discount", "billing"},
    {"Sync between my laptop and phone stopped working. Notes created on the phone never show up on the laptop.", "bug", "normal", "Notes from phone not syncing to laptop", "sync"},
    {"Please delete my account and all my data (GDPR request).", "account", "high", "GDPR account and data deletion request", "account"},
    {"The search can't find notes by tag anymore.", "bug", "normal", "Search by tag returns no results", "search"},
    {"Can I pay by bank transfer instead of credit card?", "billing", "low", "Asks to pay by bank transfer", "billing"},
    {"Delivery is 5 days late and tracking hasn't updated since Monday. Order #90412.", "shipping", "normal", "Order #90412 delayed; tracking stale", "shipping"},
    {"Would love a keyboard shortcut to archive a note.", "feature", "low", "Request: keyboard shortcut to archive notes", "ui"},
    {"I can't log in with Google anymore: 'redirect_uri_mismatch'.", "bug", "high", "Google sign-in fails with redirect_uri_mismatch", "login"},
    {"You cancelled my subscription without asking and I lost access to my files!!!", "account", "high", "Subscription cancelled unexpectedly; access lost", "account"},
    {"The PDF export cuts off the last line of every page.", "bug", "normal", "PDF export truncates last line per page", "reports"},
    {"Hi, just wanted to say the new editor is great. No question, thanks!", "feature", "low", "Positive feedback on new editor", "ui"},
    {"Where can I download last year's invoices for our audit?", "billing", "normal", "Needs last year's invoices for audit", "billing"},
    {"The shared folder shows 'permission denied' for two of my colleagues.", "account", "normal", "Shared folder permission denied for two colleagues", "sharing"},
    {"App crashes when I attach a photo larger than 20 MB on iOS 17.", "bug", "normal", "iOS 17 crash attaching photos over 20 MB", "attachments"},
    {"Can you ship to Norway? Checkout only lists EU countries.", "shipping", "low", "Asks about shipping to Norway (not in checkout)", "shipping"},
    {"Please add an API endpoint to create notes programmatically.", "feature", "normal", "Request: API endpoint to create notes", "api"},
    {"Your last email had a broken unsubscribe link.", "bug", "low", "Broken unsubscribe link in newsletter", "email"},
    {"I upgraded to Pro but the app still shows the Free limits.", "billing", "high", "Pro upgrade not applied; still on Free limits", "billing"},
    {"Change of plan: we want yearly billing instead of monthly from now on.", "billing", "normal", "Switch from monthly to yearly billing", "billing"},
    {"Notifications arrive twice on my watch.", "bug", "low", "Duplicate notifications on smartwatch", "notifications"},
    {"test", "bug", "low", "test", ""},
};
// clang-format on

std::string outputFor(const Ticket &t) {
    return std::string("{\n  \"category\": \"") + t.category + "\",\n  \"urgency\": \"" + t.urgency +
           "\",\n  \"summary\": \"" + t.summary + "\"\n}";
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: ui_demo_project OUT.smolify\n");
        return 1;
    }
    store::CreateParams params;
    params.intent =
        "Triage customer support tickets: return JSON with the category (billing, account, shipping, bug, "
        "feature), the urgency (low, normal, high) and a one-line summary.";
    params.name = "Ticket triage";
    params.teacher_url = "http://localhost:11434/v1";
    params.teacher_model = "llama3.1:70b";
    auto created = store::Project::create(argv[1], params);
    if (!created) {
        std::fprintf(stderr, "ui_demo_project: %s\n", created.error().message.c_str());
        return 1;
    }
    store::Project &project = *created.value();

    std::vector<store::NewSample> samples;
    int line = 0;
    for (const Ticket &t : kTickets) {
        ++line;
        store::NewSample s;
        s.input = t.input;
        s.output = outputFor(t);
        s.topic = t.topic;
        s.source = store::SampleSource::import;
        s.split = (line % 7 == 0) ? store::Split::test : store::Split::train;
        s.provenance = "{\"file\":\"tickets-2026-11.jsonl\",\"line\":" + std::to_string(line) + "}";
        samples.push_back(std::move(s));
    }
    auto inserted = project.insert_samples(samples);
    if (!inserted) {
        std::fprintf(stderr, "ui_demo_project: %s\n", inserted.error().message.c_str());
        return 1;
    }
    const std::vector<int64_t> &ids = inserted->ids;
    auto pick = [&](std::initializer_list<int> rows) {
        std::vector<int64_t> out;
        for (int r : rows)
            out.push_back(ids[static_cast<std::size_t>(r)]);
        return out;
    };
    struct Decision {
        std::vector<int64_t> ids;
        store::SampleStatus status;
        const char *reason;
    };
    const Decision decisions[] = {
        {pick({1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 16}), store::SampleStatus::approved, ""},
        {pick({11}), store::SampleStatus::rejected,
         "urgency should be normal: a pricing question is not urgent"},
        {pick({19}), store::SampleStatus::rejected, "summary must stay neutral, no blame"},
        {pick({21}), store::SampleStatus::rejected,
         "praise is not a feature request: needs an 'other' category"},
        {pick({31}), store::SampleStatus::rejected, "not a real ticket"},
    };
    for (const Decision &d : decisions) {
        auto prior = project.review(d.ids, d.status, d.reason);
        if (!prior) {
            std::fprintf(stderr, "ui_demo_project: %s\n", prior.error().message.c_str());
            return 1;
        }
    }
    std::printf("%s: %zu samples\n", argv[1], ids.size());
    return 0;
}
