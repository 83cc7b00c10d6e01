// Documents: authorize on the case → check size, name, type and content (libmagic) → encrypt →
// one transaction (row, history, audit); downloads are audited before the bytes leave.
#include "service/document_service.h"

#include <magic.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/utf8.h"
#include "domain/field_errors.h"
#include "service/case_record_support.h"
#include "store/repositories/document_repository.h"

namespace haven::service {

namespace {

constexpr const char* kDocumentEntity = "case_document";
constexpr const char* kDocumentTable = "case_documents";
constexpr const char* kDocumentColumn = "content_ct";
constexpr security::ResourceKind kDocumentKind = security::ResourceKind::kNote;
constexpr size_t kFileNameMaxChars = 255;

constexpr std::array<std::string_view, 4> kDocumentTypes = {"court_decision", "medical_letter",
                                                            "scanned_form", "other"};
constexpr std::array<std::string_view, 5> kAllowedMediaTypes = {
    "application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

// "Text/Plain; charset=utf-8" → "text/plain"; aliases to libmagic's names.
std::string essence(std::string_view content_type) {
  std::string t = lower(content_type.substr(0, content_type.find(';')));
  t = std::string(core::trim(t));
  if (t == "image/jpg" || t == "image/pjpeg") return "image/jpeg";
  if (t == "application/x-pdf") return "application/pdf";
  return t;
}

// The name without folders ("C:\\scans\\a.pdf" → "a.pdf"), trimmed.
std::string base_name(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  return std::string(core::trim(name));
}

std::string sha256_hex(std::string_view content) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

DocumentInfo to_info(const store::DocumentRow& x) {
  return {x.id,         x.case_id, x.document_type, x.original_name, x.media_type,
          x.size_bytes, x.sha256,  x.uploaded_by,   x.uploaded_at,   x.version};
}

FieldMap fields_of(const store::DocumentRow& x) {
  return {{"document_type", x.document_type},
          {"original_name", x.original_name},
          {"media_type", x.media_type},
          {"size_bytes", std::to_string(x.size_bytes)},
          {"sha256", x.sha256}};
}

}  // namespace

std::span<const std::string_view> document_types() {
  return kDocumentTypes;
}
std::span<const std::string_view> allowed_document_media_types() {
  return kAllowedMediaTypes;
}

// The libmagic handle: loaded once, used under magic_mu_ (a magic_t is not thread-safe).
struct DocumentService::Magic {
  magic_t cookie = nullptr;
  ~Magic() {
    if (cookie) magic_close(cookie);
  }
};

DocumentService::DocumentService(store::Database& db, const core::Clock& clock,
                                 CaseAccess& case_access, AuditService& audit, KeyService& keys,
                                 RecordHistory& history, size_t max_bytes)
    : db_(db),
      clock_(clock),
      case_access_(case_access),
      audit_(audit),
      keys_(keys),
      history_(history),
      max_bytes_(max_bytes) {}

DocumentService::~DocumentService() = default;

core::Result<std::string> DocumentService::detect_media_type(std::string_view content) {
  std::lock_guard lock(magic_mu_);
  if (!magic_) {
    auto m = std::make_unique<Magic>();
    m->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (!m->cookie) return core::Error::internal("libmagic: cannot open a handle");
    if (magic_load(m->cookie, nullptr) != 0)
      return core::Error::internal(std::string("libmagic: cannot load its database: ") +
                                   (magic_error(m->cookie) ? magic_error(m->cookie) : "unknown"));
    magic_ = std::move(m);
  }
  const char* type = magic_buffer(magic_->cookie, content.data(), content.size());
  if (!type)
    return core::Error::internal(std::string("libmagic: ") + (magic_error(magic_->cookie)
                                                                  ? magic_error(magic_->cookie)
                                                                  : "cannot classify the content"));
  return std::string(type);
}

core::Result<std::vector<DocumentInfo>> DocumentService::list(const Actor& actor,
                                                              const std::string& case_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 kDocumentKind);
  if (!c.ok()) return c.take_error();
  auto rows = read_tx(db_, [&](store::Tx& tx) -> core::Result<std::vector<store::DocumentRow>> {
    return store::DocumentRepository::for_case(tx, case_id);
  });
  if (!rows.ok()) return rows.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "document.list",
                           "case", case_id, "case_work", "success", actor.request_id,
                           nlohmann::json{{"count", rows->size()}}.dump()}));
  std::vector<DocumentInfo> out;
  for (const auto& x : *rows) out.push_back(to_info(x));
  return out;
}

core::Result<DocumentInfo> DocumentService::upload(const Actor& actor, const std::string& case_id,
                                                   const NewDocument& document) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kCreate, case_id,
                                 kDocumentKind);
  if (!c.ok()) return c.take_error();
  if (document.content.size() > max_bytes_)
    return core::Error::too_large("The file is larger than the limit of " +
                                  std::to_string(max_bytes_) + " bytes.");

  domain::FieldErrors errors;
  if (std::find(kDocumentTypes.begin(), kDocumentTypes.end(), document.document_type) ==
      kDocumentTypes.end())
    errors.add("document_type",
               "Unknown document type \"" + core::utf8_truncate(document.document_type, 40) +
                   "\"; use court_decision, medical_letter, scanned_form or other.");
  const std::string name = base_name(document.file_name);
  errors.line("file_name", name, kFileNameMaxChars, domain::Presence::kRequired);

  std::string media_type;
  if (document.content.empty()) {
    errors.add("file", "The file is empty.");
  } else {
    auto detected = detect_media_type(document.content);
    if (!detected.ok()) return detected.take_error();
    media_type = *detected;
    if (std::find(kAllowedMediaTypes.begin(), kAllowedMediaTypes.end(), media_type) ==
        kAllowedMediaTypes.end()) {
      errors.add("file", "The file's content is " + media_type +
                             ", which is not kept; upload a PDF, PNG, JPEG, TIFF or plain text "
                             "file.");
    } else {
      const std::string claimed = essence(document.claimed_media_type);
      if (!claimed.empty() && claimed != "application/octet-stream" && claimed != media_type)
        errors.add("content_type", "The file's content is " + media_type + ", not " + claimed +
                                       " as sent; check that you chose the right file.");
    }
  }
  HAVEN_TRY(errors.status("The document was not accepted; see the marked fields."));

  const auto now = clock_.now();
  store::DocumentRow row;
  row.id = core::new_id(now);
  row.case_id = case_id;
  row.document_type = document.document_type;
  row.original_name = name;
  row.media_type = media_type;
  row.size_bytes = static_cast<int64_t>(document.content.size());
  row.sha256 = sha256_hex(document.content);
  row.uploaded_by = row.created_by = actor.actor_id();
  row.uploaded_at = row.created_at = row.updated_at = now.ms;
  auto ct = keys_.cipher().encrypt(document.content, {kDocumentTable, kDocumentColumn, row.id});
  if (!ct.ok()) return ct.take_error();
  const store::Blob content_ct{std::move(*ct)};
  return write_tx(db_, [&](store::Tx& tx) -> core::Result<DocumentInfo> {
    auto current = recheck_case(tx, *c);
    if (!current.ok()) return current.take_error();
    store::DocumentRepository::insert(tx, row, content_ct);
    HAVEN_TRY(history_.record(tx, actor, {kDocumentEntity, row.id, 1, case_id},
                              field_changes({}, fields_of(row))));
    audit_.record(tx, {actor.actor_id(), actor.role(), actor.agency_id(), "document.upload",
                       kDocumentEntity, row.id, "case_work", "success", actor.request_id,
                       nlohmann::json{{"case_id", case_id},
                                      {"media_type", row.media_type},
                                      {"size_bytes", row.size_bytes},
                                      {"sha256", row.sha256}}
                           .dump()});
    return to_info(row);
  });
}

core::Result<DocumentDownload> DocumentService::download(const Actor& actor,
                                                         const std::string& case_id,
                                                         const std::string& document_id) {
  auto c = authorize_case_record(db_, case_access_, actor, security::Action::kRead, case_id,
                                 kDocumentKind, document_id);
  if (!c.ok()) return c.take_error();
  if (!core::is_valid_id(document_id)) return core::Error::not_found("No such document.");
  struct Stored {
    store::DocumentRow row;
    store::Blob ct;
  };
  auto stored = read_tx(db_, [&](store::Tx& tx) -> core::Result<Stored> {
    auto row = store::DocumentRepository::find(tx, case_id, document_id);
    auto ct = store::DocumentRepository::find_content(tx, case_id, document_id);
    if (!row || !ct) return core::Error::not_found("No such document in this case.");
    return Stored{std::move(*row), std::move(*ct)};
  });
  if (!stored.ok()) return stored.take_error();
  auto plain =
      keys_.cipher().decrypt(stored->ct.bytes, {kDocumentTable, kDocumentColumn, document_id});
  if (!plain.ok()) return plain.take_error();
  HAVEN_TRY(audit_.append({actor.actor_id(), actor.role(), actor.agency_id(), "document.download",
                           kDocumentEntity, document_id, "case_work", "success", actor.request_id,
                           nlohmann::json{{"case_id", case_id},
                                          {"sha256", stored->row.sha256},
                                          {"size_bytes", stored->row.size_bytes}}
                               .dump()}));
  DocumentDownload out;
  out.info = to_info(stored->row);
  out.content = std::string(plain->view());
  return out;
}

}  // namespace haven::service
