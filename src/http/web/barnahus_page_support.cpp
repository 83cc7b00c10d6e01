// The helpers the Barnahus pages share (barnahus_pages.h): code labels, option lists, the
// barnahus_form field models, service errors as field messages, refusals as pages, and the
// registration of the three page groups.
#include <algorithm>

#include "core/clock.h"
#include "core/date.h"
#include "http/request_context.h"
#include "http/router.h"
#include "http/web/barnahus_labels.h"
#include "http/web/barnahus_pages.h"
#include "http/web/mywork.h"

namespace haven::http::web {

void register_barnahus_pages(Router& router, std::shared_ptr<Site> site) {
  barnahus::register_home_pages(router, site);
  barnahus::register_case_pages(router, site);
  barnahus::register_report_pages(router, site);
}

namespace barnahus {

namespace {

bool chosen_has(const std::vector<std::string>& chosen, const std::string& value) {
  return std::find(chosen.begin(), chosen.end(), value) != chosen.end();
}

mstch::map base_field(const Site& site, const Visitor& v, const std::string& form,
                      const std::string& name, std::string_view label_key, const std::string& value,
                      bool required) {
  return mstch::map{{"name", name},
                    {"key", form + "-" + name},
                    {"id", "field-" + form + "-" + name},
                    {"label", label_key.empty() ? std::string() : site.t(v, label_key)},
                    {"value", value},
                    {"required", required},
                    {"error", std::string()},
                    {"hint", std::string()}};
}

}  // namespace

std::string code_text(const Site& site, const Visitor& v, std::string_view vocabulary,
                      const std::string& code) {
  const std::string key = "barnahus." + std::string(vocabulary) + "." + code;
  return is_barnahus_key(key) ? site.t(v, key) : code;
}

mstch::array code_options(const Site& site, const Visitor& v, std::string_view vocabulary,
                          std::span<const std::string_view> codes,
                          const std::vector<std::string>& chosen) {
  mstch::array out;
  for (const auto& c : codes) {
    const std::string code(c);
    const bool on = chosen_has(chosen, code);
    out.push_back(mstch::map{{"value", code},
                             {"label", code_text(site, v, vocabulary, code)},
                             {"selected", on},
                             {"checked", on}});
  }
  return out;
}

mstch::array id_options(const std::vector<std::pair<std::string, std::string>>& ids_and_labels,
                        const std::vector<std::string>& chosen) {
  mstch::array out;
  for (const auto& [id, label] : ids_and_labels) {
    const bool on = chosen_has(chosen, id);
    out.push_back(mstch::map{{"value", id}, {"label", label}, {"selected", on}, {"checked", on}});
  }
  return out;
}

mstch::map input_field(const Site& site, const Visitor& v, const std::string& form,
                       const std::string& name, std::string_view label_key,
                       const std::string& value, const std::string& type, bool required) {
  auto f = base_field(site, v, form, name, label_key, value, required);
  f["is_input"] = true;
  f["type"] = type;
  return f;
}

mstch::map textarea_field(const Site& site, const Visitor& v, const std::string& form,
                          const std::string& name, std::string_view label_key,
                          const std::string& value, bool required) {
  auto f = base_field(site, v, form, name, label_key, value, required);
  f["is_textarea"] = true;
  return f;
}

mstch::map select_field(const Site& site, const Visitor& v, const std::string& form,
                        const std::string& name, std::string_view label_key, mstch::array options,
                        bool required) {
  auto f = base_field(site, v, form, name, label_key, "", required);
  f["is_select"] = true;
  f["options"] = std::move(options);
  return f;
}

mstch::map checkbox_field(const Site& site, const Visitor& v, const std::string& form,
                          const std::string& name, std::string_view label_key, bool checked) {
  auto f = base_field(site, v, form, name, label_key, "", false);
  f["is_checkbox"] = true;
  f["checked"] = checked;
  return f;
}

mstch::map checkboxes_field(const Site& site, const Visitor& v, const std::string& form,
                            const std::string& name, std::string_view legend_key,
                            mstch::array options, bool required) {
  auto f = base_field(site, v, form, name, legend_key, "", required);
  f["is_group"] = true;
  const std::string id = "field-" + form + "-" + name;
  for (auto& node : options) {
    auto& o = boost::get<mstch::map>(node);
    const auto& value = boost::get<std::string>(o["value"]);
    o["box_name"] = name + "-" + value;
    o["box_id"] = id + "-" + value;
  }
  f["options"] = std::move(options);
  return f;
}

std::vector<std::string> checked_values(std::string_view body, const std::string& name) {
  std::vector<std::string> out;
  const std::string prefix = name + "-";
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    const size_t eq = pair.find('=');
    const std::string key = url_decode(pair.substr(0, eq));
    if (key.size() > prefix.size() && key.rfind(prefix, 0) == 0 &&
        !chosen_has(out, key.substr(prefix.size())))
      out.push_back(key.substr(prefix.size()));
  }
  return out;
}

void set_hint(mstch::map& field, const std::string& hint) {
  field["hint"] = hint;
}

void attach_errors(mstch::array& fields, const std::string& form,
                   const std::vector<FieldMessage>& errors) {
  for (auto& node : fields) {
    auto* f = boost::get<mstch::map>(&node);
    if (!f) continue;
    const std::string key = form + "-" + boost::get<std::string>(f->at("name"));
    for (const auto& e : errors)
      if (e.field == key) {
        (*f)["error"] = e.message;
        break;
      }
  }
}

mstch::map form_model(const Site& site, const Visitor& v, const std::string& form,
                      const std::string& action, std::string_view heading_key,
                      std::string_view submit_key, mstch::array fields,
                      std::vector<std::pair<std::string, std::string>> hidden) {
  mstch::array h;
  for (auto& [name, value] : hidden) h.push_back(mstch::map{{"name", name}, {"value", value}});
  return mstch::map{{"form_id", form},
                    {"action", action},
                    {"heading", site.t(v, heading_key)},
                    {"submit", site.t(v, submit_key)},
                    {"fields", std::move(fields)},
                    {"hidden", std::move(h)}};
}

std::vector<FieldMessage> field_messages(const Site& site, const Visitor& v,
                                         const std::string& form, const core::Error& error,
                                         std::string (*rename)(const std::string&)) {
  std::vector<FieldMessage> out;
  for (const auto& fe : error.fields) {
    std::string field = fe.field;
    if (rename) {
      if (std::string renamed = rename(field); !renamed.empty()) field = std::move(renamed);
    }
    if (auto b = field.find('['); b != std::string::npos) field.resize(b);
    if (auto d = field.find('.'); d != std::string::npos) field.resize(d);
    const std::string key = "barnahus.error." + field;
    const std::string message =
        is_barnahus_key(key) ? site.t(v, key) : site.t(v, "barnahus.error.check");
    const std::string id = form + "-" + field;
    if (std::none_of(out.begin(), out.end(), [&](const auto& m) { return m.field == id; }))
      out.push_back({id, message});
  }
  return out;
}

void send_failure(Site& site, RequestContext& ctx, const Visitor& v, const core::Error& error) {
  switch (error.code) {
    case core::ErrorCode::kForbidden:
      return site.send_message(ctx, v, 403, "error.forbidden.title", "barnahus.error.forbidden");
    case core::ErrorCode::kNotFound:
      return site.send_message(ctx, v, 404, "barnahus.not_found.title",
                               "barnahus.not_found.message");
    case core::ErrorCode::kConflict:
      return site.send_message(ctx, v, 409, "barnahus.conflict.title", "barnahus.conflict.message");
    default:
      return site.send_message(ctx, v, 503, "error.unavailable.title", "error.unavailable.message");
  }
}

service::Actor actor_of(RequestContext& ctx, const Visitor& v) {
  return service::Actor::of(*v.who, ctx.request_id());
}

std::string day_text(const std::string& ymd, const Visitor& v) {
  return ymd.empty() ? std::string("—") : format_day(ymd, v.lang);
}

std::string day_of_ms(int64_t ms, const Visitor& v) {
  return format_day(core::Date::of(core::Timestamp{ms}).to_string(), v.lang);
}

}  // namespace barnahus

}  // namespace haven::http::web
