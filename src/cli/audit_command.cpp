// `haven audit verify|export|show`: proves the audit chain intact (or names the first altered or
// missing event), writes events as JSON lines for a period, and lists who touched one record.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "core/clock.h"
#include "core/date.h"
#include "security/encoding.h"
#include "service/app.h"
#include "store/database.h"

namespace haven::cli {

void add_audit_command(CLI::App& app, Action& action) {
  auto* audit = app.add_subcommand("audit", "Verify, export and query the audit trail");
  audit->require_subcommand(1);

  auto* verify = audit->add_subcommand(
      "verify", "Recompute the hash chain; exit 1 naming the first broken event");
  auto opts = std::make_shared<CommonOptions>();
  auto anchors = std::make_shared<std::vector<std::string>>();
  add_database_options(*verify, *opts);
  verify->add_option("--anchor", *anchors, "SEQ:HASH recorded earlier (repeatable)");
  verify->callback([&action, opts, anchors] {
    action = [opts, anchors]() -> int {
      std::vector<security::ChainAnchor> parsed;
      for (const auto& a : *anchors) {
        auto colon = a.find(':');
        auto hash =
            colon == std::string::npos ? std::nullopt : security::from_hex(a.substr(colon + 1));
        if (!hash || hash->size() != 32 ||
            a.substr(0, colon).find_first_not_of("0123456789") != std::string::npos || colon == 0) {
          std::fprintf(stderr, "haven: --anchor %s: give SEQ:HASH, e.g. 1234:<64 hex digits>\n",
                       a.c_str());
          return kExitUsage;
        }
        security::ChainAnchor anchor;
        anchor.seq = std::stoll(a.substr(0, colon));
        std::copy(hash->begin(), hash->end(), anchor.hash.begin());
        parsed.push_back(anchor);
      }
      return with_database(*opts, [&](const Settings& /*settings*/, store::Database& db) -> int {
        service::AuditService audit_service(db, core::SystemClock::instance());
        security::ChainVerification v;
        try {
          v = audit_service.verify(parsed);
        } catch (const store::DbError& e) {
          return report(store::to_error(e));
        }
        if (!v.intact()) {
          std::printf("audit chain BROKEN at event %lld: %s\n",
                      static_cast<long long>(v.first_broken_seq.value_or(0)), v.reason.c_str());
          std::printf("%lld event(s) verified before it\n",
                      static_cast<long long>(v.events_checked));
          return kExitFailure;
        }
        std::printf("audit chain intact: %lld event(s)\n",
                    static_cast<long long>(v.events_checked));
        std::printf("head %lld:%s\n", static_cast<long long>(v.head_seq),
                    security::to_hex(v.head_hash).c_str());
        std::printf("record the head outside the database; check later with --anchor %lld:%s\n",
                    static_cast<long long>(v.head_seq), security::to_hex(v.head_hash).c_str());
        return kExitOk;
      });
    };
  });

  auto* exp = audit->add_subcommand("export", "Write the events of a period as JSON lines");
  auto exp_opts = std::make_shared<CommonOptions>();
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  add_database_options(*exp, *exp_opts);
  exp->add_option("--from", *from, "First day, YYYY-MM-DD (UTC, inclusive)")->required();
  exp->add_option("--to", *to, "Last day, YYYY-MM-DD (UTC, inclusive)")->required();
  exp->add_option("--out", *out, "File to write (default: standard output)");
  exp->callback([&action, exp_opts, from, to, out] {
    action = [exp_opts, from, to, out]() -> int {
      auto d_from = core::Date::parse(*from), d_to = core::Date::parse(*to);
      if (!d_from || !d_to) {
        std::fprintf(stderr, "haven: --from and --to must be dates, YYYY-MM-DD\n");
        return kExitUsage;
      }
      return with_database(
          *exp_opts, [&](const Settings& /*settings*/, store::Database& db) -> int {
            std::ofstream file;
            if (!out->empty()) {
              file.open(*out, std::ios::binary | std::ios::trunc);
              if (!file) {
                std::fprintf(stderr, "haven: cannot write %s\n", out->c_str());
                return kExitFailure;
              }
            }
            std::ostream& sink = out->empty() ? std::cout : file;
            service::AuditService audit_service(db, core::SystemClock::instance());
            const core::Timestamp begin{d_from->days_since_epoch() * 86'400'000};
            const core::Timestamp end{(d_to->days_since_epoch() + 1) * 86'400'000};
            auto n = audit_service.export_jsonl(
                begin, end, [&](const std::string& line) { sink << line << '\n'; });
            if (!n.ok()) return report(n.error());
            sink.flush();
            std::fprintf(stderr, "exported %lld event(s)\n", static_cast<long long>(*n));
            return kExitOk;
          });
    };
  });

  auto* show =
      audit->add_subcommand("show", "Every event about one record (who looked at it, and why)");
  auto show_opts = std::make_shared<CommonOptions>();
  auto entity = std::make_shared<std::string>();
  auto entity_id = std::make_shared<std::string>();
  add_database_options(*show, *show_opts);
  show->add_option("--entity", *entity, "Kind of record: child, case, user, …")->required();
  show->add_option("--id", *entity_id, "The record's id")->required();
  show->callback([&action, show_opts, entity, entity_id] {
    action = [show_opts, entity, entity_id]() -> int {
      return with_database(
          *show_opts, [&](const Settings& /*settings*/, store::Database& db) -> int {
            service::AuditService audit_service(db, core::SystemClock::instance());
            for (const auto& e : audit_service.about(*entity, *entity_id))
              std::printf("%s\n", service::audit_event_json(e).c_str());
            (void)audit_service.append({"cli", "", "", "audit.view", *entity, *entity_id, "audit",
                                        "success", "", std::nullopt});
            return kExitOk;
          });
    };
  });
}

}  // namespace haven::cli
