// Generic access to encrypted columns for key rotation: read a batch of (row id, ciphertext) after a
// cursor and write re-encrypted values back. Table and column names come only from the compiled-in
// registry (service/key_service.cpp, encrypted_columns()), never from input, so building SQL with
// them is safe; values are always bound.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct EncryptedColumn {
  const char* table;      // "users"
  const char* column;     // "totp_secret"
  const char* id_column;  // "id" (TEXT, unique, ordered)
};

class EncryptedColumnRepository {
 public:
  // Up to `limit` non-NULL ciphertexts with id > after_id, ascending id.
  static std::vector<std::pair<std::string, Blob>> batch(Tx& tx, const EncryptedColumn& c,
                                                         const std::string& after_id, int limit);
  // Writes `ct` only if the row still holds `expected` (a concurrent writer may have replaced it
  // under the new key already); returns whether it did.
  static bool replace(Tx& tx, const EncryptedColumn& c, const std::string& id, const Blob& expected,
                      const Blob& ct);
  static int64_t count(Tx& tx, const EncryptedColumn& c);
};

}  // namespace haven::store
