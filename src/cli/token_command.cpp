// `haven token create|revoke`: API bearer tokens for machine clients — scoped to some of the user's
// permissions, expiring, revocable. The token is printed once; only its hash is stored.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"
#include "core/clock.h"
#include "service/app.h"
#include "store/database.h"

namespace haven::cli {

namespace {
// "30d", "12h", "90m" → milliseconds; 0 if malformed.
int64_t parse_duration(const std::string& text) {
  if (text.size() < 2) return 0;
  const char unit = text.back();
  const std::string digits = text.substr(0, text.size() - 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 6) return 0;
  const int64_t n = std::stoll(digits);
  switch (unit) {
    case 'd':
      return n * 86'400'000;
    case 'h':
      return n * 3'600'000;
    case 'm':
      return n * 60'000;
    default:
      return 0;
  }
}
}  // namespace

void add_token_command(CLI::App& app, Action& action) {
  auto* token = app.add_subcommand("token", "Create and revoke API tokens");
  token->require_subcommand(1);

  auto* create = token->add_subcommand("create", "Create an API token (printed once)");
  auto opts = std::make_shared<CommonOptions>();
  auto user = std::make_shared<std::string>();
  auto scopes = std::make_shared<std::vector<std::string>>();
  auto expires = std::make_shared<std::string>("30d");
  auto name = std::make_shared<std::string>();
  add_database_options(*create, *opts);
  create->add_option("--user", *user, "Whose permissions the token narrows")->required();
  create
      ->add_option("--scope", *scopes, "A permission the token may use (repeat or comma-separate)")
      ->required()
      ->delimiter(',');
  create->add_option("--expires", *expires, "Lifetime: 30d, 12h, 90m (at most 366d)");
  create->add_option("--name", *name, "What the token is for");
  create->callback([&action, opts, user, scopes, expires, name] {
    action = [opts, user, scopes, expires, name]() -> int {
      const int64_t ttl = parse_duration(*expires);
      if (ttl == 0) {
        std::fprintf(stderr, "haven: --expires: give a number and d, h or m, e.g. 30d\n");
        return kExitUsage;
      }
      return with_app(*opts, [&](service::App& services) -> int {
        auto created =
            services.auth.create_api_token(*user, *scopes, ttl, *name, service::Actor::cli());
        if (!created.ok()) return report_fields(created.error());
        std::printf("token id %s, expires %s\n", created->id.c_str(),
                    core::to_rfc3339({created->expires_at}).c_str());
        std::printf("%.*s\n", static_cast<int>(created->token.size()),
                    created->token.view().data());
        std::fprintf(stderr, "shown once: store it in the client's secret store\n");
        return kExitOk;
      });
    };
  });

  auto* revoke = token->add_subcommand("revoke", "Revoke an API token at once");
  auto revoke_opts = std::make_shared<CommonOptions>();
  auto id = std::make_shared<std::string>();
  add_database_options(*revoke, *revoke_opts);
  revoke->add_option("id", *id, "The token id printed by `token create`")->required();
  revoke->callback([&action, revoke_opts, id] {
    action = [revoke_opts, id]() -> int {
      return with_app(*revoke_opts, [&](service::App& services) -> int {
        auto st = services.auth.revoke_api_token(*id, service::Actor::cli());
        if (!st.ok()) return report(st.error());
        std::printf("revoked %s\n", id->c_str());
        return kExitOk;
      });
    };
  });
}

}  // namespace haven::cli
