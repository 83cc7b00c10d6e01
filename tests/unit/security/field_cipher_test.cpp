// Field encryption as an attacker with database access would probe it: moved, altered, truncated
// and re-keyed ciphertexts; plus rotation and blind indexes.
#include "security/field_cipher.h"

#include <gtest/gtest.h>

#include "security/encoding.h"

namespace haven::security {
namespace {

Secret master(uint8_t fill = 1) {
  Secret s(32);
  for (size_t i = 0; i < 32; ++i) s.data()[i] = static_cast<uint8_t>(size_t{fill} * 31 + i);
  return s;
}

std::shared_ptr<const KeyRing> ring(uint32_t active, uint32_t oldest = 1, uint8_t fill = 1) {
  auto r = KeyRing::derive(master(fill), active, oldest);
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return std::make_shared<const KeyRing>(std::move(r.value()));
}

const AssociatedData kRow1{"cases", "narrative", "0190b6c1-0000-7000-8000-000000000001"};
const AssociatedData kRow2{"cases", "narrative", "0190b6c1-0000-7000-8000-000000000002"};

TEST(FieldCipher, RoundTripsTextWithDiacriticsAndEmptyValues) {
  FieldCipher fc(ring(1));
  for (std::string_view text : {"Bērziņa told the school nurse about bruises.", "", "Щербаков"}) {
    auto ct = fc.encrypt(text, kRow1);
    ASSERT_TRUE(ct.ok());
    EXPECT_EQ(ct->size(), text.size() + kFieldCipherOverhead);
    auto pt = fc.decrypt(*ct, kRow1);
    ASSERT_TRUE(pt.ok()) << pt.error().message;
    EXPECT_EQ(pt->view(), text);
  }
}

TEST(FieldCipher, CiphertextHidesThePlaintextAndNeverRepeats) {
  FieldCipher fc(ring(1));
  auto a = fc.encrypt("identity 19121212-1212", kRow1);
  auto b = fc.encrypt("identity 19121212-1212", kRow1);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b) << "random nonce per encryption";
  std::string bytes(a->begin(), a->end());
  EXPECT_EQ(bytes.find("19121212"), std::string::npos);
}

TEST(FieldCipher, HeaderNamesVersionAndKeyId) {
  FieldCipher fc(ring(7, 1));
  auto ct = fc.encrypt("x", kRow1);
  ASSERT_TRUE(ct.ok());
  EXPECT_EQ((*ct)[0], kFieldCipherVersion);
  EXPECT_EQ(FieldCipher::key_id_of(*ct), 7u);
}

TEST(FieldCipher, CiphertextCopiedToAnotherRowFailsAndSaysSo) {
  FieldCipher fc(ring(1));
  auto ct = fc.encrypt("a narrative", kRow1);
  ASSERT_TRUE(ct.ok());
  auto moved = fc.decrypt(*ct, kRow2);
  ASSERT_FALSE(moved.ok());
  EXPECT_NE(moved.error().message.find("does not belong to cases.narrative of this row"),
            std::string::npos)
      << moved.error().message;
  EXPECT_EQ(moved.error().message.find("a narrative"), std::string::npos)
      << "no plaintext in errors";
}

TEST(FieldCipher, CiphertextCopiedToAnotherColumnOrTableFails) {
  FieldCipher fc(ring(1));
  auto ct = fc.encrypt("a note", kRow1);
  ASSERT_TRUE(ct.ok());
  EXPECT_FALSE(fc.decrypt(*ct, {"cases", "health_details", kRow1.row_id}).ok());
  EXPECT_FALSE(fc.decrypt(*ct, {"notes", "narrative", kRow1.row_id}).ok());
  // The separators make the boundaries unambiguous: ("ab","c") is not ("a","bc").
  auto ab = fc.encrypt("x", {"ab", "c", "1"});
  ASSERT_TRUE(ab.ok());
  EXPECT_FALSE(fc.decrypt(*ab, {"a", "bc", "1"}).ok());
}

TEST(FieldCipher, EveryFlippedByteIsDetected) {
  FieldCipher fc(ring(2));
  auto ct = fc.encrypt("sensitive health detail", kRow1);
  ASSERT_TRUE(ct.ok());
  for (size_t i = 0; i < ct->size(); ++i) {
    std::vector<uint8_t> bad = *ct;
    bad[i] ^= 0x01;
    EXPECT_FALSE(fc.decrypt(bad, kRow1).ok()) << "byte " << i;
  }
}

TEST(FieldCipher, TruncatedOrForeignValuesAreRefused) {
  FieldCipher fc(ring(1));
  auto ct = fc.encrypt("abc", kRow1);
  ASSERT_TRUE(ct.ok());
  std::vector<uint8_t> cut(ct->begin(), ct->end() - 1);
  EXPECT_FALSE(fc.decrypt(cut, kRow1).ok());
  std::vector<uint8_t> header_only(ct->begin(), ct->begin() + 10);
  auto r = fc.decrypt(header_only, kRow1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not a haven ciphertext"), std::string::npos);
  std::string plain = "plaintext that was never encrypted, long enough to pass the size check";
  EXPECT_FALSE(fc.decrypt(std::vector<uint8_t>(plain.begin(), plain.end()), kRow1).ok());
}

TEST(FieldCipher, UnknownKeyIdIsNamed) {
  FieldCipher newer(ring(3));
  auto ct = newer.encrypt("written after a rotation", kRow1);
  ASSERT_TRUE(ct.ok());
  FieldCipher stale(ring(2));
  auto r = stale.decrypt(*ct, kRow1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message.find("key id 3"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("1–2"), std::string::npos);
}

TEST(FieldCipher, WrongMasterKeyCannotDecrypt) {
  FieldCipher right(ring(1, 1, 1));
  FieldCipher wrong(ring(1, 1, 2));
  auto ct = right.encrypt("secret", kRow1);
  ASSERT_TRUE(ct.ok());
  EXPECT_FALSE(wrong.decrypt(*ct, kRow1).ok());
}

TEST(FieldCipher, RotationReencryptsUnderTheActiveKey) {
  FieldCipher before(ring(1));
  auto old_ct = before.encrypt("kept across rotation", kRow1);
  ASSERT_TRUE(old_ct.ok());
  FieldCipher after(ring(2));
  EXPECT_TRUE(after.needs_reencryption(*old_ct));
  auto new_ct = after.reencrypt(*old_ct, kRow1);
  ASSERT_TRUE(new_ct.ok());
  EXPECT_EQ(FieldCipher::key_id_of(*new_ct), 2u);
  EXPECT_FALSE(after.needs_reencryption(*new_ct));
  auto pt = after.decrypt(*new_ct, kRow1);
  ASSERT_TRUE(pt.ok());
  EXPECT_EQ(pt->view(), "kept across rotation");
  // Both old and new ciphertexts stay readable during the rotation.
  EXPECT_TRUE(after.decrypt(*old_ct, kRow1).ok());
  // Once key 1 is retired, the old ciphertext names a key the ring no longer holds.
  FieldCipher retired(ring(2, 2));
  auto gone = retired.decrypt(*old_ct, kRow1);
  ASSERT_FALSE(gone.ok());
  EXPECT_NE(gone.error().message.find("key id 1"), std::string::npos);
  EXPECT_FALSE(retired.needs_reencryption(std::vector<uint8_t>{1, 2, 3}))
      << "malformed: not rotatable";
}

TEST(FieldCipher, NulInAssociatedDataIsRefused) {
  FieldCipher fc(ring(1));
  std::string with_nul("ca\0ses", 6);
  EXPECT_FALSE(fc.encrypt("x", {with_nul, "narrative", "1"}).ok());
  EXPECT_FALSE(fc.encrypt("x", {"cases", "narrative", ""}).ok());
}

TEST(BlindIndex, EqualForTheSameNumberHoweverItWasTyped) {
  auto r = ring(1);
  BlindIndex bix(*r);
  auto a = normalize_identity_number("19121212-1212");
  auto b = normalize_identity_number(" 1912 1212 1212 ");
  auto c = normalize_identity_number(
      "19121212\xE2\x80\x93"
      "1212");  // en dash
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(*a, "191212121212");
  EXPECT_EQ(bix.compute("national_id", *a), bix.compute("national_id", *b));
  EXPECT_EQ(bix.compute("national_id", *a), bix.compute("national_id", *c));
  auto p = normalize_identity_number("ab-123.456");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, "AB123456");
}

TEST(BlindIndex, DiffersByKindValueAndKey) {
  auto r1 = ring(1, 1, 1);
  auto r2 = ring(1, 1, 2);
  BlindIndex one(*r1), two(*r2);
  std::string idx = one.compute("national_id", "191212121212");
  EXPECT_EQ(idx.size(), 64u);
  EXPECT_NE(idx, one.compute("passport", "191212121212"));
  EXPECT_NE(idx, one.compute("national_id", "191212121213"));
  EXPECT_NE(idx, two.compute("national_id", "191212121212")) << "keyed: useless without the key";
  EXPECT_NE(one.compute("ab", "c"), one.compute("a", "bc")) << "length-prefixed parts";
  // Rotating data keys leaves blind indexes unchanged (look-ups keep working mid-rotation).
  auto rotated = ring(5, 1, 1);
  EXPECT_EQ(idx, BlindIndex(*rotated).compute("national_id", "191212121212"));
}

TEST(BlindIndex, NormaliserRejectsEmptyAndInvalidInput) {
  EXPECT_FALSE(normalize_identity_number("").ok());
  EXPECT_FALSE(normalize_identity_number(" - . ").ok());
  EXPECT_FALSE(normalize_identity_number("12\xC0\xAF").ok());
}

}  // namespace
}  // namespace haven::security
