// SQL for key rotation over any registered encrypted column.
#include "store/repositories/encrypted_column_repository.h"

namespace haven::store {

std::vector<std::pair<std::string, Blob>> EncryptedColumnRepository::batch(
    Tx& tx, const EncryptedColumn& c, const std::string& after_id, int limit) {
  const std::string sql = std::string("SELECT ") + c.id_column + ", " + c.column + " FROM " +
                          c.table + " WHERE " + c.id_column + " > $1 AND " + c.column +
                          " IS NOT NULL ORDER BY " + c.id_column + " LIMIT $2";
  std::vector<std::pair<std::string, Blob>> out;
  for (const Row& r : tx.query(sql, params(after_id, limit))) out.emplace_back(r.text(0), r.blob(1));
  return out;
}

bool EncryptedColumnRepository::replace(Tx& tx, const EncryptedColumn& c, const std::string& id,
                                        const Blob& expected, const Blob& ct) {
  const std::string sql = std::string("UPDATE ") + c.table + " SET " + c.column + " = $3 WHERE " +
                          c.id_column + " = $1 AND " + c.column + " = $2";
  return tx.execute(sql, params(id, expected, ct)) == 1;
}

int64_t EncryptedColumnRepository::count(Tx& tx, const EncryptedColumn& c) {
  const std::string sql =
      std::string("SELECT COUNT(*) FROM ") + c.table + " WHERE " + c.column + " IS NOT NULL";
  return tx.query_one(sql)->integer(0);
}

}  // namespace haven::store
