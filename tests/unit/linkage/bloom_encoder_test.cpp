// The encoder: deterministic under one secret, unrelated under another, tolerant of the
// transliterations and registration errors cross-border cases bring, and strict about its input.
#include "linkage/bloom_encoder.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.h"

namespace haven::linkage {
namespace {

using testing::Child;
using testing::dice_of;
using testing::encode;
using testing::encoder;

TEST(BloomEncoder, SameInputAndSecretGiveTheSameEncoding) {
  const Child c("aleksandr", "shcherbakov", "2015-03-07", Sex::kMale);
  const EncodedRecord a = encode(encoder(1), c);
  const EncodedRecord b = encode(encoder(1), c);  // another encoder made from the same secret
  EXPECT_EQ(a.filter, b.filter);
  EXPECT_EQ(a.keys, b.keys);
  EXPECT_GT(a.filter.popcount(), 50u);
}

TEST(BloomEncoder, BatchEncodingEqualsSingleEncoding) {
  const BloomEncoder e = encoder();
  const std::vector<Child> children = {{"anna maria", "berzina", "2012-01-31"},
                                       {"anna", "berzina", "2012-01-31"},
                                       {"jonas", "petraitis", "2010-12-01", Sex::kMale},
                                       {"anna maria", "berzina", "2012-01-31"},
                                       {"mohammed", "al hassan", nullptr, Sex::kMale}};
  std::vector<LinkageFields> fields;
  for (const auto& c : children) fields.push_back(c.fields());
  std::vector<EncodedRecord> out(fields.size());
  EXPECT_TRUE(e.encode_batch(fields, out).empty());
  for (size_t i = 0; i < children.size(); ++i) {
    const EncodedRecord single = encode(e, children[i]);
    EXPECT_EQ(out[i].filter, single.filter) << i;
    EXPECT_EQ(out[i].keys, single.keys) << i;
  }
}

TEST(BloomEncoder, BatchReportsRecordsItCannotEncode) {
  const BloomEncoder e = encoder();
  const Child good("anna", "berzina", "2012-01-31"), nameless("", " ", "2012-01-31");
  const std::vector<LinkageFields> fields = {good.fields(), nameless.fields(), good.fields()};
  std::vector<EncodedRecord> out(3);
  EXPECT_EQ(e.encode_batch(fields, out), std::vector<size_t>{1});
  EXPECT_EQ(out[1].filter.popcount(), 0u);
  EXPECT_EQ(out[1].keys, BlockingKeys{});
  EXPECT_EQ(out[2].filter, out[0].filter);
}

// Under another secret the same child's filter is no more like its first encoding than an
// unrelated child's filter is: the bits say nothing without the key.
TEST(BloomEncoder, AnotherSecretGivesUncorrelatedEncodings) {
  const BloomEncoder e1 = encoder(1), e2 = encoder(2);
  const char* given[] = {"anna", "jonas", "maria", "oleksandr", "sofia", "ali", "emils", "olga"};
  const char* family[] = {"berzina",   "petraitis", "kowalska", "shevchenko",
                          "andersson", "hassan",    "ozols",    "ivanova"};
  double same = 0, unrelated = 0;
  int n = 0;
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) {
      const Child c(given[i], family[j], "2014-05-17");
      const Child other(given[(i + 3) % 8], family[(j + 5) % 8], "2009-11-02");
      const EncodedRecord a = encode(e1, c), b = encode(e2, c), u = encode(e2, other);
      same += dice(a.filter, b.filter);
      unrelated += dice(a.filter, u.filter);
      ++n;
      for (size_t p = 0; p < kBlockingPasses; ++p) EXPECT_NE(a.keys[p], b.keys[p]);
    }
  }
  same /= n;
  unrelated /= n;
  EXPECT_LT(same, 0.35);
  EXPECT_NEAR(same, unrelated, 0.03);
  // And under one secret the same child is identical while the unrelated one stays low.
  EXPECT_DOUBLE_EQ(
      dice_of(e1, Child("anna", "berzina", "2014-05-17"), Child("anna", "berzina", "2014-05-17")),
      1.0);
}

TEST(BloomEncoder, TransliterationVariantsScoreHigh) {
  const BloomEncoder e = encoder();
  // One boy as Russian (English), Latvian, Polish and German officials write him. The German
  // spelling is the farthest from the Latvian one (0.69 with the default parameters, below the
  // default threshold: only a normalizer that transliterates both to one form closes that gap).
  const std::vector<Child> forms = {{"aleksandr", "shcherbakov", "2013-04-22", Sex::kMale},
                                    {"aleksandrs", "scerbakovs", "2013-04-22", Sex::kMale},
                                    {"aleksander", "szczerbakow", "2013-04-22", Sex::kMale},
                                    {"alexander", "schtscherbakow", "2013-04-22", Sex::kMale}};
  const Child unrelated("jonas", "petraitis", "2013-04-22", Sex::kMale);
  double sum = 0;
  int pairs = 0;
  for (size_t i = 0; i < forms.size(); ++i) {
    EXPECT_LT(dice_of(e, forms[i], unrelated), 0.5) << forms[i].family;
    for (size_t j = i + 1; j < forms.size(); ++j) {
      const double d = dice_of(e, forms[i], forms[j]);
      EXPECT_GE(d, 0.65) << forms[i].family << " / " << forms[j].family;
      sum += d;
      ++pairs;
    }
  }
  EXPECT_GE(sum / pairs, 0.75);
  // Neighbouring conventions clear the default threshold (0.77).
  EXPECT_GE(dice_of(e, forms[0], forms[1]), 0.77);
  EXPECT_GE(dice_of(e, forms[0], forms[2]), 0.77);
  EXPECT_GE(dice_of(e, Child("yulia", "kravchenko", "2016-09-01"),
                    Child("julija", "kravcenko", "2016-09-01")),
            0.77);
}

TEST(BloomEncoder, UnrelatedNamesScoreLowEvenOnTheSameBirthDate) {
  const BloomEncoder e = encoder();
  const Child a("aleksandr", "shcherbakov", "2013-04-22", Sex::kMale);
  EXPECT_LT(dice_of(e, a, Child("jonas", "petraitis", "2013-04-22", Sex::kMale)), 0.6);
  EXPECT_LT(dice_of(e, a, Child("mohammed", "al hassan", "2013-04-22", Sex::kMale)), 0.6);
  // The same name on another date is a different child, and scores below the threshold.
  EXPECT_LT(dice_of(e, a, Child("aleksandr", "shcherbakov", "2013-09-02", Sex::kMale)), 0.77);
}

TEST(BloomEncoder, SwappedGivenAndFamilyNamesStillMatch) {
  const BloomEncoder e = encoder();
  const Child a("ahmad", "karimi", "2011-06-30", Sex::kMale);
  const Child b("karimi", "ahmad", "2011-06-30", Sex::kMale);
  EXPECT_DOUBLE_EQ(dice_of(e, a, b), 1.0);
}

TEST(BloomEncoder, DayAndMonthSwappedScoresAboveAnotherDate) {
  const BloomEncoder e = encoder();
  const Child a("darta", "liepina", "2009-03-09");
  const double swapped = dice_of(e, a, Child("darta", "liepina", "2009-09-03"));
  const double other = dice_of(e, a, Child("darta", "liepina", "2009-09-04"));
  EXPECT_GE(swapped, 0.77);
  EXPECT_GT(swapped, other + 0.1);
}

TEST(BloomEncoder, SaltSeparatesIdenticalNames) {
  const BloomEncoder e = encoder();
  const Child c("anna", "berzina", "2012-01-31");
  LinkageFields f1 = c.fields(), f2 = c.fields();
  f1.salt = "2012";
  f2.salt = "2013";
  EncodedRecord r1, r2;
  ASSERT_TRUE(e.encode_into(f1, r1).ok());
  ASSERT_TRUE(e.encode_into(f2, r2).ok());
  EXPECT_LT(dice(r1.filter, r2.filter), 0.4);
}

TEST(BloomEncoder, MissingBirthDateStillEncodesWithNameKeysOnly) {
  const BloomEncoder e = encoder();
  const EncodedRecord r = encode(e, Child("ali", "hassan", nullptr, Sex::kMale));
  EXPECT_EQ(r.keys[0], 0u);
  EXPECT_EQ(r.keys[1], 0u);
  EXPECT_EQ(r.keys[2], 0u);
  EXPECT_NE(r.keys[3], 0u);
  // A missing date costs less than a wrong one: the names still carry the pair.
  const Child dated("oleksandra", "kovalenko", "2012-01-01");
  const double missing = dice_of(e, Child("oleksandra", "kovalenko", nullptr), dated);
  const double wrong = dice_of(e, Child("oleksandra", "kovalenko", "2012-05-17"), dated);
  EXPECT_GT(missing, wrong + 0.05);
  EXPECT_GE(missing, 0.77);
}

TEST(BloomEncoder, TransliterationVariantsShareANameBlock) {
  const BloomEncoder e = encoder();
  const EncodedRecord a = encode(e, Child("aleksandr", "shcherbakov", "2013-04-22", Sex::kMale));
  const EncodedRecord b = encode(e, Child("aleksandrs", "scerbakovs", "2013-04-22", Sex::kMale));
  EXPECT_EQ(a.keys[0], b.keys[0]);  // same date
  EXPECT_EQ(a.keys[1], b.keys[1]);  // same family sound code and year
  EXPECT_EQ(a.keys[3], b.keys[3]);
  const EncodedRecord girl = encode(e, Child("aleksandra", "scerbakova", "2013-04-22"));
  EXPECT_NE(a.keys[0], girl.keys[0]);  // sex is part of every key
}

TEST(BloomEncoder, BlipNoiseIsDeterministicAndFlipsAboutTheRequestedShare) {
  EncoderParams plain, noisy;
  noisy.blip_flip = 3277;  // 5 %
  const BloomEncoder e0 = encoder(1, plain), e1 = encoder(1, noisy);
  size_t flipped = 0, records = 0;
  for (const char* family : {"berzina", "ozola", "kalnina", "liepina", "jansone", "petrova"}) {
    const Child c("anna", family, "2012-01-31");
    const EncodedRecord a = encode(e1, c), b = encode(e1, c), base = encode(e0, c);
    EXPECT_EQ(a.filter, b.filter);
    for (size_t w = 0; w < kFilterWords; ++w)
      flipped += static_cast<size_t>(std::popcount(a.filter.words[w] ^ base.filter.words[w]));
    ++records;
  }
  const double share = static_cast<double>(flipped) / (records * kFilterBits);
  EXPECT_NEAR(share, 0.05, 0.015);
}

TEST(BloomEncoder, XorFoldingChangesTheBitsNotTheSimilarity) {
  EncoderParams unfolded;
  unfolded.xor_fold = false;
  const BloomEncoder folded = encoder(1), plain = encoder(1, unfolded);
  const Child a("oleksandr", "humeniuk", "2011-03-05", Sex::kMale);
  const Child b("oleksandrs", "humenjuks", "2011-03-05", Sex::kMale);
  EXPECT_NE(encode(folded, a).filter, encode(plain, a).filter);
  EXPECT_NEAR(dice_of(folded, a, b), dice_of(plain, a, b), 0.1);
}

TEST(BloomEncoder, RejectsInputItCannotLinkOn) {
  const BloomEncoder e = encoder();
  EXPECT_FALSE(testing::try_encode(e, Child("", "", "2012-01-31").fields()).ok());
  EXPECT_FALSE(testing::try_encode(e, Child("\xff\xfe", "berzina", "2012-01-31").fields()).ok());
  const Child anna("anna", "berzina", "2012-01-31");
  LinkageFields f = anna.fields();
  const std::string long_salt(256, 's');
  f.salt = long_salt;
  const auto r = testing::try_encode(e, f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
  // Family name alone is enough.
  EXPECT_TRUE(testing::try_encode(e, Child("", "berzina", nullptr).fields()).ok());
}

TEST(BloomEncoder, RejectsParametersOutOfRange) {
  EncoderParams p;
  p.k_family = 33;
  EXPECT_FALSE(BloomEncoder::create(testing::secret(), p).ok());
  p = {};
  p.k_given = p.k_family = 0;
  EXPECT_FALSE(BloomEncoder::create(testing::secret(), p).ok());
  p = {};
  p.blip_flip = 20000;
  EXPECT_FALSE(BloomEncoder::create(testing::secret(), p).ok());
}

TEST(LinkageSecret, RejectsWrongLengthAndConstantBytes) {
  const std::vector<uint8_t> short_key(16, 7), constant(32, 0);
  EXPECT_FALSE(LinkageSecret::from_bytes(short_key).ok());
  EXPECT_FALSE(LinkageSecret::from_bytes(constant).ok());
  const LinkageSecret a = LinkageSecret::generate(), b = LinkageSecret::generate();
  EXPECT_NE(a.fingerprint(), b.fingerprint());
  EXPECT_NE(a.bloom_key(), a.blocking_key());
}

TEST(LinkageSecret, MovedFromSecretIsWiped) {
  LinkageSecret a = testing::secret();
  const uint64_t fp = a.fingerprint();
  LinkageSecret b = std::move(a);
  EXPECT_EQ(b.fingerprint(), fp);
  EXPECT_EQ(a.fingerprint(), 0u);  // NOLINT(bugprone-use-after-move): checking the wipe
  EXPECT_EQ(a.bloom_key(), (std::array<uint8_t, 32>{}));
}

}  // namespace
}  // namespace haven::linkage
