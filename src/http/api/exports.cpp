// Exports ([F5] item 4): GET /api/v1/exports/{list}?format=csv|xlsx with the case list's filters
// (status, risk, worker, overdue) for cases, tasks and placements — streamed from a private
// temporary file as an attachment whose name carries no personal data — and
// POST /api/v1/children/{child_id}/subject-access, the GDPR art. 15 bundle as JSON, or as a
// print-friendly HTML summary with ?format=html or Accept: text/html (POST: CSRF-checked from a
// page, never cached).
#include "http/api/exports.h"

#include <httplib.h>

#include <fstream>

#include "core/date.h"
#include "http/api/case_api.h"
#include "http/router.h"
#include "http/routes.h"

namespace haven::http::api {

bool send_export_file(RequestContext& ctx, service::ExportFile file) {
  auto stream = std::make_shared<std::ifstream>(file.file->path(), std::ios::binary);
  if (!*stream) {
    ctx.send_problem(core::Error::internal("The export file could not be read back."));
    return false;
  }
  // Unlinked at once: the open stream keeps the bytes until they are sent, and nothing of the
  // export stays on disk even if the connection drops.
  file.file.reset();
  auto& res = ctx.response();
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"" + file.file_name + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Export-Rows", std::to_string(file.rows));
  res.set_content_provider(
      static_cast<size_t>(file.size_bytes), file.media_type,
      [stream](size_t offset, size_t length, httplib::DataSink& sink) {
        char buf[64 * 1024];
        stream->clear();
        stream->seekg(static_cast<std::streamoff>(offset));
        const auto n = static_cast<std::streamsize>(std::min(length, sizeof buf));
        stream->read(buf, n);
        const auto got = stream->gcount();
        if (got <= 0) return false;
        return sink.write(buf, static_cast<size_t>(got));
      },
      [stream](bool) { stream->close(); });
  return true;
}

std::optional<service::ListExportRequest> export_request(RequestContext& ctx, std::string_view list,
                                                         std::string_view format) {
  service::ListExportRequest q;
  std::vector<core::FieldError> errors;
  auto l = service::parse_export_list(list);
  if (!l) errors.push_back({"list", "Export cases, tasks or placements."});
  auto f = service::parse_export_format(format.empty() ? "csv" : format);
  if (!f) errors.push_back({"format", "Ask for csv or xlsx."});
  auto opt = [&](const char* name) -> std::optional<std::string> {
    std::string v = ctx.query(name);
    return v.empty() ? std::nullopt : std::optional(v);
  };
  q.filters.status = opt("status");
  q.filters.risk = opt("risk");
  q.filters.worker = opt("worker");
  const std::string overdue = ctx.query("overdue");
  if (!overdue.empty() && overdue != "true" && overdue != "false")
    errors.push_back({"overdue", "Give true or false."});
  q.filters.overdue_only = overdue == "true";
  if (!errors.empty()) {
    ctx.send_problem(core::Error::invalid("The export cannot be made that way.", errors));
    return std::nullopt;
  }
  q.list = *l;
  q.format = *f;
  return q;
}

void register_export_routes(Router& router, service::App& app) {
  router.get("/api/v1/exports/{list}", "exportList", [&app](RequestContext& ctx) {
    auto actor = case_actor(ctx, app);
    if (!actor) return;
    auto q = export_request(ctx, ctx.param("list"), ctx.query("format"));
    if (!q) return;
    auto file = app.exports.export_list(*q, *actor);
    if (!file.ok()) return ctx.send_problem(file.error());
    send_export_file(ctx, std::move(*file));
  });

  router.post("/api/v1/children/{child_id}/subject-access", "exportSubjectAccess",
              [&app](RequestContext& ctx) {
                auto actor = case_actor(ctx, app);
                if (!actor) return;
                service::SubjectAccessRequest request;
                std::string format = ctx.query("format");
                if (format.empty())
                  format =
                      ctx.header("Accept").find("text/html") != std::string::npos ? "html" : "json";
                request.format = format;
                if (!ctx.body().empty()) {
                  auto body = ctx.json_body();
                  if (!body.ok()) return ctx.send_problem(body.error());
                  std::vector<core::FieldError> errors;
                  if (!body->is_object()) errors.push_back({"body", "Send a JSON object."});
                  if (body->is_object() && body->contains("withhold")) {
                    const auto& w = (*body)["withhold"];
                    if (!w.is_array()) errors.push_back({"withhold", "Give a list of parts."});
                    for (const auto& p : w.is_array() ? w : nlohmann::json::array()) {
                      if (p.is_string())
                        request.withhold.push_back(p.get<std::string>());
                      else
                        errors.push_back({"withhold", "Name each part as a string."});
                    }
                  }
                  if (body->is_object() && body->contains("legal_basis")) {
                    if ((*body)["legal_basis"].is_string())
                      request.legal_basis = (*body)["legal_basis"].get<std::string>();
                    else
                      errors.push_back({"legal_basis", "Give the legal basis as text."});
                  }
                  if (!errors.empty())
                    return ctx.send_problem(core::Error::invalid(
                        "The subject-access export cannot be made that way.", errors));
                }
                auto bundle =
                    app.subject_access.bundle(std::string(ctx.param("child_id")), request, *actor);
                if (!bundle.ok()) return ctx.send_problem(bundle.error());
                send_subject_access(ctx, *bundle, request.format,
                                    core::Date::of(app.clock.now()).to_string());
              });
}

void send_subject_access(RequestContext& ctx, const nlohmann::json& bundle,
                         const std::string& format, const std::string& day) {
  auto& res = ctx.response();
  res.set_header("Cache-Control", "no-store");
  if (format == "html") {
    // A static document: no script at all, its one inline stylesheet allowed.
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "
                   "frame-ancestors 'none'; base-uri 'none'");
    res.set_header("Content-Disposition",
                   "inline; filename=\"haven-subject-access-" + day + ".html\"");
    ctx.send_text(200, service::SubjectAccessService::render_html(bundle),
                  "text/html; charset=utf-8");
    return;
  }
  res.set_header("Content-Disposition",
                 "attachment; filename=\"haven-subject-access-" + day + ".json\"");
  ctx.send_json(200, bundle);
}

}  // namespace haven::http::api
