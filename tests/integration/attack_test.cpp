// The attack suite ([Q1] item 5): every test walks the router's own table, so an endpoint added
// later is attacked without anyone remembering to add it here. A caller without a session is
// refused everywhere but on the few deliberately public routes listed below; another agency's
// record ids find nothing and the refusal is audited; hostile text in every path parameter and
// query string never breaks the server and comes back escaped; a form without its CSRF token is
// refused; a planted session cookie is never adopted and the real one carries its flags.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/id.h"
#include "http/router.h"
#include "http/server.h"
#include "web_fixture.h"

namespace haven::testing {
namespace {

using http::Method;
using http::RouteInfo;

// Routes a stranger may call. Adding one here is a security decision: say why beside it.
const std::set<std::string> kPublicRoutes = {
    "POST /api/v1/auth/login",  // how a session is obtained
    "GET /healthz",             // liveness for the load balancer: no data
    "GET /readyz",              // readiness: no data
    "GET /metrics",             // Prometheus counters: route names and timings only
    "GET /signin",              // the sign-in form
    "POST /signin",             // step one of signing in (CSRF-checked)
    "POST /signin/code",        // step two (CSRF-checked)
    "POST /language",           // a stranger may choose the sign-in page's language
    "GET /static/{file}",       // CSS, icons and the little JavaScript there is
    // A partner authority's package: its Ed25519 signature, checked against the trust list, is the
    // authentication; anything else is refused with a reason and logged (docs/EXCHANGE.md).
    "POST /api/v1/exchange/inbox",
};

std::string key_of(const RouteInfo& r) {
  return std::string(http::method_name(r.method)) + " " + r.pattern;
}

bool is_api(const RouteInfo& r) {
  return r.pattern.rfind("/api/", 0) == 0 || r.pattern == "/healthz" || r.pattern == "/readyz" ||
         r.pattern == "/metrics";
}

// The path with every `{name}` replaced by `value_of(name)`.
template <typename F>
std::string fill(const std::string& pattern, F value_of) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const size_t end = pattern.find('}', i);
      out += value_of(pattern.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

bool has_params(const RouteInfo& r) {
  return r.pattern.find('{') != std::string::npos;
}

// A route whose only parameters name a list or a file rather than a record:
// `/api/v1/exports/{list}` answers with the caller's own rows, so it is attacked as a list, not
// with another agency's ids.
bool names_records(const RouteInfo& r) {
  const std::string p = fill(r.pattern, [](const std::string& name) {
    return name == "list" || name == "file" ? std::string() : std::string("{}");
  });
  return p.find("{}") != std::string::npos;
}

// Hostile values for path parameters and query strings: SQL, markup, traversal, NUL, oversize.
const std::vector<std::string> kHostile = {
    "' OR '1'='1",
    "1; DROP TABLE children;--",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "../../../../etc/passwd",
    std::string("a\0b", 3),
    "line\r\nSet-Cookie: planted=1",
    "\xff\xfe not UTF-8",
    "%",
    std::string(5000, 'x'),
    "Щербаков'--",
};

class AttackSuite : public WebPageTest {
 protected:
  void SetUp() override {
    WebPageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const RouteInfo& r : process_->server->router().routes()) routes_.push_back(r);
    ASSERT_GT(routes_.size(), 50u) << "the route table should list every endpoint";
  }

  // Sends `method` to `path` with optional headers and a body that suits the route's kind.
  httplib::Result call(Method method, const std::string& path, httplib::Headers headers, bool api,
                       const std::string& body_override = "") {
    clock_->advance_ms(1);
    auto c = client();
    const std::string body = !body_override.empty() ? body_override : api ? "{}" : "x=1";
    const char* type = api ? "application/json" : "application/x-www-form-urlencoded";
    switch (method) {
      case Method::kGet:
        return c.Get(path, headers);
      case Method::kPost:
        return c.Post(path, headers, body, type);
      case Method::kPut:
        return c.Put(path, headers, body, type);
      case Method::kPatch:
        return c.Patch(path, headers, body, type);
      case Method::kDelete:
        return c.Delete(path, headers, body, type);
    }
    return c.Get(path, headers);
  }

  static httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  static httplib::Headers session_cookie(const std::string& token) {
    return {{"Cookie", cookie(token)}};
  }

  // Agency A's child, case and report, made through intake by a caseworker of A.
  struct Records {
    std::string child_id, case_id, report_id, family_name;
  };
  Records intake_as(const std::string& token) {
    auto r = send("POST", token, "/api/v1/reports", intake_body());
    EXPECT_EQ(r ? r->status : 0, 201) << (r ? r->body : "");
    auto j = body_of(r);
    return {j["child_id"], j["case_id"], j["report_id"], "Öberg"};
  }

  std::vector<RouteInfo> routes_;
};

// Headers every answer carries, whoever asked (DESIGN: security rules; Q1: headers checked).
void expect_security_headers(const httplib::Result& r, const std::string& what) {
  ASSERT_TRUE(r) << what;
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos)
      << what;
  EXPECT_FALSE(r->get_header_value("Referrer-Policy").empty()) << what;
}

TEST_P(AttackSuite, EveryRouteRefusesACallerWithoutASession) {
  int attacked = 0;
  for (const RouteInfo& route : routes_) {
    if (kPublicRoutes.count(key_of(route))) continue;
    const std::string path = fill(route.pattern, [](const std::string& name) {
      return name == "file" || name == "list" ? std::string("cases")
                                              : core::new_id(core::Timestamp{1});
    });
    const std::string what = key_of(route) + " as " + path;
    for (const httplib::Headers& h :
         {httplib::Headers{}, bearer("not-a-token"), session_cookie("planted-by-an-attacker")}) {
      auto r = call(route.method, path, h, is_api(route));
      ASSERT_TRUE(r) << what;
      if (is_api(route)) {
        EXPECT_EQ(r->status, 401) << what << ": " << r->body;
        EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json") << what;
      } else if (route.method == Method::kGet) {
        EXPECT_EQ(r->status, 303) << what;
        EXPECT_EQ(r->get_header_value("Location").rfind("/signin", 0), 0u) << what;
      } else {
        // A form posted without a session: refused, either for its missing CSRF token or by
        // sending the stranger to sign in; never carried out.
        EXPECT_TRUE(r->status == 403 || r->status == 303) << what << ": " << r->status;
        if (r->status == 303) {
          EXPECT_EQ(r->get_header_value("Location").rfind("/signin", 0), 0u) << what;
        }
      }
      expect_security_headers(r, what);
    }
    ++attacked;
  }
  EXPECT_GT(attacked, 60) << "the suite should have attacked every non-public route";
}

TEST_P(AttackSuite, AnotherAgencysRecordsAreNeitherShownNorChangedAndTheRefusalIsAudited) {
  const std::string a_worker = sign_in("astrid.a", "caseworker");
  const Records a = intake_as(a_worker);
  auto other = app().agencies.create({"Lunds kommun, socialtjänst", "child_protection", "SE"},
                                     service::Actor::cli());
  ASSERT_TRUE(other.ok());
  const std::string b_worker = sign_in("bertil.b", "caseworker", other->id);
  const std::string b_super = sign_in("berit.b", "supervisor", other->id);
  const int64_t children_before = count("children");
  const int64_t audit_before = count("audit_events");

  int attacked = 0;
  for (const RouteInfo& route : routes_) {
    if (!names_records(route) || kPublicRoutes.count(key_of(route))) continue;
    const std::string path = fill(route.pattern, [&](const std::string& name) {
      if (name == "child_id") return a.child_id;
      return a.case_id;  // a case id where another record's id is expected finds nothing
    });
    for (const std::string& token : {b_worker, b_super}) {
      const std::string what = key_of(route) + " as " + path;
      auto r = is_api(route)                  ? call(route.method, path, bearer(token), true)
               : route.method == Method::kGet ? get(token, path)
                                              : post_form(token, path, {{"version", "1"}}, "/");
      ASSERT_TRUE(r) << what;
      EXPECT_TRUE(r->status == 403 || r->status == 404 || r->status == 400 || r->status == 422)
          << what << " answered " << r->status << ": " << r->body.substr(0, 300);
      EXPECT_LT(r->status, 500) << what;
      EXPECT_EQ(r->body.find(a.family_name), std::string::npos)
          << what << " shows agency A's child: " << r->body.substr(0, 300);
    }
    ++attacked;
  }
  EXPECT_GT(attacked, 40);
  EXPECT_EQ(count("children"), children_before) << "nothing may be created through a refusal";
  const int64_t denials = db().read([&](store::Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM audit_events WHERE action = 'policy.deny'")
        ->integer(0);
  });
  EXPECT_GT(count("audit_events"), audit_before);
  EXPECT_GT(denials, 0) << "refusals of another agency's records are audited";

  // Lists without ids answer, but never with agency A's child in them.
  for (const RouteInfo& route : routes_) {
    if (names_records(route) || route.method != Method::kGet || kPublicRoutes.count(key_of(route)))
      continue;
    const std::string path =
        fill(route.pattern, [](const std::string&) { return std::string("cases"); });
    auto r = is_api(route) ? call(route.method, path, bearer(b_super), true) : get(b_super, path);
    ASSERT_TRUE(r) << key_of(route);
    EXPECT_LT(r->status, 500) << key_of(route);
    EXPECT_EQ(r->body.find(a.case_id), std::string::npos) << key_of(route) << " lists A's case";
    EXPECT_EQ(r->body.find(a.family_name), std::string::npos)
        << key_of(route) << " shows A's child";
  }
}

TEST_P(AttackSuite, HostileTextInEveryPathParameterAndQueryStringIsInert) {
  const std::string worker = sign_in("astrid.a", "caseworker");
  const std::string admin = sign_in("adam.admin", "admin");
  const Records a = intake_as(worker);
  const int64_t children_before = count("children");
  for (const RouteInfo& route : routes_) {
    // Signing out would end the session the rest of the test needs; neither takes parameters.
    if (key_of(route) == "POST /signout" || key_of(route) == "POST /api/v1/auth/logout") continue;
    for (const std::string& payload : kHostile) {
      const std::string encoded = http::web::url_encode(payload);
      // Every path parameter hostile at once, and every query parameter a page or handler reads.
      const std::string path = fill(route.pattern, [&](const std::string&) { return encoded; });
      const std::string query = "?q=" + encoded + "&page=" + encoded + "&status=" + encoded +
                                "&dob=" + encoded + "&next=" + encoded + "&lang=" + encoded;
      for (const std::string& token : {worker, admin}) {
        const std::string target = (has_params(route) ? path : route.pattern) +
                                   (route.method == Method::kGet ? query : "");
        const std::string what = key_of(route) + " with " + target.substr(0, 120);
        auto r = is_api(route) ? call(route.method, target, bearer(token), true)
                 : route.method == Method::kGet
                     ? get(token, target)
                     : post_form(token, target, {{"q", payload}, {"version", payload}}, "/");
        ASSERT_TRUE(r) << what;
        EXPECT_LT(r->status, 500) << what << ": " << r->body.substr(0, 300);
        // JSON may carry the text back verbatim (a browser never renders it: the type is JSON and
        // nosniff holds); HTML must escape it.
        if (r->get_header_value("Content-Type").rfind("text/html", 0) == 0) {
          EXPECT_EQ(r->body.find("<script>alert(1)"), std::string::npos)
              << what << " echoes markup";
          EXPECT_EQ(r->body.find("<img src=x onerror"), std::string::npos)
              << what << " echoes markup";
        } else {
          EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << what;
        }
      }
    }
  }
  EXPECT_EQ(count("children"), children_before);
  // The worker's own case is still there and reads as before: no statement was subverted.
  auto r = send("GET", worker, "/api/v1/cases/" + a.case_id);
  EXPECT_EQ(r ? r->status : 0, 200);
}

TEST_P(AttackSuite, HostileTextInRecordsIsStoredAsTypedAndShownEscaped) {
  const std::string worker = sign_in("astrid.a", "caseworker");
  auto body = intake_body();
  body["child"]["given_names"] = "<script>alert(1)</script>";
  body["child"]["family_names"] = "O'Brien\"); DROP TABLE children;--";
  body["child"].erase("identity_numbers");
  body["report"]["narrative"] = "\"><img src=x onerror=alert(1)> {{mustache}} ${js}";
  auto made = send("POST", worker, "/api/v1/reports", body);
  ASSERT_EQ(made ? made->status : 0, 201) << (made ? made->body : "");
  const auto j = body_of(made);
  const std::string case_id = j["case_id"];
  const std::string child_id = j["child_id"];

  auto child = body_of(send("GET", worker, "/api/v1/children/" + child_id));
  EXPECT_EQ(child["given_names"], "<script>alert(1)</script>") << "names are kept as typed";
  EXPECT_EQ(child["family_names"], "O'Brien\"); DROP TABLE children;--");
  EXPECT_EQ(count("children"), 1);

  for (const std::string& page :
       {"/cases/" + case_id, "/cases/" + case_id + "/my-plan", std::string("/")}) {
    auto r = get(worker, page);
    ASSERT_EQ(r ? r->status : 0, 200) << page;
    EXPECT_EQ(r->body.find("<script>alert(1)"), std::string::npos) << page;
    EXPECT_EQ(r->body.find("<img src=x"), std::string::npos) << page;
    if (page != "/") {
      EXPECT_NE(r->body.find("&lt;script&gt;alert(1)&lt;"), std::string::npos) << page;
    }
  }
  auto found =
      send("GET", worker, "/api/v1/search/children?q=" + http::web::url_encode("' OR '1'='1"));
  ASSERT_EQ(found ? found->status : 0, 200);
  EXPECT_EQ(body_of(found)["matches"].size(), 0u) << "SQL in a search finds nothing";
}

TEST_P(AttackSuite, EveryFormRefusesAMissingOrForgedCsrfToken) {
  const std::string worker = sign_in("astrid.a", "caseworker");
  const std::string admin = sign_in("adam.admin", "admin");
  const Records a = intake_as(worker);
  int attacked = 0;
  for (const RouteInfo& route : routes_) {
    if (is_api(route) || route.method == Method::kGet) continue;
    const std::string path = fill(route.pattern, [&](const std::string& name) {
      return name == "child_id" ? a.child_id : a.case_id;
    });
    for (const std::string& token : {worker, admin}) {
      for (const std::string& body : {std::string("version=1&status=closed"),
                                      std::string("_csrf=forged-by-a-third-site&version=1")}) {
        auto r = call(route.method, path, session_cookie(token), false, body);
        ASSERT_TRUE(r) << key_of(route);
        EXPECT_EQ(r->status, 403) << key_of(route) << " with " << body << ": "
                                  << r->body.substr(0, 200);
      }
    }
    ++attacked;
  }
  EXPECT_GT(attacked, 20);
  auto c = send("GET", worker, "/api/v1/cases/" + a.case_id);
  EXPECT_EQ(body_of(c)["version"], 1) << "no forged form changed the case";
}

TEST_P(AttackSuite, APlantedSessionCookieIsNeverAdoptedAndTheRealOneCarriesItsFlags) {
  add_user("astrid.a", "caseworker");
  const std::string secret = enrol("astrid.a");
  const std::string planted = "haven_session=planted0123456789abcdef0123456789abcdef0123456789";
  auto c = client();
  auto page = c.Get("/signin", httplib::Headers{{"Cookie", planted}});
  ASSERT_EQ(page ? page->status : 0, 200);
  // The anonymous CSRF cookie the sign-in form is paired with.
  const std::string set = page->get_header_value("Set-Cookie");
  const std::string csrf_cookie = set.substr(0, set.find(';'));
  const std::string csrf = csrf_of(page->body);
  ASSERT_FALSE(csrf.empty());
  httplib::Headers h{{"Cookie", planted + "; " + csrf_cookie}};
  auto one = c.Post("/signin", h,
                    "_csrf=" + http::web::url_encode(csrf) +
                        "&username=astrid.a&password=" + http::web::url_encode(kGoodPassword),
                    "application/x-www-form-urlencoded");
  ASSERT_EQ(one ? one->status : 0, 200) << (one ? one->body : "");
  const std::string marker = "name=\"pending\" value=\"";
  const auto at = one->body.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string pending = one->body.substr(
      at + marker.size(), one->body.find('"', at + marker.size()) - at - marker.size());
  auto two = c.Post("/signin/code", h,
                    "_csrf=" + http::web::url_encode(csrf) +
                        "&pending=" + http::web::url_encode(pending) + "&code=" + code_for(secret),
                    "application/x-www-form-urlencoded");
  ASSERT_EQ(two ? two->status : 0, 303) << (two ? two->body : "");
  const std::string session = two->get_header_value("Set-Cookie");
  EXPECT_EQ(session.rfind("__Host-haven_session=", 0), 0u) << session;
  EXPECT_EQ(session.find("planted"), std::string::npos) << "a new token, never the planted one";
  for (const char* flag : {"HttpOnly", "Secure", "SameSite=Strict", "Path=/"})
    EXPECT_NE(session.find(flag), std::string::npos) << flag << " missing: " << session;
  // The planted value opens nothing, before or after the real sign-in.
  auto me = c.Get("/api/v1/me", httplib::Headers{{"Cookie", planted}});
  EXPECT_EQ(me ? me->status : 0, 401);
}

HAVEN_INSTANTIATE_BACKENDS(AttackSuite);

}  // namespace
}  // namespace haven::testing
