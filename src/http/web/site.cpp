// The layout, the visitor, CSRF, cookies, redirects and sealed form state shared by every page.
#include "http/web/site.h"

#include <httplib.h>
#include <sodium.h>

#include <cstring>
#include <functional>

#include "http/authentication.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/embedded_web.h"
#include "security/permissions.h"
#include "service/app.h"

namespace haven::http::web {

namespace {

constexpr size_t kCsrfBytes = 32;

std::string random_token() {
  unsigned char bytes[kCsrfBytes];
  randombytes_buf(bytes, sizeof(bytes));
  char out[sodium_base64_ENCODED_LEN(kCsrfBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof(out), bytes, sizeof(bytes),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

struct NavItem {
  const char* href;
  const char* label_key;
};

std::vector<NavItem> nav_for(const security::Principal& p) {
  const security::Role role = p.role;
  std::vector<NavItem> items = {{"/", "nav.home"}};
  if (role == security::Role::kCaseworker || role == security::Role::kSupervisor)
    items.push_back({"/reports/new", "intake.nav"});
  if (role == security::Role::kCaseworker || role == security::Role::kSupervisor ||
      role == security::Role::kBarnahusCoordinator || role == security::Role::kContactPoint)
    items.push_back({"/find", "find.nav"});
  if (role == security::Role::kBarnahusCoordinator || role == security::Role::kMdtMember ||
      !p.barnahus_invitations.empty())
    items.push_back({"/barnahus", "barnahus.nav"});
  if (role == security::Role::kSupervisor) items.push_back({"/team", "team.nav"});
  if (role == security::Role::kSupervisor) items.push_back({"/duplicates", "duplicates.nav"});
  if (role == security::Role::kCaseworker || role == security::Role::kSupervisor)
    items.push_back({"/exports", "exports.nav"});
  if (role == security::Role::kCaseworker || role == security::Role::kSupervisor ||
      role == security::Role::kContactPoint)
    items.push_back({"/cross-border", "referral.nav"});
  if (role == security::Role::kAdmin) {
    items.push_back({"/admin/users", "nav.users"});
    items.push_back({"/admin/agencies", "nav.agencies"});
  }
  if (role == security::Role::kAuditor) items.push_back({"/audit", "nav.audit"});
  if (role == security::Role::kAnalyst || role == security::Role::kSupervisor ||
      role == security::Role::kBarnahusCoordinator || role == security::Role::kContactPoint)
    items.push_back({"/stats", "stats.nav"});  // aggregates.view in config/roles.toml
  items.push_back({"/account", "nav.account"});
  return items;
}

}  // namespace

void set_page_headers(RequestContext& ctx) {
  auto& res = ctx.response();
  res.set_header("Content-Security-Policy", kPageContentSecurityPolicy);
  res.set_header("Cache-Control", "no-store");
}

Site::Site(service::App& app, WebOptions options)
    : app_(app),
      options_(options),
      catalogs_([] {
        auto c = Catalogs::embedded();
        if (!c.ok()) throw std::logic_error("web catalogs: " + c.error().message);
        return std::move(c).value();
      }()),
      templates_(Templates::embedded()) {
  languages_ = std::make_unique<service::LanguageService>(app.db, app.clock, app.audit,
                                                          catalogs_.languages());
  size_t h = 0;
  for (const auto& f : embedded_web_files())
    if (f.path.rfind("static/", 0) == 0) h = h * 31 + std::hash<std::string_view>{}(f.content);
  static_version_ = std::to_string(h % 100000000);
}

Site::~Site() = default;

std::string Site::csrf_cookie_name() const {
  return app_.options.secure_cookies ? "__Host-haven_csrf" : "haven_csrf";
}
std::string Site::lang_cookie_name() const {
  return app_.options.secure_cookies ? "__Host-haven_lang" : "haven_lang";
}
std::string Site::flash_cookie_name() const {
  return app_.options.secure_cookies ? "__Host-haven_flash" : "haven_flash";
}

void Site::set_cookie(RequestContext& ctx, const std::string& name, const std::string& value,
                      int64_t max_age_s) const {
  std::string cookie = name + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (app_.options.secure_cookies) cookie += "; Secure";
  ctx.response().set_header("Set-Cookie", cookie);
}

std::string Site::choose_language(RequestContext& ctx, const Visitor& v) const {
  if (v.who) {
    if (auto chosen = languages_->preferred(v.who->user.id)) return *chosen;
  }
  if (auto c = cookie_value(ctx.header("Cookie"), lang_cookie_name());
      c && catalogs_.entries(*c).size() > 0)
    return *c;
  if (std::string negotiated = catalogs_.negotiate(ctx.header("Accept-Language"));
      !negotiated.empty())
    return negotiated;
  return "en";
}

Visitor Site::visit(RequestContext& ctx) {
  Visitor v;
  const std::string cookies = ctx.header("Cookie");
  if (std::string token = session_cookie_value(ctx); !token.empty()) {
    auto who = app_.auth.authenticate_session(token);
    if (who.ok())
      v.who = std::move(who).value();
    else
      v.session_ended = true;
  }
  v.lang = choose_language(ctx, v);
  if (v.who) {
    v.csrf = app_.auth.csrf_token(v.who->session_hash_hex);
  } else if (auto c = cookie_value(cookies, csrf_cookie_name()); c && c->size() >= 40) {
    v.csrf = *c;
  } else {
    v.csrf = random_token();
    set_cookie(ctx, csrf_cookie_name(), v.csrf, 12 * 3600);
  }
  if (auto f = cookie_value(cookies, flash_cookie_name()); f && !f->empty()) {
    // "flash.…", or a page's own "<page>.flash.…" key.
    if ((f->rfind("flash.", 0) == 0 || f->find(".flash.") != std::string::npos) &&
        catalogs_.has("en", *f))
      v.flash = t(v, *f);
    set_cookie(ctx, flash_cookie_name(), "", 0);
  }
  return v;
}

std::optional<Visitor> Site::require_signed_in(RequestContext& ctx) {
  Visitor v = visit(ctx);
  if (v.signed_in()) return v;
  if (v.who) {
    redirect(ctx, "/signin/enrol");
    return std::nullopt;
  }
  std::string location = "/signin";
  if (ctx.method() == "GET" && is_safe_next(ctx.path()) && ctx.path() != "/") {
    location += "?next=" + url_encode(ctx.path());
  } else if (ctx.method() == "POST" && v.session_ended) {
    // Only a request that carried the (SameSite=Strict) session cookie came from haven's own page,
    // so nobody else can plant text in a worker's form this way.
    const Form form = Form::parse(ctx.body());
    const std::string page =
        is_safe_next(form.get("_page")) ? form.get("_page") : std::string(ctx.path());
    if (page != "/" && keep_form(ctx, page)) location += "?next=" + url_encode(page);
  }
  if (v.session_ended)
    location += (location.find('?') == std::string::npos ? "?" : "&") + std::string("ended=1");
  redirect(ctx, location);
  return std::nullopt;
}

namespace {

constexpr int kResumeChunks = 2;
constexpr size_t kResumeChunkChars = 3800;  // a browser keeps cookies up to 4096 bytes
constexpr int64_t kResumeTtlMs = 30 * 60 * 1000;

// Percent-escapes only what would change how a form body splits, keeping other UTF-8 as is, so
// kept text takes as little cookie space as possible; Form::parse reads it back.
std::string compact_escape(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (c == '%' || c == '&' || c == '=' || c == '+' || c < 0x20 || c == 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string Site::resume_cookie_name(int chunk) const {
  return std::string(app_.options.secure_cookies ? "__Secure-haven_resume" : "haven_resume") +
         std::to_string(chunk);
}

bool Site::keep_form(RequestContext& ctx, const std::string& page) {
  if (!router_ || router_->match("GET", page).kind != Router::Match::Kind::kFound) return false;
  for (char c : page)
    if (c == ';' || c == ' ' || c == ',' || c == '"') return false;
  // The fields with a value, except the expired CSRF token.
  std::string kept;
  std::string_view body = ctx.body();
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq + 1 == pair.size()) continue;
    const std::string name = url_decode(pair.substr(0, eq));
    if (name == "_csrf") continue;
    std::string value = url_decode(pair.substr(eq + 1));
    if (!kept.empty()) kept += '&';
    kept += compact_escape(name) + "=" + compact_escape(value);
    sodium_memzero(value.data(), value.size());
  }
  if (kept.empty()) return false;
  const std::string sealed = seal("resume:" + page, kept, kResumeTtlMs);
  sodium_memzero(kept.data(), kept.size());
  if (sealed.size() > kResumeChunks * kResumeChunkChars) return false;
  for (int i = 0; i < kResumeChunks; ++i) {
    const size_t from = i * kResumeChunkChars;
    const std::string part =
        from < sealed.size() ? sealed.substr(from, kResumeChunkChars) : std::string();
    std::string cookie = resume_cookie_name(i) + "=" + part + "; Path=" + page +
                         "; HttpOnly; SameSite=Strict; Max-Age=" +
                         std::to_string(part.empty() ? 0 : kResumeTtlMs / 1000);
    if (app_.options.secure_cookies) cookie += "; Secure";
    ctx.response().set_header("Set-Cookie", cookie);
  }
  return true;
}

std::optional<Form> Site::resumed_form(RequestContext& ctx) {
  const std::string cookies = ctx.header("Cookie");
  std::string sealed;
  for (int i = 0; i < kResumeChunks; ++i)
    if (auto c = cookie_value(cookies, resume_cookie_name(i))) sealed += *c;
  if (sealed.empty()) return std::nullopt;
  for (int i = 0; i < kResumeChunks; ++i) {
    std::string cookie =
        resume_cookie_name(i) + "=; Path=" + ctx.path() + "; HttpOnly; SameSite=Strict; Max-Age=0";
    if (app_.options.secure_cookies) cookie += "; Secure";
    ctx.response().set_header("Set-Cookie", cookie);
  }
  auto kept = open("resume:" + ctx.path(), sealed);
  if (!kept) return std::nullopt;
  Form form = Form::parse(*kept);
  sodium_memzero(kept->data(), kept->size());
  if (!form.valid()) return std::nullopt;
  return form;
}

bool Site::require_role(RequestContext& ctx, const Visitor& v, security::Role role) {
  if (v.who && v.who->principal.role == role) return true;
  send_message(ctx, v, 403, "error.forbidden.title", "error.forbidden.message");
  return false;
}

bool Site::check_csrf(RequestContext& ctx, const Visitor& v, const Form& form) {
  const std::string& sent = form.get("_csrf");
  bool ok = false;
  if (v.who)
    ok = app_.auth.verify_csrf(v.who->session_hash_hex, sent);
  else
    ok = equal_constant_time(sent, v.csrf);
  if (ok) return true;
  send_message(ctx, v, 403, "error.csrf.title", "error.csrf.message");
  return false;
}

mstch::map Site::layout_model(RequestContext& ctx, const Visitor& v) const {
  mstch::map m;
  const Catalogs* catalogs = &catalogs_;
  const std::string lang = v.lang;
  m["t"] = mstch::lambda{[catalogs, lang](const std::string& key) -> mstch::node {
    size_t b = key.find_first_not_of(" \n\t"), e = key.find_last_not_of(" \n\t");
    if (b == std::string::npos) return std::string();
    return catalogs->text(lang, key.substr(b, e - b + 1));
  }};
  m["lang"] = v.lang;
  m["csrf"] = v.csrf;
  m["demo"] = options_.demo;
  m["static_version"] = static_version_;
  m["flash"] = v.flash;
  // Where the language switch returns to: this page as it was asked for, its query included (the
  // indicator and period chosen on the statistics page, a search), or the sign-in page.
  if (is_safe_next(ctx.path()))
    m["here"] = is_safe_next(ctx.request().target) ? ctx.request().target : ctx.path();
  else
    m["here"] = ctx.path() == "/signin" ? ctx.path() : std::string("/");
  mstch::array langs;
  for (const auto& code : catalogs_.languages())
    langs.push_back(mstch::map{{"code", code},
                               {"name", catalogs_.text(code, "language.name")},
                               {"selected", code == v.lang}});
  m["languages"] = langs;
  if (v.who) {
    const std::string role(security::role_name(v.who->principal.role));
    m["user"] = mstch::map{{"display_name", v.who->user.display_name},
                           {"role_label", t(v, "role." + role)}};
  }
  if (v.signed_in()) {
    mstch::array nav;
    for (const auto& item : nav_for(v.who->principal)) {
      const bool current = ctx.path() == item.href ||
                           (std::strlen(item.href) > 1 && ctx.path().rfind(item.href, 0) == 0);
      nav.push_back(mstch::map{
          {"href", std::string(item.href)}, {"label", t(v, item.label_key)}, {"current", current}});
    }
    m["nav"] = nav;
    m["has_nav"] = true;
  }
  return m;
}

void Site::send(RequestContext& ctx, const Visitor& v, Page page) {
  // The page's own keys win over the layout's. Moved, not assigned: assigning a node of another
  // alternative into a map entry copies the whole subtree (boost::variant's move assignment).
  mstch::map m = std::move(page.model);
  for (auto& [key, value] : layout_model(ctx, v)) m.emplace(key, std::move(value));
  if (!page.errors.empty()) {
    mstch::array errors;
    for (const auto& e : page.errors)
      errors.push_back(mstch::map{{"field", e.field}, {"message", e.message}});
    m["errors"] = errors;
    m["has_errors"] = true;
  }
  m["notice"] = page.notice;
  std::string title = t(v, page.title_key);
  if (!page.errors.empty()) title = t(v, "common.error_prefix") + " " + title;
  m["title"] = title;
  m["heading"] = t(v, page.title_key);
  m["content"] = templates_.render(page.template_name, m);
  std::string html = templates_.render("layout", m);
  set_page_headers(ctx);
  ctx.send_text(page.status, std::move(html), "text/html; charset=utf-8");
}

void Site::send_fragment(RequestContext& ctx, const Visitor& v, const std::string& template_name,
                         mstch::map model, int status) {
  mstch::map m = std::move(model);
  for (auto& [key, value] : layout_model(ctx, v)) m.emplace(key, std::move(value));
  std::string html = templates_.render(template_name, m);
  set_page_headers(ctx);
  ctx.send_text(status, std::move(html), "text/html; charset=utf-8");
}

void Site::send_message(RequestContext& ctx, const Visitor& v, int status,
                        std::string_view title_key, std::string_view message_key) {
  Page page;
  page.template_name = "message";
  page.title_key = std::string(title_key);
  page.status = status;
  page.model["message"] = t(v, message_key);
  send(ctx, v, std::move(page));
}

void Site::redirect(RequestContext& ctx, const std::string& location, std::string_view flash_key) {
  if (!flash_key.empty()) set_cookie(ctx, flash_cookie_name(), std::string(flash_key), 120);
  set_page_headers(ctx);
  ctx.response().set_header("Location", location);
  ctx.send_text(303, "", "text/plain; charset=utf-8");
}

mstch::map Site::field(const Visitor& v, const std::string& name, std::string_view label_key,
                       const std::string& value, const std::string& type, bool required,
                       const std::string& autocomplete) const {
  mstch::map f{{"name", name},
               {"id", "field-" + name},
               {"label", t(v, label_key)},
               {"value", value},
               {"type", type},
               {"required", required},
               {"autocomplete", autocomplete},
               {"error", std::string()}};
  if (type == "select") f["is_select"] = true;
  return f;
}

void Site::attach_errors(mstch::array& fields, const std::vector<FieldMessage>& errors) {
  for (auto& node : fields) {
    auto* f = boost::get<mstch::map>(&node);
    if (!f) continue;
    const auto& name = boost::get<std::string>(f->at("name"));
    for (const auto& e : errors)
      if (e.field == name) {
        (*f)["error"] = e.message;
        break;
      }
  }
}

std::string Site::seal(std::string_view purpose, std::string_view plaintext, int64_t ttl_ms) const {
  security::Secret master = app_.keys.purpose_key("havenweb");
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  crypto_generichash(key, sizeof(key), reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), master.data(), master.size());
  std::string message(8, '\0');
  const int64_t expires = app_.clock.now().ms + ttl_ms;
  for (int i = 0; i < 8; ++i) message[i] = static_cast<char>((expires >> (8 * i)) & 0xff);
  message.append(plaintext);
  std::string box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + message.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
      reinterpret_cast<const unsigned char*>(message.data()), message.size(),
      reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(), nullptr, nonce, key);
  sodium_memzero(key, sizeof(key));
  sodium_memzero(message.data(), message.size());
  std::string out(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(box.data()),
                    box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> Site::open(std::string_view purpose, std::string_view sealed) const {
  if (sealed.empty() || sealed.size() > 8192) return std::nullopt;
  std::string box(sealed.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(),
                        sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  if (len <
      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES + 8)
    return std::nullopt;
  security::Secret master = app_.keys.purpose_key("havenweb");
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  crypto_generichash(key, sizeof(key), reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), master.data(), master.size());
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  std::string message(len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, '\0');
  unsigned long long mlen = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(message.data()), &mlen, nullptr,
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
      len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
      reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(), nonce, key);
  sodium_memzero(key, sizeof(key));
  if (rc != 0) return std::nullopt;
  message.resize(mlen);
  int64_t expires = 0;
  for (int i = 0; i < 8; ++i)
    expires |= static_cast<int64_t>(static_cast<unsigned char>(message[i])) << (8 * i);
  if (app_.clock.now().ms > expires) {
    sodium_memzero(message.data(), message.size());
    return std::nullopt;
  }
  return message.substr(8);
}

}  // namespace haven::http::web
