// The name index finds a child whichever way the name was written, refuses bad queries with a
// clear message, stays current on writes, and reports duplicate pairs once.
#include "search/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>

#include "normalizer_fixture.h"

namespace haven::search {
namespace {

using testing::normalizer;

SearchQuery query(std::string text) {
  SearchQuery q;
  q.text = std::move(text);
  return q;
}

ChildRecord child(std::string id, std::string given, std::string family, std::string_view dob,
                  ChildSex sex) {
  ChildRecord c;
  c.id = std::move(id);
  c.given_names = std::move(given);
  c.family_names = std::move(family);
  c.birth_date = core::Date::parse(dob);
  c.sex = sex;
  return c;
}

// A small register: the children the tests look for among others with similar names.
class NameIndexTest : public ::testing::Test {
 protected:
  NameIndexTest() : index_(normalizer()) {
    add(child("ru1", "Ivan", "Ščerbakovs", "2015-03-07", ChildSex::kMale));
    records_.back().family_names_original = "Щербаков";
    records_.back().given_names_original = "Иван";
    index_.upsert(records_.back()).ok();
    add(child("ru2", "Ivan", "Ivanov", "2015-03-07", ChildSex::kMale));
    add(child("ru3", "Olga", "Sherbakova", "2012-01-01", ChildSex::kFemale));
    add(child("lt1", "Austėja", "Kazlauskaitė", "2011-06-02", ChildSex::kFemale));
    add(child("lt2", "Austėja", "Petrauskaitė", "2011-06-02", ChildSex::kFemale));
    add(child("lt3", "Tadas", "Kazlauskas", "2009-09-09", ChildSex::kMale));
    add(child("is1", "Þórunn", "Jónsdóttir", "2016-12-24", ChildSex::kFemale));
    add(child("is2", "Þóra", "Jónsdóttir", "2014-02-11", ChildSex::kFemale));
    add(child("ar1", "Mohammed", "Al-Hassan", "2013-05-05", ChildSex::kMale));
    add(child("ar2", "Mahmoud", "Haddad", "2013-05-05", ChildSex::kMale));
    add(child("dk1", "Emma", "Jensen", "2018-04-01", ChildSex::kFemale));
    add(child("dk2", "Emma", "Hansen", "2018-04-01", ChildSex::kFemale));
    add(child("lv1", "Anna", "Bērziņa", "2017-08-15", ChildSex::kFemale));
    add(child("pl1", "Katarzyna", "Kowalska", "2010-10-10", ChildSex::kFemale));
    add(child("de1", "Jonas", "Müller", "2012-02-29", ChildSex::kMale));
  }

  void add(ChildRecord c) {
    records_.push_back(c);
    ASSERT_TRUE(index_.upsert(c).ok()) << c.id;
  }

  std::vector<std::string> ids(const SearchQuery& q) {
    auto r = index_.search(q);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    std::vector<std::string> out;
    if (r.ok())
      for (const auto& h : r->hits) out.push_back(h.id);
    return out;
  }
  std::string top(std::string text, std::optional<std::string_view> dob = std::nullopt) {
    SearchQuery q;
    q.text = std::move(text);
    if (dob) q.birth_date = core::Date::parse(*dob);
    const auto found = ids(q);
    return found.empty() ? "" : found.front();
  }

  NameIndex index_;
  std::vector<ChildRecord> records_;
};

TEST_F(NameIndexTest, FindsShcherbakovInEveryTransliteration) {
  for (std::string_view q :
       {"Shcherbakov", "Szczerbakow", "Schtscherbakow", "Ščerbakovs", "Щербаков", "Sjtjerbakov"}) {
    EXPECT_EQ(top(std::string(q)), "ru1") << q;
  }
  EXPECT_EQ(top("Iwan Schtscherbakow", "2015-03-07"), "ru1");
}

TEST_F(NameIndexTest, FindsALithuanianGirlByHerMarriedForm) {
  EXPECT_EQ(top("Austėja Kazlauskienė"), "lt1");
  EXPECT_EQ(top("Austeja Kazlauskiene", "2011-06-02"), "lt1");
}

TEST_F(NameIndexTest, FindsIcelandicAndLatvianNamesWithoutDiacritics) {
  EXPECT_EQ(top("Thorunn Jonsdottir"), "is1");
  EXPECT_EQ(top("Thorunn"), "is1");
  EXPECT_EQ(top("Anna Berzina"), "lv1");
  EXPECT_EQ(top("Anna Bērziņš"), "lv1");  // the masculine form
  EXPECT_EQ(top("Jonas Mueller"), "de1");
}

TEST_F(NameIndexTest, FindsArabicOriginVariants) {
  EXPECT_EQ(top("Muhammad Alhassan"), "ar1");
  EXPECT_EQ(top("Mohamad El Hassan", "2013-05-05"), "ar1");
  EXPECT_EQ(top("محمد الحسن"), "ar1");
}

TEST_F(NameIndexTest, FindsDiminutivesAndSwappedNames) {
  EXPECT_EQ(top("Kasia Kowalska"), "pl1");
  EXPECT_EQ(top("Kowalska Katarzyna"), "pl1");
  EXPECT_EQ(top("Jensen Emma", "2018-04-01"), "dk1");
}

TEST_F(NameIndexTest, ToleratesTyposAndUsesTheBirthDate) {
  EXPECT_EQ(top("Emma Jnesen", "2018-04-01"), "dk1");
  EXPECT_EQ(top("Emma Hansen", "2018-04-01"), "dk2");
  // Day and month swapped.
  EXPECT_EQ(top("Katarzyna Kowalska", "2010-10-10"), "pl1");
}

TEST_F(NameIndexTest, HitsCarryWeightsAndExplanations) {
  SearchQuery q;
  q.text = "Szczerbakow Ivan";
  q.birth_date = core::Date::parse("2015-07-03");
  auto r = index_.search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  const SearchHit& h = r->hits.front();
  EXPECT_EQ(h.id, "ru1");
  EXPECT_GT(h.weight, 0);
  EXPECT_GT(h.probability, 0);
  const std::string why = h.explanation.text();
  EXPECT_NE(why.find("birth date has day and month swapped"), std::string::npos) << why;
  EXPECT_NE(why.find("family name"), std::string::npos) << why;
  for (size_t i = 1; i < r->hits.size(); ++i) EXPECT_LE(r->hits[i].weight, r->hits[i - 1].weight);
}

TEST_F(NameIndexTest, RefusesBadQueriesWithAClearMessage) {
  auto expect_invalid = [&](std::string text, std::string_view words) {
    SearchQuery q;
    q.text = std::move(text);
    auto r = index_.search(q);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
    ASSERT_FALSE(r.error().fields.empty());
    EXPECT_EQ(r.error().fields.front().field, "q");
  };
  expect_invalid("", "at least 2 letters");
  expect_invalid("A", "at least 2 letters");
  expect_invalid("😀😀😀", "at least 2 letters");
  expect_invalid("Jens\xFFn", "UTF-8");
  expect_invalid(std::string(10000, 'x'), "too long");
}

TEST_F(NameIndexTest, AnswersOddButValidQueriesSensibly) {
  EXPECT_TRUE(index_.search(query("Li")).ok());
  EXPECT_TRUE(index_.search(query("😀 Emma 😀 Jensen")).ok());
  EXPECT_EQ(top("😀 Emma 😀 Jensen"), "dk1");
  EXPECT_TRUE(index_.search(query("Ivan Щербаков Müller 123")).ok());     // mixed scripts
  EXPECT_TRUE(index_.search(query("a b c d e f g h i j k l m n")).ok());  // many words
  EXPECT_TRUE(index_.search(query("Zzyzx Qwrty")).ok());                  // nobody
  EXPECT_TRUE(ids(query("Zzyzx Qwrty")).size() <= 10);
}

TEST_F(NameIndexTest, StaysCurrentOnUpdateAndRemove) {
  EXPECT_EQ(top("Emma Jensen", "2018-04-01"), "dk1");
  ChildRecord renamed = records_[10];  // dk1
  ASSERT_EQ(renamed.id, "dk1");
  renamed.family_names = "Kristensen";
  ASSERT_TRUE(index_.upsert(renamed).ok());
  EXPECT_EQ(index_.size(), records_.size());
  EXPECT_EQ(top("Emma Kristensen"), "dk1");
  EXPECT_TRUE(index_.remove("dk1"));
  EXPECT_FALSE(index_.remove("dk1"));
  const auto found = ids(query("Emma Kristensen"));
  EXPECT_EQ(std::find(found.begin(), found.end(), "dk1"), found.end());
  EXPECT_EQ(index_.size(), records_.size() - 1);
}

TEST_F(NameIndexTest, RejectsRecordsWithoutIdOrWithBadText) {
  EXPECT_FALSE(index_.upsert(child("", "Anna", "Berg", "2010-01-01", ChildSex::kFemale)).ok());
  EXPECT_FALSE(index_.upsert(child("x", "An\xC0na", "Berg", "2010-01-01", ChildSex::kFemale)).ok());
}

TEST_F(NameIndexTest, FindsTheDuplicateAtIntake) {
  ChildRecord incoming = child("new", "Ivan", "Schtscherbakow", "2015-07-03", ChildSex::kMale);
  auto hits = index_.find_duplicates(incoming, 5);
  ASSERT_TRUE(hits.ok());
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ(hits->front().id, "ru1");
  // The child itself is never its own duplicate.
  auto self = index_.find_duplicates(records_[0], 5);
  ASSERT_TRUE(self.ok());
  for (const auto& h : *self) EXPECT_NE(h.id, "ru1");
}

TEST_F(NameIndexTest, DedupeReportsEachPairOnceWithProgress) {
  add(child("lt1b", "Austeja", "Kazlauskiene", "2011-06-02", ChildSex::kFemale));
  add(child("ru1b", "Iwan", "Schtscherbakow", "2015-07-03", ChildSex::kMale));
  DedupeOptions options;
  options.min_weight = 15;
  size_t calls = 0;
  options.progress = [&](size_t done, size_t total) {
    ++calls;
    EXPECT_LE(done, total);
    return true;
  };
  const DedupeReport report = index_.dedupe(options);
  EXPECT_GT(calls, 0u);
  EXPECT_FALSE(report.cancelled);
  auto has = [&](std::string_view a, std::string_view b) {
    return std::any_of(report.pairs.begin(), report.pairs.end(),
                       [&](const DuplicatePair& p) { return p.first == a && p.second == b; });
  };
  EXPECT_TRUE(has("lt1", "lt1b"));
  EXPECT_TRUE(has("ru1", "ru1b"));
  for (size_t i = 0; i < report.pairs.size(); ++i) {
    EXPECT_LT(report.pairs[i].first, report.pairs[i].second);
    for (size_t j = i + 1; j < report.pairs.size(); ++j)
      EXPECT_FALSE(report.pairs[i].first == report.pairs[j].first &&
                   report.pairs[i].second == report.pairs[j].second);
  }
}

TEST_F(NameIndexTest, TwinsWeighLessThanADuplicateWithATypo) {
  add(child("dk3", "Ida", "Jensen", "2018-04-01", ChildSex::kFemale));    // dk1's twin
  add(child("dk1b", "Emma", "Jenson", "2018-04-01", ChildSex::kFemale));  // dk1 with a typo
  const auto twins = index_.compare("dk1", "dk3");
  const auto typo = index_.compare("dk1", "dk1b");
  ASSERT_TRUE(twins && typo);
  EXPECT_LT(twins->weight + 5, typo->weight);
  EXPECT_NE(twins->explanation.text().find("given name differs"), std::string::npos);
  EXPECT_FALSE(index_.compare("dk1", "nobody").has_value());
}

TEST_F(NameIndexTest, DedupeCanBeCancelled) {
  DedupeOptions options;
  options.min_weight = -100;
  options.progress = [](size_t, size_t) { return false; };
  EXPECT_TRUE(index_.dedupe(options).cancelled);
}

TEST_F(NameIndexTest, ConcurrentReadersAndWritersDoNotInterfere) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        auto r = index_.search(query("Shcherbakov"));
        if (!r.ok() || r->hits.empty() || r->hits.front().id != "ru1") ++failures;
      }
    });
  }
  for (int k = 0; k < 200; ++k) {
    const std::string id = "tmp" + std::to_string(k % 20);
    ASSERT_TRUE(
        index_
            .upsert(child(id, "Test", "Person" + std::to_string(k), "2010-01-01", ChildSex::kMale))
            .ok());
    if (k % 3 == 0) index_.remove(id);
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace haven::search
