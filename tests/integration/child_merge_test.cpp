// Merging a child registered twice, and un-merging, through the HTTP API on both databases
// ([S1] item 4): the duplicate's cases, reports and household move to the record that stays (its
// case and person lists show them), history and audit are written, and un-merging restores
// exactly what moved. Refused: a caseworker (403), another agency's supervisor (404), merging a
// child into itself, into a merged child, a merged child twice, a stale version, un-merging twice.
// The review queue `haven dedupe` writes: listed for the agency's supervisor with both records,
// a pair turns "merged" with its merge, dismissing is kept over a rerun; the supervisor's page
// /duplicates shows both records and merges or dismisses through the same services.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "web_fixture.h"

namespace haven::testing {
namespace {

using nlohmann::json;

class ChildMergeTest : public WebPageTest {
 protected:
  void SetUp() override {
    WebPageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    anna_ = sign_in("anna", "caseworker");
    sven_ = sign_in("sven", "supervisor");
  }

  struct Intake {
    std::string child_id, case_id, report_id;
  };

  // A report of concern about a new child named `given` `family`, with no identity number (so
  // intake registers a new child rather than finding the first).
  Intake intake(const std::string& given, const std::string& family, const std::string& token) {
    json body = intake_body();
    body["child"]["given_names"] = given;
    body["child"]["family_names"] = family;
    body["child"].erase("identity_numbers");
    auto r = send("POST", token, "/api/v1/reports", body);
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    auto j = body_of(r);
    return {j.value("child_id", ""), j.value("case_id", ""), j.value("report_id", "")};
  }

  json call(const std::string& method, const std::string& token, const std::string& path,
            const json& body = nullptr, int status = 200) {
    auto r = send(method, token, path, body);
    EXPECT_TRUE(r);
    if (!r) return nullptr;
    EXPECT_EQ(r->status, status) << method << " " << path << ": " << r->body;
    return body_of(r);
  }

  json child(const std::string& token, const std::string& id) {
    return call("GET", token, "/api/v1/children/" + id);
  }

  json merge_body(const std::string& survivor, const std::string& merged,
                  const std::string& token) {
    return {{"merged_child_id", merged},
            {"reason", "Same girl: registered again by the night duty after a phone report."},
            {"version", child(token, survivor)["version"]},
            {"merged_child_version", child(token, merged)["version"]}};
  }

  std::set<std::string> case_ids(const std::string& token, const std::string& id) {
    std::set<std::string> out;
    const json record = child(token, id);
    for (const auto& c : record["case_ids"]) out.insert(c.get<std::string>());
    return out;
  }

  std::string report_child(const std::string& report_id) {
    return db().read([&](store::Tx& tx) {
      return tx.query_one("SELECT child_id FROM reports WHERE id = $1", store::params(report_id))
          ->text(0);
    });
  }

  int64_t audit_count(const std::string& action, const std::string& entity_id) {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) FROM audit_events WHERE action = $1 AND entity_id = $2",
                     store::params(action, entity_id))
          ->integer(0);
    });
  }

  std::vector<service::HistoryEntry> child_history(const std::string& id) {
    return db().read(
        [&](store::Tx& tx) { return app().history.read_entity(tx, "child", id).value(); });
  }

  std::string other_agency_supervisor() {
    auto other = app().agencies.create({"Lunds kommun, socialtjänst", "child_protection", "SE"},
                                       service::Actor::cli());
    EXPECT_TRUE(other.ok());
    return sign_in("olle", "supervisor", other.ok() ? other->id : "");
  }

  std::string anna_, sven_;
};

bool has_problem_field(const json& problem, const std::string& field) {
  if (!problem.contains("errors")) return false;
  for (const auto& e : problem["errors"])
    if (e["field"] == field) return true;
  return false;
}

TEST_P(ChildMergeTest, MergeMovesCasesReportsAndHouseholdAndUnmergeRestoresExactly) {
  const Intake first = intake("Elsa", "Öberg", anna_);
  const Intake second = intake("Elsa", "Oberg", anna_);
  ASSERT_NE(first.child_id, second.child_id);
  // The duplicate's mother, registered on the second record.
  json mother{{"given_names", "Karin"},
              {"family_names", "Öberg"},
              {"sex", "female"},
              {"roles", {"caregiver"}},
              {"relationship", {{"type", "mother"}, {"lives_with", true}}}};
  call("POST", anna_, "/api/v1/children/" + second.child_id + "/persons", mother, 201);
  ASSERT_EQ(call("GET", anna_, "/api/v1/children/" + first.child_id + "/persons")["items"].size(),
            0u);

  json m = call("POST", sven_, "/api/v1/children/" + first.child_id + "/merge",
                merge_body(first.child_id, second.child_id, sven_), 201);
  const std::string merge_id = m.value("id", "");
  EXPECT_EQ(m["survivor_child_id"], first.child_id);
  EXPECT_EQ(m["moved"]["cases.child_id"], json::array({second.case_id}));
  EXPECT_EQ(m["moved"]["reports.child_id"], json::array({second.report_id}));
  EXPECT_EQ(m["moved"]["relationships.to_child_id"].size(), 1u) << m.dump();

  // The survivor's record shows both cases and the mother; the duplicate says where it went.
  EXPECT_EQ(case_ids(sven_, first.child_id),
            (std::set<std::string>{first.case_id, second.case_id}));
  EXPECT_EQ(report_child(second.report_id), first.child_id);
  auto persons = call("GET", anna_, "/api/v1/children/" + first.child_id + "/persons")["items"];
  ASSERT_EQ(persons.size(), 1u);
  EXPECT_EQ(persons[0]["given_names"], "Karin");
  EXPECT_EQ(child(sven_, second.child_id)["merged_into"], first.child_id);
  EXPECT_TRUE(child(sven_, first.child_id)["merged_into"].is_null());
  EXPECT_TRUE(case_ids(sven_, second.child_id).empty());

  // History on both children and on the moved case; one audit event.
  bool merged_into = false, merged_from = false;
  for (const auto& e : child_history(second.child_id))
    merged_into |= e.field == "merged_into" && e.new_value == first.child_id;
  for (const auto& e : child_history(first.child_id))
    merged_from |= e.field == "merged_child_id" && e.new_value == second.child_id;
  EXPECT_TRUE(merged_into);
  EXPECT_TRUE(merged_from);
  auto case_history = call("GET", sven_, "/api/v1/cases/" + second.case_id + "/history");
  EXPECT_NE(case_history.dump().find(first.child_id), std::string::npos) << case_history.dump();
  EXPECT_EQ(audit_count("child.merge", first.child_id), 1);

  // Un-merge puts exactly that back.
  json u = call("POST", sven_, "/api/v1/merges/" + merge_id + "/undo",
                {{"reason", "Two girls after all: different mothers, confirmed by the school."}});
  EXPECT_FALSE(u["unmerged_at"].is_null());
  EXPECT_EQ(u["unmerge_reason"],
            "Two girls after all: different mothers, confirmed by the school.");
  EXPECT_EQ(case_ids(sven_, first.child_id), std::set<std::string>{first.case_id});
  EXPECT_EQ(case_ids(sven_, second.child_id), std::set<std::string>{second.case_id});
  EXPECT_EQ(report_child(second.report_id), second.child_id);
  EXPECT_EQ(report_child(first.report_id), first.child_id);
  EXPECT_EQ(call("GET", anna_, "/api/v1/children/" + first.child_id + "/persons")["items"].size(),
            0u);
  EXPECT_EQ(call("GET", anna_, "/api/v1/children/" + second.child_id + "/persons")["items"].size(),
            1u);
  EXPECT_TRUE(child(sven_, second.child_id)["merged_into"].is_null());
  EXPECT_EQ(audit_count("child.unmerge", first.child_id), 1);
  bool cleared = false;
  for (const auto& e : child_history(second.child_id))
    cleared |= e.field == "merged_into" && e.old_value == first.child_id && !e.new_value;
  EXPECT_TRUE(cleared);

  // Un-merging twice is refused and changes nothing.
  auto again = call("POST", sven_, "/api/v1/merges/" + merge_id + "/undo",
                    {{"reason", "Pressed the button twice."}}, 409);
  EXPECT_NE(again.value("detail", "").find("already undone"), std::string::npos) << again.dump();
  EXPECT_EQ(audit_count("child.unmerge", first.child_id), 1);
}

TEST_P(ChildMergeTest, EveryRefusalSaysWhyAndWritesNothing) {
  const Intake a = intake("Jonas", "Lindqvist", anna_);
  const Intake b = intake("Jonas", "Lindkvist", anna_);
  const Intake c = intake("Jonas", "Lindquist", anna_);
  const std::string olle = other_agency_supervisor();
  const std::string path = "/api/v1/children/" + a.child_id + "/merge";

  // A caseworker may not merge; another agency's supervisor does not learn the children exist.
  call("POST", anna_, path, merge_body(a.child_id, b.child_id, sven_), 403);
  auto hidden = call("POST", olle, path, merge_body(a.child_id, b.child_id, sven_), 404);
  EXPECT_EQ(hidden.dump().find("Lindqvist"), std::string::npos);
  // Into itself; without a reason; with a stale version; without versions.
  auto self = call("POST", sven_, path, merge_body(a.child_id, a.child_id, sven_), 409);
  EXPECT_NE(self.value("detail", "").find("itself"), std::string::npos) << self.dump();
  json no_reason = merge_body(a.child_id, b.child_id, sven_);
  no_reason["reason"] = "";
  EXPECT_TRUE(has_problem_field(call("POST", sven_, path, no_reason, 422), "reason"));
  json stale = merge_body(a.child_id, b.child_id, sven_);
  stale["merged_child_version"] = stale["merged_child_version"].get<int64_t>() + 5;
  auto conflict = call("POST", sven_, path, stale, 409);
  EXPECT_NE(conflict.value("detail", "").find("changed by someone else"), std::string::npos);
  json unversioned = merge_body(a.child_id, b.child_id, sven_);
  unversioned.erase("merged_child_version");
  EXPECT_TRUE(
      has_problem_field(call("POST", sven_, path, unversioned, 422), "merged_child_version"));
  EXPECT_EQ(count("child_merges"), 0);
  EXPECT_EQ(case_ids(sven_, a.child_id), std::set<std::string>{a.case_id});

  // b into a: then b cannot be merged again, nor can anything be merged into b.
  call("POST", sven_, path, merge_body(a.child_id, b.child_id, sven_), 201);
  auto twice = call("POST", sven_, "/api/v1/children/" + c.child_id + "/merge",
                    merge_body(c.child_id, b.child_id, sven_), 409);
  EXPECT_NE(twice.value("detail", "").find("already merged"), std::string::npos) << twice.dump();
  auto into_merged = call("POST", sven_, "/api/v1/children/" + b.child_id + "/merge",
                          merge_body(b.child_id, c.child_id, sven_), 409);
  EXPECT_NE(into_merged.value("detail", "").find("merge into that record instead"),
            std::string::npos)
      << into_merged.dump();
  EXPECT_EQ(count("child_merges"), 1);
  EXPECT_EQ(case_ids(sven_, c.child_id), std::set<std::string>{c.case_id});
  // Another agency's supervisor cannot undo it either.
  const std::string merge_id = db().read(
      [&](store::Tx& tx) { return tx.query_one("SELECT id FROM child_merges")->text(0); });
  call("POST", olle, "/api/v1/merges/" + merge_id + "/undo", {{"reason", "Not mine to undo."}},
       404);
  call("POST", anna_, "/api/v1/merges/" + merge_id + "/undo", {{"reason", "Not mine to undo."}},
       403);
  EXPECT_EQ(child(sven_, b.child_id)["merged_into"], a.child_id);
}

TEST_P(ChildMergeTest, TheReviewQueueListsPairsKeepsDecisionsAndFollowsMerges) {
  const Intake a = intake("Ieva", "Kazlauskaitė", anna_);
  const Intake b = intake("Ieva", "Kazlauskaite", anna_);
  const Intake c = intake("Ieva", "Kazlauskiene", anna_);
  const std::string olle = other_agency_supervisor();
  std::vector<service::DuplicatePairInput> pairs{
      {b.child_id, a.child_id, 31.5, 0.99, "family name agrees after diacritic folding"},
      {a.child_id, c.child_id, 12.0, 0.81, "family name agrees as a Baltic gendered stem"}};
  auto first = app().duplicates.record_pairs(pairs, {3, 3, 0.75, 0.1}, service::Actor::cli());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->queued, 2u);
  EXPECT_EQ(audit_count("duplicates.scan", ""), 1);

  // The supervisor sees both pairs, most likely first, with both records; nobody else does.
  auto queue = call("GET", sven_, "/api/v1/duplicates");
  ASSERT_EQ(queue["duplicates"].size(), 2u) << queue.dump();
  EXPECT_EQ(queue["total"], 2);
  const json& top = queue["duplicates"][0];
  EXPECT_EQ(top["probability"], 0.99);
  EXPECT_EQ(top["explanation"], "family name agrees after diacritic folding");
  std::set<std::string> names{top["children"][0]["family_names"],
                              top["children"][1]["family_names"]};
  EXPECT_EQ(names, (std::set<std::string>{"Kazlauskaitė", "Kazlauskaite"}));
  call("GET", anna_, "/api/v1/duplicates", nullptr, 403);
  EXPECT_EQ(call("GET", olle, "/api/v1/duplicates")["duplicates"].size(), 0u);

  // Dismissing: once; not by another agency.
  const std::string other_pair = queue["duplicates"][1]["id"].get<std::string>();
  call("POST", olle, "/api/v1/duplicates/" + other_pair + "/dismiss", json::object(), 404);
  EXPECT_EQ(call("POST", sven_, "/api/v1/duplicates/" + other_pair + "/dismiss",
                 json::object())["status"],
            "dismissed");
  call("POST", sven_, "/api/v1/duplicates/" + other_pair + "/dismiss", json::object(), 409);

  // Merging the top pair turns it "merged" and takes it out of the open queue.
  call("POST", sven_, "/api/v1/children/" + a.child_id + "/merge",
       merge_body(a.child_id, b.child_id, sven_), 201);
  EXPECT_EQ(call("GET", sven_, "/api/v1/duplicates")["duplicates"].size(), 0u);
  auto merged = call("GET", sven_, "/api/v1/duplicates?status=merged")["duplicates"];
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0]["id"], top["id"]);

  // A rerun finds the same pairs: decided ones stay decided, nothing is queued twice.
  auto rerun = app().duplicates.record_pairs(pairs, {3, 3, 0.75, 0.1}, service::Actor::cli());
  ASSERT_TRUE(rerun.ok());
  EXPECT_EQ(rerun->queued, 0u);
  EXPECT_EQ(rerun->skipped_merged + rerun->kept_decided, 2u);
  EXPECT_EQ(count("duplicate_candidates"), 2);
  EXPECT_EQ(call("GET", sven_, "/api/v1/duplicates?status=dismissed")["duplicates"].size(), 1u);
}

TEST_P(ChildMergeTest, TheSupervisorsPageShowsBothRecordsAndMergesOrDismisses) {
  const Intake a = intake("Þórunn", "Jónsdóttir", anna_);
  const Intake b = intake("Thorunn", "Jonsdottir", anna_);
  const Intake c = intake("Þórunn", "Jónsdóttir Berg", anna_);
  std::vector<service::DuplicatePairInput> pairs{
      {a.child_id, b.child_id, 30.0, 0.98, "family name agrees after transliteration"},
      {a.child_id, c.child_id, 14.0, 0.80, "family name agrees in part"}};
  ASSERT_TRUE(app().duplicates.record_pairs(pairs, {3, 3, 0.75, 0.1}, service::Actor::cli()).ok());

  auto page = get(sven_, "/duplicates");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_NE(page->body.find("Jónsdóttir"), std::string::npos);
  EXPECT_NE(page->body.find("Jonsdottir"), std::string::npos);
  // Why they look alike, field by field in the supervisor's language (compared again by the index).
  EXPECT_NE(page->body.find("<strong>Family name:</strong> agrees"), std::string::npos)
      << page->body;
  EXPECT_NE(page->body.find("<strong>Given name:</strong> agrees"), std::string::npos);
  EXPECT_NE(page->body.find(">Duplicates</a>"), std::string::npos);  // in the navigation
  EXPECT_EQ(page->body.find("style="), std::string::npos);  // the CSP allows no inline style
  EXPECT_EQ(get(anna_, "/duplicates")->status, 403);

  auto queue = call("GET", sven_, "/api/v1/duplicates")["duplicates"];
  ASSERT_EQ(queue.size(), 2u);
  auto fields = [](const json& d, const std::string& action, const std::string& reason) {
    return std::vector<std::pair<std::string, std::string>>{
        {"candidate_id", d["id"].get<std::string>()},
        {"version", std::to_string(d["version"].get<int64_t>())},
        {"child_a", d["children"][0]["id"].get<std::string>()},
        {"version_a", std::to_string(d["children"][0]["version"].get<int64_t>())},
        {"child_b", d["children"][1]["id"].get<std::string>()},
        {"version_b", std::to_string(d["children"][1]["version"].get<int64_t>())},
        {"keep", "b"},
        {"reason", reason},
        {"action", action}};
  };
  // Without a reason the page comes back with the message beside the field; nothing merged.
  auto bad = post_form(sven_, "/duplicates", fields(queue[0], "merge", ""));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("Say why you are merging"), std::string::npos);
  EXPECT_EQ(count("child_merges"), 0);
  // Keep record B: record A of the pair is merged into it.
  auto merged = post_form(sven_, "/duplicates",
                          fields(queue[0], "merge", "Same girl, same school, same mother."));
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->status, 303) << merged->body;
  const std::string kept = queue[0]["children"][1]["id"].get<std::string>();
  const std::string gone = queue[0]["children"][0]["id"].get<std::string>();
  EXPECT_EQ(child(sven_, gone)["merged_into"], kept);
  // The other pair: not the same child.
  auto dismissed = post_form(sven_, "/duplicates", fields(queue[1], "dismiss", ""));
  ASSERT_TRUE(dismissed);
  EXPECT_EQ(dismissed->status, 303);
  EXPECT_EQ(call("GET", sven_, "/api/v1/duplicates?status=dismissed")["duplicates"].size(), 1u);
  auto empty = get(sven_, "/duplicates");
  EXPECT_NE(empty->body.find("No possible duplicates are waiting for review."), std::string::npos);
}

HAVEN_INSTANTIATE_BACKENDS(ChildMergeTest);

}  // namespace
}  // namespace haven::testing
