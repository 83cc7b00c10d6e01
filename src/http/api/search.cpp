// GET /api/v1/search/children?q=…&dob=…&limit=…: finding a child by name (any script, misspelt),
// by birth date or by case number ([S1]). Results are only the children the caller may read, each
// with the match weight and the evidence behind it in words.
#include <httplib.h>

#include <string>

#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"
#include "search/birth_date_agreement.h"
#include "search/name_agreement.h"

namespace haven::http::api {

namespace {

std::string field_code(search::MatchField f) {
  switch (f) {
    case search::MatchField::kFamilyName:
      return "family_name";
    case search::MatchField::kGivenName:
      return "given_name";
    case search::MatchField::kBirthDate:
      return "birth_date";
    case search::MatchField::kSex:
      return "sex";
  }
  return "field";
}

std::string reason_text(const search::FieldEvidence& f) {
  if (f.missing) return "missing on one side";
  switch (f.field) {
    case search::MatchField::kFamilyName:
    case search::MatchField::kGivenName:
      return std::string(search::name_reason_text(static_cast<search::NameReason>(f.reason)));
    case search::MatchField::kBirthDate:
      switch (static_cast<search::DateAgreement>(f.reason)) {
        case search::DateAgreement::kExact:
          return "agrees";
        case search::DateAgreement::kDayMonthSwapped:
          return "has day and month swapped";
        case search::DateAgreement::kYearOffByOne:
          return "is a year off (estimated)";
        case search::DateAgreement::kWithinDays:
          return "is within a month";
        case search::DateAgreement::kWithinYear:
          return "is within a year";
        case search::DateAgreement::kDisagree:
          return "differs";
        case search::DateAgreement::kMissing:
          break;
      }
      return "missing on one side";
    case search::MatchField::kSex:
      return f.reason == 0 ? "agrees" : "differs";
  }
  return "";
}

// The explanation as one sentence: "Family name agrees after transliteration; …."
std::string sentence(const service::ChildMatch& m, bool dob_only) {
  std::string s;
  if (m.by_case_number)
    s = "found by its case number";
  else if (dob_only)
    s = "born on the day searched for";
  else
    s = m.explanation.text();
  if (s.empty()) return s;
  if (s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s + ".";
}

nlohmann::json match_json(const service::ChildMatch& m, bool dob_only) {
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& c : m.cases)
    cases.push_back({{"case_id", c.case_id}, {"case_number", c.case_number}, {"status", c.status}});
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& f : m.explanation.fields)
    evidence.push_back({{"field", field_code(f.field)},
                        {"reason", reason_text(f)},
                        {"weight", f.missing ? 0.0 : f.weight}});
  return {
      {"child_id", m.child_id},
      {"given_names", m.given_names},
      {"family_names", m.family_names},
      {"birth_date", m.birth_date ? nlohmann::json(m.birth_date->to_string()) : nlohmann::json()},
      {"birth_date_estimated", m.birth_date_estimated},
      {"sex", m.sex},
      {"cases", cases},
      {"weight", m.weight},
      {"probability", m.probability},
      {"by_case_number", m.by_case_number},
      {"explanation", sentence(m, dob_only)},
      {"evidence", evidence}};
}

}  // namespace

void register_search_routes(Router& router, service::App& app) {
  router.get("/api/v1/search/children", "searchChildren", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    service::ChildSearchQuery q;
    q.text = ctx.query("q");
    q.birth_date = ctx.query("dob");
    const std::string limit = ctx.query("limit");
    if (!limit.empty()) {
      size_t used = 0;
      int n = 0;
      try {
        n = std::stoi(limit, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != limit.size() || n < 1 || n > 100)
        return ctx.send_problem(core::Error::invalid("Ask for between 1 and 100 results.",
                                                     {{"limit", "Give a number from 1 to 100."}}));
      q.limit = static_cast<size_t>(n);
    }
    auto found = app.search.find_children(q, *actor);
    if (!found.ok()) {
      // The index is being built after a restart (a few seconds to half a minute).
      if (found.error().code == core::ErrorCode::kUnavailable && app.search.building())
        ctx.response().set_header("Retry-After", "5");
      return ctx.send_problem(found.error());
    }
    const bool dob_only = q.text.find_first_not_of(" \t\r\n") == std::string::npos;
    nlohmann::json matches = nlohmann::json::array();
    for (const auto& m : *found) matches.push_back(match_json(m, dob_only));
    ctx.send_json(200, {{"matches", matches}});
  });
}

}  // namespace haven::http::api
