// Signing in on the pages: username and password, then the six-digit code or a recovery code;
// the first-time TOTP enrolment (QR code and the secret as text, confirmed with a code, then the
// ten recovery codes shown once); signing out. The rules are AuthService's and UserService's.
//
// The first step checks nothing: it seals what was typed (Site::seal, five minutes) into the second
// step's form, and AuthService::login judges all of it at once. So no answer ever says which of
// username, password or code was wrong, and a password is never verified without its code.
#include <httplib.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "http/authentication.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/pages.h"
#include "http/web/site.h"
#include "security/qr_svg.h"
#include "security/secret.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

constexpr int64_t kPendingSignInMs = 5 * 60 * 1000;
constexpr int64_t kPendingEnrolmentMs = 30 * 60 * 1000;

std::string safe_next(const std::string& typed) {
  return is_safe_next(typed) ? typed : std::string();
}

void send_step_one(Site& site, RequestContext& ctx, const Visitor& v, const std::string& username,
                   const std::string& next, std::vector<FieldMessage> errors,
                   std::string notice = {}, int status = 200) {
  Page page;
  page.template_name = "signin";
  page.title_key = "signin.title";
  page.status = status;
  mstch::array fields{
      site.field(v, "username", "signin.username", username, "text", true, "username"),
      site.field(v, "password", "signin.password", "", "password", true, "current-password")};
  Site::attach_errors(fields, errors);
  page.model["fields"] = fields;
  page.model["next"] = next;
  page.errors = std::move(errors);
  page.notice = std::move(notice);
  site.send(ctx, v, std::move(page));
}

void send_step_two(Site& site, RequestContext& ctx, const Visitor& v, const std::string& pending,
                   const std::string& next) {
  Page page;
  page.template_name = "signin_code";
  page.title_key = "signin.code.title";
  mstch::array fields{
      site.field(v, "code", "signin.code.label", "", "text", false, "one-time-code")};
  page.model["fields"] = fields;
  page.model["pending"] = pending;
  page.model["next"] = next;
  site.send(ctx, v, std::move(page));
}

// "123 456" → "123456" when the code is six digits; otherwise it is a recovery code.
bool is_six_digits(const std::string& code, std::string* digits) {
  std::string d;
  for (char c : code) {
    if (c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    d += c;
  }
  if (d.size() != 6) return false;
  *digits = d;
  return true;
}

// "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to copy by hand.
std::string grouped(std::string_view secret) {
  std::string out;
  for (size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

void send_enrolment(Site& site, RequestContext& ctx, const Visitor& v, const std::string& sealed,
                    const std::string& secret, const std::string& uri, const std::string& next,
                    std::vector<FieldMessage> errors) {
  Page page;
  page.template_name = "enrol";
  page.title_key = "enrol.title";
  page.status = errors.empty() ? 200 : 422;
  auto svg = security::qr_svg(uri, site.t(v, "enrol.qr_label"));
  page.model["qr_svg"] = svg.ok() ? *svg : std::string();
  page.model["secret"] = grouped(secret);
  page.model["enrolment"] = sealed;
  page.model["next"] = next;
  mstch::array fields{site.field(v, "code", "enrol.code", "", "text", true, "one-time-code")};
  Site::attach_errors(fields, errors);
  page.model["fields"] = fields;
  page.errors = std::move(errors);
  site.send(ctx, v, std::move(page));
}

}  // namespace

void register_signin_pages(Router& router, std::shared_ptr<Site> site) {
  router.get("/signin", "signInPage", [site](RequestContext& ctx) {
    Visitor v = site->visit(ctx);
    const std::string next = safe_next(ctx.query("next"));
    if (v.signed_in()) return site->redirect(ctx, next.empty() ? "/" : next);
    if (v.who) return site->redirect(ctx, "/signin/enrol");
    std::string notice;
    if (ctx.query("ended") == "1" || v.session_ended) notice = site->t(v, "signin.session_ended");
    send_step_one(*site, ctx, v, "", next, {}, notice);
  });

  router.post("/signin", "signIn", [site](RequestContext& ctx) {
    Visitor v = site->visit(ctx);
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, v, form)) return;
    const std::string username = form.get("username");
    std::string password = form.get("password");
    const std::string next = safe_next(form.get("next"));
    std::vector<FieldMessage> errors;
    if (username.empty() || username.size() > 128)
      errors.push_back({"username", site->t(v, "signin.error.username_required")});
    if (password.empty())
      errors.push_back({"password", site->t(v, "signin.error.password_required")});
    if (!errors.empty()) {
      security::wipe(password);
      return send_step_one(*site, ctx, v, username, next, std::move(errors), {}, 422);
    }
    std::string plain = nlohmann::json{{"u", username}, {"p", password}}.dump();
    std::string pending = site->seal("signin", plain, kPendingSignInMs);
    security::wipe(plain);
    security::wipe(password);
    send_step_two(*site, ctx, v, pending, next);
  });

  router.post("/signin/code", "signInCode", [site](RequestContext& ctx) {
    Visitor v = site->visit(ctx);
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, v, form)) return;
    const std::string next = safe_next(form.get("next"));
    auto opened = site->open("signin", form.get("pending"));
    if (!opened)
      return send_step_one(*site, ctx, v, "", next, {}, site->t(v, "signin.error.pending_expired"),
                           422);
    auto typed = nlohmann::json::parse(*opened, nullptr, false);
    security::wipe(*opened);
    if (typed.is_discarded() || !typed.is_object())
      return send_step_one(*site, ctx, v, "", next, {}, site->t(v, "signin.error.pending_expired"),
                           422);
    service::LoginRequest req;
    req.username = typed.value("u", "");
    req.password = typed.value("p", "");
    if (typed.contains("p") && typed["p"].is_string())
      security::wipe(typed["p"].get_ref<std::string&>());
    const std::string code = form.get("code");
    std::string digits;
    if (is_six_digits(code, &digits))
      req.totp = digits;
    else
      req.recovery_code = code;
    req.address = client_address(ctx, site->app());
    req.user_agent = ctx.header("User-Agent");
    req.request_id = ctx.request_id();
    int64_t retry_after = 0;
    auto result = site->app().auth.login(req, &retry_after);
    security::wipe(req.password);
    if (!result.ok()) {
      const auto& e = result.error();
      std::string notice;
      if (e.code == core::ErrorCode::kRateLimited) {
        if (retry_after > 0) ctx.response().set_header("Retry-After", std::to_string(retry_after));
        notice = e.message;  // the throttle's own words: when to try again
        return send_step_one(*site, ctx, v, req.username, next, {}, notice, 429);
      }
      if (e.code == core::ErrorCode::kUnauthenticated || e.code == core::ErrorCode::kInvalidInput)
        return send_step_one(*site, ctx, v, req.username, next, {},
                             site->t(v, "signin.error.generic"), 401);
      return site->send_message(ctx, v, 503, "error.unavailable.title",
                                "error.unavailable.message");
    }
    const int64_t max_age = site->app().auth.session_policy().absolute_ms / 1000;
    set_session_cookie(ctx, site->app(), result->token.view(), max_age);
    if (!result->second_factor)
      return site->redirect(ctx,
                            "/signin/enrol" + (next.empty() ? "" : "?next=" + url_encode(next)));
    site->redirect(ctx, next.empty() ? "/" : next);
  });

  router.get("/signin/enrol", "enrolPage", [site](RequestContext& ctx) {
    Visitor v = site->visit(ctx);
    if (!v.who) return site->redirect(ctx, "/signin");
    const std::string next = safe_next(ctx.query("next"));
    if (v.who->second_factor && v.who->user.totp_enrolled)
      return site->redirect(ctx, next.empty() ? "/" : next);
    auto enrolment = site->app().users.begin_totp_enrollment(*v.who);
    if (!enrolment.ok())
      return site->send_message(ctx, v, 409, "enrol.title", "enrol.error.already");
    const std::string secret(enrolment->secret_base32.view());
    const std::string uri(enrolment->uri.view());
    std::string plain = nlohmann::json{{"s", secret}, {"u", uri}}.dump();
    std::string sealed = site->seal("enrol:" + v.who->user.id, plain, kPendingEnrolmentMs);
    security::wipe(plain);
    send_enrolment(*site, ctx, v, sealed, secret, uri, next, {});
  });

  router.post("/signin/enrol", "enrol", [site](RequestContext& ctx) {
    Visitor v = site->visit(ctx);
    if (!v.who) return site->redirect(ctx, "/signin");
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, v, form)) return;
    const std::string next = safe_next(form.get("next"));
    auto opened = site->open("enrol:" + v.who->user.id, form.get("enrolment"));
    auto pending = opened ? nlohmann::json::parse(*opened, nullptr, false) : nlohmann::json();
    if (!pending.is_object())
      return site->redirect(ctx,
                            "/signin/enrol" + (next.empty() ? "" : "?next=" + url_encode(next)));
    std::string digits;
    auto codes = is_six_digits(form.get("code"), &digits)
                     ? site->app().users.confirm_totp(*v.who, digits)
                     : core::Result<std::vector<security::Secret>>(core::Error::invalid("code"));
    if (!codes.ok()) {
      if (codes.error().code == core::ErrorCode::kConflict)
        return site->send_message(ctx, v, 409, "enrol.title", "enrol.error.already");
      return send_enrolment(*site, ctx, v, form.get("enrolment"), pending.value("s", ""),
                            pending.value("u", ""), next,
                            {{"code", site->t(v, "enrol.error.code")}});
    }
    Page page;
    page.template_name = "recovery_codes";
    page.title_key = "recovery.title";
    mstch::array list;
    for (const auto& c : *codes) list.push_back(std::string(c.view()));
    page.model["codes"] = list;
    page.model["continue_to"] = next.empty() ? std::string("/") : next;
    site->send(ctx, v, std::move(page));
  });

  router.post("/signout", "signOut", [site](RequestContext& ctx) {
    Visitor v = site->visit(ctx);
    if (!v.who) return site->redirect(ctx, "/signin");
    Form form = Form::parse(ctx.body());
    if (!site->check_csrf(ctx, v, form)) return;
    (void)site->app().auth.logout(*v.who, ctx.request_id());
    clear_session_cookie(ctx, site->app());
    site->redirect(ctx, "/signin", "flash.signed_out");
  });
}

}  // namespace haven::http::web
