// The Fellegi–Sunter match model: for each field a small set of agreement levels, and for each
// level the probability m of seeing it in a true match and u in a non-match. A pair's match weight
// is the sum over fields of log2(m/u) at the levels observed (missing fields add nothing), plus a
// term-frequency adjustment where a name agrees: log2(chance two random records agree on the
// field / share of records with this value), so a rare name agreeing counts more than "Jensen".
// m, u and the share of matches are estimated from candidate pairs by EM (no labelled data).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "search/birth_date_agreement.h"
#include "search/match_explanation.h"
#include "search/name_agreement.h"

namespace haven::search {

inline constexpr std::array<size_t, kMatchFieldCount> kFieldLevels = {kNameLevels, kNameLevels,
                                                                      kDateAgreementLevels, 2};
inline constexpr size_t kMaxLevels = 6;
inline constexpr uint8_t kMissingLevel = 255;

// The observed levels of one pair, kMissingLevel where a field is missing on either side.
struct ComparisonVector {
  std::array<uint8_t, kMatchFieldCount> level{kMissingLevel, kMissingLevel, kMissingLevel,
                                              kMissingLevel};
};

// How common the agreeing value of a field is, for the term-frequency adjustment: `share` of
// records having it (0: no adjustment), `chance` that two random records agree on such a value.
// For names agreeing exactly the value is the name's stem; for phonetic or typo-level agreement
// it is the phonetic key, so "Jensen ~ Jansen" counts for less than "Schtscherbakow ~
// Szczerbakow". For birth dates it is the date: 1 January of an estimated year is shared by many.
struct ValueFrequency {
  double share = 0;
  double chance = 0;
};

// Everything known about how two records agree: levels with their reasons, and what the
// term-frequency adjustment needs.
struct Comparison {
  FieldAgreement family;
  FieldAgreement given;
  DateAgreement birth_date = DateAgreement::kMissing;
  uint8_t sex = kMissingLevel;  // 0 agrees, 1 differs
  bool names_swapped = false;

  ComparisonVector vector() const;
};

struct EmOptions {
  int max_iterations = 2000;
  double tolerance = 1e-9;  // stop when no probability moves more than this
  // Per field: keep u as it is (estimated from random pairs) and fit only m. A field the
  // training pairs were blocked on must keep u free: blocking made its non-matches agree.
  std::array<bool, kMatchFieldCount> fix_u{};
  // Per field: keep m as it is (learnt in an earlier session).
  std::array<bool, kMatchFieldCount> fix_m{};
  double min_probability = 1e-4;
  // Pseudo-pairs pulling each estimate towards the model's values before EM (a Dirichlet prior),
  // so a level the data never shows (a year-shifted birth date among matches) keeps a plausible
  // probability instead of a near-zero one worth -20 bits.
  double prior_pairs = 50;
};

struct EmResult {
  int iterations = 0;
  bool converged = false;
  double match_share = 0;  // estimated share of matches among the pairs
};

// A value type: copy it to try another estimate. Const methods are thread-safe.
class MatchModel {
 public:
  // Starting values for the region's data, used before any estimate and as EM's starting point.
  MatchModel();

  double m(MatchField f, uint8_t level) const { return m_[idx(f)][level]; }
  double u(MatchField f, uint8_t level) const { return u_[idx(f)][level]; }
  void set(MatchField f, uint8_t level, double m, double u);
  double match_share() const { return lambda_; }
  void set_match_share(double share) { lambda_ = share; }
  // log2(m/u) of one level.
  double level_weight(MatchField f, uint8_t level) const;

  // Weight of a pair with no term-frequency adjustment.
  double weight(const ComparisonVector& v) const;
  // Weight with term-frequency adjustments (applied where a name agrees at level 0–3). Fills
  // `why` when not null.
  double weight(const Comparison& c, ValueFrequency family, ValueFrequency given,
                ValueFrequency birth_date = {}, MatchExplanation* why = nullptr) const;
  // The probability of a match for a weight, from the estimated share of matches, and the weight
  // at which a pair reaches a given probability.
  double match_probability(double weight) const;
  double weight_for_probability(double probability) const;

  // Fits m, u and the match share to comparison vectors by expectation–maximisation over the
  // distinct patterns (so a million pairs cost no more than their few hundred patterns).
  EmResult estimate(std::span<const ComparisonVector> pairs, EmOptions options = {});
  // Sets u from pairs of records drawn at random (almost all non-matches).
  void estimate_u(std::span<const ComparisonVector> random_pairs, double min_probability = 1e-6);

  // Bits subtracted when given and family names only agree crosswise.
  double swap_penalty = 1.0;
  // Bounds of the term-frequency adjustment, in bits.
  // Names cluster (siblings, an origin group), so a name rare in the whole index is less rare
  // among the children it is compared with; the bounds keep that from dominating the weight.
  double tf_min = -3.0, tf_max = 3.0;

  std::string describe() const;  // the m/u table, for reports

 private:
  static size_t idx(MatchField f) { return static_cast<size_t>(f); }
  void refresh();  // recomputes weights_ after m or u change
  std::array<std::array<double, kMaxLevels>, kMatchFieldCount> m_{};
  std::array<std::array<double, kMaxLevels>, kMatchFieldCount> u_{};
  double lambda_ = 0.01;
  std::array<std::array<double, kMaxLevels>, kMatchFieldCount> weights_{};  // log2(m/u)
};

}  // namespace haven::search
