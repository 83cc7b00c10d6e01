// Straight and crosswise field comparison for record pairs; exhaustive (up to four words) or
// greedy assignment of query words to fields for free-text search, from one matrix of word
// agreements per record.
#include "search/record_comparator.h"

#include <algorithm>
#include <limits>

namespace haven::search {

uint32_t date_frequency_id(const BirthDate& d) {
  if (!d.date) return kUnknownId;
  return static_cast<uint32_t>(d.date->days_since_epoch() + 100000);  // 1696 onwards: positive
}

void decode_child(const EncodedChild& c, std::vector<TokenRef>& family,
                  std::vector<TokenRef>& given) {
  const std::span<const uint32_t> data(c.names);
  const size_t pos = decode_name(data, 0, family);
  decode_name(data, pos, given);
}

RecordComparator::RecordComparator(const StringPool& pool, const MatchModel& model,
                                   FrequencyTables frequencies)
    : pool_(&pool), model_(&model), tf_(frequencies), names_(pool) {}

double RecordComparator::weigh(const Comparison& c, bool family_from_given, bool given_from_family,
                               MatchExplanation* why) const {
  // The b side's field decides the table (crosswise, the family name agreed with given names).
  auto frequency = [](const FieldAgreement& f, const TermFrequencies* stems,
                      const TermFrequencies* keys) {
    ValueFrequency out;
    if (f.level <= 1 && f.agreeing_stem != kUnknownId) {
      out = {stems->frequency(f.agreeing_stem), stems->agreement_chance()};
    } else if (f.level <= 3 && f.agreeing_key != kUnknownId) {
      out = {keys->frequency(f.agreeing_key), keys->agreement_chance()};
    }
    return out;
  };
  const ValueFrequency family = family_from_given
                                    ? frequency(c.family, tf_.given_stems, tf_.given_keys)
                                    : frequency(c.family, tf_.family_stems, tf_.family_keys);
  const ValueFrequency given = given_from_family
                                   ? frequency(c.given, tf_.family_stems, tf_.family_keys)
                                   : frequency(c.given, tf_.given_stems, tf_.given_keys);
  ValueFrequency date;
  if (tf_.birth_dates && c.birth_date <= DateAgreement::kYearOffByOne && date_id_ != kUnknownId) {
    date = {tf_.birth_dates->frequency(date_id_), tf_.birth_dates->agreement_chance()};
  }
  return model_->weight(c, family, given, date, why);
}

double RecordComparator::compare(const EncodedChild& a, const EncodedChild& b, Comparison& out,
                                 MatchExplanation* why) {
  decode_child(a, a_family_, a_given_);
  decode_child(b, b_family_, b_given_);
  date_id_ = date_frequency_id(b.birth_date);
  Comparison straight;
  straight.family = names_.field(a_family_, b_family_);
  straight.given = names_.field(a_given_, b_given_);
  straight.birth_date = compare_birth_dates(a.birth_date, b.birth_date);
  straight.sex =
      a.sex == kMissingLevel || b.sex == kMissingLevel ? kMissingLevel : (a.sex == b.sex ? 0 : 1);
  const double w_straight = weigh(straight, false, false, nullptr);
  // Crosswise only when it could help: the straight reading has a name that disagrees.
  double w_cross = -std::numeric_limits<double>::infinity();
  Comparison cross = straight;
  if (straight.family.level >= 3 || straight.given.level >= 3) {
    cross.family = names_.field(a_family_, b_given_);
    cross.given = names_.field(a_given_, b_family_);
    cross.names_swapped = true;
    w_cross = weigh(cross, true, true, nullptr);
  }
  if (w_cross > w_straight) {
    out = cross;
    return why ? weigh(cross, true, true, why) : w_cross;
  }
  out = straight;
  return why ? weigh(straight, false, false, why) : w_straight;
}

double RecordComparator::compare_query(const EncodedQuery& q, const EncodedChild& r,
                                       Comparison& out, MatchExplanation* why) {
  if (decoded_query_ != q.words.data()) {
    decode_name(q.words, 0, query_);
    decoded_query_ = q.words.data();
  }
  decode_child(r, b_family_, b_given_);
  date_id_ = date_frequency_id(r.birth_date);
  const size_t nq = query_.size();
  const size_t nf = b_family_.size(), ng = b_given_.size();
  matrix_family_.resize(nq * std::max<size_t>(nf, 1));
  matrix_given_.resize(nq * std::max<size_t>(ng, 1));
  for (size_t i = 0; i < nq; ++i) {
    for (size_t j = 0; j < nf; ++j)
      matrix_family_[i * nf + j] = names_.tokens(query_[i], b_family_[j], &memo_);
    for (size_t j = 0; j < ng; ++j)
      matrix_given_[i * ng + j] = names_.tokens(query_[i], b_given_[j], &memo_);
  }
  Comparison base;
  base.birth_date = compare_birth_dates(q.birth_date, r.birth_date);
  base.sex =
      q.sex == kMissingLevel || r.sex == kMissingLevel ? kMissingLevel : (q.sex == r.sex ? 0 : 1);

  std::array<uint8_t, kMaxTokensPerName> fam_rows{}, giv_rows{};
  auto evaluate = [&](uint32_t mask, Comparison& c) {
    size_t nfr = 0, ngr = 0;
    for (size_t i = 0; i < nq; ++i) {
      if (mask & (1u << i)) {
        fam_rows[nfr++] = static_cast<uint8_t>(i);
      } else {
        giv_rows[ngr++] = static_cast<uint8_t>(i);
      }
    }
    c = base;
    c.family = nfr == 0 || nf == 0 ? FieldAgreement{}
                                   : names_.field_from_matrix(query_, {fam_rows.data(), nfr},
                                                              b_family_, matrix_family_.data(), nf);
    c.given = ngr == 0 || ng == 0 ? FieldAgreement{}
                                  : names_.field_from_matrix(query_, {giv_rows.data(), ngr},
                                                             b_given_, matrix_given_.data(), ng);
    return weigh(c, false, false, nullptr);
  };

  double best = -std::numeric_limits<double>::infinity();
  uint32_t best_mask = 0;
  Comparison c;
  if (nq <= 4) {
    const uint32_t all = (1u << nq) - 1;
    for (uint32_t mask = 0; mask <= all; ++mask) {
      // Several words: each field gets at least one, unless the record lacks that field.
      if (nq >= 2 && nf > 0 && ng > 0 && (mask == 0 || mask == all)) continue;
      const double w = evaluate(mask, c);
      if (w > best) {
        best = w;
        best_mask = mask;
      }
    }
  } else {
    // Greedy: each word where it agrees best; then make sure each field has a word.
    uint32_t mask = 0;
    size_t best_family_word = 0, best_given_word = 0;
    uint8_t best_family_level = 255, best_given_level = 255;
    for (size_t i = 0; i < nq; ++i) {
      uint8_t lf = 255, lg = 255;
      for (size_t j = 0; j < nf; ++j) lf = std::min(lf, matrix_family_[i * nf + j].level);
      for (size_t j = 0; j < ng; ++j) lg = std::min(lg, matrix_given_[i * ng + j].level);
      if (lf < lg) mask |= 1u << i;
      if (lf < best_family_level) {
        best_family_level = lf;
        best_family_word = i;
      }
      if (lg < best_given_level) {
        best_given_level = lg;
        best_given_word = i;
      }
    }
    const uint32_t all = (1u << nq) - 1;
    if (mask == 0 && nf > 0) mask = 1u << best_family_word;
    if (mask == all && ng > 0) mask &= ~(1u << best_given_word);
    if (mask == 0 && nf > 0) mask = 1u << (best_given_word == 0 ? 1 : 0);
    best = evaluate(mask, c);
    best_mask = mask;
  }
  best = evaluate(best_mask, out);
  if (why) best = weigh(out, false, false, why);
  return best;
}

}  // namespace haven::search
