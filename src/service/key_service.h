// The master key and key ring of one process, and the database's record of them: loading the master
// key (HAVEN_MASTER_KEY or the key file) and checking it against the fingerprint the database
// keeps, `haven keys init`, `haven keys rotate` over the registry of encrypted columns, and the
// FieldCipher and BlindIndex every service uses for sensitive fields.
//
// Thread-safety: cipher()/blind_index() may be called from any thread; rotate() and refresh() swap
// the ring atomically (a shared_ptr), so readers keep the ring they started with.
//
// Keys rotated while servers run: `haven keys rotate` in another process raises the active key id
// in the database. A running server learns of it through refresh(), which its maintenance thread
// calls every kKeyRefreshIntervalMs (service/maintenance.h), and rotate() waits rotation_grace_ms()
// (longer than that interval) after raising the id before it re-encrypts anything. So by the time
// a row names the new key, every running server holds it and writes under it; rows a server wrote
// under the old key meanwhile are still re-encrypted, and a second pass after the first catches
// rows written while the first ran. A server whose database reads fail keeps its ring and says so
// in its log; it can still read everything until the rotation completes.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/field_cipher.h"
#include "security/key_ring.h"
#include "store/database.h"
#include "store/repositories/encrypted_column_repository.h"

namespace haven::service {

// Settings keys (table `settings`).
inline constexpr const char* kKeyFingerprintSetting = "security.key_fingerprint";
inline constexpr const char* kActiveKeyIdSetting = "security.active_key_id";
inline constexpr const char* kOldestKeyIdSetting = "security.oldest_key_id";
inline constexpr const char* kRotationSetting = "security.rotation_in_progress";

// Every encrypted column of the schema. Later issues add narratives, notes, identity numbers here;
// `haven keys rotate` re-encrypts exactly these.
const std::vector<store::EncryptedColumn>& encrypted_columns();

// How a process came by its key ring (for the start-up log).
struct KeyRingOpened {
  std::shared_ptr<const security::Secret> master;  // kept to derive the ring at a new active id
  std::shared_ptr<const security::KeyRing> ring;
  std::string source;                 // "HAVEN_MASTER_KEY" or the key file's path
  bool created = false;               // a new key file was made (empty database, no key anywhere)
  bool recorded_fingerprint = false;  // the database had no fingerprint and now has this key's
};

struct RotationProgress {
  std::string column;  // "users.totp_secret"
  int64_t done = 0;    // rows looked at in this column
  int64_t total = 0;   // rows with a value in this column
  int64_t reencrypted = 0;
};

// What the database records of its keys, for `haven keys status`.
struct KeyStatus {
  std::string fingerprint;  // "" when no key was ever recorded (`haven keys init` not run)
  uint32_t active_key_id = 1;
  uint32_t oldest_key_id = 1;
  bool rotation_in_progress = false;
};

struct RotationResult {
  uint32_t from_key_id = 0;
  uint32_t to_key_id = 0;
  int64_t reencrypted = 0;
  bool completed = false;  // false: interrupted; run again to resume
};

// How often a running server re-reads the active key id, and how long rotate() waits by default
// after raising it (two intervals and a margin).
inline constexpr int64_t kKeyRefreshIntervalMs = 5'000;
inline constexpr int64_t kDefaultRotationGraceMs = 2 * kKeyRefreshIntervalMs + 1'000;

class KeyService {
 public:
  // Reads the master key: HAVEN_MASTER_KEY if set, else `key_file`. kNotFound if neither exists.
  static core::Result<security::Secret> load_master_key(const std::string& key_file);

  // What `haven serve` does first: load the key, compare with the database's fingerprint (refusing
  // a wrong or missing key with a message that names both fingerprints / the file to provide), and
  // derive the ring at the database's active key id. On a database without a fingerprint it records
  // the key's; if there is no key at all and `may_create`, it creates `key_file` (KeyRingOpened::
  // created tells the caller to log it).
  static core::Result<KeyRingOpened> open_ring(store::Database& db, const core::Clock& clock,
                                               const std::string& key_file, bool may_create);

  // `haven keys init`: creates `key_file` (never overwrites) and records its fingerprint. Refuses a
  // database that already has a fingerprint.
  static core::Result<std::string> init(store::Database& db, const core::Clock& clock,
                                        const std::string& key_file);

  // The fingerprint and key ids the database holds. Needs no master key.
  static core::Result<KeyStatus> status(store::Database& db);

  KeyService(store::Database& db, const core::Clock& clock,
             std::shared_ptr<const security::Secret> master,
             std::shared_ptr<const security::KeyRing> ring);
  // A process-local random master key that is never stored: for tests and tools that do not touch
  // encrypted data. `haven serve` always uses open_ring().
  static KeyRingOpened ephemeral();

  std::shared_ptr<const security::KeyRing> ring() const;

  // Re-reads the active and oldest key ids from the database and, if another process rotated,
  // derives the ring anew. True if the ring changed. Call outside any transaction (it reads).
  // Errors: the database's (kUnavailable, …); the ring is then kept.
  core::Result<bool> refresh();

  // How long rotate() waits between raising the active id and re-encrypting, so running servers
  // pick up the new key first (0 in tests with a single process).
  int64_t rotation_grace_ms() const { return rotation_grace_ms_.load(); }
  void set_rotation_grace_ms(int64_t ms) { rotation_grace_ms_.store(ms); }
  security::FieldCipher cipher() const { return security::FieldCipher(ring()); }
  security::Secret purpose_key(std::string_view context) const {
    return ring()->purpose_key(context);
  }
  // Blind index of an identity number (normalised first). Later issues store it in `…_bidx`.
  core::Result<std::string> blind_index(std::string_view kind,
                                        std::string_view identity_number) const;

  // `haven keys rotate`: raises the active key id (unless a rotation is already in progress, which
  // is then resumed), re-encrypts every registered column in batches of `batch_size` rows (one
  // transaction each), reporting progress; `stop` is checked between batches. When every row names
  // the new key, the oldest id is raised and the rotation is complete. Appends an audit event via
  // `audit` (start and completion) when given.
  core::Result<RotationResult> rotate(
      int batch_size, const std::function<void(const RotationProgress&)>& progress,
      const std::atomic<bool>* stop,
      const std::function<void(const std::string&, const std::string&)>& audit = {});

 private:
  store::Database& db_;
  const core::Clock& clock_;
  std::shared_ptr<const security::Secret> master_;
  mutable std::mutex mu_;
  std::shared_ptr<const security::KeyRing> ring_;
  std::atomic<int64_t> rotation_grace_ms_{kDefaultRotationGraceMs};
};

}  // namespace haven::service
