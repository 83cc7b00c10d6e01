// Documents attached to cases as rows (table case_documents): the SQL behind DocumentService.
// Listing never reads the content; only find_content() does. The content arrives and leaves
// encrypted. No rules here; every function runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace haven::store {

struct DocumentRow {
  std::string id;
  std::string case_id;
  std::string document_type;
  std::string original_name;
  std::string media_type;  // as detected from the content
  int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex of the plaintext
  std::string uploaded_by;
  int64_t uploaded_at = 0;
  std::string created_by;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

class DocumentRepository {
 public:
  static void insert(Tx& tx, const DocumentRow& row, const Blob& content_ct);
  // The metadata of document `id` of case `case_id`.
  static std::optional<DocumentRow> find(Tx& tx, const std::string& case_id, const std::string& id);
  // The encrypted content of document `id` of case `case_id`.
  static std::optional<Blob> find_content(Tx& tx, const std::string& case_id,
                                          const std::string& id);
  // Metadata of every document of a case, oldest first.
  static std::vector<DocumentRow> for_case(Tx& tx, const std::string& case_id);
};

}  // namespace haven::store
