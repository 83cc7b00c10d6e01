// SQL for the maintenance sweep (uses sessions_by_expiry; login_attempts has no index on `at`
// alone, so that delete scans the table — it runs every few minutes over a table kept small by it).
#include "store/repositories/sweep_repository.h"

namespace haven::store {

int64_t SweepRepository::delete_expired_sessions(Tx& tx, int64_t now) {
  return tx.execute("DELETE FROM sessions WHERE expires_at <= $1", params(now));
}

int64_t SweepRepository::delete_login_attempts_before(Tx& tx, int64_t cutoff) {
  return tx.execute("DELETE FROM login_attempts WHERE at < $1", params(cutoff));
}

}  // namespace haven::store
