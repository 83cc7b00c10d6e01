// Settings of one `haven` run, resolved once from the command line, the environment and haven.toml
// — command line first, then environment (HAVEN_DB, HAVEN_CONFIG), then the file, then defaults —
// the same way for every subcommand.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/database_url.h"

namespace haven::cli {

// What the command line said; empty strings mean "not given".
struct CommonOptions {
  std::string db;
  std::string config;
  std::string listen;
};

struct Settings {
  std::string config_file;      // the file read, or empty when none
  store::DatabaseUrl database;  // where the data lives
  std::string database_from;    // "--db", "HAVEN_DB", "<file>", or "default" (for messages)
  int pool_size = 8;
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  std::string mode = "national";  // "national" | "regional"
  std::string country = "SE";     // ISO 3166-1 alpha-2 of this national instance
  std::string log_level = "info";
  int max_body_mib = 8;
  // [server] threads: worker threads, each serving one connection at a time (keep-alive holds
  // it); 0 = automatic, max(64, 8 × hardware threads).
  int threads = 0;
  // [server] trusted_proxies: networks ("10.0.0.0/8", "fd00::/8") of reverse proxies whose
  // X-Forwarded-For is believed when one of them is the direct peer (http/client_address.h).
  std::vector<std::string> trusted_proxies;
  // The master key file (docs/SECURITY.md, "Keys"); HAVEN_MASTER_KEY, when set, wins over it.
  std::string master_key_file = "var/master.key";
};

// Resolves settings. Errors (kInvalidInput) name the file, line and key of a bad config value.
core::Result<Settings> load_settings(const CommonOptions& given);

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080" meaning 127.0.0.1).
core::Status parse_listen(const std::string& text, std::string& host, int& port);

}  // namespace haven::cli
