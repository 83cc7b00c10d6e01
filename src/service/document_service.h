// Files attached to a case — court decisions, medical letters, scanned forms: uploaded with a
// document type and the original file name, checked by their content (libmagic decides the media
// type; only PDF, PNG, JPEG, TIFF and plain text are kept, and a claimed type must agree), limited
// in size, stored only encrypted and bound to their row, listed, and downloaded with every download
// audited before the bytes are handed out. Thread-safe (the libmagic handle is behind a mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "service/audit_service.h"
#include "service/case_access.h"
#include "service/identity.h"
#include "service/key_service.h"
#include "service/record_history.h"
#include "store/database.h"

namespace haven::service {

// The kinds of document a case keeps (stable codes, stored and sent over the API).
std::span<const std::string_view> document_types();
// Media types kept, as libmagic names them.
std::span<const std::string_view> allowed_document_media_types();

struct NewDocument {
  std::string document_type;  // one of document_types()
  std::string file_name;      // as the user's computer called it; folders are dropped
  std::string
      claimed_media_type;  // the request's Content-Type; "" or application/octet-stream: none
  std::string_view content;
};

struct DocumentInfo {
  std::string id;
  std::string case_id;
  std::string document_type;
  std::string original_name;
  std::string media_type;  // detected from the content
  int64_t size_bytes = 0;
  std::string sha256;  // lowercase hex of the content
  std::string uploaded_by;
  int64_t uploaded_at = 0;
  int64_t version = 1;
};

struct DocumentDownload {
  DocumentInfo info;
  std::string content;
};

class DocumentService {
 public:
  static constexpr size_t kDefaultMaxBytes = 10 * 1024 * 1024;

  DocumentService(store::Database& db, const core::Clock& clock, CaseAccess& case_access,
                  AuditService& audit, KeyService& keys, RecordHistory& history,
                  size_t max_bytes = kDefaultMaxBytes);
  ~DocumentService();
  DocumentService(const DocumentService&) = delete;
  DocumentService& operator=(const DocumentService&) = delete;

  size_t max_bytes() const { return max_bytes_; }

  // The documents of a case (metadata only), oldest first. The read is audited.
  core::Result<std::vector<DocumentInfo>> list(const Actor& actor, const std::string& case_id);

  // Errors: kNotFound (no such case, or another agency's), kForbidden, kTooLarge beyond
  // max_bytes(), kInvalidInput with fields: "file" (empty, or a type that is not kept — the message
  // names what the content is), "content_type" (the content is not what the request claimed),
  // "document_type", "file_name"; kConflict (the case is closed or changed hands).
  core::Result<DocumentInfo> upload(const Actor& actor, const std::string& case_id,
                                    const NewDocument& document);

  // The document and its bytes. The download is audited (durably) before it is returned.
  core::Result<DocumentDownload> download(const Actor& actor, const std::string& case_id,
                                          const std::string& document_id);

  // The media type libmagic finds in `content` ("application/pdf"), or kInternal if libmagic
  // cannot run.
  core::Result<std::string> detect_media_type(std::string_view content);

 private:
  struct Magic;
  store::Database& db_;
  const core::Clock& clock_;
  CaseAccess& case_access_;
  AuditService& audit_;
  KeyService& keys_;
  RecordHistory& history_;
  size_t max_bytes_;
  std::mutex magic_mu_;
  std::unique_ptr<Magic> magic_;  // loaded on first use
};

}  // namespace haven::service
