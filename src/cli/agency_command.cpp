// `haven agency add|list`: the organisations users belong to, from the command line (the operator
// holds the database, so these act as "cli" in the audit log).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/command.h"
#include "core/clock.h"
#include "service/app.h"
#include "store/database.h"

namespace haven::cli {

void add_agency_command(CLI::App& app, Action& action) {
  auto* agency = app.add_subcommand("agency", "Create and list agencies");
  agency->require_subcommand(1);

  auto* add = agency->add_subcommand("add", "Create an agency");
  auto opts = std::make_shared<CommonOptions>();
  auto in = std::make_shared<service::NewAgency>();
  add_database_options(*add, *opts);
  add->add_option("--name", in->name, "Name, unique within the country")->required();
  add->add_option(
         "--kind", in->kind,
         "child_protection | police | prosecutor | health | mental_health | school | ngo | "
         "barnahus | national_contact_point | regional_hub")
      ->required();
  add->add_option("--country", in->country, "ISO 3166-1 alpha-2, e.g. SE")->required();
  add->callback([&action, opts, in] {
    action = [opts, in]() -> int {
      return with_app(
          *opts,
          [&](service::App& services) -> int {
            auto created = services.agencies.create(*in, service::Actor::cli());
            if (!created.ok()) return report_fields(created.error());
            std::printf("created agency %s  %s (%s, %s)\n", created->id.c_str(),
                        created->name.c_str(), created->kind.c_str(), created->country.c_str());
            return kExitOk;
          },
          AppKeys::kEphemeral, MissingDatabase::kCreate);  // the first agency sets a database up
    };
  });

  auto* list = agency->add_subcommand("list", "List agencies");
  auto list_opts = std::make_shared<CommonOptions>();
  add_database_options(*list, *list_opts);
  list->callback([&action, list_opts] {
    action = [list_opts]() -> int {
      return with_app(*list_opts, [&](service::App& services) -> int {
        auto agencies = services.agencies.list(service::Actor::cli());
        if (!agencies.ok()) return report(agencies.error());
        std::printf("%-36s  %-2s  %-22s  %s\n", "id", "cc", "kind", "name");
        for (const auto& a : *agencies)
          std::printf("%-36s  %-2s  %-22s  %s\n", a.id.c_str(), a.country.c_str(), a.kind.c_str(),
                      a.name.c_str());
        return kExitOk;
      });
    };
  });
}

}  // namespace haven::cli
