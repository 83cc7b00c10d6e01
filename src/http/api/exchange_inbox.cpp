// The exchange inbox ([X1], docs/EXCHANGE.md): POST /api/v1/exchange/inbox takes a package from a
// partner authority. There is no session: the package's signature, checked against the trust list,
// is the authentication, so a stranger's or a forged package is refused like a malformed one —
// every refusal answered as problem+json with its reason code and logged. An accepted package is
// answered with the signed receipt. Also the HTTPS client that delivers this instance's packages to
// partners' inboxes (installed into CrossBorderReferralService at start).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "exchange/package.h"
#include "http/problem.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/app.h"

namespace haven::http::api {

namespace {

// POSTs the envelope to `url` (https://, or http:// on loopback as the trust list allows) and
// returns the body of a 200 answer: the partner's signed receipt.
core::Result<std::string> post_envelope(const std::string& url, const std::string& envelope) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return core::Error::invalid("'" + url + "' is not a URL.");
  const size_t path_start = url.find('/', scheme_end + 3);
  const std::string origin = path_start == std::string::npos ? url : url.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  httplib::Client client(origin);
  if (!client.is_valid()) return core::Error::invalid("'" + url + "' cannot be reached.");
  client.set_connection_timeout(10);
  client.set_read_timeout(60);
  client.set_write_timeout(60);
  auto res = client.Post(path, envelope, "application/json");
  if (!res)
    return core::Error::unavailable("the partner's inbox did not answer (" +
                                    httplib::to_string(res.error()) + ").");
  if (res->status == 200) return res->body;
  std::string why = "HTTP " + std::to_string(res->status);
  const auto problem = nlohmann::json::parse(res->body, nullptr, false);
  if (problem.is_object() && problem.contains("detail") && problem["detail"].is_string())
    why += ": " + problem["detail"].get<std::string>();
  return core::Error::unavailable("the partner's inbox refused it (" + why + ").");
}

}  // namespace

void register_exchange_routes(Router& router, service::App& app) {
  if (!app.cross_border.has_transport()) app.cross_border.set_transport(post_envelope);

  router.post("/api/v1/exchange/inbox", "postExchangeInbox", [&app](RequestContext& ctx) {
    auto accepted = app.cross_border.receive(ctx.body(), ctx.request_id(), "inbox");
    if (!accepted) return ctx.send_problem(accepted.error());
    if (accepted->receipt_envelope.empty()) {
      ctx.send_json(202, {{"message_id", accepted->message_id}, {"kind", accepted->kind}});
      return;
    }
    ctx.send_text(200, accepted->receipt_envelope, "application/json");
  });
  router.limit_body(Method::kPost, "/api/v1/exchange/inbox", exchange::kMaxPackageBytes);
}

}  // namespace haven::http::api
