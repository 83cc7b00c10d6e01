// Exports through the HTTP API on both databases: a caseworker's case list as CSV holds only the
// cases they may see (not a restricted case of another team, not another agency's), the filters
// apply, XLSX opens as a workbook with the rows, placements and tasks export too, and every export
// is audited with its list, filters and row count. The subject-access export: a supervisor gets
// the child's bundle (JSON and HTML) with the reporter, the foster carer and related people
// redacted; a caseworker and another agency's supervisor are refused; the disclosure is audited.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "case_fixture.h"
#include "core/id.h"
#include "http/web/form.h"
#include "store/repositories/case_repository.h"
#include "store/repositories/placement_repository.h"

namespace haven::testing {
namespace {

class ExportTest : public CaseApiTest {
 protected:
  // Intake as `token` with the child's given name; the new case's id.
  std::string open_case(const std::string& token, const std::string& given = "Elsa") {
    nlohmann::json body = intake_body();
    body["child"]["given_names"] = given;
    auto r = send("POST", token, "/api/v1/reports", body);
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    return body_of(r)["case_id"].get<std::string>();
  }
  std::string case_number(const std::string& token, const std::string& id) {
    return body_of(send("GET", token, "/api/v1/cases/" + id))["case_number"].get<std::string>();
  }
  std::string child_of(const std::string& token, const std::string& id) {
    return body_of(send("GET", token, "/api/v1/cases/" + id))["child"]["id"].get<std::string>();
  }
  // The audit events of `action`, oldest first, as their details.
  std::vector<nlohmann::json> audited(const std::string& action) {
    std::vector<nlohmann::json> out;
    db().read([&](store::Tx& tx) {
      for (const auto& r : tx.query("SELECT details, entity_id, actor_id FROM audit_events WHERE "
                                    "action = $1 ORDER BY seq",
                                    store::params(action))) {
        auto d = r.is_null(0) ? nlohmann::json::object() : nlohmann::json::parse(r.text(0));
        d["_entity_id"] = r.text(1);
        d["_actor_id"] = r.text(2);
        out.push_back(d);
      }
    });
    return out;
  }
  // A team of the fixture's agency with `members`; its id.
  std::string add_team(const std::string& name, const std::vector<std::string>& members) {
    const std::string id = core::new_id(clock_->now());
    db().write([&](store::Tx& tx) {
      tx.execute(
          "INSERT INTO teams (id, agency_id, name, created_at, updated_at) VALUES ($1, $2, $3, 0, "
          "0)",
          store::params(id, agency_id_, name));
      for (const auto& m : members)
        tx.execute("INSERT INTO team_members (team_id, user_id, created_at) VALUES ($1, $2, 0)",
                   store::params(id, user_ids_[m]));
    });
    return id;
  }
  // A case of `agency` assigned to `worker` with one placement at `provider`, written straight to
  // the tables (a page of 200 cases without 200 intakes).
  void add_placed_case(const std::string& agency, const std::string& worker,
                       const std::optional<std::string>& team, bool restricted,
                       const std::string& provider) {
    const auto now = clock_->now();
    const std::string child = core::new_id(now);
    const std::string id = core::new_id(now);
    db().write([&](store::Tx& tx) {
      tx.execute(
          "INSERT INTO children (id, agency_id, given_names, family_names, created_at, "
          "updated_at) VALUES ($1, $2, 'Elin', 'Nyström', $3, $3)",
          store::params(child, agency, now.ms));
      store::CaseRow c;
      c.id = id;
      c.case_number = "SE-2026-9" + std::to_string(10000 + ++placed_cases_);
      c.child_id = child;
      c.agency_id = agency;
      c.status = "implementation";
      c.assigned_worker_id = worker;
      c.team_id = team;
      c.restricted = restricted;
      c.opened_at = now.ms;
      c.created_by = worker;
      c.status_changed_at = now.ms;
      c.created_at = now.ms;
      store::CaseRepository::insert(tx, c);
      store::PlacementRow pl;
      pl.id = core::new_id(now);
      pl.case_id = id;
      pl.type = "foster_care";
      pl.provider = provider;
      pl.start_on = "2026-01-15";
      pl.reason = "Omsorgsbrist";
      pl.created_by = worker;
      pl.created_at = now.ms;
      store::PlacementRepository::insert(tx, pl);
    });
    clock_->advance_ms(1);
  }
  int64_t count_audited(const std::string& action) {
    return db().read([&](store::Tx& tx) {
      return tx
          .query_one("SELECT COUNT(*) FROM audit_events WHERE action = $1", store::params(action))
          ->integer(0);
    });
  }
  int placed_cases_ = 0;

  std::string unzip_sheet(const std::string& bytes) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("export-test-" + core::new_id(clock_->now()) + ".xlsx"))
                                 .string();
    std::ofstream(path, std::ios::binary) << bytes;
    std::string out;
    if (FILE* p = popen(("unzip -p '" + path + "' xl/worksheets/sheet1.xml").c_str(), "r")) {
      std::array<char, 4096> buf{};
      size_t n;
      while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
      pclose(p);
    }
    std::filesystem::remove(path);
    return out;
  }
};

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

TEST_P(ExportTest, ACaseworkersCsvHoldsOnlyTheCasesTheyMaySee) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string bo = sign_in("bo", "caseworker");
  const std::string mine = open_case(anna);
  const std::string colleagues = open_case(bo);
  const std::string restricted = open_case(bo);
  auto other = app().agencies.create({"Lunds socialtjänst", "child_protection", "SE"},
                                     service::Actor::cli());
  ASSERT_TRUE(other.ok());
  const std::string olof = sign_in("olof", "caseworker", other->id);
  const std::string elsewhere = open_case(olof);
  const std::string n_mine = case_number(anna, mine);
  const std::string n_colleagues = case_number(bo, colleagues);
  const std::string n_restricted = case_number(bo, restricted);
  const std::string n_elsewhere = case_number(olof, elsewhere);
  // Bo's second case is restricted to him (no team).
  db().write([&](store::Tx& tx) {
    tx.execute("UPDATE cases SET restricted = 1, team_id = NULL WHERE id = $1",
               store::params(restricted));
  });

  auto r = send("GET", anna, "/api/v1/exports/cases?format=csv");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  const std::string disposition = r->get_header_value("Content-Disposition");
  EXPECT_TRUE(contains(disposition, "attachment; filename=\"haven-cases-")) << disposition;
  EXPECT_FALSE(contains(disposition, "Elsa"));
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  const std::string& csv = r->body;
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF"
                      "case_number,status,risk_level,urgency,assigned_worker,",
                      0),
            0u)
      << csv;
  EXPECT_TRUE(contains(csv, n_mine));
  EXPECT_TRUE(contains(csv, n_colleagues));
  EXPECT_FALSE(contains(csv, n_restricted)) << "a restricted case of another worker";
  EXPECT_FALSE(contains(csv, n_elsewhere)) << "another agency's case";
  EXPECT_EQ(r->get_header_value("X-Export-Rows"), "2");

  // Bo sees his restricted case; the filter worker=me leaves Anna's out.
  auto b = send("GET", bo, "/api/v1/exports/cases?worker=me");
  ASSERT_EQ(b->status, 200) << b->body;
  EXPECT_TRUE(contains(b->body, n_restricted));
  EXPECT_TRUE(contains(b->body, n_colleagues));
  EXPECT_FALSE(contains(b->body, n_mine));

  // A filter the case list refuses is refused here too, with the field named.
  auto bad = send("GET", anna, "/api/v1/exports/cases?status=sleeping");
  EXPECT_EQ(bad->status, 422) << bad->body;
  EXPECT_TRUE(contains(bad->body, "status"));
  EXPECT_EQ(send("GET", anna, "/api/v1/exports/children?format=csv")->status, 422);
  EXPECT_EQ(send("GET", anna, "/api/v1/exports/cases?format=pdf")->status, 422);

  // Each export is audited once, with the list, the filters and the row count.
  auto events = audited("export.list");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["list"], "cases");
  EXPECT_EQ(events[0]["format"], "csv");
  EXPECT_EQ(events[0]["rows"], 2);
  EXPECT_EQ(events[0]["_actor_id"], user_ids_["anna"]);
  EXPECT_EQ(events[1]["filters"]["worker"], "me");
  EXPECT_EQ(events[1]["rows"], 2);
}

TEST_P(ExportTest, XlsxPlacementsAndTasksExportWithTheSameRules) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = open_case(anna);
  const std::string number = case_number(anna, id);
  const std::string today = core::Date::of(clock_->now()).to_string();
  auto pl = send("POST", anna, "/api/v1/cases/" + id + "/placements",
                 {{"type", "residential_care"},
                  {"provider", "Barnhemmet Solrosen"},
                  {"start_on", today},
                  {"entry_reasons", {"parental_capacity", "neglect"}},
                  {"reason", "=cmd|' /C calc'!A0"}});
  ASSERT_EQ(pl->status, 201) << pl->body;

  auto x = send("GET", sven, "/api/v1/exports/cases?format=xlsx");
  ASSERT_EQ(x->status, 200) << x->body;
  EXPECT_EQ(x->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(x->body.rfind("PK\x03\x04", 0), 0u);
  const std::string sheet = unzip_sheet(x->body);
  EXPECT_TRUE(contains(sheet, number)) << sheet;
  EXPECT_TRUE(contains(sheet, "case_number"));

  auto p = send("GET", anna, "/api/v1/exports/placements?format=csv");
  ASSERT_EQ(p->status, 200) << p->body;
  EXPECT_TRUE(contains(p->body, "Barnhemmet Solrosen"));
  EXPECT_TRUE(contains(p->body, number));
  // The would-be formula is defused.
  EXPECT_TRUE(contains(p->body, "'=cmd|' /C calc'!A0")) << p->body;
  EXPECT_EQ(p->get_header_value("X-Export-Rows"), "1");
  // The coded entry reasons, in code order, and an empty destination while it lasts.
  EXPECT_TRUE(contains(p->body, "case_id,entry_reasons,exit_destination")) << p->body;
  EXPECT_TRUE(contains(p->body, "," + id + ",neglect parental_capacity,")) << p->body;

  auto t = send("GET", anna, "/api/v1/exports/tasks?format=csv");
  ASSERT_EQ(t->status, 200) << t->body;
  EXPECT_EQ(t->body.rfind("\xEF\xBB\xBF"
                          "due_date,state,task,",
                          0),
            0u)
      << t->body;
  EXPECT_TRUE(contains(t->body, number));
  // The task list takes no filters.
  EXPECT_EQ(send("GET", anna, "/api/v1/exports/tasks?status=reported")->status, 422);

  auto events = audited("export.list");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["format"], "xlsx");
  EXPECT_EQ(events[1]["list"], "placements");
  EXPECT_EQ(events[1]["rows"], 1);
  EXPECT_EQ(events[2]["list"], "tasks");
}

// The placements export reads a page of cases' placements in one query and still asks the policy
// for each case: over more than one page (200 cases), a caseworker gets her agency's open cases and
// the restricted cases of her own team, a supervisor the restricted cases of hers, nobody another
// agency's; worker=me narrows to her own. A token without placement reads is refused once (403)
// instead of getting a header-only file and one audited refusal per case.
TEST_P(ExportTest, PlacementsOverManyPagesFollowTheCaseRulesAndAMissingScopeIsRefused) {
  const std::string anna = sign_in("anna", "caseworker");
  sign_in("bo", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string north = add_team("Norr", {"anna"});
  const std::string south = add_team("Söder", {"bo", "sven"});
  auto other = app().agencies.create({"Lunds socialtjänst", "child_protection", "SE"},
                                     service::Actor::cli());
  ASSERT_TRUE(other.ok());
  sign_in("olof", "caseworker", other->id);

  add_placed_case(agency_id_, user_ids_["anna"], north, false, "Familjehemmet Ek");
  for (int i = 0; i < 205; ++i)
    add_placed_case(agency_id_, user_ids_["bo"], south, false, "Jourhemmet Lind");
  add_placed_case(agency_id_, user_ids_["anna"], north, true, "Barnhemmet Solrosen");
  add_placed_case(agency_id_, user_ids_["bo"], south, true, "HVB Björken");
  add_placed_case(other->id, user_ids_["olof"], std::nullopt, false, "Lunds familjehem");

  auto count = [](const std::string& csv, const std::string& what) {
    size_t n = 0;
    for (size_t at = csv.find(what); at != std::string::npos; at = csv.find(what, at + 1)) ++n;
    return n;
  };
  auto a = send("GET", anna, "/api/v1/exports/placements?format=csv");
  ASSERT_EQ(a->status, 200) << a->body;
  EXPECT_EQ(a->get_header_value("X-Export-Rows"), "207");
  EXPECT_EQ(count(a->body, "Jourhemmet Lind"), 205u) << "every page, each case once";
  EXPECT_EQ(count(a->body, "Familjehemmet Ek"), 1u);
  EXPECT_EQ(count(a->body, "Barnhemmet Solrosen"), 1u) << "her team's restricted case";
  EXPECT_EQ(count(a->body, "HVB Björken"), 0u) << "another team's restricted case";
  EXPECT_EQ(count(a->body, "Lunds familjehem"), 0u) << "another agency's case";

  auto s = send("GET", sven, "/api/v1/exports/placements?format=xlsx");
  ASSERT_EQ(s->status, 200) << s->body;
  EXPECT_EQ(s->get_header_value("X-Export-Rows"), "207");
  const std::string sheet = unzip_sheet(s->body);
  EXPECT_TRUE(contains(sheet, "HVB Björken")) << "his team's restricted case";
  EXPECT_FALSE(contains(sheet, "Barnhemmet Solrosen")) << "another team's restricted case";
  EXPECT_FALSE(contains(sheet, "Lunds familjehem"));

  auto mine = send("GET", anna, "/api/v1/exports/placements?worker=me");
  ASSERT_EQ(mine->status, 200) << mine->body;
  EXPECT_EQ(mine->get_header_value("X-Export-Rows"), "2");
  EXPECT_EQ(count(mine->body, "Jourhemmet Lind"), 0u);

  // A token that may read cases but not placements: refused once, not a header-only file.
  auto token = app().auth.create_api_token("sven", {"case.read", "case.export", "child.read"},
                                           86'400'000, "test", service::Actor::cli());
  ASSERT_TRUE(token.ok());
  const int64_t denials = count_audited("policy.deny");
  auto narrow = send("GET", std::string(token->token.view()), "/api/v1/exports/placements");
  EXPECT_EQ(narrow->status, 403) << narrow->body;
  EXPECT_TRUE(contains(narrow->body, "placement.read")) << narrow->body;
  EXPECT_EQ(count_audited("policy.deny"), denials + 1);
  // The same token still exports the case list it may read.
  auto cases = send("GET", std::string(token->token.view()), "/api/v1/exports/cases");
  EXPECT_EQ(cases->status, 200) << cases->body;
  EXPECT_EQ(count_audited("export.list"), 4);
}

TEST_P(ExportTest, RolesWithoutCaseAccessCannotExportLists) {
  const std::string auditor = sign_in("aud", "auditor");
  auto r = send("GET", auditor, "/api/v1/exports/cases");
  EXPECT_TRUE(r->status == 403 || r->status == 404) << r->body;
  EXPECT_TRUE(audited("export.list").empty());
  EXPECT_EQ(send("GET", "", "/api/v1/exports/cases")->status, 401);
}

TEST_P(ExportTest, SubjectAccessBundleRedactsThirdPartiesAndIsAuditedAsADisclosure) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = open_case(anna);
  const std::string child = child_of(anna, id);
  const std::string today = core::Date::of(clock_->now()).to_string();
  ASSERT_EQ(send("POST", anna, "/api/v1/cases/" + id + "/placements",
                 {{"type", "foster_care"},
                  {"provider", "Familjen Lindqvist"},
                  {"start_on", today},
                  {"entry_reasons", {"neglect"}},
                  {"reason", "The child cannot live at home while the assessment continues."}})
                ->status,
            201);
  ASSERT_EQ(send("POST", anna, "/api/v1/cases/" + id + "/notes",
                 {{"text", "Home visit: Elsa showed her room."}})
                ->status,
            201);
  // A mother, registered as a person with her own details, linked to the child.
  const std::string mother = core::new_id(clock_->now());
  db().write([&](store::Tx& tx) {
    const int64_t now = clock_->now().ms;
    tx.execute(
        "INSERT INTO persons (id, agency_id, given_names, family_names, birth_date, created_at, "
        "updated_at) VALUES ($1, $2, 'Ingrid', 'Öberg', '1988-04-01', $3, $3)",
        store::params(mother, agency_id_, now));
    tx.execute(
        "INSERT INTO relationships (id, from_person_id, to_child_id, type, legal_guardian, "
        "created_at, updated_at) VALUES ($1, $2, $3, 'mother', 1, $4, $4)",
        store::params(core::new_id(clock_->now()), mother, child, now));
  });

  auto r = send("POST", sven, "/api/v1/children/" + child + "/subject-access");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(contains(r->get_header_value("Content-Disposition"), "haven-subject-access-"));
  EXPECT_FALSE(contains(r->get_header_value("Content-Disposition"), "Elsa"));
  auto b = body_of(r);
  EXPECT_EQ(b["format"], "haven.subject_access.v1");
  EXPECT_EQ(b["child"]["given_names"], "Elsa");
  EXPECT_EQ(b["child"]["identity_numbers"][0]["value"], "20150302-2384");
  ASSERT_EQ(b["reports"].size(), 1u);
  EXPECT_EQ(b["reports"][0]["reporter_type"], "school");
  EXPECT_EQ(b["reports"][0]["narrative"], "Elsa comes to school hungry and without warm clothes.");
  ASSERT_EQ(b["cases"].size(), 1u);
  EXPECT_EQ(b["cases"][0]["notes"][0]["body"], "Home visit: Elsa showed her room.");
  EXPECT_EQ(b["cases"][0]["placements"][0]["type"], "foster_care");
  ASSERT_EQ(b["relationships"].size(), 1u);
  EXPECT_EQ(b["relationships"][0]["type"], "mother");
  EXPECT_EQ(b["relationships"][0]["legal_guardian"], true);
  EXPECT_EQ(b["relationships"][0]["other"], "person 1");
  EXPECT_FALSE(b["access_log"].empty());
  EXPECT_GE(b["redactions"].size(), 3u);
  // Redaction holds anywhere in the bundle: the reporter's school, the foster family, the mother.
  for (const char* secret : {"Björkskolan", "Lindqvist", "Ingrid", "1988-04-01"})
    EXPECT_FALSE(contains(r->body, secret)) << secret;

  auto html = send("POST", sven, "/api/v1/children/" + child + "/subject-access?format=html");
  ASSERT_EQ(html->status, 200) << html->body;
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(html->body, "Subject access export: Elsa"));
  EXPECT_TRUE(contains(html->body, "Home visit: Elsa showed her room."));
  EXPECT_FALSE(contains(html->body, "<script"));
  for (const char* secret : {"Björkskolan", "Lindqvist", "Ingrid"})
    EXPECT_FALSE(contains(html->body, secret)) << secret;

  auto events = audited("child.subject_access");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["_entity_id"], child);
  EXPECT_EQ(events[0]["_actor_id"], user_ids_["sven"]);
  EXPECT_EQ(events[0]["format"], "json");
  EXPECT_EQ(events[0]["cases"], 1);
  EXPECT_EQ(events[1]["format"], "html");
}

TEST_P(ExportTest, SubjectAccessIsRefusedToCaseworkersAndOtherAgencies) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string id = open_case(anna);
  const std::string child = child_of(anna, id);
  auto other = app().agencies.create({"Lunds socialtjänst", "child_protection", "SE"},
                                     service::Actor::cli());
  ASSERT_TRUE(other.ok());
  const std::string lena = sign_in("lena", "supervisor", other->id);

  auto own = send("POST", anna, "/api/v1/children/" + child + "/subject-access");
  EXPECT_EQ(own->status, 403) << own->body;
  auto foreign = send("POST", lena, "/api/v1/children/" + child + "/subject-access");
  EXPECT_TRUE(foreign->status == 403 || foreign->status == 404) << foreign->body;
  for (const auto* r : {&own, &foreign}) {
    EXPECT_FALSE(contains((*r)->body, "Elsa"));
    EXPECT_FALSE(contains((*r)->body, "20150302"));
  }
  EXPECT_TRUE(audited("child.subject_access").empty());
  // Both refusals are in the audit log as denials.
  int64_t denials = db().read([&](store::Tx& tx) {
    return tx
        .query_one(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'policy.deny' AND "
            "entity_id = $1",
            store::params(child))
        ->integer(0);
  });
  EXPECT_EQ(denials, 2);
  EXPECT_EQ(send("POST", anna, "/api/v1/children/not-an-id/subject-access")->status, 404);
}

TEST_P(ExportTest, AWithheldPartNeedsALegalBasisAndIsLoggedWithIt) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string id = open_case(anna);
  const std::string child = child_of(anna, id);
  ASSERT_EQ(send("POST", anna, "/api/v1/cases/" + id + "/notes",
                 {{"text", "Police interview planned; do not disclose yet."}})
                ->status,
            201);
  auto missing = send("POST", sven, "/api/v1/children/" + child + "/subject-access",
                      {{"withhold", {"notes"}}});
  EXPECT_EQ(missing->status, 422) << missing->body;
  EXPECT_TRUE(contains(missing->body, "legal_basis"));
  auto unknown = send(
      "POST", sven, "/api/v1/children/" + child + "/subject-access",
      {{"withhold", {"everything"}}, {"legal_basis", "Offentlighets- och sekretesslagen 26 kap."}});
  EXPECT_EQ(unknown->status, 422) << unknown->body;

  auto r = send(
      "POST", sven, "/api/v1/children/" + child + "/subject-access",
      {{"withhold", {"notes"}}, {"legal_basis", "Offentlighets- och sekretesslagen 26 kap. 1 §"}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_FALSE(contains(r->body, "Police interview planned"));
  auto b = body_of(r);
  ASSERT_EQ(b["restrictions"].size(), 1u);
  EXPECT_EQ(b["restrictions"][0]["part"], "notes");
  auto events = audited("child.subject_access");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["restrictions"][0]["legal_basis"],
            "Offentlighets- och sekretesslagen 26 kap. 1 §");
}

// The "Download lists" page: shown to caseworkers and supervisors (linked from their menu), the
// subject-access form only to supervisors; a POSTed form with its CSRF token answers the file, one
// without is refused; an auditor is refused the page.
TEST_P(ExportTest, TheDownloadPageAnswersTheFileForAFormWithItsToken) {
  const std::string anna = sign_in("anna", "caseworker");
  const std::string sven = sign_in("sven", "supervisor");
  const std::string auditor = sign_in("aud", "auditor");
  const std::string id = open_case(anna);
  const std::string number = case_number(anna, id);
  const std::string child = child_of(anna, id);
  auto get = [&](const std::string& token, const std::string& path) {
    return client().Get(path, httplib::Headers{{"Cookie", "haven_session=" + token}});
  };
  auto csrf_of = [](const std::string& html) {
    const std::string marker = "name=\"_csrf\" value=\"";
    const auto at = html.find(marker);
    if (at == std::string::npos) return std::string();
    const auto from = at + marker.size();
    return html.substr(from, html.find('"', from) - from);
  };
  auto post = [&](const std::string& token, const std::string& path, const std::string& csrf,
                  const std::string& fields) {
    return client().Post(path, httplib::Headers{{"Cookie", "haven_session=" + token}},
                         "_csrf=" + http::web::url_encode(csrf) + "&" + fields,
                         "application/x-www-form-urlencoded");
  };

  auto page = get(anna, "/exports");
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_TRUE(contains(page->body, "href=\"&#x2F;exports\""));
  EXPECT_TRUE(contains(page->body, "Download lists"));
  EXPECT_FALSE(contains(page->body, "/exports/subject-access")) << "supervisors only";
  const std::string token = csrf_of(page->body);
  ASSERT_FALSE(token.empty());

  auto file = post(anna, "/exports", token, "list=cases&format=csv&status=&risk=&worker=me");
  ASSERT_EQ(file->status, 200) << file->body;
  EXPECT_EQ(file->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(contains(file->body, number));
  auto forged = post(anna, "/exports", "not-the-token", "list=cases&format=csv");
  EXPECT_EQ(forged->status, 403);
  auto bad = post(anna, "/exports", token, "list=cases&format=csv&status=sleeping");
  EXPECT_EQ(bad->status, 422) << bad->body;
  EXPECT_TRUE(contains(bad->body, "#field-status"));

  auto sup = get(sven, "/exports");
  ASSERT_EQ(sup->status, 200);
  EXPECT_TRUE(contains(sup->body, "/exports/subject-access"));
  auto summary = post(sven, "/exports/subject-access", csrf_of(sup->body),
                      "child_id=" + child + "&sar_format=html");
  ASSERT_EQ(summary->status, 200) << summary->body;
  EXPECT_TRUE(contains(summary->body, "Subject access export: Elsa"));
  EXPECT_FALSE(contains(summary->body, "Björkskolan"));
  EXPECT_EQ(post(anna, "/exports/subject-access", token, "child_id=" + child)->status, 403);

  EXPECT_EQ(get(auditor, "/exports")->status, 403);
  EXPECT_EQ(audited("export.list").size(), 1u);
  EXPECT_EQ(audited("child.subject_access").size(), 1u);
}

HAVEN_INSTANTIATE_BACKENDS(ExportTest);

}  // namespace
}  // namespace haven::testing
