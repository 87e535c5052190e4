// Duplicate detection: normalised exact duplicates, near duplicates (light paraphrases: a word changed,
// punctuation and case changed, a clause added) caught, and distinct samples on the same topic kept.
#include <gtest/gtest.h>

#include <string>

#include "synth/dedup.h"

namespace smolify::synth {
namespace {

const char *kBase =
    "My laptop will not connect to the office wifi since this morning, the other machines in the room work "
    "fine and I already restarted it twice";

TEST(SynthDedup, NormalisationMakesCaseSpacingAndPunctuationExactDuplicates) {
    EXPECT_EQ(dedup_normalize("  Printer   BROKEN!! (again)  "), "printer broken again");
    EXPECT_EQ(dedup_exact_key("Printer broken", "Urgent"), dedup_exact_key("printer, broken.", " urgent"));
    EXPECT_NE(dedup_exact_key("Printer broken", "Urgent"), dedup_exact_key("Printer broken", "Low"));
    // Input and output are kept apart: moving a word across the boundary is a different sample.
    EXPECT_NE(dedup_exact_key("a b", "c"), dedup_exact_key("a", "b c"));
    DedupIndex index;
    index.add(1, "Printer broken", "Urgent");
    DedupHit hit = index.find("PRINTER broken!", "urgent");
    EXPECT_EQ(hit.kind, DedupHit::Kind::exact);
    EXPECT_EQ(hit.other_id, 1);
}

TEST(SynthDedup, ParaphrasesAreCaughtAsNearDuplicates) {
    DedupIndex index;
    index.add(7, kBase, "normal");
    const std::string variants[] = {
        // one word changed
        "My laptop will not connect to the office wifi since this morning, the other computers in the room "
        "work "
        "fine and I already restarted it twice",
        // case, punctuation and one word changed
        "MY LAPTOP WILL NOT CONNECT TO THE OFFICE WI-FI since this morning. The other machines in the room "
        "work "
        "fine, and I already rebooted it twice!",
        // a short clause added at the end
        std::string(kBase) + ", please help",
    };
    for (const auto &v : variants) {
        DedupHit hit = index.find(v, "normal");
        EXPECT_EQ(hit.kind, DedupHit::Kind::near) << v;
        EXPECT_EQ(hit.other_id, 7);
        EXPECT_GE(hit.similarity, 0.7);
        EXPECT_LT(hit.similarity, 1.0 + 1e-9);
    }
}

TEST(SynthDedup, DistinctSamplesOnTheSameTopicAreKept) {
    DedupIndex index;
    index.add(1, kBase, "normal");
    const char *distinct[] = {
        "The wifi in meeting room 3 drops every few minutes during video calls, can someone look at the "
        "access point",
        "I cannot log in to the VPN from home, it says my certificate expired yesterday",
        "Since this morning my laptop will not print to the second floor printer",
    };
    int64_t id = 2;
    for (const char *d : distinct) {
        DedupHit hit = index.check_and_add(id++, d, "normal");
        EXPECT_EQ(hit.kind, DedupHit::Kind::none) << d << " similarity " << hit.similarity;
    }
    EXPECT_EQ(index.size(), 4u);
    // Short texts (under three words) are compared exactly only.
    EXPECT_EQ(index.check_and_add(10, "VPN", "low").kind, DedupHit::Kind::none);
    EXPECT_EQ(index.check_and_add(11, "VPN!", "Low").kind, DedupHit::Kind::exact);
    EXPECT_EQ(index.check_and_add(12, "Printer", "low").kind, DedupHit::Kind::none);
}

TEST(SynthDedup, SimilarityEstimateTracksWordOverlap) {
    // Two texts sharing about half of their shingles must not count as duplicates, and the
    // estimate must sit well away from both 0 and 1.
    std::string a, b;
    for (int i = 0; i < 60; ++i)
        a += "alpha" + std::to_string(i) + " ";
    for (int i = 30; i < 90; ++i)
        b += "alpha" + std::to_string(i) + " ";
    auto sa = minhash_signature(a, "x"), sb = minhash_signature(b, "x");
    ASSERT_TRUE(sa && sb);
    double sim = minhash_similarity(*sa, *sb);
    EXPECT_GT(sim, 0.15);
    EXPECT_LT(sim, 0.6);
    DedupIndex index;
    index.add(1, a, "x");
    EXPECT_EQ(index.find(b, "x").kind, DedupHit::Kind::none);
    EXPECT_FALSE(minhash_signature("two words", "").has_value());
}

TEST(SynthDedup, ManyDistinctGeneratedSamplesStayDistinct) {
    // Templated tickets with different content words: none may be flagged (false positives would
    // silently shrink a corpus).
    DedupIndex index;
    const char *devices[] = {"laptop", "printer",      "phone",   "monitor",
                             "router", "badge reader", "scanner", "tablet"};
    const char *problems[] = {"overheats after lunch",     "shows error 0x80070005 on start",
                              "lost its network settings", "makes a grinding noise",
                              "refuses my new password",   "reboots every ten minutes"};
    const char *places[] = {"in Berlin", "at the warehouse", "in the lab", "at reception", "on floor 4"};
    int64_t id = 0, flagged = 0;
    for (const char *d : devices)
        for (const char *p : problems)
            for (const char *w : places) {
                std::string text = std::string("The ") + d + " " + w + " " + p + " and ticket " +
                                   std::to_string(id * 7919) + " was opened by user " +
                                   std::to_string(id * 104729);
                if (index.check_and_add(id++, text, "normal").kind != DedupHit::Kind::none) ++flagged;
            }
    EXPECT_EQ(id, 240);
    EXPECT_LE(flagged, 2) << "templated but distinct tickets were taken for duplicates";
}

}  // namespace
}  // namespace smolify::synth
