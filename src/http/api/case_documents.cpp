// Documents attached to a case: GET /api/v1/cases/{case_id}/documents (the list),
// POST …/documents?document_type=…&file_name=… with the file as the raw body and its
// Content-Type (the route takes bodies up to the document limit, 10 MiB by default), and
// GET …/documents/{document_id}, which answers the bytes as an attachment with the type detected at
// upload and `X-Content-Type-Options: nosniff`. Every download is audited before it is sent.
#include <httplib.h>

#include "http/api/record_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

namespace {

nlohmann::json document_json(const service::DocumentInfo& d) {
  return {{"id", d.id},
          {"case_id", d.case_id},
          {"document_type", d.document_type},
          {"file_name", d.original_name},
          {"media_type", d.media_type},
          {"size_bytes", d.size_bytes},
          {"sha256", d.sha256},
          {"uploaded_by", d.uploaded_by},
          {"uploaded_at", instant_json(d.uploaded_at)},
          {"version", d.version}};
}

// RFC 6266: an ASCII fallback name and the UTF-8 name percent-encoded (RFC 8187).
std::string content_disposition(const std::string& name) {
  std::string fallback;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char ch : name) {
    const bool plain = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                       (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
    fallback.push_back(plain || ch == ' ' ? static_cast<char>(ch) : '_');
    if (plain) {
      encoded.push_back(static_cast<char>(ch));
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[ch >> 4]);
      encoded.push_back(kHex[ch & 0xf]);
    }
  }
  if (fallback.empty()) fallback = "document";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

void register_case_document_routes(Router& router, service::App& app) {
  router.get("/api/v1/cases/{case_id}/documents", "listCaseDocuments", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    send_list(ctx, app.documents.list(*actor, std::string(ctx.param("case_id"))), document_json);
  });

  router.post(
      "/api/v1/cases/{case_id}/documents", "uploadCaseDocument", [&app](RequestContext& ctx) {
        auto actor = case_actor(ctx, app);
        if (!actor) return;
        service::NewDocument doc;
        doc.document_type = ctx.query("document_type");
        doc.file_name = ctx.query("file_name");
        doc.claimed_media_type = ctx.header("Content-Type");
        doc.content = ctx.body();
        send_record(ctx, app.documents.upload(*actor, std::string(ctx.param("case_id")), doc),
                    document_json, 201);
      });
  router.limit_body(Method::kPost, "/api/v1/cases/{case_id}/documents", app.documents.max_bytes());

  router.get("/api/v1/cases/{case_id}/documents/{document_id}", "downloadCaseDocument",
             [&app](RequestContext& ctx) {
               auto actor = case_actor(ctx, app);
               if (!actor) return;
               auto doc = app.documents.download(*actor, std::string(ctx.param("case_id")),
                                                 std::string(ctx.param("document_id")));
               if (!doc.ok()) return ctx.send_problem(doc.error());
               auto& res = ctx.response();
               res.set_header("Content-Disposition", content_disposition(doc->info.original_name));
               res.set_header("X-Content-Type-Options", "nosniff");
               res.set_header("Cache-Control", "no-store");
               res.set_header("X-Document-SHA256", doc->info.sha256);
               ctx.send_text(200, std::move(doc->content), doc->info.media_type);
             });
}

}  // namespace haven::http::api
