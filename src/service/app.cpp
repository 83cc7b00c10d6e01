// Wiring of App: options resolved into the services, in dependency order.
#include "service/app.h"

#include <stdexcept>

namespace haven::service {

namespace {
KeyRingOpened keys_or_ephemeral(KeyRingOpened k) {
  if (k.ring && k.master) return k;
  return KeyService::ephemeral();
}
security::CommonPasswordList load_common(const std::string& path) {
  auto loaded = security::CommonPasswordList::load(path);
  if (loaded.ok()) return std::move(loaded).value();
  return security::CommonPasswordList::builtin();
}
// Country forms and policies are configuration: a broken file stops the start with its message.
FormRegistry load_forms(const std::string& dir) {
  auto loaded = FormRegistry::load(dir);
  if (!loaded.ok()) throw std::runtime_error(loaded.error().message);
  return std::move(loaded).value();
}
PolicyRegistry load_policies(const std::string& dir) {
  auto loaded = PolicyRegistry::load(dir);
  if (!loaded.ok()) throw std::runtime_error(loaded.error().message);
  return std::move(loaded).value();
}
}  // namespace

App::App(store::Database& database, const core::Clock& clk, AppOptions opts)
    : db(database),
      clock(clk),
      options((opts.keys = keys_or_ephemeral(std::move(opts.keys)), std::move(opts))),
      health(database),
      hasher(options.password_params),
      common_passwords(load_common(options.common_passwords_file)),
      roles(options.roles ? *options.roles : security::default_roles()),
      audit(database, clk),
      keys(database, clk, options.keys.master, options.keys.ring),
      access(roles, audit),
      agencies(database, clk, access, audit),
      users(database, clk, access, audit, agencies, keys, hasher, common_passwords),
      auth(database, clk, access, audit, users, keys, hasher, options.session_policy,
           options.throttle),
      break_glass(database, clk, access, audit),
      demo(database, clk, audit, keys, agencies, users),
      case_access(database, access),
      history(keys, clk),
      forms(load_forms(options.config_dir + "/forms")),
      policies(load_policies(options.config_dir + "/policy")),
      reports(database, clk, access, audit, keys, history, forms),
      children(database, access, audit, keys),
      persons(database, clk, case_access, audit, keys, history),
      cases(database, clk, case_access, audit, keys, history, policies),
      case_records(database, clk, case_access, audit, keys, history, forms, cases),
      tasks(database, clk, access, audit, policies),
      referrals(database, clk, case_access, audit, history),
      placements(database, clk, case_access, audit, history),
      participation(database, clk, case_access, audit, keys, history),
      notes(database, clk, case_access, audit, keys, history),
      documents(database, clk, case_access, audit, keys, history),
      transfers(database, clk, case_access, audit, history),
      team(database, clk, access, audit, policies),
      exports(database, clk, case_access, audit, cases, tasks),
      subject_access(database, clk, access, case_access, audit, keys, cases),
      search(database, clk, access, audit),
      merges(database, clk, access, audit, history),
      duplicates(database, clk, access, audit),
      barnahus(database, clk, access, audit, keys, policies),
      hub(database, clk, audit, options.hub),
      cross_border(database, clk, access, case_access, audit, keys, history, options.exchange_dir),
      statistics(database, access, audit, clk, policies,
                 options.stats_config_dir.empty() ? options.config_dir : options.stats_config_dir) {
  health.watch(search);
}

}  // namespace haven::service
