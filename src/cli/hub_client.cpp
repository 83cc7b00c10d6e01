// The hub client: URL checks, the POST, and refusals turned into messages and exit codes.
#include "cli/hub_client.h"

#include <httplib.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"

namespace haven::cli {

namespace {

constexpr int kTimeoutSeconds = 120;  // matching two large uploads happens inside the request

bool is_loopback_http(const std::string& url) {
  for (const char* prefix : {"http://127.", "http://localhost", "http://[::1]"})
    if (url.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

std::string resolve_exchange_dir(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("HAVEN_EXCHANGE_DIR"); env && *env) return env;  // NOLINT
  return "var/exchange";
}

void add_hub_options(CLI::App& sub, HubTarget& target) {
  sub.add_option("--exchange-dir", target.exchange_dir,
                 "Folder of this instance's exchange keys (default $HAVEN_EXCHANGE_DIR, then "
                 "var/exchange)");
  sub.add_option("--ca-file", target.ca_file,
                 "PEM certificates to verify the hub's https:// certificate with (default: the "
                 "system's CA store)");
}

core::Result<HubReply> post_to_hub(const HubTarget& target, const std::string& path,
                                   const std::string& json) {
  std::string base = target.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const bool https = base.rfind("https://", 0) == 0;
  if (!https && !is_loopback_http(base))
    return core::Error::invalid(
        "The hub's URL must start with https:// (http:// only to "
        "127.0.0.1 or localhost): '" +
        target.url + "'");
  if (base.find('/', https ? 8 : 7) != std::string::npos)
    return core::Error::invalid("Give the hub as scheme://host[:port], without a path: '" +
                                target.url + "'");
  httplib::Client client(base);
  if (!client.is_valid())
    return core::Error::invalid("The hub's URL is not usable: '" + target.url + "'");
  client.set_connection_timeout(10);
  client.set_read_timeout(kTimeoutSeconds);
  client.set_write_timeout(kTimeoutSeconds);
  if (https) {
    client.enable_server_certificate_verification(true);
    if (!target.ca_file.empty()) client.set_ca_cert_path(target.ca_file.c_str());
  }
  auto res = client.Post(path.c_str(), json, "application/json");
  if (!res)
    return core::Error::unavailable("Cannot reach the hub at " + base + ": " +
                                    httplib::to_string(res.error()));
  return HubReply{res->status, res->body};
}

int report_hub_refusal(const HubReply& reply, const std::string& what) {
  nlohmann::json problem = nlohmann::json::parse(reply.body, nullptr, false);
  std::string reason = "http_" + std::to_string(reply.status);
  std::string detail = reply.body;
  if (problem.is_object()) {
    if (problem.contains("reason") && problem["reason"].is_string())
      reason = problem["reason"].get<std::string>();
    if (problem.contains("detail") && problem["detail"].is_string())
      detail = problem["detail"].get<std::string>();
  }
  std::cerr << "haven: the hub refused " << what << " (" << reason << "): " << detail << "\n";
  if (problem.is_object() && problem.contains("errors") && problem["errors"].is_array())
    for (const auto& e : problem["errors"])
      if (e.is_object())
        std::cerr << "  " << e.value("field", "") << ": " << e.value("message", "") << "\n";
  return reply.status >= 500 ? kExitFailure : kExitUsage;
}

}  // namespace haven::cli
