// Wiring of App: options resolved into the services, in dependency order.
#include "service/app.h"

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
           options.throttle) {}

}  // namespace haven::service
