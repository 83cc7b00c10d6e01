// Finding a child through GET /api/v1/search/children, on both databases: a child registered at
// intake is found by a misspelt or transliterated name, by case number and by birth date; another
// agency's child is never shown; a write by a second haven process on the same database is found
// after a refresh; a merged child disappears; the index `haven serve` builds in the background
// answers the searches made meanwhile and keeps /readyz at not ready; bad input is refused
// naming its field.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "case_fixture.h"
#include "core/id.h"
#include "store/repositories/user_repository.h"

namespace haven::testing {
namespace {

class SearchTest : public CaseApiTest {
 protected:
  // Registers a report for a new child through the API; (child id, case number).
  std::pair<std::string, std::string> register_child(const std::string& token,
                                                     const std::string& given,
                                                     const std::string& family,
                                                     const std::string& born,
                                                     const std::string& original = "") {
    nlohmann::json body = intake_body();
    body["child"]["given_names"] = given;
    body["child"]["family_names"] = family;
    body["child"]["birth_date"] = born;
    body["child"]["sex"] = "male";
    if (!original.empty()) body["child"]["names_original_script"] = original;
    body["child"].erase("identity_numbers");
    auto r = send("POST", token, "/api/v1/reports", body);
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    const auto j = body_of(r);
    return {j.value("child_id", ""), j.value("case_number", "")};
  }

  httplib::Result search(const std::string& token, const std::string& query) {
    return send("GET", token, "/api/v1/search/children?" + query);
  }

  // The child ids found, best first (empty on an error status).
  std::vector<std::string> found(const std::string& token, const std::string& query) {
    auto r = search(token, query);
    EXPECT_EQ(r ? r->status : 0, 200) << query << ": " << (r ? r->body : "");
    std::vector<std::string> ids;
    auto j = body_of(r);
    if (!j.is_object() || !j["matches"].is_array()) return ids;
    for (const auto& m : j["matches"]) ids.push_back(m.value("child_id", ""));
    return ids;
  }

  static bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  // A signed-in user as a service caller.
  service::Actor actor_for(service::App& in, const std::string& username) {
    auto principal = db().write([&](store::Tx& tx) {
      auto row = store::UserRepository::find_by_username(tx, username);
      return in.access.principal_for(tx, *row, nullptr);
    });
    EXPECT_TRUE(principal.ok()) << principal.error().message;
    return service::Actor{*principal, principal->user_id, "req-" + username};
  }

  // The field an invalid-input problem names (422, as every haven API answers bad input).
  std::string bad_field(const std::string& token, const std::string& query) {
    auto r = search(token, query);
    EXPECT_EQ(r ? r->status : 0, 422) << query << ": " << (r ? r->body : "");
    auto j = body_of(r);
    if (!j.is_object() || !j.contains("errors") || j["errors"].empty()) return "";
    return j["errors"][0].value("field", "");
  }
};

TEST_P(SearchTest, FindsARegisteredChildByAnotherSpellingByCaseNumberAndByBirthDate) {
  const std::string token = sign_in("anna", "caseworker");
  const auto [child_id, case_number] =
      register_child(token, "Ivan", "Shcherbakov", "2015-03-07", "Иван Щербаков");
  register_child(token, "Maja", "Lindqvist", "2014-11-20");
  ASSERT_FALSE(child_id.empty());

  // Misspelt, and in the Polish and German transliterations of the Cyrillic.
  for (const char* q : {"q=Shcherbakow%20Ivan", "q=Szczerbakow%20Iwan", "q=Schtscherbakow",
                        "q=%D0%A9%D0%B5%D1%80%D0%B1%D0%B0%D0%BA%D0%BE%D0%B2"}) {
    auto ids = found(token, q);
    ASSERT_FALSE(ids.empty()) << q;
    EXPECT_EQ(ids[0], child_id) << q;
  }
  auto j = body_of(search(token, "q=Szczerbakow%20Iwan&dob=2015-03-07"));
  ASSERT_FALSE(j["matches"].empty());
  const auto& best = j["matches"][0];
  EXPECT_EQ(best["given_names"], "Ivan");
  EXPECT_EQ(best["family_names"], "Shcherbakov");
  EXPECT_EQ(best["birth_date"], "2015-03-07");
  EXPECT_FALSE(best["by_case_number"].get<bool>());
  EXPECT_GT(best["weight"].get<double>(), 0);
  ASSERT_EQ(best["cases"].size(), 1u);
  EXPECT_EQ(best["cases"][0]["case_number"], case_number);
  EXPECT_NE(best["explanation"].get<std::string>().find("Family name"), std::string::npos)
      << best["explanation"];
  bool dob_agrees = false;
  for (const auto& e : best["evidence"])
    if (e["field"] == "birth_date" && e["reason"] == "agrees") dob_agrees = true;
  EXPECT_TRUE(dob_agrees) << best["evidence"];

  // The case number, in any letter case: exact.
  std::string lower = case_number;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const std::string& q : {case_number, lower}) {
    auto r = body_of(search(token, "q=" + q));
    ASSERT_EQ(r["matches"].size(), 1u) << q;
    EXPECT_EQ(r["matches"][0]["child_id"], child_id);
    EXPECT_TRUE(r["matches"][0]["by_case_number"].get<bool>());
  }
  EXPECT_TRUE(found(token, "q=SE-2001-999999").empty());

  // The birth date alone: the children born that day.
  EXPECT_EQ(found(token, "dob=2015-03-07"), std::vector<std::string>{child_id});
  EXPECT_TRUE(found(token, "dob=2015-03-08").empty());

  // The duplicate check at intake: the same boy typed in another spelling.
  service::DuplicateCheck again{"Iwan", "Szczerbakow", "male", "2015-03-07", false};
  auto duplicates = app().search.likely_duplicates(again, actor_for(app(), "anna"));
  ASSERT_TRUE(duplicates.ok()) << duplicates.error().message;
  ASSERT_FALSE(duplicates->empty());
  EXPECT_EQ((*duplicates)[0].child_id, child_id);
  EXPECT_GT((*duplicates)[0].probability, 0.5);
  service::DuplicateCheck stranger{"Maria", "Nowak", "female", "2010-01-01", false};
  auto none = app().search.likely_duplicates(stranger, actor_for(app(), "anna"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  service::DuplicateCheck bad_date{"Ivan", "Shcherbakov", "male", "2015-3-7", false};
  auto refused = app().search.likely_duplicates(bad_date, actor_for(app(), "anna"));
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "birth_date");

  // Searches are audited, without the query text.
  const int64_t audited = db().read([&](store::Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM audit_events WHERE action = 'child.search'")
        ->integer(0);
  });
  EXPECT_GE(audited, 8);
  const int64_t leaked = db().read([&](store::Tx& tx) {
    return tx
        .query_one(
            "SELECT COUNT(*) FROM audit_events WHERE details LIKE '%erbakow%' OR details LIKE "
            "'%Iwan%'")
        ->integer(0);
  });
  EXPECT_EQ(leaked, 0);
}

TEST_P(SearchTest, NeverShowsAChildTheCallerMayNotRead) {
  auto other = app().agencies.create({"Göteborg socialtjänst", "child_protection", "SE"},
                                     service::Actor::cli());
  ASSERT_TRUE(other.ok()) << other.error().message;
  const std::string mine = sign_in("anna", "caseworker");
  const std::string theirs = sign_in("bertil", "caseworker", other->id);
  const auto [their_child, their_case] = register_child(theirs, "Olga", "Petrova", "2016-05-01");
  const auto [my_child, my_case] = register_child(mine, "Olga", "Petrova", "2016-05-02");

  EXPECT_TRUE(contains(found(theirs, "q=Olga%20Petrova"), their_child));
  const auto seen = found(mine, "q=Olga%20Petrova");
  EXPECT_EQ(seen, std::vector<std::string>{my_child});
  EXPECT_TRUE(found(mine, "q=" + their_case).empty());
  EXPECT_TRUE(found(mine, "dob=2016-05-01").empty());
  EXPECT_EQ(found(theirs, "dob=2016-05-01"), std::vector<std::string>{their_child});
}

TEST_P(SearchTest, AWriteByAnotherProcessIsFoundAfterARefresh) {
  const std::string token = sign_in("anna", "caseworker");
  register_child(token, "Maja", "Lindqvist", "2014-11-20");
  EXPECT_TRUE(found(token, "q=Kazlauskaite").empty());  // builds this process's index
  ASSERT_EQ(app().search.stats().children, 1u);

  // A second haven process on the same database registers a child.
  service::AppOptions second_options = options();
  const char* root = std::getenv("HAVEN_SOURCE_DIR");
  second_options.config_dir = std::string(root ? root : ".") + "/config";
  service::App second(db(), *clock_, second_options);
  auto worker = second.users.create({"carl", "", "caseworker", agency_id_, kGoodPassword},
                                    service::Actor::cli());
  ASSERT_TRUE(worker.ok());
  nlohmann::json body = intake_body();
  body["child"]["given_names"] = "Rūta";
  body["child"]["family_names"] = "Kazlauskaitė";
  body["child"]["birth_date"] = "2013-06-30";
  body["child"].erase("identity_numbers");
  const service::Actor carl = actor_for(second, "carl");
  auto intake = second.reports.intake(body, carl);
  ASSERT_TRUE(intake.ok()) << intake.error().message;

  ASSERT_TRUE(app().search.refresh().ok());
  EXPECT_EQ(app().search.stats().children, 2u);
  const auto ids = found(token, "q=Kazlauskiene%20Ruta");
  ASSERT_EQ(ids.size(), 1u);
  const std::string child_id = ids[0];

  // Merged into another child (what a supervisor's merge does): gone from the results.
  const auto maja = found(token, "q=Maja%20Lindqvist");
  ASSERT_EQ(maja.size(), 1u);
  db().write([&](store::Tx& tx) {
    tx.execute(
        "UPDATE children SET merged_into = $1, updated_at = $2, version = version + 1 "
        "WHERE id = $3",
        store::params(maja[0], clock_->now().ms, child_id));
  });
  app().search.mark_stale();
  EXPECT_TRUE(found(token, "q=Kazlauskaite%20Ruta").empty());
  EXPECT_EQ(app().search.stats().children, 1u);
  // A process starting now builds its index without the merged child.
  service::App third(db(), *clock_, second_options);
  ASSERT_TRUE(third.search.build().ok());
  EXPECT_EQ(third.search.stats().children, 1u);
}

// `haven serve` builds its index on a thread while it already answers: the duplicate check at
// intake made meanwhile waits for the build (it must not be skipped) and finds the child; the
// build's figures are logged; name searches answer once it is built; stopping and starting again
// leaves a working index.
TEST_P(SearchTest, AnIndexBuiltInTheBackgroundAnswersTheDuplicateCheckMadeMeanwhile) {
  const std::string token = sign_in("anna", "caseworker");
  register_child(token, "Rūta", "Kazlauskaitė", "2013-06-30");
  register_child(token, "Maja", "Lindqvist", "2014-11-20");
  service::AppOptions fresh_options = options();
  const char* root = std::getenv("HAVEN_SOURCE_DIR");
  fresh_options.config_dir = std::string(root ? root : ".") + "/config";
  service::App fresh(db(), *clock_, fresh_options);  // a process just started: nothing built
  ASSERT_TRUE(fresh.health.readiness().ready);

  std::mutex mu;
  std::vector<std::string> lines;
  fresh.search.start_background_refresh(std::chrono::hours(1), [&](const std::string& line) {
    std::lock_guard lock(mu);
    lines.push_back(line);
  });
  const service::DuplicateCheck check{"Rūta", "Kazlauskaitė", "male", "2013-06-30", false};
  auto duplicates = fresh.search.likely_duplicates(check, actor_for(fresh, "anna"));
  ASSERT_TRUE(duplicates.ok()) << duplicates.error().message;
  ASSERT_EQ(duplicates->size(), 1u);
  EXPECT_EQ((*duplicates)[0].family_names, "Kazlauskaitė");
  for (int i = 0; i < 3000 && fresh.search.building(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(fresh.search.building());
  EXPECT_TRUE(fresh.health.readiness().ready);
  service::ChildSearchQuery query;
  query.text = "Kazlauskiene Ruta";
  auto hits = fresh.search.find_children(query, actor_for(fresh, "anna"));
  ASSERT_TRUE(hits.ok()) << hits.error().message;
  EXPECT_EQ(hits->size(), 1u);
  {
    std::lock_guard lock(mu);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].rfind("search index: 2 children in ", 0), 0u) << lines[0];
  }
  fresh.search.stop_background_refresh();

  // Stopped at once, whether or not its build had finished; a search afterwards still works.
  service::App other(db(), *clock_, fresh_options);
  other.search.start_background_refresh(std::chrono::hours(1), nullptr);
  other.search.stop_background_refresh();
  EXPECT_FALSE(other.search.building());
  EXPECT_TRUE(other.health.readiness().ready);
  auto again = other.search.find_children(query, actor_for(other, "anna"));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->size(), 1u);
}

// While the index is being built after a restart, /readyz says not ready (naming the build), so
// a load balancer sends searches elsewhere, and a name search is answered at once with 503 and
// Retry-After rather than holding a server thread; both ready once it is built. PostgreSQL only: a
// lock on the children table holds the build still for as long as the test needs.
TEST_P(SearchTest, NotReadyAndNameSearchesAskToRetryWhileTheIndexIsBeingBuilt) {
  if (db().backend() != store::Backend::kPostgres)
    GTEST_SKIP() << "SQLite readers are never blocked by a lock";
  const std::string token = sign_in("anna", "caseworker");
  const std::string child_id = register_child(token, "Maja", "Lindqvist", "2014-11-20").first;
  ASSERT_FALSE(app().search.building());  // nothing searched yet: this process has no index

  std::promise<void> locked, release;
  std::thread holder([&] {
    db().write([&](store::Tx& tx) {
      tx.execute("LOCK TABLE children IN ACCESS EXCLUSIVE MODE");
      locked.set_value();
      release.get_future().wait();
    });
  });
  locked.get_future().wait();
  app().search.start_background_refresh(std::chrono::hours(1), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(app().search.building());
  const service::Readiness during = app().health.readiness();
  EXPECT_FALSE(during.ready);
  EXPECT_NE(during.reason.find("building the search index"), std::string::npos) << during.reason;
  auto by_name = search(token, "q=Maja%20Lindqvist");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->status, 503) << by_name->body;
  EXPECT_EQ(by_name->get_header_value("Retry-After"), "5");
  EXPECT_NE(by_name->body.find("Search is getting ready"), std::string::npos) << by_name->body;
  release.set_value();
  holder.join();
  for (int i = 0; i < 3000 && app().search.building(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(app().health.readiness().ready);
  EXPECT_EQ(found(token, "q=Maja%20Lindqvist"), std::vector<std::string>{child_id});
  app().search.stop_background_refresh();
}

// PostgreSQL numbers a change before its transaction commits: a reader can see seq 3 while seq 2
// is still uncommitted. The refresh must come back for 2 rather than skip it for good.
TEST_P(SearchTest, AChildCommittedOutOfSequenceOrderIsStillFound) {
  if (db().backend() != store::Backend::kPostgres) GTEST_SKIP() << "SQLite commits in order";
  const std::string token = sign_in("anna", "caseworker");
  register_child(token, "Maja", "Lindqvist", "2014-11-20");
  ASSERT_TRUE(app().search.refresh().ok());
  auto insert = [&](store::Tx& tx, const std::string& id, const std::string& family) {
    tx.execute(
        "INSERT INTO children (id, agency_id, given_names, family_names, created_at, "
        "updated_at) VALUES ($1, $2, 'Jonas', $3, $4, $4)",
        store::params(id, agency_id_, family, clock_->now().ms));
  };
  const std::string slow_id = core::new_id(clock_->now());
  const std::string fast_id = core::new_id(clock_->now());
  std::promise<void> inserted, release;
  std::thread slow([&] {
    db().write([&](store::Tx& tx) {
      insert(tx, slow_id, "Vaitkevičius");  // takes its sequence number first …
      inserted.set_value();
      release.get_future().wait();  // … and commits last
    });
  });
  inserted.get_future().wait();
  db().write([&](store::Tx& tx) { insert(tx, fast_id, "Petrauskas"); });
  ASSERT_TRUE(app().search.refresh().ok());
  release.set_value();
  slow.join();
  ASSERT_TRUE(app().search.refresh().ok());
  const auto fast = found(token, "q=Jonas%20Petrauskas");
  ASSERT_FALSE(fast.empty());
  EXPECT_EQ(fast[0], fast_id);
  const auto late = found(token, "q=Jonas%20Vaitkevicius");
  ASSERT_FALSE(late.empty());
  EXPECT_EQ(late[0], slow_id);  // re-read from the gap below the highest number seen
}

TEST_P(SearchTest, BadQueriesAreRefusedNamingTheField) {
  const std::string token = sign_in("anna", "caseworker");
  register_child(token, "Ivan", "Shcherbakov", "2015-03-07");
  EXPECT_EQ(bad_field(token, "q="), "q");
  EXPECT_EQ(bad_field(token, "q=a"), "q");
  EXPECT_EQ(bad_field(token, "q=%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80"), "q");  // emoji only
  EXPECT_EQ(bad_field(token, "q=" + std::string(2'000, 'x')), "q");
  // 10,000 characters do not fit a URL: the server's own clear refusal.
  auto longest = search(token, "q=" + std::string(10'000, 'x'));
  EXPECT_EQ(longest ? longest->status : 0, 414);
  EXPECT_EQ(bad_field(token, "q=Iv%FF%FEan"), "q");  // not UTF-8
  EXPECT_EQ(bad_field(token, "q=Ivan&dob=2015-02-30"), "dob");
  EXPECT_EQ(bad_field(token, "dob=yesterday"), "dob");
  EXPECT_EQ(bad_field(token, "q=Ivan&limit=0"), "limit");
  EXPECT_EQ(bad_field(token, "q=Ivan&limit=many"), "limit");
  // Mixed scripts and a digit or two are a sensible answer, not an error.
  EXPECT_FALSE(found(token, "q=%D0%98van%20Shcherbakov2").empty());
  // Not signed in: 401.
  auto c = client();
  auto r = c.Get("/api/v1/search/children?q=Ivan");
  EXPECT_EQ(r ? r->status : 0, 401);
}

HAVEN_INSTANTIATE_BACKENDS(SearchTest);

}  // namespace
}  // namespace haven::testing
