// The SQL of periodic clean-up: sessions past their expiry and login attempts older than the
// throttle needs. Separate from SessionRepository because only the maintenance sweep deletes in
// bulk.
#pragma once

#include <cstdint>

#include "store/database.h"

namespace haven::store {

class SweepRepository {
 public:
  // Sessions whose stored expiry (idle or absolute, whichever is first) is at or before `now`.
  static int64_t delete_expired_sessions(Tx& tx, int64_t now);
  // Login attempts recorded before `cutoff`.
  static int64_t delete_login_attempts_before(Tx& tx, int64_t cutoff);
};

}  // namespace haven::store
