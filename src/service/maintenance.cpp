// The maintenance thread's loop: wake at the next due job or at stop().
#include "service/maintenance.h"

#include <algorithm>

#include "service/app.h"

namespace haven::service {

Maintenance::Maintenance(App& app, MaintenanceOptions options)
    : app_(app), options_(std::move(options)) {}

Maintenance::~Maintenance() {
  stop();
}

void Maintenance::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void Maintenance::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Maintenance::log(const std::string& line) const {
  if (options_.log) options_.log(line);
}

void Maintenance::refresh_keys() {
  auto changed = app_.keys.refresh();
  if (!changed.ok()) {
    log("could not re-read the key ids (keeping key ring " +
        std::to_string(app_.keys.ring()->active_id()) + "): " + changed.error().message);
  } else if (*changed) {
    log("loaded the rotated key ring: active key " + std::to_string(app_.keys.ring()->active_id()) +
        ", oldest " + std::to_string(app_.keys.ring()->oldest_id()));
  }
}

void Maintenance::sweep() {
  // The search index's change log: a day is far longer than any process takes to read it.
  if (auto changes = app_.search.sweep_changes(); !changes.ok())
    log("the sweep of old child changes failed: " + changes.error().message);
  auto swept = app_.auth.sweep();
  if (!swept.ok()) {
    log("the clean-up sweep failed: " + swept.error().message);
  } else if (swept->sessions > 0 || swept->login_attempts > 0) {
    log("swept " + std::to_string(swept->sessions) + " expired session(s) and " +
        std::to_string(swept->login_attempts) + " old login attempt(s)");
  }
}

void Maintenance::run() {
  using Clock = std::chrono::steady_clock;
  auto next_refresh = Clock::now() + options_.key_refresh;
  auto next_sweep = Clock::now() + options_.sweep;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_until(lock, std::min(next_refresh, next_sweep), [this] { return stopping_; });
    if (stopping_) break;
    const auto now = Clock::now();
    lock.unlock();
    if (now >= next_refresh) {
      refresh_keys();
      next_refresh = Clock::now() + options_.key_refresh;
    }
    if (now >= next_sweep) {
      sweep();
      next_sweep = Clock::now() + options_.sweep;
    }
    lock.lock();
  }
}

}  // namespace haven::service
