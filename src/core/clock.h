// Time as haven sees it: Timestamp (UTC milliseconds since the epoch, as stored) and the Clock that
// every rule about deadlines or expiry receives, so tests can set the time instead of sleeping.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace haven::core {

// Milliseconds since 1970-01-01T00:00:00Z. The storage form of every instant (BIGINT column).
struct Timestamp {
  int64_t ms = 0;
  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
  Timestamp plus_seconds(int64_t s) const { return {ms + s * 1000}; }
  Timestamp plus_minutes(int64_t m) const { return {ms + m * 60'000}; }
  Timestamp plus_hours(int64_t h) const { return {ms + h * 3'600'000}; }
  Timestamp plus_days(int64_t d) const { return {ms + d * 86'400'000}; }
};

// RFC 3339 in UTC with milliseconds: "2026-11-27T20:42:41.123Z".
std::string to_rfc3339(Timestamp t);

// Thread-safe source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
  static const SystemClock& instance();
};

// A clock that stands still until a test moves it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : ms_(start.ms) {}
  Timestamp now() const override { return {ms_.load()}; }
  void set(Timestamp t) { ms_ = t.ms; }
  void advance_ms(int64_t ms) { ms_ += ms; }

 private:
  std::atomic<int64_t> ms_;
};

}  // namespace haven::core
