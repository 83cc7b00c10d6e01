// Compares two indexed children, or a free-text query with a child, and weighs the result with the
// match model. Two records are compared field by field and also crosswise (given against family
// names), keeping the better reading; a free-text query's words are assigned to the family and
// given fields in the way that fits the record best, because a user may type either order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "search/birth_date_agreement.h"
#include "search/encoded_name.h"
#include "search/match_explanation.h"
#include "search/match_model.h"
#include "search/name_agreement.h"
#include "search/term_frequencies.h"

namespace haven::search {

// A child as the index holds it.
struct EncodedChild {
  std::vector<uint32_t> names;  // packed family names, then packed given names (encoded_name.h)
  BirthDate birth_date;
  uint8_t sex = kMissingLevel;  // 0 female, 1 male
};

// A free-text query: its words (no field) and what else the user gave.
struct EncodedQuery {
  std::vector<uint32_t> words;  // one packed name
  BirthDate birth_date;
  uint8_t sex = kMissingLevel;
};

// The index's term-frequency tables: name stems and phonetic keys, per field.
struct FrequencyTables {
  const TermFrequencies* family_stems = nullptr;
  const TermFrequencies* given_stems = nullptr;
  const TermFrequencies* family_keys = nullptr;
  const TermFrequencies* given_keys = nullptr;
  const TermFrequencies* birth_dates = nullptr;  // by date_frequency_id()
};

// The id under which a birth date is counted in FrequencyTables::birth_dates.
uint32_t date_frequency_id(const BirthDate& d);

// Reads the pool, model and frequencies it is given (all must outlive it and not change while it
// is used). Not thread-safe: it keeps scratch buffers; make one per thread.
class RecordComparator {
 public:
  RecordComparator(const StringPool& pool, const MatchModel& model, FrequencyTables frequencies);

  // The weight of a pair of children (the better of straight and crosswise), its comparison,
  // and, when `why` is given, the explanation.
  double compare(const EncodedChild& a, const EncodedChild& b, Comparison& out,
                 MatchExplanation* why = nullptr);
  // The weight of a child for a query.
  double compare_query(const EncodedQuery& q, const EncodedChild& r, Comparison& out,
                       MatchExplanation* why = nullptr);

 private:
  double weigh(const Comparison& c, bool family_from_given, bool given_from_family,
               MatchExplanation* why) const;

  const StringPool* pool_;
  const MatchModel* model_;
  FrequencyTables tf_;
  NameComparator names_;
  SimilarityMemo memo_;  // a query's words meet the same names in many candidates
  std::vector<TokenRef> a_family_, a_given_, b_family_, b_given_, query_;
  const uint32_t* decoded_query_ = nullptr;  // the query words query_ holds (decoded once)
  uint32_t date_id_ = kUnknownId;            // the compared record's birth date
  std::vector<TokenAgreement> matrix_family_, matrix_given_;
};

// Unpacks a child's two names into token views.
void decode_child(const EncodedChild& c, std::vector<TokenRef>& family,
                  std::vector<TokenRef>& given);

}  // namespace haven::search
