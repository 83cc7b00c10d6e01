// Loading config/forms/*.toml with toml11 and checking custom-field JSON against it.
#include "service/form_registry.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <toml.hpp>

#include "core/toml_file.h"
#include "core/utf8.h"

namespace haven::service {

namespace {
constexpr const char* kRecordTypes[] = {"child",  "report",  "case",      "assessment", "plan",
                                        "review", "closure", "placement", "referral",   "note"};

domain::Labels labels_of(const toml::value& v) {
  domain::Labels out;
  if (v.is_table())
    for (const auto& [lang, text] : v.as_table())
      if (text.is_string()) out[lang] = text.as_string().str;
  return out;
}

core::Result<domain::FieldDefinition> field_of(const std::string& where, const toml::value& v) {
  if (!v.is_table()) return core::Error::invalid(where + ": a field must be a table.");
  domain::FieldDefinition d;
  for (const auto& [key, value] : v.as_table()) {
    if (key == "name" && value.is_string()) {
      d.name = value.as_string().str;
    } else if (key == "type" && value.is_string()) {
      auto t = domain::parse_field_type(value.as_string().str);
      if (!t)
        return core::Error::invalid(where + ": unknown type '" + value.as_string().str + "'.");
      d.type = *t;
    } else if (key == "required" && value.is_boolean()) {
      d.required = value.as_boolean();
    } else if (key == "sensitivity" && value.is_string()) {
      auto s = domain::parse_sensitivity(value.as_string().str);
      if (!s)
        return core::Error::invalid(where + ": unknown sensitivity '" + value.as_string().str +
                                    "'.");
      d.sensitivity = *s;
    } else if (key == "labels") {
      d.labels = labels_of(value);
    } else if (key == "max_length" && value.is_integer() && value.as_integer() > 0) {
      d.max_length = static_cast<std::size_t>(value.as_integer());
    } else if ((key == "min" || key == "max") && (value.is_integer() || value.is_floating())) {
      double n = value.is_integer() ? static_cast<double>(value.as_integer()) : value.as_floating();
      (key == "min" ? d.min : d.max) = n;
    } else if (key == "options" && value.is_array()) {
      for (const auto& o : value.as_array()) {
        if (!o.is_table() || !o.contains("code") || !o.at("code").is_string())
          return core::Error::invalid(where + ": every option needs a code.");
        d.options.push_back({o.at("code").as_string().str,
                             o.contains("labels") ? labels_of(o.at("labels")) : domain::Labels{}});
      }
    } else {
      return core::Error::invalid(where + ": unknown or mistyped key '" + key + "'.");
    }
  }
  return d;
}

core::Result<domain::CustomValue> value_of(const nlohmann::json& v) {
  if (v.is_null()) return domain::CustomValue{};
  if (v.is_string()) return domain::CustomValue{v.get<std::string>()};
  if (v.is_boolean()) return domain::CustomValue{v.get<bool>()};
  if (v.is_number()) return domain::CustomValue{v.get<double>()};
  if (v.is_array()) {
    std::vector<std::string> codes;
    for (const auto& item : v) {
      if (!item.is_string()) return core::Error::invalid("A list may hold only codes (strings).");
      codes.push_back(item.get<std::string>());
    }
    return domain::CustomValue{std::move(codes)};
  }
  return core::Error::invalid("Give a text, number, true/false or a list of codes.");
}
}  // namespace

core::Result<FormRegistry> FormRegistry::load(const std::string& dir) {
  FormRegistry registry;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return registry;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    const std::string path = entry.path().string();
    toml::value root;
    try {
      root = core::parse_toml_file(path);
    } catch (const core::TomlFileError& e) {
      return core::Error::invalid(std::string(e.what()) + ".");
    } catch (const std::exception& e) {
      std::string first_line = e.what();
      return core::Error::invalid(path + ": not valid TOML (" +
                                  first_line.substr(0, first_line.find('\n')) + ").");
    }
    if (!root.contains("country") || !root.at("country").is_string())
      return core::Error::invalid(path + ": needs country = \"XX\".");
    const std::string country = root.at("country").as_string().str;
    for (const char* type : kRecordTypes) {
      if (!root.contains(type)) continue;
      const auto& list = root.at(type);
      if (!list.is_array())
        return core::Error::invalid(path + ": " + type + " must be a list of [[" + type +
                                    "]] tables.");
      domain::FormDefinition form;
      form.record_type = type;
      for (const auto& item : list.as_array()) {
        auto field = field_of(path + " [[" + type + "]]", item);
        if (!field.ok()) return field.take_error();
        form.fields.push_back(std::move(*field));
      }
      if (auto s = domain::validate_form_definition(form); !s.ok()) {
        std::string msg = path + " [[" + type + "]]: ";
        for (const auto& f : s.error().fields) msg += f.field + ": " + f.message + " ";
        return core::Error::invalid(msg);
      }
      registry.add(country, std::move(form));
    }
  }
  return registry;
}

void FormRegistry::add(std::string country, domain::FormDefinition form) {
  auto& fields = forms_[country][form.record_type];
  for (auto& f : form.fields) fields.push_back(std::move(f));
}

const std::vector<domain::FieldDefinition>& FormRegistry::fields(
    std::string_view country, std::string_view record_type) const {
  static const std::vector<domain::FieldDefinition> kNone;
  auto c = forms_.find(country);
  if (c == forms_.end()) return kNone;
  auto t = c->second.find(record_type);
  return t == c->second.end() ? kNone : t->second;
}

CustomFieldsCheck FormRegistry::check(std::string_view country, std::string_view record_type,
                                      const nlohmann::json& value) const {
  CustomFieldsCheck out;
  if (!value.is_null() && !value.is_object()) {
    out.errors.push_back({"custom_fields", "Give the country-specific fields as an object."});
    return out;
  }
  domain::CustomValues values;
  nlohmann::json stored = nlohmann::json::object();
  if (value.is_object()) {
    for (const auto& [key, v] : value.items()) {
      auto parsed = value_of(v);
      if (!parsed.ok()) {
        out.errors.push_back(
            {"custom_fields." + core::utf8_truncate(key, 64), parsed.error().message});
        continue;
      }
      values[key] = std::move(*parsed);
      if (!v.is_null()) stored[key] = v;
    }
  }
  const auto& definitions = fields(country, record_type);
  if (auto s = domain::validate_custom_fields(definitions, values); !s.ok())
    for (const auto& f : s.error().fields) out.errors.push_back(f);
  nlohmann::json sensitive = nlohmann::json::object();
  for (const auto& def : definitions) {
    if (def.sensitivity == domain::Sensitivity::kNormal) continue;
    auto it = stored.find(def.name);
    if (it == stored.end()) continue;
    sensitive[def.name] = std::move(*it);
    stored.erase(it);
  }
  out.json = stored.dump();
  if (!sensitive.empty()) out.sensitive_json = sensitive.dump();
  return out;
}

}  // namespace haven::service
