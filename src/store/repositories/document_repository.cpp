// SQL for case documents.
#include "store/repositories/document_repository.h"

namespace haven::store {

namespace {
constexpr const char* kDocumentSelect =
    "SELECT id, case_id, document_type, original_name, media_type, size_bytes, sha256, "
    "uploaded_by, uploaded_at, created_by, version, created_at, updated_at FROM case_documents ";

DocumentRow document_from_row(const Row& r) {
  DocumentRow x;
  x.id = r.text(0);
  x.case_id = r.text(1);
  x.document_type = r.text(2);
  x.original_name = r.text(3);
  x.media_type = r.text(4);
  x.size_bytes = r.integer(5);
  x.sha256 = r.text(6);
  x.uploaded_by = r.text(7);
  x.uploaded_at = r.integer(8);
  x.created_by = r.text(9);
  x.version = r.integer(10);
  x.created_at = r.integer(11);
  x.updated_at = r.integer(12);
  return x;
}
}  // namespace

void DocumentRepository::insert(Tx& tx, const DocumentRow& x, const Blob& content_ct) {
  tx.execute(
      "INSERT INTO case_documents (id, case_id, document_type, original_name, media_type, "
      "size_bytes, sha256, content_ct, uploaded_by, uploaded_at, created_by, version, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
      params(x.id, x.case_id, x.document_type, x.original_name, x.media_type, x.size_bytes,
             x.sha256, content_ct, x.uploaded_by, x.uploaded_at, x.created_by, x.created_at));
}

std::optional<DocumentRow> DocumentRepository::find(Tx& tx, const std::string& case_id,
                                                    const std::string& id) {
  auto row = tx.query_one(std::string(kDocumentSelect) + "WHERE id = $1 AND case_id = $2",
                          params(id, case_id));
  if (!row) return std::nullopt;
  return document_from_row(*row);
}

std::optional<Blob> DocumentRepository::find_content(Tx& tx, const std::string& case_id,
                                                     const std::string& id) {
  auto row = tx.query_one("SELECT content_ct FROM case_documents WHERE id = $1 AND case_id = $2",
                          params(id, case_id));
  if (!row) return std::nullopt;
  return row->blob(0);
}

std::vector<DocumentRow> DocumentRepository::for_case(Tx& tx, const std::string& case_id) {
  std::vector<DocumentRow> out;
  for (const Row& r :
       tx.query(std::string(kDocumentSelect) + "WHERE case_id = $1 ORDER BY uploaded_at, id",
                params(case_id)))
    out.push_back(document_from_row(r));
  return out;
}

}  // namespace haven::store
