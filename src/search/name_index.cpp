// Index maintenance (normalize outside the lock, intern and post inside), candidate gathering
// for queries (name-pair keys, birth date, then single words while they are short), scoring with
// the record comparator, and the chunked batch scan behind dedupe() and train().
#include "search/name_index.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <queue>

#include "core/utf8.h"
#include "search/codepoints.h"

namespace haven::search {
namespace {

enum KeyType : uint32_t {
  kWordKey = 1,      // one word's phonetic key or variant group
  kPairKey = 2,      // two words of the same child
  kDateKey = 3,      // birth date, day and month unordered
  kFamilyYear = 4,   // a family-name word, the birth year and sex (scan only)
  kGivenDate = 5,    // a given-name word and the birth date (scan only)
  kDateInitial = 6,  // the birth date and the first letter of either name (scan only)
  kPrefixPair = 7,   // one word's phonetic key and the first three letters of another word, so a
                     // typo that changes one word's key still finds the pair
};

constexpr size_t kAnchorsPerWord = 4;
constexpr size_t kWordsForPairs = 8;

// A word's anchors: its phonetic keys and variant groups, tagged apart.
void anchors(const TokenRef& t, std::vector<uint64_t>& out) {
  out.clear();
  for (uint32_t k : t.keys) {
    if (k != kUnknownId && out.size() < kAnchorsPerWord) out.push_back(uint64_t{k});
  }
  for (uint32_t g : t.groups) {
    if (out.size() < kAnchorsPerWord + 2) out.push_back((uint64_t{1} << 32) | g);
  }
}

// The first three letters of a spelling, or 0 when it is shorter.
uint64_t prefix_value(std::string_view s) {
  if (s.size() < 3) return 0;
  return (uint64_t{1} << 40) | (uint64_t{static_cast<unsigned char>(s[0])} << 16) |
         (uint64_t{static_cast<unsigned char>(s[1])} << 8) | static_cast<unsigned char>(s[2]);
}

// Keys of one word's phonetic keys with the other words' prefixes, in both directions.
void add_prefix_pair_keys(const std::vector<TokenRef>& a, const std::vector<uint64_t>& a_prefix,
                          const std::vector<TokenRef>& b, const std::vector<uint64_t>& b_prefix,
                          bool same, std::vector<uint64_t>& out) {
  const size_t na = std::min(a.size(), kWordsForPairs), nb = std::min(b.size(), kWordsForPairs);
  for (size_t i = 0; i < na; ++i) {
    for (size_t j = 0; j < nb; ++j) {
      if (same && i == j) continue;
      if (b_prefix[j] != 0) {
        for (size_t k = 0; k < std::min<size_t>(a[i].keys.size(), 2); ++k)
          out.push_back(posting_key(kPrefixPair, a[i].keys[k], b_prefix[j]));
      }
      if (!same && a_prefix[i] != 0) {
        for (size_t k = 0; k < std::min<size_t>(b[j].keys.size(), 2); ++k)
          out.push_back(posting_key(kPrefixPair, b[j].keys[k], a_prefix[i]));
      }
    }
  }
}

std::optional<uint64_t> date_value(const BirthDate& d, int year_shift = 0) {
  if (!d.date) return std::nullopt;
  const int lo = std::min(d.date->day(), d.date->month());
  const int hi = std::max(d.date->day(), d.date->month());
  return static_cast<uint64_t>((d.date->year() + year_shift) * 10000 + lo * 100 + hi);
}

void add_pair_keys(const std::vector<TokenRef>& a, const std::vector<TokenRef>& b, bool same,
                   std::vector<uint64_t>& out) {
  std::vector<uint64_t> xa, xb;
  const size_t na = std::min(a.size(), kWordsForPairs), nb = std::min(b.size(), kWordsForPairs);
  for (size_t i = 0; i < na; ++i) {
    anchors(a[i], xa);
    for (size_t j = same ? i + 1 : 0; j < nb; ++j) {
      anchors(b[j], xb);
      for (uint64_t x : xa)
        for (uint64_t y : xb)
          if (x != y) out.push_back(posting_key(kPairKey, std::min(x, y), std::max(x, y)));
    }
  }
}

struct Ranked {
  double weight;
  uint32_t slot;
  bool operator<(const Ranked& o) const {  // a max-heap on this puts the worst on top
    return weight != o.weight ? weight > o.weight : slot < o.slot;
  }
};

uint64_t next_random(uint64_t& state) {
  state += 0x9E3779B97F4A7C15ull;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

core::Error query_error(std::string message) {
  core::Error e = core::Error::invalid(message);
  e.fields.push_back({"q", std::move(message)});
  return e;
}

}  // namespace

NameIndex::NameIndex(const NameNormalizer& normalizer, IndexOptions options)
    : normalizer_(&normalizer), options_(options) {}

size_t NameIndex::size() const {
  std::shared_lock lock(mutex_);
  return by_id_.size();
}

void NameIndex::search_keys(const EncodedChild& c, std::vector<uint64_t>& out) const {
  out.clear();
  std::vector<TokenRef> family, given;
  decode_child(c, family, given);
  std::vector<TokenRef> all = family;
  all.insert(all.end(), given.begin(), given.end());
  std::vector<uint64_t> xa;
  for (const auto& t : all) {
    anchors(t, xa);
    for (uint64_t x : xa) out.push_back(posting_key(kWordKey, x));
  }
  add_pair_keys(all, all, true, out);
  std::vector<uint64_t> prefixes;
  for (const auto& t : all)
    prefixes.push_back(t.primary() == kUnknownId ? 0 : prefix_value(pool_.get(t.primary())));
  add_prefix_pair_keys(all, prefixes, all, prefixes, true, out);
  if (auto d = date_value(c.birth_date)) out.push_back(posting_key(kDateKey, *d));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void NameIndex::scan_keys(const EncodedChild& c, std::vector<uint64_t>& out) const {
  out.clear();
  std::vector<TokenRef> family, given;
  decode_child(c, family, given);
  add_pair_keys(family, given, false, out);
  {
    std::vector<uint64_t> fp, gp;
    for (const auto& t : family) fp.push_back(prefix_value(pool_.get(t.primary())));
    for (const auto& t : given) gp.push_back(prefix_value(pool_.get(t.primary())));
    add_prefix_pair_keys(family, fp, given, gp, false, out);
  }
  std::vector<uint64_t> xa;
  const auto date = date_value(c.birth_date);
  if (c.birth_date.date) {
    const auto year_sex = static_cast<uint64_t>(c.birth_date.date->year()) * 4 + c.sex % 4;
    for (const auto& t : family) {
      anchors(t, xa);
      for (uint64_t x : xa) out.push_back(posting_key(kFamilyYear, x, year_sex));
    }
    for (const auto& t : given) {
      anchors(t, xa);
      for (uint64_t x : xa) out.push_back(posting_key(kGivenDate, x, *date));
    }
    // Both names damaged but the date intact: the date with either name's initial (the same key
    // type for both, so swapped names still meet).
    for (const auto* name : {&family, &given}) {
      if (name->empty() || name->front().primary() == kUnknownId) continue;
      const std::string_view s = pool_.get(name->front().primary());
      if (!s.empty())
        out.push_back(posting_key(kDateInitial, *date, static_cast<unsigned char>(s[0])));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void NameIndex::training_date_keys(const EncodedChild& c, std::vector<uint64_t>& out) const {
  out.clear();
  if (auto d = date_value(c.birth_date)) out.push_back(posting_key(kDateKey, *d));
}

void NameIndex::training_family_date_keys(const EncodedChild& c, std::vector<uint64_t>& out) const {
  out.clear();
  const auto date = date_value(c.birth_date);
  if (!date) return;
  std::vector<TokenRef> family, given;
  decode_child(c, family, given);
  for (const auto& t : family)
    if (!t.alternative() && !t.keys.empty())
      out.push_back(posting_key(kFamilyYear, t.keys[0], *date));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void NameIndex::training_name_keys(const EncodedChild& c, std::vector<uint64_t>& out) const {
  out.clear();
  std::vector<TokenRef> family, given;
  decode_child(c, family, given);
  add_pair_keys(family, given, false, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

core::Result<EncodedChild> NameIndex::encode_child(const ChildRecord& child,
                                                   std::vector<NormalizedName>* names) const {
  auto family = normalizer_->normalize(child.family_names, NamePart::kFamily, child.language);
  if (!family.ok()) return family.take_error();
  auto given = normalizer_->normalize(child.given_names, NamePart::kGiven, child.language);
  if (!given.ok()) return given.take_error();
  if (!child.family_names_original.empty())
    normalizer_->add_writing(*family, child.family_names_original, NamePart::kFamily,
                             child.language);
  if (!child.given_names_original.empty())
    normalizer_->add_writing(*given, child.given_names_original, NamePart::kGiven, child.language);
  for (const auto& other : child.other_names) {
    auto extra = normalizer_->normalize(other, NamePart::kAny, child.language);
    if (!extra.ok()) continue;
    for (auto& t : extra->tokens) {
      t.alternative = true;
      family->tokens.push_back(t);
      given->tokens.push_back(std::move(t));
    }
  }
  names->clear();
  names->push_back(std::move(*family));
  names->push_back(std::move(*given));
  EncodedChild c;
  c.birth_date = {child.birth_date, child.birth_date_estimated};
  c.sex = child.sex ? static_cast<uint8_t>(*child.sex) : kMissingLevel;
  return c;
}

EncodedChild NameIndex::lookup_child(const NormalizedName& family, const NormalizedName& given,
                                     const ChildRecord& child) const {
  EncodedChild c;
  lookup_name(family, pool_, c.names);
  lookup_name(given, pool_, c.names);
  c.birth_date = {child.birth_date, child.birth_date_estimated};
  c.sex = child.sex ? static_cast<uint8_t>(*child.sex) : kMissingLevel;
  return c;
}

void NameIndex::add_postings(uint32_t slot) {
  const EncodedChild& c = entries_[slot].child;
  std::vector<uint64_t> keys;
  search_keys(c, keys);
  for (uint64_t k : keys) postings_.add(k, slot);
  std::vector<TokenRef> family, given;
  decode_child(c, family, given);
  date_tf_.add(date_frequency_id(c.birth_date));
  for (const auto& t : family) {
    if (t.alternative()) continue;
    family_tf_.add(t.stem());
    if (!t.keys.empty()) family_key_tf_.add(t.keys[0]);
  }
  for (const auto& t : given) {
    if (t.alternative()) continue;
    given_tf_.add(t.stem());
    if (!t.keys.empty()) given_key_tf_.add(t.keys[0]);
  }
}

void NameIndex::remove_postings(uint32_t slot) {
  const EncodedChild& c = entries_[slot].child;
  std::vector<uint64_t> keys;
  search_keys(c, keys);
  for (uint64_t k : keys) postings_.remove(k, slot);
  std::vector<TokenRef> family, given;
  decode_child(c, family, given);
  date_tf_.remove(date_frequency_id(c.birth_date));
  for (const auto& t : family) {
    if (t.alternative()) continue;
    family_tf_.remove(t.stem());
    if (!t.keys.empty()) family_key_tf_.remove(t.keys[0]);
  }
  for (const auto& t : given) {
    if (t.alternative()) continue;
    given_tf_.remove(t.stem());
    if (!t.keys.empty()) given_key_tf_.remove(t.keys[0]);
  }
}

core::Status NameIndex::upsert(const ChildRecord& child) {
  if (child.id.empty()) return core::Error::invalid("A child to index needs an id.");
  std::vector<NormalizedName> names;
  auto encoded = encode_child(child, &names);
  if (!encoded.ok()) return encoded.take_error();
  std::unique_lock lock(mutex_);
  uint32_t slot;
  if (auto it = by_id_.find(child.id); it != by_id_.end()) {
    slot = it->second;
    remove_postings(slot);
  } else {
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
    } else {
      slot = static_cast<uint32_t>(entries_.size());
      entries_.emplace_back();
    }
    by_id_.emplace(child.id, slot);
  }
  Entry& e = entries_[slot];
  e.id = child.id;
  e.child = std::move(*encoded);
  e.child.names.clear();
  encode_name(names[0], pool_, e.child.names);
  encode_name(names[1], pool_, e.child.names);
  e.child.names.shrink_to_fit();
  ++e.generation;
  e.live = true;
  add_postings(slot);
  return core::ok_status();
}

bool NameIndex::remove(std::string_view id) {
  std::unique_lock lock(mutex_);
  const auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return false;
  const uint32_t slot = it->second;
  remove_postings(slot);
  Entry& e = entries_[slot];
  e.live = false;
  ++e.generation;
  e.id.clear();
  e.child = EncodedChild{};
  by_id_.erase(it);
  free_slots_.push_back(slot);
  return true;
}

core::Result<SearchResult> NameIndex::search(const SearchQuery& query) const {
  if (!core::is_valid_utf8(query.text)) return query_error("The search text is not valid UTF-8.");
  size_t letters = 0;
  for (char32_t c : utf8_to_u32(query.text)) {
    if (is_letter(c)) ++letters;
    if (letters >= options_.min_letters) break;
  }
  if (core::utf8_length(query.text) > normalizer_->limits().max_code_points) {
    return query_error("The search text is too long: at most " +
                       std::to_string(normalizer_->limits().max_code_points) +
                       " characters are accepted.");
  }
  if (letters < options_.min_letters) {
    return query_error("Type at least " + std::to_string(options_.min_letters) +
                       " letters of a name to search.");
  }
  auto words = normalizer_->normalize(query.text, NamePart::kAny);
  if (!words.ok()) return query_error(words.error().message);
  if (words->empty()) return query_error("The search text contains no letters of a name.");

  SearchResult result;
  const size_t limit = std::clamp<size_t>(query.limit, 1, options_.max_results);
  EncodedQuery q;
  q.birth_date = {query.birth_date, query.birth_date_estimated};
  q.sex = query.sex ? static_cast<uint8_t>(*query.sex) : kMissingLevel;

  std::shared_lock lock(mutex_);
  lookup_name(*words, pool_, q.words);
  std::vector<TokenRef> tokens;
  decode_name(q.words, 0, tokens);

  // Candidates: pairs of words, the birth date, then single words while their lists are short.
  std::vector<uint32_t> candidates;
  auto take = [&](std::span<const uint32_t> list) {
    const size_t room =
        options_.max_candidates - std::min(options_.max_candidates, candidates.size());
    if (list.size() > room) result.candidates_capped = true;
    candidates.insert(candidates.end(), list.begin(),
                      list.begin() + static_cast<ptrdiff_t>(std::min(room, list.size())));
  };
  std::vector<uint64_t> keys;
  add_pair_keys(tokens, tokens, true, keys);
  {
    std::vector<uint64_t> prefixes;
    for (const auto& w : words->tokens) prefixes.push_back(prefix_value(w.primary()));
    prefixes.resize(tokens.size());
    add_prefix_pair_keys(tokens, prefixes, tokens, prefixes, true, keys);
  }
  // Lists longer than the word-list budget (a very common name pair, the 1 January of the
  // estimated birth dates) would cost more than they find.
  auto take_bounded = [&](std::span<const uint32_t> list) {
    if (list.size() > options_.word_list_budget) {
      result.candidates_capped = true;
      return;
    }
    take(list);
  };
  for (uint64_t k : keys) take_bounded(postings_.find(k));
  if (auto d = date_value(q.birth_date)) {
    take_bounded(postings_.find(posting_key(kDateKey, *d)));
    const core::Date& date = *query.birth_date;
    const bool estimated =
        query.birth_date_estimated || (date.day() == 1 && (date.month() == 1 || date.month() == 7));
    if (estimated) {
      for (int shift : {-1, 1})
        take_bounded(postings_.find(posting_key(kDateKey, *date_value(q.birth_date, shift))));
    }
  }
  struct WordLists {
    size_t total = 0;
    std::vector<std::span<const uint32_t>> lists;
  };
  std::vector<WordLists> word_lists(tokens.size());
  std::vector<uint64_t> xa;
  for (size_t i = 0; i < tokens.size(); ++i) {
    anchors(tokens[i], xa);
    for (uint64_t x : xa) {
      auto list = postings_.find(posting_key(kWordKey, x));
      word_lists[i].total += list.size();
      word_lists[i].lists.push_back(list);
    }
  }
  std::sort(word_lists.begin(), word_lists.end(),
            [](const WordLists& a, const WordLists& b) { return a.total < b.total; });
  // A common word's list is long and rarely needed once pairs or the date found candidates.
  for (const auto& w : word_lists) {
    const bool small = w.total <= options_.word_list_budget / 8;
    const bool needed = candidates.size() < 50 && w.total <= options_.word_list_budget;
    if (!small && !needed && !candidates.empty()) {
      result.candidates_capped = true;
      continue;
    }
    for (auto list : w.lists) take(list);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  result.candidates = candidates.size();

  RecordComparator comparator(pool_, model_, frequency_tables());
  std::priority_queue<Ranked> top;
  Comparison c;
  for (uint32_t slot : candidates) {
    const Entry& e = entries_[slot];
    if (!e.live) continue;
    const double w = comparator.compare_query(q, e.child, c);
    if (top.size() < limit) {
      top.push({w, slot});
    } else if (Ranked{w, slot} < top.top()) {
      top.pop();
      top.push({w, slot});
    }
  }
  std::vector<Ranked> ranked;
  while (!top.empty()) {
    ranked.push_back(top.top());
    top.pop();
  }
  std::reverse(ranked.begin(), ranked.end());
  for (const Ranked& r : ranked) {
    SearchHit hit;
    hit.id = entries_[r.slot].id;
    hit.weight = comparator.compare_query(q, entries_[r.slot].child, c, &hit.explanation);
    hit.probability = model_.match_probability(hit.weight);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

core::Result<std::vector<SearchHit>> NameIndex::find_duplicates(const ChildRecord& child,
                                                                size_t limit,
                                                                double min_weight) const {
  std::vector<NormalizedName> names;
  auto encoded = encode_child(child, &names);
  if (!encoded.ok()) return encoded.take_error();
  limit = std::clamp<size_t>(limit, 1, options_.max_results);

  std::shared_lock lock(mutex_);
  const EncodedChild probe = lookup_child(names[0], names[1], child);
  std::vector<uint64_t> keys;
  search_keys(probe, keys);
  {
    // The probe's own spellings: a new child's typo is not in the pool, but its prefix is.
    std::vector<TokenRef> all, family, given;
    decode_child(probe, family, given);
    all = family;
    all.insert(all.end(), given.begin(), given.end());
    std::vector<uint64_t> prefixes;
    for (const auto* name : {&names[0], &names[1]})
      for (const auto& t : name->tokens) prefixes.push_back(prefix_value(t.primary()));
    prefixes.resize(all.size());
    add_prefix_pair_keys(all, prefixes, all, prefixes, true, keys);
  }
  // Word lists only when short: the pairs and the date find a child with one damaged name.
  std::vector<uint32_t> candidates;
  for (uint64_t k : keys) {
    auto list = postings_.find(k);
    const size_t budget =
        posting_key_type(k) == kWordKey ? options_.word_list_budget / 8 : options_.word_list_budget;
    if (list.size() > budget) continue;
    if (candidates.size() + list.size() > options_.max_candidates) break;
    candidates.insert(candidates.end(), list.begin(), list.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  RecordComparator comparator(pool_, model_, frequency_tables());
  std::priority_queue<Ranked> top;
  Comparison c;
  for (uint32_t slot : candidates) {
    const Entry& e = entries_[slot];
    if (!e.live || e.id == child.id) continue;
    const double w = comparator.compare(probe, e.child, c);
    if (w < min_weight) continue;
    if (top.size() < limit) {
      top.push({w, slot});
    } else if (Ranked{w, slot} < top.top()) {
      top.pop();
      top.push({w, slot});
    }
  }
  std::vector<SearchHit> hits;
  while (!top.empty()) {
    const Ranked r = top.top();
    top.pop();
    SearchHit hit;
    hit.id = entries_[r.slot].id;
    hit.weight = comparator.compare(probe, entries_[r.slot].child, c, &hit.explanation);
    hit.probability = model_.match_probability(hit.weight);
    hits.push_back(std::move(hit));
  }
  std::reverse(hits.begin(), hits.end());
  return hits;
}

NameIndex::ScanResult NameIndex::scan_pairs(
    KeyFunction key_function, size_t max_block,
    const std::function<bool(uint32_t, uint32_t, uint64_t)>& visit,
    const std::function<bool(size_t, size_t)>& progress) const {
  ScanResult out;
  // Keys of every child, as (key, slot), and per slot (sorted) for the "first shared key" rule.
  std::vector<std::pair<uint64_t, uint32_t>> all;
  std::vector<uint32_t> offsets;
  std::vector<uint64_t> slot_keys;
  std::vector<uint32_t> generation;
  {
    std::shared_lock lock(mutex_);
    offsets.assign(entries_.size() + 1, 0);
    generation.resize(entries_.size());
    std::vector<uint64_t> keys;
    for (uint32_t s = 0; s < entries_.size(); ++s) {
      offsets[s] = static_cast<uint32_t>(slot_keys.size());
      generation[s] = entries_[s].generation;
      if (!entries_[s].live) continue;
      (this->*key_function)(entries_[s].child, keys);
      for (uint64_t k : keys) {
        all.emplace_back(k, s);
        slot_keys.push_back(k);
      }
    }
    offsets[entries_.size()] = static_cast<uint32_t>(slot_keys.size());
  }
  std::sort(all.begin(), all.end());
  auto first_shared = [&](uint32_t a, uint32_t b) {
    const uint64_t* x = slot_keys.data() + offsets[a];
    const uint64_t* xe = slot_keys.data() + offsets[a + 1];
    const uint64_t* y = slot_keys.data() + offsets[b];
    const uint64_t* ye = slot_keys.data() + offsets[b + 1];
    while (x != xe && y != ye) {
      if (*x == *y) return *x;
      if (*x < *y) {
        ++x;
      } else {
        ++y;
      }
    }
    return uint64_t{0};
  };
  // Blocks: runs of equal keys.
  std::vector<std::pair<size_t, size_t>> blocks;
  for (size_t i = 0; i < all.size();) {
    size_t j = i + 1;
    while (j < all.size() && all[j].first == all[i].first) ++j;
    if (j - i >= 2) {
      if (j - i > max_block) {
        ++out.skipped;
      } else {
        blocks.emplace_back(i, j);
      }
    }
    i = j;
  }
  out.blocks = blocks.size();
  // A chunk of blocks per lock, so writers get in between.
  constexpr size_t kPairsPerChunk = 20000;
  size_t b = 0;
  while (b < blocks.size() && !out.stopped) {
    std::shared_lock lock(mutex_);
    size_t pairs = 0;
    for (; b < blocks.size() && pairs < kPairsPerChunk && !out.stopped; ++b) {
      const auto [from, to] = blocks[b];
      const uint64_t key = all[from].first;
      for (size_t i = from; i < to && !out.stopped; ++i) {
        for (size_t j = i + 1; j < to; ++j) {
          const uint32_t sa = all[i].second, sb = all[j].second;
          if (first_shared(sa, sb) != key) continue;
          if (sa >= entries_.size() || sb >= entries_.size() || !entries_[sa].live ||
              !entries_[sb].live || entries_[sa].generation != generation[sa] ||
              entries_[sb].generation != generation[sb]) {
            continue;
          }
          ++pairs;
          if (!visit(sa, sb, key)) {
            out.stopped = true;
            break;
          }
        }
      }
    }
    lock.unlock();
    if (progress && !progress(b, blocks.size())) out.stopped = true;
  }
  return out;
}

DedupeReport NameIndex::dedupe(const DedupeOptions& options) const {
  DedupeReport report;
  MatchModel model = this->model();
  const double min_weight = options.min_weight
                                ? *options.min_weight
                                : model.weight_for_probability(options.min_probability);
  // The comparator reads the pool and frequencies: only inside the visitor, under the scan's lock.
  RecordComparator comparator(pool_, model, frequency_tables());
  Comparison c;
  const ScanResult scan = scan_pairs(
      &NameIndex::scan_keys, options.max_block,
      [&](uint32_t a, uint32_t b, uint64_t) {
        ++report.pairs_compared;
        const Entry& ea = entries_[a];
        const Entry& eb = entries_[b];
        const double w = comparator.compare(ea.child, eb.child, c);
        if (w < min_weight) return true;
        DuplicatePair p;
        const bool order = ea.id < eb.id;
        p.first = order ? ea.id : eb.id;
        p.second = order ? eb.id : ea.id;
        p.weight = options.explain
                       ? comparator.compare(order ? ea.child : eb.child,
                                            order ? eb.child : ea.child, c, &p.explanation)
                       : w;
        p.probability = model.match_probability(p.weight);
        report.pairs.push_back(std::move(p));
        return true;
      },
      options.progress);
  report.blocks = scan.blocks;
  report.blocks_skipped = scan.skipped;
  report.cancelled = scan.stopped;
  std::sort(report.pairs.begin(), report.pairs.end(),
            [](const DuplicatePair& x, const DuplicatePair& y) {
              return x.weight != y.weight ? x.weight > y.weight : x.first < y.first;
            });
  return report;
}

TrainingReport NameIndex::train(const TrainingOptions& options) {
  TrainingReport report;
  MatchModel model = this->model();
  std::vector<ComparisonVector> random_vectors;
  if (options.random_pairs > 0) {
    std::shared_lock lock(mutex_);
    RecordComparator comparator(pool_, model, frequency_tables());
    std::vector<uint32_t> live;
    for (uint32_t s = 0; s < entries_.size(); ++s)
      if (entries_[s].live) live.push_back(s);
    uint64_t state = options.seed;
    Comparison c;
    for (size_t i = 0; i < options.random_pairs && live.size() >= 2; ++i) {
      const uint32_t a = live[next_random(state) % live.size()];
      const uint32_t b = live[next_random(state) % live.size()];
      if (a == b) continue;
      comparator.compare(entries_[a].child, entries_[b].child, c);
      random_vectors.push_back(c.vector());
    }
    model.estimate_u(random_vectors);
  }
  report.random_pairs = random_vectors.size();

  // EM per blocking rule, as Splink does, each rule a scan of its own whose pairs are as
  // unrelated as random pairs on the fields it does not block on, unless they are the same child:
  //  1. born the same day → m of the family name (the names take u from random pairs; sex is
  //     left out: it follows the given name, and counting both makes same-named children born
  //     the same day look like duplicates);
  //  2. the same family-name word and birth date → m of the given name and sex. Twins are the
  //     non-matches here, so they teach EM that a different given name means a different child
  //     (in session 1 they would pass for duplicates with a damaged given name);
  //  3. the same family-name and given-name words → m of the birth date. The names keep m from
  //     sessions 1–2 and take u as this session's pairs show it (blocking made non-matches agree,
  //     matches are a few per cent of them); sex is left out (given names imply it). Letting that
  //     u float makes EM call every near-miss spelling a match.
  struct Session {
    KeyFunction keys;
    std::array<bool, kMatchFieldCount> masked{};   // left out of this session's vectors
    std::array<bool, kMatchFieldCount> learn{};    // fields whose m this session sets
    std::array<bool, kMatchFieldCount> blocked{};  // u as this session's pairs show it
    size_t max_block;  // small blocks for session 3: common names make non-matches alike
    std::vector<ComparisonVector> vectors;
    size_t visited = 0;
  };
  constexpr bool T = true, F = false;
  std::array<Session, 3> sessions;
  sessions[0] = {&NameIndex::training_date_keys,
                 {F, F, T, T},
                 {T, F, F, F},
                 {F, F, F, F},
                 options.max_block,
                 {},
                 0};
  sessions[1] = {&NameIndex::training_family_date_keys,
                 {T, F, T, F},
                 {F, T, F, T},
                 {F, F, F, F},
                 options.max_block,
                 {},
                 0};
  sessions[2] = {&NameIndex::training_name_keys,
                 {F, F, F, T},
                 {F, F, T, F},
                 {T, T, F, F},
                 options.name_block,
                 {},
                 0};
  double expected_matches = 0;
  report.em.converged = true;
  std::array<bool, kMatchFieldCount> learnt{};
  for (Session& s : sessions) {
    {
      RecordComparator comparator(pool_, model, frequency_tables());
      Comparison c;
      scan_pairs(
          s.keys, s.max_block,
          [&](uint32_t a, uint32_t b, uint64_t) {
            ++s.visited;
            if (s.vectors.size() >= options.max_pairs / sessions.size()) return true;
            comparator.compare(entries_[a].child, entries_[b].child, c);
            ComparisonVector v = c.vector();
            for (size_t f = 0; f < kMatchFieldCount; ++f)
              if (s.masked[f]) v.level[f] = kMissingLevel;
            s.vectors.push_back(v);
            return true;
          },
          nullptr);
    }
    report.candidate_pairs += s.vectors.size();
    if (s.vectors.size() < 100) continue;
    MatchModel fitted = model;
    fitted.set_match_share(0.01);
    // Free u starts from what the session's pairs show.
    std::array<std::array<double, kMaxLevels>, kMatchFieldCount> seen{};
    for (const auto& v : s.vectors)
      for (size_t f = 0; f < kMatchFieldCount; ++f)
        if (v.level[f] != kMissingLevel) seen[f][v.level[f]] += 1;
    for (size_t f = 0; f < kMatchFieldCount; ++f) {
      if (s.masked[f] || !s.blocked[f]) continue;
      double sum = 0;
      for (size_t l = 0; l < kFieldLevels[f]; ++l) sum += seen[f][l] + 1;
      for (size_t l = 0; l < kFieldLevels[f]; ++l) {
        const auto field = static_cast<MatchField>(f);
        const auto level = static_cast<uint8_t>(l);
        fitted.set(field, level, fitted.m(field, level), (seen[f][l] + 1) / sum);
      }
    }
    EmOptions em = options.em;
    em.fix_u = {T, T, T, T};
    for (size_t f = 0; f < kMatchFieldCount; ++f) em.fix_u[f] = !s.blocked[f];
    if (report.random_pairs == 0) em.fix_u = {};
    // m learnt by an earlier session stays: without it EM may split the name-blocked pairs by
    // their name levels alone and learn nothing about birth dates.
    for (size_t f = 0; f < kMatchFieldCount; ++f) em.fix_m[f] = learnt[f] && !s.learn[f];
    const EmResult r = fitted.estimate(s.vectors, em);
    report.em.iterations = std::max(report.em.iterations, r.iterations);
    report.em.converged = report.em.converged && r.converged;
    expected_matches = std::max(expected_matches, r.match_share * static_cast<double>(s.visited));
    for (size_t f = 0; f < kMatchFieldCount; ++f) {
      if (!s.learn[f]) continue;
      learnt[f] = true;
      for (size_t l = 0; l < kFieldLevels[f]; ++l) {
        const auto field = static_cast<MatchField>(f);
        const auto level = static_cast<uint8_t>(l);
        model.set(field, level, fitted.m(field, level), model.u(field, level));
      }
    }
  }
  // The share of matches among all pairs of children: the prior odds of a random pair.
  const double n = static_cast<double>(size());
  if (n >= 2 && expected_matches > 0) {
    model.set_match_share(std::clamp(expected_matches / (n * (n - 1) / 2), 1e-12, 0.5));
  }
  report.em.match_share = model.match_share();
  set_model(model);
  return report;
}

MatchModel NameIndex::model() const {
  std::shared_lock lock(mutex_);
  return model_;
}

void NameIndex::set_model(const MatchModel& model) {
  std::unique_lock lock(mutex_);
  model_ = model;
}

std::optional<SearchHit> NameIndex::compare(std::string_view id_a, std::string_view id_b) const {
  std::shared_lock lock(mutex_);
  const auto a = by_id_.find(std::string(id_a));
  const auto b = by_id_.find(std::string(id_b));
  if (a == by_id_.end() || b == by_id_.end()) return std::nullopt;
  RecordComparator comparator(pool_, model_, frequency_tables());
  Comparison c;
  SearchHit hit;
  hit.id = std::string(id_b);
  hit.weight =
      comparator.compare(entries_[a->second].child, entries_[b->second].child, c, &hit.explanation);
  hit.probability = model_.match_probability(hit.weight);
  return hit;
}

IndexStats NameIndex::stats() const {
  std::shared_lock lock(mutex_);
  IndexStats s;
  s.children = by_id_.size();
  s.strings = pool_.size();
  s.posting_keys = postings_.keys();
  size_t bytes = postings_.memory_bytes() + entries_.capacity() * sizeof(Entry);
  for (const auto& e : entries_)
    bytes += e.child.names.capacity() * sizeof(uint32_t) + e.id.capacity();
  bytes += pool_.size() * 64;  // strings, map nodes and the id table, roughly
  bytes += by_id_.size() * 80;
  s.memory_bytes = bytes;
  return s;
}

}  // namespace haven::search
