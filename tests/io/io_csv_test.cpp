// CsvReader and csv_append_field: RFC 4180 quoting, line numbers, limits and errors, with the input
// fed in chunks of every small size so that records cut across buffer refills are covered.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io/csv.h"

namespace smolify::io {
namespace {

// A ReadFn over a string that hands out at most `chunk` bytes per call.
ReadFn string_source(std::string data, std::size_t chunk) {
    auto pos = std::make_shared<std::size_t>(0);
    auto text = std::make_shared<std::string>(std::move(data));
    return [=](char *buf, std::size_t n) -> Result<std::size_t> {
        std::size_t k = std::min({n, chunk, text->size() - *pos});
        std::copy_n(text->data() + *pos, k, buf);
        *pos += k;
        return k;
    };
}

std::vector<CsvRecord> read_all(const std::string &data, std::size_t chunk = 1 << 20,
                                std::size_t max_record = 1 << 20, std::size_t buffer = 64) {
    CsvReader reader(string_source(data, chunk), max_record, buffer);
    std::vector<CsvRecord> out;
    for (int guard = 0; guard < 10000; ++guard) {
        CsvRecord rec;
        auto more = reader.next(rec);
        EXPECT_TRUE(more.ok());
        if (!more.ok() || !*more) break;
        out.push_back(std::move(rec));
    }
    return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, SimpleRecordsAndLineNumbers) {
    auto recs = read_all("a,b,c\n1,2,3\nx,,z\n");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(recs[1].fields, (Fields{"1", "2", "3"}));
    EXPECT_EQ(recs[2].fields, (Fields{"x", "", "z"}));
    EXPECT_EQ(recs[0].line, 1);
    EXPECT_EQ(recs[2].line, 3);
    for (const auto &r : recs) {
        EXPECT_FALSE(r.blank);
        EXPECT_FALSE(r.too_long);
        EXPECT_TRUE(r.error.empty()) << r.error;
    }
}

TEST(CsvReader, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
    std::string data =
        "input,output\n"
        "\"a, b\",\"say \"\"hi\"\"\"\n"
        "\"line one\nline two\r\nline three\",plain\n"
        "\"\",\"\"\"\"\n"
        "after,multiline\n";
    auto recs = read_all(data);
    ASSERT_EQ(recs.size(), 5u);
    EXPECT_EQ(recs[1].fields, (Fields{"a, b", "say \"hi\""}));
    EXPECT_EQ(recs[2].fields, (Fields{"line one\nline two\r\nline three", "plain"}));
    EXPECT_EQ(recs[3].fields, (Fields{"", "\""}));
    EXPECT_EQ(recs[4].fields, (Fields{"after", "multiline"}));
    // Each record reports the line it starts on, counting the line breaks inside quotes.
    EXPECT_EQ(recs[1].line, 2);
    EXPECT_EQ(recs[2].line, 3);
    EXPECT_EQ(recs[3].line, 6);
    EXPECT_EQ(recs[4].line, 7);
}

TEST(CsvReader, CrlfBomAndMissingFinalLineBreak) {
    auto recs = read_all("\xEF\xBB\xBFinput,output\r\nq1,a1\r\nq2,a2");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0].fields, (Fields{"input", "output"}));
    EXPECT_EQ(recs[1].fields, (Fields{"q1", "a1"}));
    EXPECT_EQ(recs[2].fields, (Fields{"q2", "a2"}));
    EXPECT_EQ(recs[2].line, 3);
}

TEST(CsvReader, QuotedFieldBeforeCrlf) {
    auto recs = read_all("\"a\",\"b\"\r\n\"c\",\"d\"\r\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].fields, (Fields{"a", "b"}));
    EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
}

TEST(CsvReader, BlankLinesAreMarked) {
    auto recs = read_all("a,b\n\n\r\n1,2\n");
    ASSERT_EQ(recs.size(), 4u);
    EXPECT_FALSE(recs[0].blank);
    EXPECT_TRUE(recs[1].blank);
    EXPECT_TRUE(recs[2].blank);
    EXPECT_FALSE(recs[3].blank);
    EXPECT_EQ(recs[3].line, 4);
    // A quoted empty field is data, not a blank line.
    auto quoted = read_all("\"\"\n");
    ASSERT_EQ(quoted.size(), 1u);
    EXPECT_FALSE(quoted[0].blank);
}

TEST(CsvReader, EmptyInputHasNoRecords) {
    EXPECT_TRUE(read_all("").empty());
    EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
}

TEST(CsvReader, SameRecordsForEveryChunkSize) {
    std::string data =
        "\xEF\xBB\xBFinput,output,topic\r\n"
        "\"multi\r\nline, with \"\"quotes\"\"\",\"\xF0\x9F\x90\x9F fish\",sea\r\n"
        "plain,text,\r\n"
        "\n"
        "\"x\",\"y\",\"z\"";
    auto expected = read_all(data);
    ASSERT_EQ(expected.size(), 5u);
    for (std::size_t chunk : {1u, 2u, 3u, 5u, 7u, 13u}) {
        for (std::size_t buffer : {4u, 5u, 16u, 4096u}) {
            auto got = read_all(data, chunk, 1 << 20, buffer);
            ASSERT_EQ(got.size(), expected.size()) << "chunk " << chunk << " buffer " << buffer;
            for (std::size_t i = 0; i < got.size(); ++i) {
                EXPECT_EQ(got[i].fields, expected[i].fields) << "chunk " << chunk << " record " << i;
                EXPECT_EQ(got[i].line, expected[i].line);
                EXPECT_EQ(got[i].blank, expected[i].blank);
            }
        }
    }
}

TEST(CsvReader, TooLongRecordIsSkippedToItsEnd) {
    std::string big(500, 'x');
    std::string data = "a,b\n\"" + big + "\n" + big + "\",y\nnext,row\n";
    auto recs = read_all(data, 7, 100);
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_FALSE(recs[0].too_long);
    EXPECT_TRUE(recs[1].too_long);
    EXPECT_TRUE(recs[1].fields.empty());
    EXPECT_EQ(recs[1].line, 2);
    EXPECT_FALSE(recs[2].too_long);
    EXPECT_EQ(recs[2].fields, (Fields{"next", "row"}));
    EXPECT_EQ(recs[2].line, 4);
}

TEST(CsvReader, ManyEmptyFieldsCountTowardTheLimit) {
    // 10,000 commas are only 10 KB of text but would be 10,000 strings: the limit must see them.
    std::string data(10000, ',');
    data += "\nok,ok\n";
    auto recs = read_all(data, 4096, 64 * 1024);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_TRUE(recs[0].too_long);
    EXPECT_EQ(recs[1].fields, (Fields{"ok", "ok"}));
}

TEST(CsvReader, TextAfterClosingQuoteIsReportedAndReadingGoesOn) {
    auto recs = read_all("\"ab\"c,d\n1,2\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_NE(recs[0].error.find("field 1"), std::string::npos) << recs[0].error;
    EXPECT_NE(recs[0].error.find("closing quote"), std::string::npos) << recs[0].error;
    EXPECT_TRUE(recs[1].error.empty());
    EXPECT_EQ(recs[1].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, UnclosedQuoteIsReported) {
    auto recs = read_all("a,b\n1,\"never closed\n2,3\n");
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[1].line, 2);
    EXPECT_NE(recs[1].error.find("never closed"), std::string::npos) << recs[1].error;
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsKept) {
    auto recs = read_all("5\" pipe,ok\n");
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, (Fields{"5\" pipe", "ok"}));
    EXPECT_TRUE(recs[0].error.empty());
}

TEST(CsvReader, ReadErrorIsReturned) {
    int calls = 0;
    ReadFn failing = [&calls](char *buf, std::size_t n) -> Result<std::size_t> {
        if (++calls > 1) return user_error("disk went away");
        std::string_view first = "a,b\nc,";
        std::size_t k = std::min(n, first.size());
        std::copy_n(first.data(), k, buf);
        return k;
    };
    CsvReader reader(failing, 1024, 4096);
    CsvRecord rec;
    auto r1 = reader.next(rec);
    ASSERT_TRUE(r1.ok());
    EXPECT_TRUE(*r1);
    EXPECT_EQ(rec.fields, (Fields{"a", "b"}));
    auto r2 = reader.next(rec);
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.error().message, "disk went away");
}

TEST(CsvAppendField, QuotesOnlyWhenNeeded) {
    auto quoted = [](std::string_view s) {
        std::string out;
        csv_append_field(out, s);
        return out;
    };
    EXPECT_EQ(quoted("plain text"), "plain text");
    EXPECT_EQ(quoted(""), "");
    EXPECT_EQ(quoted("a,b"), "\"a,b\"");
    EXPECT_EQ(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(quoted("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(quoted("cr\rhere"), "\"cr\rhere\"");
    EXPECT_EQ(quoted("caf\xC3\xA9 \xF0\x9F\x8D\xB5"), "caf\xC3\xA9 \xF0\x9F\x8D\xB5");
}

TEST(CsvAppendField, WhatIsWrittenReadsBack) {
    Fields tricky = {"a,b", "\"", "\"\"", "x\r\ny", "\n", "trailing space ", " \"lead", "\xE2\x9C\x93, ok"};
    std::string data;
    for (std::size_t i = 0; i < tricky.size(); ++i) {
        if (i) data += ',';
        csv_append_field(data, tricky[i]);
    }
    data += "\r\n";
    auto recs = read_all(data, 3);
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].fields, tricky);
}

}  // namespace
}  // namespace smolify::io
