// Wall clock and RFC 3339 formatting.
#include "core/clock.h"

#include <chrono>
#include <cstdio>

#include "core/date.h"

namespace haven::core {

Timestamp SystemClock::now() const {
  using namespace std::chrono;
  return {duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()};
}

const SystemClock& SystemClock::instance() {
  static const SystemClock clock;
  return clock;
}

std::string to_rfc3339(Timestamp t) {
  int64_t days = t.ms >= 0 ? t.ms / 86'400'000 : -((-t.ms + 86'399'999) / 86'400'000);
  int64_t rem = t.ms - days * 86'400'000;
  Date d = Date::from_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%s%02lld:%02lld:%02lld.%03lldZ", d.to_string().c_str(), "T",
                static_cast<long long>(rem / 3'600'000), static_cast<long long>(rem / 60'000 % 60),
                static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
  return buf;
}

}  // namespace haven::core
