// The SQL behind the statistics: one set-based query per source of figures (placements, reports,
// screening decisions, open cases, children, referrals, Barnahus cases, interviews and medical
// examinations), each grouping a country's records of a period by the haven codes an indicator
// breaks down by. Rows are groups, never children: the caller maps the codes to the catalogue's
// code lists. Both dialects; every function runs inside the caller's read transaction. Reports,
// screening decisions, open cases, disability support, the Barnahus sources and the four care
// sources take the children's ages, sexes and disabilities from ChildAttributes, read once per
// release, instead of joining every record to children; the four care sources share one read of
// the placements (PlacementRecords).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.h"

namespace haven::service {

// What every query is bounded by: a country (the country of the agency holding the record) and a
// span of days, both ends included.
struct StatsWindow {
  std::string country;
  std::string first_day;  // "YYYY-MM-DD"
  std::string last_day;   // the stock day
  int64_t from_ms = 0;    // first_day 00:00 UTC
  int64_t to_ms = 0;      // the day after last_day, 00:00 UTC (exclusive)
};

// One group of records. Fields a query does not group by stay at their defaults.
struct StatsGroup {
  std::string code;            // placement type, reporter type or risk level (haven codes)
  std::optional<int64_t> age;  // whole years on the reference day; nullopt without a birth date
  std::string sex;             // haven code: female, male, other, unknown
  bool disability = false;     // a disability is recorded for the child
  bool care_plan = false;      // an approved care plan in force on the stock day
  int64_t days = 0;            // report received → screening decision
  int64_t count = 0;
  std::vector<int64_t> parts;  // how many name each concern or violence group (reports(), …)
  // Barnahus: no second interview by last_day; a planning meeting on or before the first
  // interview's day; therapy or an assessment offered to the child; child and caregiver informed
  // at every stage the case reached.
  bool interviewed_once = false;
  bool meeting_before = false;
  bool therapy_offered = false;
  bool informed = false;
};

// The birth date and sex of every child not merged into another, read with one sequential scan of
// the covering index children_stats (id, merged_into, birth_date, sex), and whether a disability is
// recorded for the child, from the partial index children_with_disabilities. SQLite has no hash
// join: joining a year of reports, screening decisions and open cases to children made about
// 750,000 random index look-ups at a million children, each likely a page read. Built once per
// release and shared by the sources of both workers (StatsService), which look children up in it
// from their own transactions: a child registered after it was read is not found. Immutable once
// read, so safe to read from several threads.
class ChildAttributes {
 public:
  struct Child {
    std::string_view birth;  // "YYYY-MM-DD", empty without a birth date
    std::string_view sex;    // haven code
    bool born_known = false;
    // For the age arithmetic and the callers' grouping: the leading digits of the birth date's
    // year, its "MM-DD", and the sex's place among the distinct sexes read (same code, same place).
    int64_t birth_year = 0;
    std::string_view birth_day;
    int32_t birth_month_day = -1;  // birth_day as MMDD where it is "MM-DD" in digits, else -1
    uint32_t sex_index = 0;
    bool disabled = false;  // a disability is recorded for the child
  };
  static ChildAttributes read(store::Tx& tx);
  // nullptr for an unknown child or one merged into another (the joins' `merged_into IS NULL`).
  const Child* find(std::string_view id) const;
  size_t size() const { return size_; }

 private:
  // A child's id as its 16 bytes (haven's ids are UUIDs in canonical text) and its attributes,
  // shared by every child born the same day with the same sex (about 13,000 pairs at a million
  // children): 24 bytes a child, kept in the order of the ids, as the scan reads them. A look-up
  // goes to the bucket of the id's first 8 bytes (buckets_, about one child each over the range
  // of ids read) and searches the few children in it. A hash table beside the list had cost
  // another 48 MB at a million children, and on this machine fresh memory costs more to touch
  // than the look-ups it spares (docs/PERFORMANCE.md, session 20).
  struct Slot {
    uint64_t hi = 0;
    uint64_t lo = 0;
    const Child* child = nullptr;
    bool operator<(const Slot& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
  };
  static bool parse_id(std::string_view id, uint64_t& hi, uint64_t& lo);
  // One child not merged into another; birth is nullopt without a birth date.
  void add(std::string_view id, std::optional<std::string_view> birth, std::string_view sex);
  const Child* kind(std::optional<std::string_view> birth, std::string_view sex);
  void index();
  // The slot of a canonical id, or nullptr; and the same attributes with a disability recorded.
  const Slot* slot_of(uint64_t hi, uint64_t lo) const;
  const Child* with_disability(const Child* child);
  std::deque<std::string> texts_;  // the distinct birth dates and sexes, never moved
  std::vector<std::string_view> sexes_;
  std::deque<Child> kinds_;  // the distinct (birth date, sex) pairs, never moved
  // The pairs by sex and canonical birth date in 1900–2155 (372 slots a year: 12 months of 31
  // days) or none: a look-up per child is an index, where a hash table's look-up cost 5 % of the
  // release's CPU at a million children. Any other pair is in odd_kind_of_, by its texts.
  static constexpr uint64_t kKindSexes = 4;
  static constexpr uint64_t kKindFirstYear = 1900;
  static constexpr uint64_t kKindYears = 256;
  std::vector<const Child*> kind_at_;
  std::unordered_map<std::string, const Child*> odd_kind_of_;
  std::unordered_map<const Child*, const Child*> disabled_kind_of_;
  std::vector<Slot> slots_;  // by (hi, lo)
  // buckets_[b]: the first slot whose bucket is b or a later one (one more entry at the end); the
  // bucket of hi is (hi - lowest_) >> shift_, lowest_ the smallest hi read.
  std::vector<uint32_t> buckets_;
  uint64_t lowest_ = 0;
  unsigned shift_ = 0;
  std::unordered_map<std::string, const Child*> odd_;  // ids not in canonical UUID form
  size_t size_ = 0;
};

// Every placement of a case not folded into another — of any country, for a child's care may go
// on abroad — with what the four care sources (entries, stock, exits, reviews) need of it, read
// with one query per release. Each of the four had joined the placements to their cases again,
// and three of them to the children as well: at a million children about 130,000 look-ups of
// cases and 40,000 of children, 0.8–0.95 s of PostgreSQL's time for four queries; one read of the
// 59,000 placements, leaving out the half no figure can use before their cases are looked up,
// costs about half of that. The figures are then worked out here (CaseDataQueries::care_entries
// and the three after it), from these rows and the children's ages and sexes (ChildAttributes).
class PlacementRecords {
 public:
  // `reason_groups`: care_entries()'s groups of entry reasons.
  static PlacementRecords read(store::Tx& tx, const StatsWindow& w,
                               const std::vector<std::vector<std::string>>& reason_groups);

 private:
  friend class CaseDataQueries;
  struct Placement {
    std::string id;
    std::string child_id;
    std::string type;
    std::string start_on;
    std::optional<std::string> end_on;
    std::string destination;  // the exit destination; "" where none was recorded
    int64_t reviews = 0;      // review dates recorded on it that fall in the window
    bool here = false;        // held by an agency of the window's country
    // For a placement of the country in force on last_day: the case has an approved care plan by
    // last_day.
    bool care_plan = false;
    // For a placement of the country begun in the window: whether it names any entry reason of
    // each reason group (an empty group: none of the other groups' reasons, or no reason at all).
    std::vector<bool> reasons;
  };
  std::vector<Placement> placements_;  // those any of the four sources can use
  size_t reason_groups_ = 0;
};

class CaseDataQueries {
 public:
  // The four care sources, from the placements read once (PlacementRecords, the same window) and
  // the children's ages and sexes.
  // Children whose first placement in the window began in it: by placement type, age on its first
  // day, sex; parts[i] counts the children whose first placement records any entry reason of
  // the reason group i (read()'s groups).
  static std::vector<StatsGroup> care_entries(const PlacementRecords& placements,
                                              const StatsWindow& w,
                                              const ChildAttributes& children);
  // Children in a placement on last_day (the latest begun, if several): by type, age, sex,
  // disability recorded, approved care plan.
  static std::vector<StatsGroup> care_stock(const PlacementRecords& placements,
                                            const StatsWindow& w, const ChildAttributes& children);
  // Children whose care ended in the window (a placement ended, and no other one continues it or
  // begins within 7 days); the last such end counts: code = its exit destination ("" where none
  // was recorded), age on that day, sex.
  static std::vector<StatsGroup> care_exits(const PlacementRecords& placements,
                                            const StatsWindow& w, const ChildAttributes& children);
  // Review dates in the window recorded on placements, by placement type (events, not children;
  // counted when the placements were read).
  static std::vector<StatsGroup> placement_reviews(const PlacementRecords& placements);
  // The sources given `children` take the children's ages and sexes from it rather than joining
  // children in SQL; a record of a child not found there (merged, or registered since) is not
  // counted, as the SQL join's `merged_into IS NULL` left it out.
  // Reports of concern received in the window about a known child: by reporter type, the child's
  // age on the day received, sex; parts[i] counts the reports naming any concern category of
  // concern_groups[i] (an empty group counts reports naming none of the other groups' categories).
  // With `trafficking`, also fills it with presumed_trafficking()'s groups, from the same rows.
  static std::vector<StatsGroup> reports(
      store::Tx& tx, const StatsWindow& w, const ChildAttributes& children,
      const std::vector<std::vector<std::string>>& concern_groups,
      std::vector<StatsGroup>* trafficking = nullptr);
  // Screening decisions made in the window: by age on the decision day, sex, days since the case's
  // report was received.
  static std::vector<StatsGroup> screening(store::Tx& tx, const StatsWindow& w,
                                           const ChildAttributes& children);
  // Children with an open case at the end of last_day (the latest opened, if several): by the risk
  // level last set on it by then ("" if none), age on last_day, sex.
  static std::vector<StatsGroup> open_cases_by_risk(store::Tx& tx, const StatsWindow& w,
                                                    const ChildAttributes& children);
  // Children registered in the window with migration status unaccompanied: by age on the day
  // registered, sex.
  static std::vector<StatsGroup> unaccompanied(store::Tx& tx, const StatsWindow& w);
  // Children with a report received in the window naming trafficking or exploitation, counted once
  // (the first such report): by age on that day, sex. The release takes these figures from
  // reports() (one read of the window's reports instead of two); this query is the definition,
  // and the tests hold the two to the same figures.
  static std::vector<StatsGroup> presumed_trafficking(store::Tx& tx, const StatsWindow& w);
  // Children with a recorded disability and a disability-support referral in progress during the
  // window (in progress now, or completed and last changed on or after first_day, and referred on
  // or before last_day): by age on last_day, sex. In two steps, so that the referrals are read
  // before the children are needed: the ids of the children with such a referral in a case of the
  // country (each once), then those of them with a disability recorded, grouped.
  static std::vector<std::string> supported_children(store::Tx& tx, const StatsWindow& w);
  static std::vector<StatsGroup> disability_support(const std::vector<std::string>& supported,
                                                    const StatsWindow& w,
                                                    const ChildAttributes& children);

  // Children whose Barnahus case was referred in the window (a Barnahus agency of the country;
  // the child's first such case): code = the child's role (victim | witness), age on the day
  // referred, sex, therapy_offered and informed by last_day; parts[i] counts the cases naming any
  // violence type of violence_groups[i] (an empty group: none of the other groups' types).
  static std::vector<StatsGroup> barnahus_cases(
      store::Tx& tx, const StatsWindow& w, const ChildAttributes& children,
      const std::vector<std::vector<std::string>>& violence_groups);
  // Children whose first forensic interview (sequence 1 of the child's earliest interviewed case)
  // was held in the window: by age on that day, sex, days since the case was referred,
  // interviewed_once, meeting_before.
  static std::vector<StatsGroup> barnahus_interviews(store::Tx& tx, const StatsWindow& w,
                                                     const ChildAttributes& children);
  // Barnahus cases whose first medical examination done was in the window: by age on that day,
  // sex, days since the case was referred.
  static std::vector<StatsGroup> barnahus_medical_exams(store::Tx& tx, const StatsWindow& w,
                                                        const ChildAttributes& children);
};

}  // namespace haven::service
