// The encoding file: what goes in comes out, no name or date is readable in it, and every kind of
// damaged or foreign file is refused with a reason.
#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "linkage/encoding_set.h"
#include "test_support.h"

namespace haven::linkage {
namespace {

using testing::Child;

// References in descending order, so the file (written in ascending order) reorders them.
EncodingSet sample_set(const BloomEncoder& e, const std::vector<Child>& children) {
  EncodingSet set({e.params(), e.key_fingerprint()});
  uint64_t ref = 0xF234567890ABCDEFull;
  for (const Child& c : children) set.add(ref -= 0x0123456789ABCDEull, testing::encode(e, c));
  return set;
}

const std::vector<Child>& children() {
  static const std::vector<Child> c = {{"aleksandr", "shcherbakov", "2013-04-22", Sex::kMale},
                                       {"Anna-Lena", "Bērziņa", "2012-01-31"},
                                       {"mohammed", "abdirahman", nullptr, Sex::kMale},
                                       {"Þórunn", "Jónsdóttir", "2019-12-24"},
                                       {"karolina", "kazlauskaite", "2010-06-15"}};
  return c;
}

// Re-seals a modified file so that only the change under test is wrong.
void reseal(std::string& bytes) {
  const size_t body = bytes.size() - kEncodingTrailerBytes;
  crypto_generichash(reinterpret_cast<uint8_t*>(bytes.data()) + body, kEncodingTrailerBytes,
                     reinterpret_cast<const uint8_t*>(bytes.data()), body, nullptr, 0);
}

std::string message_of(const core::Result<EncodingSet>& r) {
  return r.ok() ? std::string("(accepted)") : r.error().message;
}

TEST(EncodingFile, RoundTripsEveryField) {
  const BloomEncoder e = testing::encoder();
  const EncodingSet set = sample_set(e, children());
  const std::string bytes = serialize_encodings(set);
  EXPECT_EQ(bytes.size(),
            kEncodingHeaderBytes + set.size() * kEncodingRecordBytes + kEncodingTrailerBytes);
  const auto back = parse_encodings(bytes);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->header(), set.header());
  ASSERT_EQ(back->size(), set.size());
  for (size_t i = 0; i < set.size(); ++i) {
    const size_t j = set.size() - 1 - i;  // written in ascending reference order
    EXPECT_EQ(back->ref(i), set.ref(j));
    EXPECT_EQ(back->filter(i), set.filter(j));
    EXPECT_EQ(back->keys(i), set.keys(j));
    EXPECT_EQ(back->popcount(i), set.popcount(j));
  }
  const auto empty = parse_encodings(serialize_encodings(EncodingSet(set.header())));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0u);
}

TEST(EncodingFile, ContainsNoPlaintextNameOrDate) {
  const BloomEncoder e = testing::encoder();
  const std::string bytes = serialize_encodings(sample_set(e, children()));
  for (const Child& c : children()) {
    for (const std::string& s : {c.given, c.family}) {
      EXPECT_EQ(bytes.find(s), std::string::npos) << s;
      for (size_t i = 0; i + 4 <= s.size(); ++i)  // nor any 4-byte piece of it
        EXPECT_EQ(bytes.find(s.substr(i, 4)), std::string::npos) << s.substr(i, 4);
    }
    if (c.birth) {
      EXPECT_EQ(bytes.find(c.birth->to_string()), std::string::npos);
    }
  }
  for (const char* s : {"shch", "2013", "2012", "berz", "Bērz"})
    EXPECT_EQ(bytes.find(s), std::string::npos) << s;
}

TEST(EncodingFile, RefusesAFileThatIsNotOne) {
  EXPECT_NE(message_of(parse_encodings("")).find("not a usable"), std::string::npos);
  EXPECT_NE(message_of(parse_encodings(std::string(200, 'x'))).find("header"), std::string::npos);
  std::string bytes = serialize_encodings(sample_set(testing::encoder(), children()));
  bytes[0] = 'X';
  EXPECT_FALSE(parse_encodings(bytes).ok());
}

TEST(EncodingFile, RefusesAnotherVersion) {
  std::string bytes = serialize_encodings(sample_set(testing::encoder(), children()));
  bytes[8] = 2;  // format version
  reseal(bytes);
  EXPECT_NE(message_of(parse_encodings(bytes)).find("version 2"), std::string::npos);
}

TEST(EncodingFile, RefusesTruncationAndAppendedBytes) {
  const std::string bytes = serialize_encodings(sample_set(testing::encoder(), children()));
  std::string cut = bytes.substr(0, bytes.size() - 100);
  EXPECT_NE(message_of(parse_encodings(cut)).find("truncated"), std::string::npos);
  std::string longer = bytes + std::string(kEncodingRecordBytes, '\0');
  EXPECT_NE(message_of(parse_encodings(longer)).find("announces 5 records"), std::string::npos);
}

TEST(EncodingFile, RefusesDamagedBytes) {
  std::string bytes = serialize_encodings(sample_set(testing::encoder(), children()));
  bytes[kEncodingHeaderBytes + 50] ^= 0x01;  // one bit of one filter
  EXPECT_NE(message_of(parse_encodings(bytes)).find("checksum"), std::string::npos);
}

TEST(EncodingFile, RefusesParametersOutOfRangeAndUnknownFlags) {
  std::string bytes = serialize_encodings(sample_set(testing::encoder(), children()));
  std::string k = bytes;
  k[13] = 40;  // k_given
  reseal(k);
  EXPECT_NE(message_of(parse_encodings(k)).find("at most 32"), std::string::npos);
  std::string flags = bytes;
  flags[19] = 7;  // XOR-fold flag
  reseal(flags);
  EXPECT_NE(message_of(parse_encodings(flags)).find("unknown flags"), std::string::npos);
}

TEST(EncodingFile, RefusesRepeatedReferences) {
  std::string bytes = serialize_encodings(sample_set(testing::encoder(), children()));
  // Copy record 0's reference over record 1's.
  bytes.replace(kEncodingHeaderBytes + kEncodingRecordBytes, 8, bytes, kEncodingHeaderBytes, 8);
  reseal(bytes);
  EXPECT_NE(message_of(parse_encodings(bytes)).find("repeats a reference"), std::string::npos);
}

}  // namespace
}  // namespace haven::linkage
