// Weights, explanation and EM. EM runs on pattern counts: each distinct comparison vector once,
// weighted by how often it occurs.
#include "search/match_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace haven::search {
namespace {

// Patterns are numbered in mixed radix, each field's digit being its level or "missing".
constexpr size_t kPatternCount =
    (kNameLevels + 1) * (kNameLevels + 1) * (kDateAgreementLevels + 1) * 3;

size_t pattern_of(const ComparisonVector& v) {
  size_t p = 0;
  for (size_t f = 0; f < kMatchFieldCount; ++f) {
    const size_t digit = v.level[f] == kMissingLevel ? kFieldLevels[f] : v.level[f];
    p = p * (kFieldLevels[f] + 1) + digit;
  }
  return p;
}

ComparisonVector vector_of(size_t p) {
  ComparisonVector v;
  for (size_t f = kMatchFieldCount; f-- > 0;) {
    const size_t radix = kFieldLevels[f] + 1;
    const size_t digit = p % radix;
    p /= radix;
    v.level[f] = digit == kFieldLevels[f] ? kMissingLevel : static_cast<uint8_t>(digit);
  }
  return v;
}

void normalise(std::array<double, kMaxLevels>& p, size_t n, double floor) {
  for (int pass = 0; pass < 2; ++pass) {
    double sum = 0;
    for (size_t l = 0; l < n; ++l) sum += p[l];
    if (sum <= 0) return;
    for (size_t l = 0; l < n; ++l) p[l] = std::max(p[l] / sum, floor);
  }
}

}  // namespace

ComparisonVector Comparison::vector() const {
  ComparisonVector v;
  v.level[0] = family.level;
  v.level[1] = given.level;
  v.level[2] =
      birth_date == DateAgreement::kMissing ? kMissingLevel : static_cast<uint8_t>(birth_date);
  v.level[3] = sex;
  return v;
}

MatchModel::MatchModel() {
  // Rough values for generated and real registers alike; EM replaces them.
  m_[0] = {0.82, 0.07, 0.04, 0.04, 0.02, 0.01};
  u_[0] = {0.004, 0.002, 0.006, 0.006, 0.03, 0.952};
  m_[1] = {0.82, 0.05, 0.04, 0.04, 0.03, 0.02};
  u_[1] = {0.006, 0.003, 0.01, 0.006, 0.03, 0.945};
  m_[2] = {0.88, 0.03, 0.02, 0.02, 0.02, 0.03};
  u_[2] = {0.0003, 0.0002, 0.0006, 0.005, 0.05, 0.9439};
  m_[3] = {0.98, 0.02, 0, 0, 0, 0};
  u_[3] = {0.5, 0.5, 0, 0, 0, 0};
  refresh();
}

void MatchModel::set(MatchField f, uint8_t level, double m, double u) {
  m_[idx(f)][level] = m;
  u_[idx(f)][level] = u;
  refresh();
}

double MatchModel::level_weight(MatchField f, uint8_t level) const {
  return weights_[idx(f)][level];
}

void MatchModel::refresh() {
  for (size_t f = 0; f < kMatchFieldCount; ++f) {
    for (size_t l = 0; l < kFieldLevels[f]; ++l) {
      weights_[f][l] = m_[f][l] > 0 && u_[f][l] > 0 ? std::log2(m_[f][l] / u_[f][l]) : 0.0;
    }
  }
}

double MatchModel::weight(const ComparisonVector& v) const {
  double w = 0;
  for (size_t f = 0; f < kMatchFieldCount; ++f) {
    if (v.level[f] != kMissingLevel) w += level_weight(static_cast<MatchField>(f), v.level[f]);
  }
  return w;
}

double MatchModel::weight(const Comparison& c, ValueFrequency family, ValueFrequency given,
                          ValueFrequency birth_date, MatchExplanation* why) const {
  const ComparisonVector v = c.vector();
  double total = 0;
  if (why) {
    why->fields.clear();
    why->names_swapped = c.names_swapped;
    why->swap_penalty = c.names_swapped ? swap_penalty : 0;
  }
  for (size_t f = 0; f < kMatchFieldCount; ++f) {
    const auto field = static_cast<MatchField>(f);
    FieldEvidence e;
    e.field = field;
    e.missing = v.level[f] == kMissingLevel;
    if (!e.missing) {
      e.level = v.level[f];
      e.weight = level_weight(field, e.level);
      const FieldAgreement* name = f == 0 ? &c.family : f == 1 ? &c.given : nullptr;
      if (name) {
        e.reason = static_cast<uint8_t>(name->reason);
        e.fewer_words = name->fewer_words;
        const ValueFrequency& tf = f == 0 ? family : given;
        if (e.level <= 3 && tf.share > 0 && tf.chance > 0) {
          e.tf_adjustment = std::clamp(std::log2(tf.chance / tf.share), tf_min, tf_max);
          e.weight += e.tf_adjustment;
        }
      } else if (field == MatchField::kBirthDate) {
        e.reason = static_cast<uint8_t>(c.birth_date);
        // Only downwards: a date few children share is no rarer than dates are.
        if (e.level <= 2 && birth_date.share > 0 && birth_date.chance > 0) {
          e.tf_adjustment =
              std::clamp(std::log2(birth_date.chance / birth_date.share), tf_min, 0.0);
          e.weight += e.tf_adjustment;
        }
      } else {
        e.reason = c.sex;
      }
      total += e.weight;
    }
    if (why) why->fields.push_back(e);
  }
  if (c.names_swapped) total -= swap_penalty;
  return total;
}

double MatchModel::match_probability(double weight) const {
  const double prior_odds = lambda_ / (1.0 - lambda_);
  const double odds = prior_odds * std::exp2(weight);
  return odds / (1.0 + odds);
}

double MatchModel::weight_for_probability(double probability) const {
  probability = std::clamp(probability, 1e-12, 1.0 - 1e-12);
  return std::log2(probability / (1.0 - probability)) - std::log2(lambda_ / (1.0 - lambda_));
}

EmResult MatchModel::estimate(std::span<const ComparisonVector> pairs, EmOptions options) {
  std::vector<double> counts(kPatternCount, 0.0);
  for (const auto& v : pairs) counts[pattern_of(v)] += 1.0;
  std::vector<size_t> present;
  std::vector<ComparisonVector> vectors;
  for (size_t p = 0; p < kPatternCount; ++p) {
    if (counts[p] > 0) {
      present.push_back(p);
      vectors.push_back(vector_of(p));
    }
  }
  EmResult result;
  if (present.empty()) return result;
  std::vector<double> g(present.size());
  const auto prior_m = m_;
  const auto prior_u = u_;
  for (int it = 0; it < options.max_iterations; ++it) {
    // E-step: the probability that each pattern is a match.
    for (size_t k = 0; k < present.size(); ++k) {
      double pm = lambda_, pu = 1.0 - lambda_;
      for (size_t f = 0; f < kMatchFieldCount; ++f) {
        const uint8_t l = vectors[k].level[f];
        if (l == kMissingLevel) continue;
        pm *= m_[f][l];
        pu *= u_[f][l];
      }
      g[k] = pm + pu > 0 ? pm / (pm + pu) : 0.0;
    }
    // M-step.
    std::array<std::array<double, kMaxLevels>, kMatchFieldCount> nm{}, nu{};
    double matches = 0, total = 0;
    for (size_t k = 0; k < present.size(); ++k) {
      const double n = counts[present[k]];
      matches += n * g[k];
      total += n;
      for (size_t f = 0; f < kMatchFieldCount; ++f) {
        const uint8_t l = vectors[k].level[f];
        if (l == kMissingLevel) continue;
        nm[f][l] += n * g[k];
        nu[f][l] += n * (1.0 - g[k]);
      }
    }
    double change = std::abs(matches / total - lambda_);
    lambda_ = std::clamp(matches / total, options.min_probability, 1.0 - options.min_probability);
    for (size_t f = 0; f < kMatchFieldCount; ++f) {
      const size_t n = kFieldLevels[f];
      for (size_t l = 0; l < n; ++l) {
        nm[f][l] += options.prior_pairs * prior_m[f][l];
        nu[f][l] += options.prior_pairs * prior_u[f][l];
      }
      normalise(nm[f], n, options.min_probability);
      normalise(nu[f], n, options.min_probability);
      for (size_t l = 0; l < n; ++l) {
        if (!options.fix_m[f]) {
          change = std::max(change, std::abs(nm[f][l] - m_[f][l]));
          m_[f][l] = nm[f][l];
        }
        if (!options.fix_u[f]) {
          change = std::max(change, std::abs(nu[f][l] - u_[f][l]));
          u_[f][l] = nu[f][l];
        }
      }
    }
    result.iterations = it + 1;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.match_share = lambda_;
  refresh();
  return result;
}

void MatchModel::estimate_u(std::span<const ComparisonVector> random_pairs,
                            double min_probability) {
  std::array<std::array<double, kMaxLevels>, kMatchFieldCount> nu{};
  for (const auto& v : random_pairs) {
    for (size_t f = 0; f < kMatchFieldCount; ++f)
      if (v.level[f] != kMissingLevel) nu[f][v.level[f]] += 1.0;
  }
  for (size_t f = 0; f < kMatchFieldCount; ++f) {
    double sum = 0;
    for (size_t l = 0; l < kFieldLevels[f]; ++l) sum += nu[f][l];
    if (sum == 0) continue;  // nothing observed: keep the current values
    normalise(nu[f], kFieldLevels[f], min_probability);
    u_[f] = nu[f];
  }
  refresh();
}

std::string MatchModel::describe() const {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "match share %.5f\n", lambda_);
  out += line;
  for (size_t f = 0; f < kMatchFieldCount; ++f) {
    out += std::string(match_field_name(static_cast<MatchField>(f))) + ":";
    for (size_t l = 0; l < kFieldLevels[f]; ++l) {
      std::snprintf(line, sizeof line, "  L%zu m=%.4f u=%.5f w=%+.2f", l, m_[f][l], u_[f][l],
                    level_weight(static_cast<MatchField>(f), static_cast<uint8_t>(l)));
      out += line;
    }
    out += '\n';
  }
  return out;
}

}  // namespace haven::search
