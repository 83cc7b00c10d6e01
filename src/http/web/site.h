// What every page shares: the catalogs and templates, the visitor (session, language, CSRF token),
// the layout (landmarks, skip link, navigation by role, language switcher, demo banner, flash
// message, error summary) and the answer's headers (strict CSP, no-store). Page handlers in this
// folder build a Page and call Site::send; later pages (cases, intake, …) do the same and only add
// templates and handlers.
//
// Forms: a field is a map {name, label, type, value, error, required, autocomplete, options}
// rendered by the `field` partial; Site::field() builds one. Errors go in Page::errors: they are
// listed in a summary at the top, linked to their fields (#field-<name>), and shown beside each
// field. What the person typed goes back into `value`, so nothing is lost to a validation error.
//
// CSRF: every POST form carries `_csrf`. Signed in, it is the session's token (AuthService);
// before sign-in it is a random value also held in an HttpOnly SameSite=Strict cookie (double
// submit). check_csrf() verifies either.
//
// One Site per server, shared by every request thread; it is immutable after construction apart
// from LanguageService, which is thread-safe.
#pragma once

#include <memory>
#include <mstch/mstch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/web/catalog.h"
#include "http/web/form.h"
#include "http/web/templates.h"
#include "http/web/web_options.h"
#include "service/identity.h"
#include "service/language_service.h"

namespace haven::service {
struct App;
}

namespace haven::http {
class RequestContext;
class Router;
}  // namespace haven::http

namespace haven::http::web {

struct FieldMessage {
  std::string field;    // the form field's name; its input has id "field-<name>"
  std::string message;  // already in the visitor's language
};

// Who is looking at a page, and in which language.
struct Visitor {
  std::optional<service::Authenticated> who;  // any session, possibly enrolment-only
  bool session_ended = false;  // a session cookie came but is no longer valid (expired, signed out)
  std::string lang = "en";
  std::string csrf;   // the token this visitor's forms carry
  std::string flash;  // a message from the previous request (already translated), or ""
  bool signed_in() const { return who && who->second_factor; }
};

struct Page {
  std::string template_name;  // web/templates/<name>.mustache
  std::string title_key;      // catalog key of the page title (never personal data)
  mstch::map model;           // the page's own values
  int status = 200;
  std::vector<FieldMessage> errors;
  std::string notice;  // a message for the alert region, already translated; "" for none
};

class Site {
 public:
  Site(service::App& app, WebOptions options);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  service::App& app() { return app_; }
  const Catalogs& catalogs() const { return catalogs_; }
  const Templates& templates() const { return templates_; }
  service::LanguageService& languages() { return *languages_; }
  const WebOptions& options() const { return options_; }
  // The short content hash appended to /static/ URLs, so a new build is never served stale CSS.
  const std::string& static_version() const { return static_version_; }

  const std::string& t(const Visitor& v, std::string_view key) const {
    return catalogs_.text(v.lang, key);
  }

  // The visitor of this request. Sets the pre-sign-in CSRF cookie when needed and clears a shown
  // flash message. Never answers.
  Visitor visit(RequestContext& ctx);
  // A visitor with a completed sign-in, or nullopt after redirecting: to /signin?next=<this page>
  // (no or ended session) or to /signin/enrol (a second factor still to set up).
  // A form POSTed after its session ended is not lost: its fields are sealed into short-lived
  // cookies scoped to the page that shows the form (the form's `_page` field, else the POST's
  // path, if it answers GET), sign-in returns there, and that page's GET handler takes them back
  // with resumed_form() to show what was typed — never sent again by itself.
  std::optional<Visitor> require_signed_in(RequestContext& ctx);
  // The form fields kept for this page when its session ended (see require_signed_in), once:
  // the cookies are cleared. nullopt when none, or when they are altered or older than 30 minutes.
  std::optional<Form> resumed_form(RequestContext& ctx);
  // The routes, so that a kept form only returns to a page that answers GET.
  void attach_router(const Router& router) { router_ = &router; }
  // True if the visitor holds `role`; otherwise answers 403 with a page and returns false.
  bool require_role(RequestContext& ctx, const Visitor& v, security::Role role);
  // True if the form's `_csrf` matches the visitor's token; otherwise answers 403 with a page that
  // explains the form has expired.
  bool check_csrf(RequestContext& ctx, const Visitor& v, const Form& form);

  // Renders `page` inside the layout and answers with it.
  void send(RequestContext& ctx, const Visitor& v, Page page);
  // A part of a page (a template without the layout) for a script that replaces one region of the
  // page it is on (find-a-child's results as the worker types); same headers as a page.
  void send_fragment(RequestContext& ctx, const Visitor& v, const std::string& template_name,
                     mstch::map model, int status = 200);
  // A page that only says what went wrong (403, 404, 500 …), in the visitor's language.
  void send_message(RequestContext& ctx, const Visitor& v, int status, std::string_view title_key,
                    std::string_view message_key);
  // 303 See Other to a local path, with a flash message (a catalog key under "flash.") to show on
  // the next page.
  void redirect(RequestContext& ctx, const std::string& location, std::string_view flash_key = {});

  // A form field model for the `field` partial.
  mstch::map field(const Visitor& v, const std::string& name, std::string_view label_key,
                   const std::string& value, const std::string& type = "text", bool required = true,
                   const std::string& autocomplete = "off") const;
  // Puts `errors` beside the fields of `fields` (an mstch::array of field maps) by name.
  static void attach_errors(mstch::array& fields, const std::vector<FieldMessage>& errors);

  // Authenticated encryption of short-lived form state that must not be readable or forgeable by
  // the browser (the first sign-in step, a pending TOTP secret), bound to `purpose` and expiring
  // after `ttl_ms`. open() returns nullopt for anything altered, expired or for another purpose.
  std::string seal(std::string_view purpose, std::string_view plaintext, int64_t ttl_ms) const;
  std::optional<std::string> open(std::string_view purpose, std::string_view sealed) const;

  // Cookie names: secure deployments use the __Host- prefix.
  std::string csrf_cookie_name() const;
  std::string lang_cookie_name() const;
  std::string flash_cookie_name() const;
  // Set-Cookie for a page cookie (HttpOnly, SameSite=Strict, Path=/, Secure where cookies are).
  void set_cookie(RequestContext& ctx, const std::string& name, const std::string& value,
                  int64_t max_age_s) const;

 private:
  mstch::map layout_model(RequestContext& ctx, const Visitor& v) const;
  std::string choose_language(RequestContext& ctx, const Visitor& v) const;
  // Seals the POSTed form for `page`; false when it cannot be kept (too large, odd path).
  bool keep_form(RequestContext& ctx, const std::string& page);
  std::string resume_cookie_name(int chunk) const;

  service::App& app_;
  WebOptions options_;
  Catalogs catalogs_;
  Templates templates_;
  std::unique_ptr<service::LanguageService> languages_;
  std::string static_version_;
  const Router* router_ = nullptr;
};

// Headers of every HTML answer: Content-Type, the strict Content-Security-Policy (no inline script
// or style), Cache-Control: no-store.
void set_page_headers(RequestContext& ctx);
inline constexpr const char* kPageContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
    "'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

}  // namespace haven::http::web
