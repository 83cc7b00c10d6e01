// Reading a mapping file and applying it to one row. Every check that needs only the mapping runs
// while parsing (so a bad mapping stops the import before any row is read); every check of a row's
// content is the domain's validate_child plus the translations here.
#include "service/import/import_mapping.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <iterator>
#include <toml.hpp>

#include "core/country.h"
#include "core/id.h"
#include "core/toml_file.h"
#include "core/utf8.h"
#include "domain/person_types.h"
#include "service/import/national_id.h"

namespace haven::service::import {

namespace {

using TomlValue = toml::basic_value<toml::discard_comments, std::map, std::vector>;

// Assigns the value of a Result, or returns its error from the enclosing function.
#define IMPORT_ASSIGN(lhs, expr)                        \
  do {                                                  \
    auto import_r_ = (expr);                            \
    if (!import_r_.ok()) return import_r_.take_error(); \
    lhs = std::move(import_r_).value();                 \
  } while (0)

constexpr std::array<std::string_view, kImportFieldCount> kFieldNames = {
    "id",
    "given_names",
    "family_names",
    "names_original_script",
    "sex",
    "birth_date",
    "birth_date_estimated",
    "birth_date_estimate_basis",
    "registered_on",
    "young_adult_in_aftercare",
    "nationalities",
    "languages",
    "identity_number",
    "identity_number_country",
    "identity_number_kind",
};

bool is_date_field(ImportField f) {
  return f == ImportField::kBirthDate || f == ImportField::kRegisteredOn;
}

std::string known_fields() {
  std::string s;
  for (auto n : kFieldNames) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

std::string at(const std::string& name, const TomlValue& v) {
  return name + ":" + std::to_string(v.location().line()) + ": ";
}

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "true" || s == "1") return true;
  if (s == "false" || s == "0") return false;
  return std::nullopt;
}

template <class E>
std::string codes_of(std::span<const E> all) {
  std::string s;
  for (E e : all) s += (s.empty() ? "" : ", ") + std::string(domain::to_code(e));
  return s;
}

// A translation target (or default) that can never be right, caught while reading the mapping.
std::optional<std::string> check_target(ImportField f, const std::string& code) {
  switch (f) {
    case ImportField::kSex:
      if (!domain::parse_sex(code))
        return "is not a sex code (" + codes_of(domain::all_sexes()) + ")";
      break;
    case ImportField::kBirthDateEstimateBasis:
      if (!domain::parse_age_estimate_basis(code))
        return "is not an estimate basis (" + codes_of(domain::all_age_estimate_bases()) + ")";
      break;
    case ImportField::kBirthDateEstimated:
    case ImportField::kYoungAdultInAftercare:
      if (!parse_bool(code)) return "is not true or false";
      break;
    case ImportField::kNationalities:
    case ImportField::kIdentityNumberCountry:
      if (!core::is_country_code(code)) return "is not an ISO 3166-1 alpha-2 code such as SE";
      break;
    case ImportField::kIdentityNumberKind:
      if (!domain::parse_identity_number_kind(code))
        return "is not an identity number kind (" + codes_of(domain::all_identity_number_kinds()) +
               ")";
      break;
    default:
      break;
  }
  return std::nullopt;
}

bool valid_date_format(std::string_view f) {
  if (f == "epoch_ms") return true;
  bool y = false, m = false, d = false;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    if (i + 1 >= f.size()) return false;
    const char c = f[++i];
    if (c == 'Y') {
      y = true;
    } else if (c == 'm') {
      m = true;
    } else if (c == 'd') {
      d = true;
    } else if (c != '%') {
      return false;
    }
  }
  return y && m && d;
}

core::Result<FieldMapping> parse_field(const std::string& name, ImportField field,
                                       const TomlValue& spec) {
  FieldMapping m;
  m.field = field;
  const std::string fname(field_name(field));
  if (spec.is_string()) {  // shorthand: given_names = "Förnamn"
    m.column = spec.as_string().str;
    if (m.column.empty())
      return core::Error::invalid(at(name, spec) + fname + ": empty column name.");
    return m;
  }
  if (!spec.is_table()) {
    return core::Error::invalid(at(name, spec) + fname +
                                " must be a column name or a table such as { column = \"...\" }.");
  }
  auto want_string = [&](const TomlValue& v, std::string_view key) -> core::Result<std::string> {
    if (!v.is_string())
      return core::Error::invalid(at(name, v) + fname + "." + std::string(key) +
                                  " must be a string.");
    return v.as_string().str;
  };
  for (const auto& [key, v] : spec.as_table()) {
    if (key == "column") {
      IMPORT_ASSIGN(m.column, want_string(v, key));
      if (m.column.empty())
        return core::Error::invalid(at(name, v) + fname + ": empty column name.");
    } else if (key == "format") {
      if (!is_date_field(field))
        return core::Error::invalid(at(name, v) + fname + " is not a date; 'format' is for dates.");
      IMPORT_ASSIGN(m.date_format, want_string(v, key));
      if (!valid_date_format(m.date_format))
        return core::Error::invalid(at(name, v) + fname + ".format '" + m.date_format +
                                    "' must use %Y, %m and %d (e.g. \"%d.%m.%Y\") or be "
                                    "\"epoch_ms\".");
    } else if (key == "separator") {
      if (!is_list_field(field))
        return core::Error::invalid(at(name, v) + fname +
                                    " is not a list; 'separator' is for lists.");
      IMPORT_ASSIGN(m.separator, want_string(v, key));
      if (m.separator.empty())
        return core::Error::invalid(at(name, v) + fname + ".separator must not be empty.");
    } else if (key == "default") {
      std::string d;
      IMPORT_ASSIGN(d, want_string(v, key));
      if (auto bad = check_target(field, d))
        return core::Error::invalid(at(name, v) + fname + ".default '" + d + "' " + *bad + ".");
      m.default_value = std::move(d);
    } else if (key == "values") {
      if (!v.is_table())
        return core::Error::invalid(at(name, v) + fname +
                                    ".values must be a table such as { M = \"male\" }.");
      for (const auto& [from, to] : v.as_table()) {
        std::string target;
        IMPORT_ASSIGN(target, want_string(to, "values"));
        if (auto bad = check_target(field, target))
          return core::Error::invalid(at(name, to) + fname + ".values: '" + from +
                                      "' translates to '" + target + "', which " + *bad + ".");
        m.values.emplace(from, std::move(target));
      }
    } else {
      return core::Error::invalid(at(name, v) + fname + ": unknown key '" + key +
                                  "' (known: column, values, format, separator, default).");
    }
  }
  if (m.column.empty() && !m.default_value)
    return core::Error::invalid(at(name, spec) + fname + " needs a column (or a default).");
  return m;
}

}  // namespace

std::string_view field_name(ImportField field) {
  return kFieldNames[static_cast<size_t>(field)];
}

std::optional<ImportField> parse_field_name(std::string_view name) {
  for (size_t i = 0; i < kFieldNames.size(); ++i)
    if (kFieldNames[i] == name) return static_cast<ImportField>(i);
  return std::nullopt;
}

bool is_list_field(ImportField field) {
  return field == ImportField::kNationalities || field == ImportField::kLanguages;
}

core::Result<ImportMapping> parse_mapping(std::istream& in, const std::string& name) {
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TomlValue root;
  try {
    root = core::parse_toml_text<toml::discard_comments, std::map, std::vector>(text, name);
  } catch (const core::TomlFileError& e) {
    return core::Error::invalid(std::string(e.what()) + "; save the mapping as UTF-8.");
  } catch (const toml::syntax_error& e) {
    std::string first_line = e.what();
    first_line = first_line.substr(0, first_line.find('\n'));
    return core::Error::invalid(name + ":" + std::to_string(e.location().line()) +
                                ": not valid TOML (" + first_line + ").");
  } catch (const std::exception& e) {
    return core::Error::invalid("cannot read the mapping " + name + ": " + e.what());
  }
  ImportMapping mapping;
  bool has_fields = false;
  for (const auto& [section, body] : root.as_table()) {
    if (section == "source") {
      if (!body.is_table())
        return core::Error::invalid(at(name, body) + "[source] must be a table.");
      for (const auto& [key, v] : body.as_table()) {
        if (key == "format" && v.is_string()) {
          const std::string& f = v.as_string().str;
          if (f == "csv") {
            mapping.format = ImportFormat::kCsv;
          } else if (f == "jsonl") {
            mapping.format = ImportFormat::kJsonLines;
          } else {
            return core::Error::invalid(at(name, v) + "unknown format '" + f + "' (csv or jsonl).");
          }
        } else if (key == "delimiter" && v.is_string() && v.as_string().str.size() == 1 &&
                   v.as_string().str != "\"" && v.as_string().str != "\n") {
          mapping.delimiter = v.as_string().str[0];
        } else if (key == "format" || key == "delimiter") {
          return core::Error::invalid(at(name, v) + "source." + key +
                                      (key == "format" ? " must be \"csv\" or \"jsonl\"."
                                                       : " must be one character, e.g. \";\"."));
        } else {
          return core::Error::invalid(at(name, v) + "unknown key '" + key +
                                      "' in [source] (known: format, delimiter).");
        }
      }
    } else if (section == "fields") {
      if (!body.is_table())
        return core::Error::invalid(at(name, body) + "[fields] must be a table.");
      has_fields = true;
      for (const auto& [key, spec] : body.as_table()) {
        auto field = parse_field_name(key);
        if (!field)
          return core::Error::invalid(at(name, spec) + "unknown field '" + key +
                                      "' (known: " + known_fields() + ").");
        FieldMapping fm;
        IMPORT_ASSIGN(fm, parse_field(name, *field, spec));
        mapping.fields.push_back(std::move(fm));
      }
    } else {
      return core::Error::invalid(at(name, body) + "unknown section '" + section +
                                  "' (known: [source], [fields]).");
    }
  }
  if (!has_fields || mapping.fields.empty())
    return core::Error::invalid(name + ": names no fields; add a [fields] table.");
  auto has = [&](ImportField f) {
    return std::any_of(mapping.fields.begin(), mapping.fields.end(),
                       [f](const FieldMapping& m) { return m.field == f; });
  };
  if (!has(ImportField::kGivenNames) && !has(ImportField::kFamilyNames) &&
      !has(ImportField::kNamesOriginalScript))
    return core::Error::invalid(name +
                                ": maps no name; map given_names, family_names or "
                                "names_original_script.");
  if (has(ImportField::kIdentityNumber) && !has(ImportField::kIdentityNumberCountry))
    return core::Error::invalid(name +
                                ": maps identity_number but not identity_number_country; map the "
                                "issuing country's column or give it a default, e.g. "
                                "identity_number_country = { default = \"SE\" }.");
  if (!has(ImportField::kIdentityNumber) &&
      (has(ImportField::kIdentityNumberCountry) || has(ImportField::kIdentityNumberKind)))
    return core::Error::invalid(name +
                                ": maps the identity number's country or kind but not "
                                "identity_number itself.");
  if (!has(ImportField::kBirthDate))
    return core::Error::invalid(name + ": does not map birth_date, which every child needs.");
  for (const auto& f : mapping.fields) {
    if (f.column.empty()) {
      mapping.column_of.emplace_back();
      continue;
    }
    auto it = std::find(mapping.columns.begin(), mapping.columns.end(), f.column);
    if (it == mapping.columns.end()) it = mapping.columns.insert(it, f.column);
    mapping.column_of.push_back(static_cast<size_t>(it - mapping.columns.begin()));
  }
  return mapping;
}

core::Result<ImportMapping> load_mapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::invalid("cannot read the mapping file " + path + ".");
  return parse_mapping(in, path);
}

std::optional<core::Date> parse_date(std::string_view text, std::string_view format) {
  if (format == "epoch_ms") {
    int64_t ms = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
    return core::Date::of(core::Timestamp{ms});
  }
  int y = -1, m = -1, d = -1;
  size_t t = 0;
  auto digits = [&](size_t min, size_t max, int& out) {
    size_t n = 0;
    int v = 0;
    while (n < max && t < text.size() && text[t] >= '0' && text[t] <= '9') {
      v = v * 10 + (text[t] - '0');
      ++t;
      ++n;
    }
    out = v;
    return n >= min;
  };
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%' && i + 1 < format.size() && format[i + 1] != '%') {
      const char c = format[++i];
      const bool ok = c == 'Y' ? digits(4, 4, y) : c == 'm' ? digits(1, 2, m) : digits(1, 2, d);
      if (!ok) return std::nullopt;
      continue;
    }
    if (format[i] == '%') ++i;  // "%%" is a literal '%'
    if (t >= text.size() || text[t] != format[i]) return std::nullopt;
    ++t;
  }
  if (t != text.size()) return std::nullopt;
  return core::Date::from_ymd(y, m, d);
}

std::optional<ImportedChild> translate_row(const ImportMapping& mapping,
                                           std::span<const Cell> cells, core::Date today,
                                           std::vector<RowProblem>& problems) {
  const size_t first_problem = problems.size();
  ImportedChild out;
  domain::Child& c = out.child;
  // Which mapping field feeds each domain field name, to name the column of a domain error.
  std::array<const FieldMapping*, kImportFieldCount> by_field{};
  std::array<const Cell*, kImportFieldCount> cell_of{};
  static const Cell kEmpty;
  std::string id_number, id_country;
  domain::IdentityNumberKind id_kind = domain::IdentityNumberKind::kNationalId;

  for (size_t i = 0; i < mapping.fields.size(); ++i) {
    const FieldMapping& fm = mapping.fields[i];
    const Cell& cell = mapping.column_of[i] ? cells[*mapping.column_of[i]] : kEmpty;
    by_field[static_cast<size_t>(fm.field)] = &fm;
    cell_of[static_cast<size_t>(fm.field)] = &cell;
    auto problem = [&](std::string reason) {
      problems.push_back({fm.column, cell.list ? "[list]" : cell.text, std::move(reason)});
    };
    auto translate = [&](std::string_view v) -> std::string {
      auto it = fm.values.find(std::string(v));
      return it == fm.values.end() ? std::string(v) : it->second;
    };

    // The items of the cell, translated; a default stands in for a missing or empty cell.
    std::vector<std::string> items;
    if (cell.list) {
      if (!is_list_field(fm.field)) {
        problem("a list where " + std::string(field_name(fm.field)) + " needs one value");
        continue;
      }
      for (const auto& item : *cell.list) {
        auto t = core::trim(item);
        if (!t.empty()) items.push_back(translate(t));
      }
    } else {
      const std::string_view text = core::trim(cell.text);
      if (!core::is_valid_utf8(text)) {
        problems.push_back({fm.column, "", "the cell is not valid UTF-8 text"});
        continue;
      }
      if (text.empty()) {
        if (fm.default_value && fm.field != ImportField::kBirthDateEstimateBasis)
          items.push_back(*fm.default_value);
      } else if (is_list_field(fm.field)) {
        size_t start = 0;
        for (;;) {
          const size_t end = text.find(fm.separator, start);
          auto t =
              core::trim(text.substr(start, end == std::string_view::npos ? end : end - start));
          if (!t.empty()) items.push_back(translate(t));
          if (end == std::string_view::npos) break;
          start = end + fm.separator.size();
        }
      } else {
        items.push_back(translate(text));
      }
    }
    if (is_list_field(fm.field)) {
      (fm.field == ImportField::kNationalities ? c.nationalities : c.languages) = std::move(items);
      continue;
    }
    if (items.empty()) continue;  // empty: the domain decides whether the field was required
    std::string& v = items.front();
    switch (fm.field) {
      case ImportField::kId:
        if (!core::is_valid_id(v)) {
          problem("not a haven id (a UUID such as 0192f5e0-…)");
        } else {
          out.id = v;
        }
        break;
      case ImportField::kGivenNames:
        c.given_names = std::move(v);
        break;
      case ImportField::kFamilyNames:
        c.family_names = std::move(v);
        break;
      case ImportField::kNamesOriginalScript:
        c.names_original_script = std::move(v);
        break;
      case ImportField::kSex:
        if (auto s = domain::parse_sex(v)) {
          c.sex = *s;
        } else {
          problem("not a sex code haven knows (" + codes_of(domain::all_sexes()) +
                  ") and the mapping does not translate it");
        }
        break;
      case ImportField::kBirthDateEstimateBasis:
        if (auto b = domain::parse_age_estimate_basis(v)) {
          c.birth_date_estimate_basis = *b;
        } else {
          problem("not an estimate basis haven knows (" +
                  codes_of(domain::all_age_estimate_bases()) +
                  ") and the mapping does not translate it");
        }
        break;
      case ImportField::kBirthDate:
      case ImportField::kRegisteredOn:
        if (auto d = parse_date(v, fm.date_format)) {
          (fm.field == ImportField::kBirthDate ? c.birth_date : c.registered_on) = *d;
        } else {
          problem("not a date in the format " + fm.date_format);
        }
        break;
      case ImportField::kBirthDateEstimated:
      case ImportField::kYoungAdultInAftercare:
        if (auto b = parse_bool(v)) {
          (fm.field == ImportField::kBirthDateEstimated ? c.birth_date_estimated
                                                        : c.young_adult_in_aftercare) = *b;
        } else {
          problem("not true/false or 1/0, and the mapping does not translate it");
        }
        break;
      case ImportField::kIdentityNumber:
        id_number = std::move(v);
        break;
      case ImportField::kIdentityNumberCountry:
        id_country = std::move(v);
        break;
      case ImportField::kIdentityNumberKind:
        if (auto k = domain::parse_identity_number_kind(v)) {
          id_kind = *k;
        } else {
          problem("not an identity number kind haven knows (" +
                  codes_of(domain::all_identity_number_kinds()) +
                  ") and the mapping does not translate it");
        }
        break;
      case ImportField::kNationalities:
      case ImportField::kLanguages:
        break;
    }
  }
  // The identity number: with its country, and a national id that passes its country's check.
  if (!id_number.empty()) {
    const FieldMapping* fm = by_field[static_cast<size_t>(ImportField::kIdentityNumber)];
    const Cell* cell = cell_of[static_cast<size_t>(ImportField::kIdentityNumber)];
    if (id_country.empty()) {
      problems.push_back({fm->column, cell->text,
                          "an identity number needs its issuing country: map "
                          "identity_number_country (or give it a default)"});
    } else if (id_kind == domain::IdentityNumberKind::kNationalId &&
               core::is_country_code(id_country)) {
      if (auto bad = check_national_id(id_country, id_number))
        problems.push_back({fm->column, cell->text,
                            "not a valid national identity number of " + id_country + ": " + *bad});
    }
    c.identity_numbers.push_back({id_kind, id_country, id_number});
  }
  // The basis default applies to estimated dates only (a known date has no basis).
  if (const FieldMapping* b = by_field[static_cast<size_t>(ImportField::kBirthDateEstimateBasis)];
      b && b->default_value && c.birth_date_estimated && !c.birth_date_estimate_basis) {
    c.birth_date_estimate_basis = domain::parse_age_estimate_basis(*b->default_value);
  }
  if (problems.size() > first_problem) return std::nullopt;

  auto valid = domain::validate_child(c, today);
  if (valid.ok()) return out;
  for (const auto& fe : valid.error().fields) {
    // "nationalities[1]" → nationalities; a field the mapping does not feed is reported as such.
    std::string base = fe.field.substr(0, fe.field.find('['));
    auto f = parse_field_name(base);
    if (base == "identity_numbers") {  // identity_numbers[0].value / .country / .kind
      const bool country = fe.field.ends_with(".country");
      f = country ? ImportField::kIdentityNumberCountry : ImportField::kIdentityNumber;
      base = field_name(*f);
      if (!by_field[static_cast<size_t>(*f)]) f = ImportField::kIdentityNumber;
    }
    const FieldMapping* fm = f ? by_field[static_cast<size_t>(*f)] : nullptr;
    if (fm) {
      const Cell* cell = cell_of[static_cast<size_t>(*f)];
      std::string value = cell->list ? "" : cell->text;
      if (cell->list)
        for (const auto& item : *cell->list) value += (value.empty() ? "" : fm->separator) + item;
      problems.push_back(
          {fm->column.empty() ? "(default)" : fm->column, value, base + ": " + fe.message});
    } else {
      problems.push_back({"", "", fe.field + ": " + fe.message});
    }
  }
  if (problems.size() == first_problem) problems.push_back({"", "", valid.error().message});
  return std::nullopt;
}

}  // namespace haven::service::import
