// What the commands that talk to the regional hub share (`haven stats publish`, `haven link
// upload|pairs`): the instance's exchange folder, signing with its keys, and one JSON POST to the
// hub with cpp-httplib's client. https:// is verified against the system's CA store (Debian's
// libcpp-httplib is built with CPPHTTPLIB_OPENSSL_SUPPORT), or against --ca-file; plain http:// is
// accepted only to a loopback address, for tests and a hub on the same machine.
#pragma once

#include <string>

#include "core/result.h"

namespace CLI {
class App;
}

namespace haven::cli {

// --exchange-dir, else $HAVEN_EXCHANGE_DIR, else var/exchange (as `haven exchange` resolves it).
std::string resolve_exchange_dir(const std::string& given);

struct HubTarget {
  std::string url;           // https://hub.example[:port], or http://127.0.0.1:port
  std::string ca_file;       // PEM bundle to verify the hub with; "" = the system's CA store
  std::string exchange_dir;  // where the signing key is; "" = resolve_exchange_dir("")
};

// Adds --exchange-dir and --ca-file to a subcommand (the URL option is the caller's: --to/--from).
void add_hub_options(CLI::App& sub, HubTarget& target);

struct HubReply {
  int status = 0;
  std::string body;
};

// POSTs `json` to the hub's `path`. An answer of any status is returned; the hub being unreachable
// (or the URL unusable) is an Error: kInvalidInput for a URL that is not https:// (or http:// to
// loopback), kUnavailable naming the URL and httplib's reason otherwise.
core::Result<HubReply> post_to_hub(const HubTarget& target, const std::string& path,
                                   const std::string& json);

// The hub refused: "refused (<reason>): <detail>" plus one line per field error of the problem,
// printed to stderr with "haven: " in front. Returns the exit code: 2 for a refusal (4xx), 1 for
// the hub failing (5xx).
int report_hub_refusal(const HubReply& reply, const std::string& what);

}  // namespace haven::cli
