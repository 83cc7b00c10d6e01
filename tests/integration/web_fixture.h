// Pages as a browser uses them, on top of CaseApiTest's server: GET with the session cookie, and
// form POSTs carrying the CSRF token of the page that shows the form.
#pragma once

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "case_fixture.h"
#include "http/web/form.h"

namespace haven::testing {

class WebPageTest : public CaseApiTest {
 protected:
  static std::string cookie(const std::string& token, const std::string& extra = "") {
    return "haven_session=" + token + (extra.empty() ? "" : "; " + extra);
  }

  httplib::Result get(const std::string& token, const std::string& path,
                      const std::string& extra_cookies = "") {
    return client().Get(path, httplib::Headers{{"Cookie", cookie(token, extra_cookies)}});
  }

  // The CSRF token a page's forms carry.
  static std::string csrf_of(const std::string& html) {
    const std::string marker = "name=\"_csrf\" value=\"";
    const auto at = html.find(marker);
    if (at == std::string::npos) return "";
    const auto from = at + marker.size();
    return html.substr(from, html.find('"', from) - from);
  }

  // POSTs `fields` as a browser sends a form, with the CSRF token of GET `page` (default: path).
  httplib::Result post_form(const std::string& token, const std::string& path,
                            const std::vector<std::pair<std::string, std::string>>& fields,
                            const std::string& page = "", const std::string& extra_cookies = "",
                            httplib::Headers extra_headers = {}) {
    clock_->advance_ms(1);
    auto g = get(token, page.empty() ? path : page, extra_cookies);
    EXPECT_TRUE(g && g->status == 200) << (g ? g->body : "");
    std::string body = "_csrf=" + http::web::url_encode(g ? csrf_of(g->body) : "");
    for (const auto& [k, v] : fields)
      body += "&" + http::web::url_encode(k) + "=" + http::web::url_encode(v);
    extra_headers.emplace("Cookie", cookie(token, extra_cookies));
    return client().Post(path, extra_headers, body, "application/x-www-form-urlencoded");
  }

  // A datetime-local value (UTC) an hour before the test clock: when a report came in.
  std::string an_hour_ago() {
    constexpr int64_t kMinuteMs = 60LL * 1000;
    const int64_t ms = clock_->now().ms - 60 * kMinuteMs;
    const int64_t minutes = (ms / kMinuteMs) % (24 * 60);
    char hm[8];
    std::snprintf(hm, sizeof(hm), "%02d:%02d", static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return core::Date::of(core::Timestamp{ms}).to_string() + "T" + hm;
  }
};

}  // namespace haven::testing
