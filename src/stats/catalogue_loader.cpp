// toml11 parsing of code lists and indicators into the catalogue's plain structs; strict about
// unknown keys and types so a typo in a translation file is an error, not a silently empty name.
#include "stats/catalogue_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <set>
#include <toml.hpp>

#include "core/toml_file.h"

namespace haven::stats {

namespace {

struct Context {
  std::string file;
  std::string where(const toml::value& v) const {
    return file + ":" + std::to_string(v.location().line()) + ": ";
  }
  core::Error fail(const toml::value& v, const std::string& what) const {
    return core::Error::invalid(where(v) + what);
  }
};

core::Status only_keys(const Context& ctx, const toml::value& table, const std::string& what,
                       std::initializer_list<std::string_view> keys) {
  for (const auto& [key, value] : table.as_table()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return ctx.fail(value, what + ": unknown key '" + key + "'.");
    }
  }
  return core::ok_status();
}

core::Result<std::string> string_key(const Context& ctx, const toml::value& table,
                                     const std::string& what, const std::string& key,
                                     bool required) {
  if (!table.contains(key)) {
    if (required) return ctx.fail(table, what + ": key '" + key + "' is missing.");
    return std::string();
  }
  const toml::value& v = table.at(key);
  if (!v.is_string()) return ctx.fail(v, what + ": '" + key + "' must be a string.");
  return v.as_string().str;
}

core::Result<std::vector<std::string>> string_list(const Context& ctx, const toml::value& table,
                                                   const std::string& what,
                                                   const std::string& key) {
  std::vector<std::string> out;
  if (!table.contains(key)) return out;
  const toml::value& v = table.at(key);
  if (!v.is_array()) return ctx.fail(v, what + ": '" + key + "' must be a list of strings.");
  for (const toml::value& item : v.as_array()) {
    if (!item.is_string()) return ctx.fail(item, what + ": '" + key + "' must hold strings.");
    out.push_back(item.as_string().str);
  }
  return out;
}

// A table of one text per UI language: name.en, name.da, …
core::Status localized(const Context& ctx, const toml::value& table, const std::string& what,
                       const std::string& key, Localized& out) {
  if (!table.contains(key)) return ctx.fail(table, what + ": key '" + key + "' is missing.");
  const toml::value& v = table.at(key);
  if (!v.is_table()) {
    return ctx.fail(v, what + ": '" + key + "' must be a table of languages (" + key + ".en …).");
  }
  for (const auto& [lang, text] : v.as_table()) {
    std::string* slot = out.slot(lang);
    if (!slot) return ctx.fail(text, what + ": '" + key + "." + lang + "' is not a UI language.");
    if (!text.is_string())
      return ctx.fail(text, what + ": '" + key + "." + lang + "' must be a string.");
    *slot = text.as_string().str;
  }
  for (std::string_view lang : core::kUiLanguages) {
    if (!v.contains(std::string(lang)) || out.in(lang).empty()) {
      return ctx.fail(v,
                      what + ": key '" + key + "." + std::string(lang) + "' is missing or empty.");
    }
  }
  return core::ok_status();
}

core::Result<toml::value> parse(std::istream& in, const std::string& name) {
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    return core::parse_toml_text(text, name);
  } catch (const core::TomlFileError& e) {
    return core::Error::invalid(std::string(e.what()) + ".");
  } catch (const toml::syntax_error& e) {
    std::string first_line = e.what();
    first_line = first_line.substr(0, first_line.find('\n'));
    return core::Error::invalid(name + ":" + std::to_string(e.location().line()) +
                                ": not valid TOML (" + first_line + ").");
  } catch (const std::exception& e) {
    return core::Error::invalid(name + ": cannot be read (" + std::string(e.what()) + ").");
  }
}

core::Result<const toml::array*> entries(const Context& ctx, const toml::value& root,
                                         const std::string& key) {
  if (!root.is_table()) return core::Error::invalid(ctx.file + ": not a TOML table.");
  for (const auto& [k, v] : root.as_table()) {
    if (k != key) return ctx.fail(v, "unknown key '" + k + "' (expected [[" + key + "]] tables).");
  }
  if (!root.contains(key))
    return core::Error::invalid(ctx.file + ": has no [[" + key + "]] tables.");
  const toml::value& list = root.at(key);
  if (!list.is_array()) return ctx.fail(list, "'" + key + "' must be an array of tables.");
  for (const toml::value& e : list.as_array()) {
    if (!e.is_table()) return ctx.fail(e, "each '" + key + "' must be a table.");
  }
  return &list.as_array();
}

}  // namespace

core::Status parse_codelists(std::istream& in, const std::string& name, Catalogue& into) {
  auto root = parse(in, name);
  if (!root.ok()) return root.take_error();
  Context ctx{name};
  auto list = entries(ctx, *root, "breakdown");
  if (!list.ok()) return list.take_error();
  for (const toml::value& entry : **list) {
    HAVEN_TRY(only_keys(ctx, entry, "breakdown", {"id", "kind", "name", "code"}));
    Breakdown b;
    auto id = string_key(ctx, entry, "breakdown", "id", true);
    if (!id.ok()) return id.take_error();
    b.dimension.id = *id;
    const std::string what = "breakdown " + b.dimension.id;
    auto kind = string_key(ctx, entry, what, "kind", true);
    if (!kind.ok()) return kind.take_error();
    if (*kind == "additive") {
      b.dimension.kind = DimensionKind::kAdditive;
    } else if (*kind == "multi_valued") {
      b.dimension.kind = DimensionKind::kMultiValued;
    } else {
      return ctx.fail(entry.at("kind"), what + ": kind must be \"additive\" or \"multi_valued\".");
    }
    HAVEN_TRY(localized(ctx, entry, what, "name", b.name));
    if (!entry.contains("code") || !entry.at("code").is_array()) {
      return ctx.fail(entry, what + ": needs [[breakdown.code]] entries.");
    }
    for (const toml::value& code : entry.at("code").as_array()) {
      if (!code.is_table()) return ctx.fail(code, what + ": each code must be a table.");
      HAVEN_TRY(only_keys(ctx, code, what + " code", {"id", "parent", "label", "domain"}));
      auto code_id = string_key(ctx, code, what + " code", "id", true);
      if (!code_id.ok()) return code_id.take_error();
      const std::string code_what = what + " code " + *code_id;
      auto parent = string_key(ctx, code, code_what, "parent", false);
      if (!parent.ok()) return parent.take_error();
      int parent_index = -1;
      if (!parent->empty()) {
        parent_index = b.dimension.find(*parent);
        if (parent_index < 0) {
          return ctx.fail(code.at("parent"),
                          code_what + ": parent '" + *parent + "' must be listed before it.");
        }
      }
      Localized label;
      HAVEN_TRY(localized(ctx, code, code_what, "label", label));
      auto domain = string_list(ctx, code, code_what, "domain");
      if (!domain.ok()) return domain.take_error();
      b.dimension.codes.push_back({*code_id, parent_index});
      b.labels.push_back(std::move(label));
      b.domain.push_back(std::move(*domain));
    }
    if (auto status = validate_dimension(b.dimension); !status.ok()) {
      return ctx.fail(entry, status.error().message);
    }
    into.breakdowns.push_back(std::move(b));
  }
  return core::ok_status();
}

core::Status parse_indicators(std::istream& in, const std::string& name, Catalogue& into) {
  auto root = parse(in, name);
  if (!root.ok()) return root.take_error();
  Context ctx{name};
  auto list = entries(ctx, *root, "indicator");
  if (!list.ok()) return list.take_error();
  const std::string short_name = std::filesystem::path(name).filename().string();
  for (const toml::value& entry : **list) {
    HAVEN_TRY(only_keys(ctx, entry, "indicator",
                        {"id", "unit", "cube", "breakdowns", "numerator", "denominator",
                         "derived_from", "ratio_dimension", "ratio_numerator", "ratio_denominator",
                         "base_indicator", "rounding_base", "reference", "name", "definition"}));
    Indicator ind;
    auto id = string_key(ctx, entry, "indicator", "id", true);
    if (!id.ok()) return id.take_error();
    ind.id = *id;
    ind.source = short_name + ":" + std::to_string(entry.location().line());
    const std::string what = "indicator " + ind.id;
    auto unit = string_key(ctx, entry, what, "unit", true);
    if (!unit.ok()) return unit.take_error();
    auto parsed = parse_unit_name(*unit);
    if (!parsed) {
      return ctx.fail(entry.at("unit"), what + ": unit '" + *unit +
                                            "' is not count, rate_per_100000, share, ratio or "
                                            "median_days.");
    }
    ind.unit = *parsed;
    struct Field {
      const char* key;
      std::string* out;
      bool required;
    };
    for (Field f :
         {Field{"numerator", &ind.numerator, true}, Field{"denominator", &ind.denominator, false},
          Field{"cube", &ind.cube, false}, Field{"derived_from", &ind.derived_from, false},
          Field{"ratio_dimension", &ind.ratio_dimension, false},
          Field{"ratio_numerator", &ind.ratio_numerator, false},
          Field{"ratio_denominator", &ind.ratio_denominator, false},
          Field{"base_indicator", &ind.base_indicator, false},
          Field{"reference", &ind.reference, false}}) {
      auto value = string_key(ctx, entry, what, f.key, f.required);
      if (!value.ok()) return value.take_error();
      *f.out = std::move(*value);
    }
    if ((ind.unit == Unit::kCount || ind.unit == Unit::kShare) && ind.cube.empty()) {
      ind.cube = ind.id;
    }
    auto breakdowns = string_list(ctx, entry, what, "breakdowns");
    if (!breakdowns.ok()) return breakdowns.take_error();
    ind.breakdowns = std::move(*breakdowns);
    if (entry.contains("rounding_base")) {
      const toml::value& v = entry.at("rounding_base");
      if (!v.is_integer()) return ctx.fail(v, what + ": rounding_base must be a whole number.");
      ind.rounding_base = v.as_integer();
    }
    HAVEN_TRY(localized(ctx, entry, what, "name", ind.name));
    HAVEN_TRY(localized(ctx, entry, what, "definition", ind.definition));
    into.indicators.push_back(std::move(ind));
  }
  return core::ok_status();
}

core::Result<Catalogue> load_catalogue(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    return core::Error::not_found("The indicator catalogue " + directory + " is not a directory.");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) return core::Error::unavailable("Cannot list " + directory + ": " + ec.message());
  std::sort(files.begin(), files.end());
  const fs::path codelists = fs::path(directory) / "codelists.toml";
  if (std::find(files.begin(), files.end(), codelists) == files.end()) {
    return core::Error::not_found(codelists.string() + " is missing.");
  }
  Catalogue catalogue;
  auto read = [&](const fs::path& path, auto parser) -> core::Status {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::Error::unavailable("Cannot read " + path.string() + ".");
    return parser(in, path.string(), catalogue);
  };
  HAVEN_TRY(read(codelists, parse_codelists));
  for (const fs::path& path : files) {
    if (path != codelists) HAVEN_TRY(read(path, parse_indicators));
  }
  HAVEN_TRY(validate_catalogue(catalogue));
  return catalogue;
}

}  // namespace haven::stats
