// The in-memory name index of every child in the national instance: normalized names packed as
// string ids, blocking keys so a query touches a few hundred children instead of a million, and the
// Fellegi–Sunter model that ranks them. It answers free-text search ("Shcherbakov Ivan", born
// 2015-03-07), the duplicate check at intake (a structured record against the index), and the
// batch duplicate scan.
// It is a cache: built at start from the database and kept current on every write by the service
// layer (upsert/remove); it never touches storage itself.
//
// Thread-safety: all methods may be called concurrently. Readers (search, find_duplicates,
// compare, stats) share a std::shared_mutex; writers (upsert, remove, set_model) take it
// exclusively, and upsert does its ICU normalization before taking it. dedupe() and train() read
// in chunks and release the lock between them, so writes are never blocked for the whole scan; a
// child written during a scan is compared by the next scan. train() replaces the model at the end.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "search/child_record.h"
#include "search/match_explanation.h"
#include "search/match_model.h"
#include "search/name_normalizer.h"
#include "search/posting_table.h"
#include "search/record_comparator.h"
#include "search/string_pool.h"
#include "search/term_frequencies.h"

namespace haven::search {

struct IndexOptions {
  size_t max_candidates = 5000;  // children scored per query, at most
  // A posting list longer than this is skipped; a single word's list is used when it is an
  // eighth of this, or when nothing else found 50 candidates.
  size_t word_list_budget = 4000;
  size_t max_results = 100;  // the largest `limit` a query may ask for
  size_t min_letters = 2;    // shorter queries are refused
};

struct SearchQuery {
  std::string text;  // names in any order and script: "Shcherbakov Ivan", "Þórunn"
  std::optional<core::Date> birth_date;
  bool birth_date_estimated = false;
  std::optional<ChildSex> sex;
  size_t limit = 10;
};

struct SearchHit {
  std::string id;
  double weight = 0;       // match weight in bits
  double probability = 0;  // of being the same child, from the model's estimated match share
  MatchExplanation explanation;
};

struct SearchResult {
  std::vector<SearchHit> hits;     // best first
  size_t candidates = 0;           // children scored
  bool candidates_capped = false;  // a long posting list was skipped or cut (IndexOptions)
};

struct DuplicatePair {
  std::string first, second;  // first < second
  double weight = 0;
  double probability = 0;
  MatchExplanation explanation;
};

struct DedupeOptions {
  // Pairs less likely than this to be the same child (under the model's estimated share of
  // matches among all pairs) are not reported; min_weight, when set, overrides it with a fixed
  // match weight. The model is overconfident (the fields are not independent: given names imply
  // sex, siblings share names and dates), so 0.75 rather than 0.5: on generated populations of
  // 100,000 and 1,000,000 it is within half a bit of the threshold that maximises F1.
  double min_probability = 0.75;
  std::optional<double> min_weight;
  bool explain = true;     // fill DuplicatePair::explanation (costs a second comparison each)
  size_t max_block = 300;  // blocking keys shared by more children than this are skipped
  // Called now and then with (blocks done, blocks in all); return false to stop early.
  std::function<bool(size_t, size_t)> progress;
};

struct DedupeReport {
  std::vector<DuplicatePair> pairs;  // by weight, best first
  size_t pairs_compared = 0;
  size_t blocks = 0;
  size_t blocks_skipped = 0;  // larger than max_block
  bool cancelled = false;
};

struct TrainingOptions {
  size_t max_pairs = 2'000'000;   // candidate pairs from blocking fed to EM
  size_t random_pairs = 200'000;  // random pairs for u (0: let EM fit u too)
  uint64_t seed = 1;
  size_t max_block = 500;
  // Largest name-pair block the birth-date session learns from: children sharing a common full
  // name are alike in more than the model assumes, and would pass for duplicates.
  size_t name_block = 20;
  EmOptions em;
};

struct TrainingReport {
  EmResult em;
  size_t candidate_pairs = 0;
  size_t random_pairs = 0;
};

struct IndexStats {
  size_t children = 0;
  size_t strings = 0;
  size_t posting_keys = 0;
  size_t memory_bytes = 0;  // approximate
};

class NameIndex {
 public:
  // The normalizer must outlive the index.
  explicit NameIndex(const NameNormalizer& normalizer, IndexOptions options = {});
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;

  // Adds a child or replaces the one with the same id. Fails (kInvalidInput) on an empty id,
  // invalid UTF-8 or over-long names; a child with no usable name is indexed by birth date only.
  core::Status upsert(const ChildRecord& child);
  // False when no child has this id.
  bool remove(std::string_view id);
  size_t size() const;

  // Free-text search. Errors (kInvalidInput, field "q"): invalid UTF-8, more than the
  // normalizer's max_code_points characters, fewer than min_letters letters (emoji and digits
  // are not letters). More than max_tokens words: the rest are ignored.
  core::Result<SearchResult> search(const SearchQuery& query) const;

  // The children most like `child` (which need not be indexed; a child with the same id is
  // skipped): the duplicate warning at intake.
  core::Result<std::vector<SearchHit>> find_duplicates(const ChildRecord& child, size_t limit = 10,
                                                       double min_weight = 0) const;

  // Every pair of indexed children sharing a blocking key and weighing at least min_weight,
  // each pair once.
  DedupeReport dedupe(const DedupeOptions& options) const;

  // Estimates the model from the indexed children: u from random pairs, m and the match share
  // by EM over candidate pairs from blocking. Replaces the model.
  TrainingReport train(const TrainingOptions& options);

  MatchModel model() const;
  void set_model(const MatchModel& model);

  // The comparison of two indexed children, explained (nullopt if either id is unknown).
  std::optional<SearchHit> compare(std::string_view id_a, std::string_view id_b) const;

  IndexStats stats() const;

 private:
  struct Entry {
    std::string id;
    EncodedChild child;
    uint32_t generation = 0;
    bool live = false;
  };
  // Blocking keys of one child for the search postings, and for the batch scan.
  void search_keys(const EncodedChild& c, std::vector<uint64_t>& out) const;
  void scan_keys(const EncodedChild& c, std::vector<uint64_t>& out) const;
  // Keys for training sessions: the birth date alone; a family-name word with the birth date;
  // a family-name word with a given-name word.
  void training_date_keys(const EncodedChild& c, std::vector<uint64_t>& out) const;
  void training_family_date_keys(const EncodedChild& c, std::vector<uint64_t>& out) const;
  void training_name_keys(const EncodedChild& c, std::vector<uint64_t>& out) const;
  // Normalizes a child's names (no lock needed) into `names` (family, given).
  core::Result<EncodedChild> encode_child(const ChildRecord& child,
                                          std::vector<NormalizedName>* names) const;
  EncodedChild lookup_child(const NormalizedName& family, const NormalizedName& given,
                            const ChildRecord& child) const;
  void add_postings(uint32_t slot);
  void remove_postings(uint32_t slot);
  // Visits candidate pairs of the batch scan (each once) in chunks under a shared lock; the
  // visitor returns false to stop. Returns (blocks, blocks skipped, stopped).
  struct ScanResult {
    size_t blocks = 0, skipped = 0;
    bool stopped = false;
  };
  using KeyFunction = void (NameIndex::*)(const EncodedChild&, std::vector<uint64_t>&) const;
  ScanResult scan_pairs(KeyFunction keys, size_t max_block,
                        const std::function<bool(uint32_t, uint32_t, uint64_t)>& visit,
                        const std::function<bool(size_t, size_t)>& progress) const;

  const NameNormalizer* normalizer_;
  IndexOptions options_;
  mutable std::shared_mutex mutex_;
  StringPool pool_;
  PostingTable postings_;
  TermFrequencies family_tf_, given_tf_;          // by stem
  TermFrequencies family_key_tf_, given_key_tf_;  // by phonetic key
  TermFrequencies date_tf_;                       // by date_frequency_id()
  FrequencyTables frequency_tables() const {
    return {&family_tf_, &given_tf_, &family_key_tf_, &given_key_tf_, &date_tf_};
  }
  MatchModel model_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> free_slots_;
  std::unordered_map<std::string, uint32_t> by_id_;
};

}  // namespace haven::search
