// Key ring start-up checks, `keys init` and resumable `keys rotate`.
#include "service/key_service.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/repositories/settings_repository.h"

namespace haven::service {

using store::SettingsRepository;

const std::vector<store::EncryptedColumn>& encrypted_columns() {
  static const std::vector<store::EncryptedColumn> kColumns = {
      {"users", "totp_secret", "id"},
      {"children", "disabilities_ct", "id"},
      {"identity_numbers", "value_ct", "id"},
      {"reports", "narrative_ct", "id"},
      {"assessments", "content_ct", "id"},
      {"case_closures", "leaving_care_plan_ct", "id"},
      {"case_notes", "body_ct", "id"},
      {"participation_records", "views_ct", "id"},
      {"case_documents", "content_ct", "id"},
      {"record_history", "old_value_ct", "id"},
      {"record_history", "new_value_ct", "id"},
      {"persons", "contact_ct", "id"},
      {"sensitive_custom_fields", "values_ct", "record_id"},
      {"barnahus_law_enforcement_records", "body_ct", "id"},
      {"transnational_referrals", "fields_ct", "id"},
      {"transnational_referrals", "answer_ct", "id"},
  };
  return kColumns;
}

namespace {

uint32_t parse_id(const std::optional<std::string>& text, uint32_t fallback) {
  if (!text) return fallback;
  try {
    unsigned long v = std::stoul(*text);
    return v == 0 ? fallback : static_cast<uint32_t>(v);
  } catch (...) {
    return fallback;
  }
}

struct StoredKeyState {
  std::optional<std::string> fingerprint;
  uint32_t active = 1;
  uint32_t oldest = 1;
  bool rotating = false;
};

StoredKeyState read_state(store::Database& db) {
  return db.read([](store::Tx& tx) {
    StoredKeyState s;
    s.fingerprint = SettingsRepository::get(tx, kKeyFingerprintSetting);
    s.active = parse_id(SettingsRepository::get(tx, kActiveKeyIdSetting), 1);
    s.oldest = parse_id(SettingsRepository::get(tx, kOldestKeyIdSetting), 1);
    s.rotating = SettingsRepository::get(tx, kRotationSetting).has_value();
    return s;
  });
}

void record_fingerprint(store::Database& db, const core::Clock& clock, const std::string& fp) {
  db.write([&](store::Tx& tx) {
    const int64_t now = clock.now().ms;
    SettingsRepository::put(tx, kKeyFingerprintSetting, fp, now);
    SettingsRepository::put(tx, kActiveKeyIdSetting, "1", now);
    SettingsRepository::put(tx, kOldestKeyIdSetting, "1", now);
  });
}

// The key file's folder (var/ by default), owner-only when created here.
core::Status make_parent_folder(const std::string& key_file) {
  std::filesystem::path parent = std::filesystem::path(key_file).parent_path();
  if (parent.empty()) return core::ok_status();
  std::error_code ec;
  if (std::filesystem::exists(parent, ec)) return core::ok_status();
  std::filesystem::create_directories(parent, ec);
  if (ec)
    return core::Error::unavailable("cannot create the folder " + parent.string() + ": " +
                                    ec.message());
  std::filesystem::permissions(parent, std::filesystem::perms::owner_all, ec);
  return core::ok_status();
}

}  // namespace

core::Result<security::Secret> KeyService::load_master_key(const std::string& key_file) {
  auto from_env = security::master_key_from_environment();
  if (from_env.ok() || from_env.error().code != core::ErrorCode::kNotFound) return from_env;
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec))
    return core::Error::not_found("no master key: " + std::string(security::kMasterKeyEnvVar) +
                                  " is not set and " + key_file + " does not exist");
  return security::read_master_key_file(key_file);
}

core::Result<KeyRingOpened> KeyService::open_ring(store::Database& db, const core::Clock& clock,
                                                  const std::string& key_file, bool may_create) {
  StoredKeyState state;
  try {
    state = read_state(db);
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  KeyRingOpened out;
  const bool env_set = security::master_key_from_environment().ok();
  out.source = env_set ? security::kMasterKeyEnvVar : key_file;
  auto key = load_master_key(key_file);
  if (!key.ok()) {
    if (key.error().code != core::ErrorCode::kNotFound) return key.take_error();
    if (state.fingerprint)
      return core::Error::invalid(
          "the database's encrypted fields need its master key (fingerprint " + *state.fingerprint +
          "), but " + key.error().message +
          ". Set HAVEN_MASTER_KEY or restore the key file; never start with a new key.");
    if (!may_create)
      return core::Error::invalid(key.error().message + "; run `haven keys init` first");
    HAVEN_TRY(make_parent_folder(key_file));
    HAVEN_TRY(security::generate_master_key_file(key_file));
    out.created = true;
    out.source = key_file;
    key = security::read_master_key_file(key_file);
    if (!key.ok()) return key.take_error();
  }
  auto ring = security::KeyRing::derive(*key, state.active, state.oldest);
  if (!ring.ok()) return ring.take_error();
  if (state.fingerprint) {
    auto matches = ring->check_fingerprint(*state.fingerprint);
    if (!matches.ok())
      return core::Error::invalid("wrong master key from " + out.source + ": " +
                                  matches.error().message);
  } else {
    try {
      record_fingerprint(db, clock, ring->fingerprint());
    } catch (const store::DbError& e) {
      return store::to_error(e);
    }
    out.recorded_fingerprint = true;
  }
  out.ring = std::make_shared<const security::KeyRing>(std::move(ring).value());
  out.master = std::make_shared<const security::Secret>(std::move(key).value());
  return out;
}

core::Result<KeyStatus> KeyService::status(store::Database& db) {
  StoredKeyState state;
  try {
    state = read_state(db);
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return KeyStatus{state.fingerprint.value_or(""), state.active, state.oldest, state.rotating};
}

core::Result<std::string> KeyService::init(store::Database& db, const core::Clock& clock,
                                           const std::string& key_file) {
  StoredKeyState state;
  try {
    state = read_state(db);
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  if (state.fingerprint)
    return core::Error::conflict("this database already has a master key (fingerprint " +
                                 *state.fingerprint + "); keys init never replaces it");
  HAVEN_TRY(make_parent_folder(key_file));
  HAVEN_TRY(security::generate_master_key_file(key_file));
  auto key = security::read_master_key_file(key_file);
  if (!key.ok()) return key.take_error();
  auto ring = security::KeyRing::derive(*key, 1, 1);
  if (!ring.ok()) return ring.take_error();
  try {
    record_fingerprint(db, clock, ring->fingerprint());
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return ring->fingerprint();
}

KeyService::KeyService(store::Database& db, const core::Clock& clock,
                       std::shared_ptr<const security::Secret> master,
                       std::shared_ptr<const security::KeyRing> ring)
    : db_(db), clock_(clock), master_(std::move(master)), ring_(std::move(ring)) {}

KeyRingOpened KeyService::ephemeral() {
  KeyRingOpened out;
  out.master =
      std::make_shared<const security::Secret>(security::Secret::random(security::kMasterKeyBytes));
  out.ring = std::make_shared<const security::KeyRing>(
      security::KeyRing::derive(*out.master, 1, 1).value());
  out.source = "ephemeral";
  return out;
}

std::shared_ptr<const security::KeyRing> KeyService::ring() const {
  std::lock_guard lock(mu_);
  return ring_;
}

core::Result<bool> KeyService::refresh() {
  if (!master_) return false;
  StoredKeyState state;
  try {
    state = read_state(db_);
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  std::shared_ptr<const security::KeyRing> current = ring();
  if (current->active_id() == state.active && current->oldest_id() == state.oldest) return false;
  auto derived = security::KeyRing::derive(*master_, state.active, state.oldest);
  if (!derived.ok()) return derived.take_error();
  std::lock_guard lock(mu_);
  ring_ = std::make_shared<const security::KeyRing>(std::move(derived).value());
  return true;
}

core::Result<std::string> KeyService::blind_index(std::string_view kind,
                                                  std::string_view identity_number) const {
  auto normalized = security::normalize_identity_number(identity_number);
  if (!normalized.ok()) return normalized.take_error();
  return security::BlindIndex(*ring()).compute(kind, *normalized);
}

core::Result<RotationResult> KeyService::rotate(
    int batch_size, const std::function<void(const RotationProgress&)>& progress,
    const std::atomic<bool>* stop,
    const std::function<void(const std::string&, const std::string&)>& audit) {
  if (batch_size < 1) return core::Error::invalid("the batch size must be at least 1");
  RotationResult result;
  try {
    // Raise the active id once; a rotation already in progress is resumed at its target.
    uint32_t target = 0, oldest = 0;
    bool resumed = false;
    db_.write([&](store::Tx& tx) {
      const int64_t now = clock_.now().ms;
      const uint32_t active = parse_id(SettingsRepository::get(tx, kActiveKeyIdSetting), 1);
      oldest = parse_id(SettingsRepository::get(tx, kOldestKeyIdSetting), 1);
      if (SettingsRepository::get(tx, kRotationSetting)) {
        target = active;
        resumed = true;
      } else {
        target = active + 1;
        SettingsRepository::put(tx, kActiveKeyIdSetting, std::to_string(target), now);
        SettingsRepository::put(tx, kRotationSetting, "1", now);
      }
    });
    result.from_key_id = oldest;
    result.to_key_id = target;
    // Same master key, new active id; the old ids stay in the ring until no row names them.
    auto derived = security::KeyRing::derive(*master_, target, oldest);
    if (!derived.ok()) return derived.take_error();
    auto next = std::make_shared<const security::KeyRing>(std::move(derived).value());
    {
      std::lock_guard lock(mu_);
      ring_ = next;
    }
    if (audit)
      audit(resumed ? "keys.rotate.resume" : "keys.rotate.start",
            "{\"to_key_id\":" + std::to_string(target) + "}");
    // Let running servers load the new key (they refresh every kKeyRefreshIntervalMs) before any
    // row names it, so none of them meets a key id it does not hold.
    for (int64_t waited = 0; waited < rotation_grace_ms_.load(); waited += 100) {
      if (stop && stop->load()) return result;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    security::FieldCipher cipher(next);
    // Two passes: the second finds rows a server wrote under the old key while the first ran
    // (before it had refreshed); it re-encrypts only those and reports no progress.
    for (int pass = 0; pass < 2; ++pass)
      for (const store::EncryptedColumn& column : encrypted_columns()) {
        const bool report = pass == 0;
        RotationProgress p;
        p.column = std::string(column.table) + "." + column.column;
        p.total = db_.read(
            [&](store::Tx& tx) { return store::EncryptedColumnRepository::count(tx, column); });
        std::string after;
        while (true) {
          if (stop && stop->load()) return result;  // completed stays false: resumable
          auto batch = db_.read([&](store::Tx& tx) {
            return store::EncryptedColumnRepository::batch(tx, column, after, batch_size);
          });
          if (batch.empty()) break;
          core::Status batch_status = db_.write([&](store::Tx& tx) -> core::Status {
            for (const auto& [id, ct] : batch) {
              if (!cipher.needs_reencryption(ct.bytes)) continue;
              auto fresh = cipher.reencrypt(ct.bytes, {column.table, column.column, id});
              if (!fresh.ok())
                return core::Error::internal("cannot re-encrypt " + p.column + " of row " + id +
                                             ": " + fresh.error().message);
              if (store::EncryptedColumnRepository::replace(tx, column, id, ct,
                                                            store::Blob{std::move(fresh).value()}))
                ++p.reencrypted;
            }
            return core::ok_status();
          });
          HAVEN_TRY(batch_status);
          p.done += static_cast<int64_t>(batch.size());
          after = batch.back().first;
          if (progress && report) progress(p);
        }
        result.reencrypted += p.reencrypted;
        if (progress && report) progress(p);
      }
    db_.write([&](store::Tx& tx) {
      const int64_t now = clock_.now().ms;
      SettingsRepository::put(tx, kOldestKeyIdSetting, std::to_string(target), now);
      SettingsRepository::remove(tx, kRotationSetting);
    });
    auto final_ring = security::KeyRing::derive(*master_, target, target);
    if (!final_ring.ok()) return final_ring.take_error();
    {
      std::lock_guard lock(mu_);
      ring_ = std::make_shared<const security::KeyRing>(std::move(final_ring).value());
    }
    result.completed = true;
    if (audit)
      audit("keys.rotate.complete", "{\"key_id\":" + std::to_string(target) + ",\"reencrypted\":" +
                                        std::to_string(result.reencrypted) + "}");
  } catch (const store::DbError& e) {
    return store::to_error(e);
  }
  return result;
}

}  // namespace haven::service
