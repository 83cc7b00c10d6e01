// GET /static/{file}: web/static/ as compiled in. Pages link assets with ?v=<content hash>, so the
// browser may keep them for a year; a new build changes the link.
#include <httplib.h>

#include <string>
#include <string_view>

#include "http/request_context.h"
#include "http/router.h"
#include "http/web/embedded_web.h"
#include "http/web/pages.h"
#include "http/web/site.h"

namespace haven::http::web {

namespace {

std::string content_type(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

void register_static_files(Router& router, std::shared_ptr<Site> site) {
  router.get("/static/{file}", "getStaticFile", [site](RequestContext& ctx) {
    const std::string path = "static/" + std::string(ctx.param("file"));
    for (const auto& f : embedded_web_files()) {
      if (f.path != path) continue;
      ctx.response().set_header("Cache-Control", "public, max-age=31536000, immutable");
      ctx.send_text(200, std::string(f.content), content_type(path));
      return;
    }
    ctx.send_problem(core::Error::not_found("There is no such file."));
  });
}

}  // namespace haven::http::web
