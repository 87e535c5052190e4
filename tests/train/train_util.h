// Projects with synthetic samples for the trainer tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/project.h"

namespace smolify::test {

// Sample i: a short ticket and its label, distinct texts of varying length.
inline store::NewSample ticket_sample(int i, store::Split split = store::Split::train) {
    static const char *kWhat[] = {"printer jammed", "VPN drops every hour", "laptop will not boot",
                                  "password reset needed", "email bounces", "monitor flickers"};
    static const char *kLabel[] = {"low", "urgent", "urgent", "normal", "normal", "low"};
    store::NewSample s;
    s.input = "Ticket " + std::to_string(i) + ": " + kWhat[i % 6] + std::string(static_cast<std::size_t>(i % 5) * 3, '!');
    s.output = std::string("Priority: ") + kLabel[i % 6] + "; team " + std::to_string(i % 4);
    s.status = store::SampleStatus::approved;
    s.split = split;
    return s;
}

inline std::unique_ptr<store::Project> make_training_project(const std::filesystem::path &path, int train,
                                                             int test = 0, int pending = 0) {
    store::CreateParams cp;
    cp.intent = "Sort IT tickets by urgency";
    auto p = store::Project::create(path, cp);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    if (!p) return nullptr;
    std::vector<store::NewSample> samples;
    for (int i = 0; i < train; ++i) samples.push_back(ticket_sample(i));
    for (int i = 0; i < test; ++i) samples.push_back(ticket_sample(1000 + i, store::Split::test));
    for (int i = 0; i < pending; ++i) {
        auto s = ticket_sample(2000 + i);
        s.status = store::SampleStatus::pending;
        samples.push_back(s);
    }
    auto r = (*p)->insert_samples(samples);
    EXPECT_TRUE(r.ok());
    return std::move(p).value();
}

}  // namespace smolify::test
