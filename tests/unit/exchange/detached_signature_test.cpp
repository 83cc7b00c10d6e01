// Detached signatures as the regional hub checks them: a statement signed by a trusted authority
// verifies; one from an authority not on the list, for other content, with a forged signature, of
// another kind, or whose text was edited after signing does not, each with its own reason.
#include "exchange/detached_signature.h"

#include <gtest/gtest.h>

#include "exchange/instance_keys.h"
#include "exchange/trust_list.h"

namespace haven::exchange {
namespace {

class DetachedSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(trust_.add(se_.identity()).ok()); }
  InstanceKeys se_ = InstanceKeys::generate("SE", "Socialstyrelsen", "");
  InstanceKeys lv_ =
      InstanceKeys::generate("LV", "Valsts bērnu tiesību aizsardzības inspekcija", "");
  TrustList trust_;
  const std::string content_ = "STRUCTURE,STRUCTURE_ID\ndataflow,CBSS:CHILD_PROTECTION(1.0)\n";
};

TEST_F(DetachedSignatureTest, ASignatureByATrustedAuthoritySurvivesItsJson) {
  const auto sig = sign_detached("statistics-release", "2026", 1'790'000'000'000, content_, se_);
  auto parsed = DetachedSignature::parse(sig.to_json());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->signed_text(), sig.signed_text());
  const auto v = verify_detached(*parsed, "statistics-release", content_, trust_);
  EXPECT_EQ(v.problem, SignatureProblem::kNone) << v.message;
  ASSERT_NE(v.signer, nullptr);
  EXPECT_EQ(v.signer->authority, "Socialstyrelsen");
}

TEST_F(DetachedSignatureTest, EachWayOfGoingWrongHasItsReason) {
  const auto sig = sign_detached("statistics-release", "2026", 1'790'000'000'000, content_, se_);
  EXPECT_EQ(verify_detached(sig, "linkage-upload", content_, trust_).problem,
            SignatureProblem::kWrongKind);
  EXPECT_EQ(verify_detached(sig, "statistics-release", content_ + "x", trust_).problem,
            SignatureProblem::kDigestMismatch);
  const auto stranger = sign_detached("statistics-release", "2026", 1, content_, lv_);
  EXPECT_EQ(verify_detached(stranger, "statistics-release", content_, trust_).problem,
            SignatureProblem::kUnknownSigner);
  // Signed by LV's key, claiming SE's authority.
  auto forged = stranger;
  forged.country = "SE";
  forged.authority = "Socialstyrelsen";
  EXPECT_EQ(verify_detached(forged, "statistics-release", content_, trust_).problem,
            SignatureProblem::kBadSignature);
  // Another period written into a genuine statement.
  auto edited = sig;
  edited.subject = "2025";
  EXPECT_EQ(verify_detached(edited, "statistics-release", content_, trust_).problem,
            SignatureProblem::kBadSignature);
  // The right authority under another country is not the trusted one.
  auto other_country = sig;
  other_country.country = "LV";
  EXPECT_EQ(verify_detached(other_country, "statistics-release", content_, trust_).problem,
            SignatureProblem::kUnknownSigner);
  EXPECT_EQ(signature_problem_code(SignatureProblem::kBadSignature), "bad_signature");
}

TEST_F(DetachedSignatureTest, MalformedStatementsAreRefusedWithASentence) {
  EXPECT_FALSE(DetachedSignature::parse("not json").ok());
  EXPECT_FALSE(DetachedSignature::parse(R"({"format":"other"})").ok());
  auto sig = sign_detached("statistics-release", "2026", 1, content_, se_);
  sig.subject = "2026\nextra";
  auto parsed = DetachedSignature::parse(sig.to_json());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("line break"), std::string::npos);
  sig.subject = "2026";
  sig.digest = "abc";
  EXPECT_FALSE(DetachedSignature::parse(sig.to_json()).ok());
}

}  // namespace
}  // namespace haven::exchange
