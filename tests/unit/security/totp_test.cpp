// TOTP against RFC 6238's test vectors, the ±1 step window, replay detection, and the enrolment
// URI and QR code a person scans.
#include "security/totp.h"

#include <gtest/gtest.h>

#include <charconv>

#include "security/encoding.h"
#include "security/qr_svg.h"

namespace haven::security {
namespace {

const Secret& rfc_secret() {
  static const Secret s = Secret::copy_of(std::string_view("12345678901234567890"));
  return s;
}

core::Timestamp at_seconds(int64_t s) {
  return {s * 1000};
}

TEST(Totp, MatchesRfc6238Sha1TestVectorsWithEightDigits) {
  TotpParams eight;
  eight.digits = 8;
  const std::pair<int64_t, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [t, code] : vectors) {
    EXPECT_EQ(totp_code(rfc_secret(), totp_step(at_seconds(t), eight), eight).view(), code) << t;
  }
}

TEST(Totp, SixDigitCodeIsTheLastSixOfTheRfcVector) {
  EXPECT_EQ(totp_code(rfc_secret(), totp_step(at_seconds(59))).view(), "287082");
  EXPECT_EQ(totp_step(at_seconds(59)), 1);
  EXPECT_EQ(totp_step(at_seconds(60)), 2);
}

TEST(Totp, AcceptsTheCurrentCodeAndReportsItsStep) {
  core::Timestamp now = at_seconds(1'700'000'000);
  int64_t step = totp_step(now);
  Secret code = totp_code(rfc_secret(), step);
  TotpCheck c = verify_totp(rfc_secret(), code.view(), now, std::nullopt);
  EXPECT_EQ(c.outcome, TotpOutcome::kAccepted);
  EXPECT_EQ(c.matched_step, step);
}

TEST(Totp, VerifiesAtTheClocksTime) {
  core::ManualClock clock(at_seconds(1'700'000'000));
  Secret code = totp_code(rfc_secret(), totp_step(clock.now()));
  EXPECT_TRUE(verify_totp(rfc_secret(), code.view(), clock, std::nullopt).accepted());
  clock.advance_ms(int64_t{5} * 60 * 1000);  // five minutes later the code has expired
  EXPECT_EQ(verify_totp(rfc_secret(), code.view(), clock, std::nullopt).outcome,
            TotpOutcome::kWrong);
}

TEST(Totp, ToleratesOneStepOfClockDriftEitherWayButNotTwo) {
  core::Timestamp now = at_seconds(1'700'000'000);
  int64_t step = totp_step(now);
  for (int64_t delta : {-1, 1}) {
    Secret code = totp_code(rfc_secret(), step + delta);
    TotpCheck c = verify_totp(rfc_secret(), code.view(), now, std::nullopt);
    EXPECT_TRUE(c.accepted()) << delta;
    EXPECT_EQ(c.matched_step, step + delta);
  }
  for (int64_t delta : {-2, 2}) {
    Secret code = totp_code(rfc_secret(), step + delta);
    EXPECT_EQ(verify_totp(rfc_secret(), code.view(), now, std::nullopt).outcome,
              TotpOutcome::kWrong)
        << delta;
  }
}

TEST(Totp, ReplayOfTheSameStepIsDetected) {
  core::Timestamp now = at_seconds(1'700'000'000);
  Secret code = totp_code(rfc_secret(), totp_step(now));
  TotpCheck first = verify_totp(rfc_secret(), code.view(), now, std::nullopt);
  ASSERT_TRUE(first.accepted());
  // The service stores first.matched_step; an attacker who saw the code submits it 10 s later.
  TotpCheck again = verify_totp(rfc_secret(), code.view(), {now.ms + 10'000}, first.matched_step);
  EXPECT_EQ(again.outcome, TotpOutcome::kReplayed);
  // An older code (previous step) is a replay too once a newer one was used.
  Secret older = totp_code(rfc_secret(), totp_step(now) - 1);
  EXPECT_EQ(verify_totp(rfc_secret(), older.view(), now, first.matched_step).outcome,
            TotpOutcome::kReplayed);
  // The next step's code is fresh.
  core::Timestamp later{now.ms + 30'000};
  Secret next = totp_code(rfc_secret(), totp_step(later));
  EXPECT_TRUE(verify_totp(rfc_secret(), next.view(), later, first.matched_step).accepted());
}

TEST(Totp, WrongAndMalformedCodesAreRefused) {
  core::Timestamp now = at_seconds(1'700'000'000);
  Secret right = totp_code(rfc_secret(), totp_step(now));
  std::string wrong(right.view());
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  EXPECT_EQ(verify_totp(rfc_secret(), wrong, now, std::nullopt).outcome, TotpOutcome::kWrong);
  EXPECT_EQ(verify_totp(rfc_secret(), "12345", now, std::nullopt).outcome, TotpOutcome::kMalformed);
  EXPECT_EQ(verify_totp(rfc_secret(), "1234567", now, std::nullopt).outcome,
            TotpOutcome::kMalformed);
  EXPECT_EQ(verify_totp(rfc_secret(), "12a456", now, std::nullopt).outcome,
            TotpOutcome::kMalformed);
  EXPECT_EQ(verify_totp(rfc_secret(), "", now, std::nullopt).outcome, TotpOutcome::kMalformed);
  // People type codes as "287 082".
  std::string spaced =
      std::string(right.view().substr(0, 3)) + " " + std::string(right.view().substr(3));
  EXPECT_TRUE(verify_totp(rfc_secret(), spaced, now, std::nullopt).accepted());
}

TEST(Totp, AnotherUsersSecretDoesNotVerify) {
  core::Timestamp now = at_seconds(1'700'000'000);
  Secret mine = generate_totp_secret();
  Secret theirs = generate_totp_secret();
  ASSERT_EQ(mine.size(), 20u);
  Secret code = totp_code(mine, totp_step(now));
  // One in a million chance of a coincidental match per step; three steps are tried.
  EXPECT_NE(verify_totp(theirs, code.view(), now, std::nullopt).outcome, TotpOutcome::kAccepted);
}

TEST(Totp, GeneratedSecretsAreRandom) {
  EXPECT_NE(to_hex(generate_totp_secret().bytes()), to_hex(generate_totp_secret().bytes()));
}

TEST(TotpEnrollment, UriFollowsTheKeyUriFormatAndEncodesTheLabel) {
  Secret uri = otpauth_uri("anna berzina@lv", rfc_secret());
  EXPECT_EQ(uri.view(),
            "otpauth://totp/haven:anna%20berzina%40lv?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=haven&algorithm=SHA1&digits=6&period=30");
  Secret diacritics = otpauth_uri("Bērziņa", rfc_secret());
  EXPECT_NE(diacritics.view().find("haven:B%C4%93rzi%C5%86a?"), std::string_view::npos);
}

TEST(TotpEnrollment, Base32SecretRoundTripsAsAnAppWouldReadIt) {
  Secret s = generate_totp_secret();
  auto e = totp_enrollment("anna", s);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->secret_base32.size(), 32u);
  auto back = from_base32(e->secret_base32.view());
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(to_hex(*back), to_hex(s.bytes()));
  // A code computed from the decoded secret verifies against the original.
  core::Timestamp now = at_seconds(1'800'000'000);
  Secret app_secret = Secret::copy_of(std::span<const uint8_t>(*back));
  EXPECT_TRUE(
      verify_totp(s, totp_code(app_secret, totp_step(now)).view(), now, std::nullopt).accepted());
}

TEST(TotpEnrollment, QrCodeIsAnAccessibleSvgWithQuietZone) {
  auto e = totp_enrollment("anna", rfc_secret());
  ASSERT_TRUE(e.ok());
  std::string svg(e->qr_svg.view());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"QR code to add anna&#39;s sign-in codes"), std::string::npos);
  EXPECT_NE(svg.find("<title>"), std::string::npos);
  auto m = qr_encode(e->uri.view());
  ASSERT_TRUE(m.ok());
  int size = m->width + 8;
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) + "\""),
            std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

// The integer value of attribute `name` in an SVG tag, or -1.
int int_attribute(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t at = tag.find(key);
  if (at == std::string_view::npos) return -1;
  const char* first = tag.data() + at + key.size();
  int value = -1;
  auto [ptr, ec] = std::from_chars(first, tag.data() + tag.size(), value);
  return ec == std::errc() && ptr != first ? value : -1;
}

TEST(QrSvg, RectsCoverExactlyTheDarkModulesOffsetByTheQuietZone) {
  auto m = qr_encode("otpauth://totp/haven:x?secret=ABC");
  ASSERT_TRUE(m.ok());
  std::string svg = qr_matrix_svg(*m, "label");
  std::vector<bool> drawn(m->dark.size(), false);
  size_t rects = 0;
  for (size_t pos = svg.find("<rect x="); pos != std::string::npos;
       pos = svg.find("<rect x=", pos + 1)) {
    const size_t end = svg.find("/>", pos);
    ASSERT_NE(end, std::string::npos);
    const std::string_view tag = std::string_view(svg).substr(pos, end - pos);
    int x = int_attribute(tag, "x"), y = int_attribute(tag, "y"), w = int_attribute(tag, "width");
    ASSERT_EQ(int_attribute(tag, "height"), 1);
    ++rects;
    x -= 4;
    y -= 4;
    ASSERT_GE(x, 0);
    ASSERT_GE(y, 0);
    ASSERT_LE(x + w, m->width);
    for (int i = 0; i < w; ++i) {
      size_t idx =
          static_cast<size_t>(y) * static_cast<size_t>(m->width) + static_cast<size_t>(x + i);
      EXPECT_FALSE(drawn[idx]) << "overlapping rects";
      drawn[idx] = true;
    }
  }
  EXPECT_GT(rects, 0u);
  EXPECT_EQ(drawn, m->dark);
  // Finder pattern: the top-left 7×7 corner has a dark border.
  for (int i = 0; i < 7; ++i) {
    EXPECT_TRUE(m->is_dark(i, 0));
    EXPECT_TRUE(m->is_dark(0, i));
  }
}

TEST(QrSvg, LabelIsEscaped) {
  auto svg = qr_svg("x", "<script>\"&'");
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->find("<script>"), std::string::npos);
  EXPECT_NE(svg->find("&lt;script&gt;&quot;&amp;&#39;"), std::string::npos);
}

TEST(QrSvg, TooLongTextIsAnInputError) {
  auto svg = qr_svg(std::string(8000, 'x'), "label");
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.error().code, core::ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace haven::security
