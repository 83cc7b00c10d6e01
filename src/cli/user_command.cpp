// `haven user add|list|reset-password`: accounts from the command line. Passwords are read from the
// terminal (no echo) or, with --password-stdin, from the first line of standard input; they are
// never taken as an argument (it would show in `ps` and shell history). A role that needs a second
// factor enrols it at first sign-in: the password-only session may do nothing but enrol
// (docs/SECURITY.md).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"
#include "core/clock.h"
#include "security/secret.h"
#include "service/app.h"
#include "store/database.h"

namespace haven::cli {

void add_user_command(CLI::App& app, Action& action) {
  auto* user = app.add_subcommand("user", "Create, list and reset users");
  user->require_subcommand(1);

  auto* add = user->add_subcommand("add", "Create a user (asks for the password)");
  auto opts = std::make_shared<CommonOptions>();
  auto in = std::make_shared<service::NewUser>();
  auto from_stdin = std::make_shared<bool>(false);
  add_database_options(*add, *opts);
  add->add_option("--username", in->username, "Sign-in name (letters, digits, . _ - @)")
      ->required();
  add->add_option("--role", in->role,
                  "caseworker | supervisor | barnahus_coordinator | mdt_member | contact_point | "
                  "analyst | admin | auditor")
      ->required();
  add->add_option("--agency", in->agency, "Agency id or unique name (see `haven agency list`)")
      ->required();
  add->add_option("--display-name", in->display_name, "Name shown to others");
  add->add_flag("--password-stdin", *from_stdin, "Read the password from the first line of stdin");
  add->callback([&action, opts, in, from_stdin] {
    action = [opts, in, from_stdin]() -> int {
      return with_app(*opts, [&](service::App& services) -> int {
        in->password = read_password(*from_stdin, "Password (at least 12 characters): ");
        if (in->password.empty()) return kExitUsage;
        auto created = services.users.create(*in, service::Actor::cli());
        security::wipe(in->password);
        if (!created.ok()) return report_fields(created.error());
        std::printf("created user %s  %s (%s, %s)\n", created->id.c_str(),
                    created->username.c_str(), created->role.c_str(), created->agency_name.c_str());
        if (created->requires_second_factor)
          std::printf(
              "this role needs a second factor: at first sign-in (POST /api/v1/auth/login with the "
              "password) the user enrols TOTP (POST /api/v1/auth/totp/enroll, then /confirm) "
              "before "
              "anything else\n");
        return kExitOk;
      });
    };
  });

  auto* list = user->add_subcommand("list", "List users");
  auto list_opts = std::make_shared<CommonOptions>();
  add_database_options(*list, *list_opts);
  list->callback([&action, list_opts] {
    action = [list_opts]() -> int {
      return with_app(*list_opts, [&](service::App& services) -> int {
        auto users = services.users.list(service::Actor::cli());
        if (!users.ok()) return report(users.error());
        std::printf("%-24s  %-20s  %-6s  %-8s  %s\n", "username", "role", "totp", "status",
                    "agency");
        for (const auto& u : *users)
          std::printf("%-24s  %-20s  %-6s  %-8s  %s\n", u.username.c_str(), u.role.c_str(),
                      u.totp_enrolled ? "yes" : (u.requires_second_factor ? "NO" : "-"),
                      u.status.c_str(), u.agency_name.c_str());
        return kExitOk;
      });
    };
  });

  auto* reset =
      user->add_subcommand("reset-password", "Set a new password and end the user's sessions");
  auto reset_opts = std::make_shared<CommonOptions>();
  auto username = std::make_shared<std::string>();
  auto reset_stdin = std::make_shared<bool>(false);
  add_database_options(*reset, *reset_opts);
  reset->add_option("username", *username, "The user")->required();
  reset->add_flag("--password-stdin", *reset_stdin,
                  "Read the password from the first line of stdin");
  reset->callback([&action, reset_opts, username, reset_stdin] {
    action = [reset_opts, username, reset_stdin]() -> int {
      return with_app(*reset_opts, [&](service::App& services) -> int {
        std::string password =
            read_password(*reset_stdin, "New password (at least 12 characters): ");
        if (password.empty()) return kExitUsage;
        auto st = services.users.reset_password(*username, password, service::Actor::cli());
        security::wipe(password);
        if (!st.ok()) return report_fields(st.error());
        std::printf("password of %s reset; every session of the user has ended\n",
                    username->c_str());
        return kExitOk;
      });
    };
  });
}

}  // namespace haven::cli
