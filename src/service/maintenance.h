// The background upkeep of one server process, on one thread: every kKeyRefreshIntervalMs it
// re-reads the key ids (KeyService::refresh, so keys rotated by another process are picked up), and
// every sweep interval (5 minutes) it deletes expired sessions and old login attempts
// (AuthService::sweep). stop() wakes the thread and joins it, so shutdown never waits for a timer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace haven::service {

struct App;

struct MaintenanceOptions {
  std::chrono::milliseconds key_refresh{5'000};
  std::chrono::milliseconds sweep{5 * 60'000};
  // Told what happened ("swept 3 expired sessions …") and what failed; may be empty.
  std::function<void(const std::string&)> log;
};

class Maintenance {
 public:
  Maintenance(App& app, MaintenanceOptions options);
  ~Maintenance();
  Maintenance(const Maintenance&) = delete;
  Maintenance& operator=(const Maintenance&) = delete;

  void start();
  void stop();  // idempotent

  // One round of each job now, on the caller's thread (what the timer does).
  void refresh_keys();
  void sweep();

 private:
  void run();
  void log(const std::string& line) const;
  App& app_;
  MaintenanceOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace haven::service
