// The mapping file of `haven import` (TOML): which column of the source feeds which field of a
// child, and how the source's codes, dates and lists translate into haven's. Parsing it and
// applying it to one row are pure (no database, no files besides the mapping itself), so both are
// unit-tested.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "domain/child.h"

namespace haven::service::import {

enum class ImportFormat { kCsv, kJsonLines };

// The child fields a mapping may name. Only these are accepted: an unknown name is a usage error.
enum class ImportField : uint8_t {
  kId,  // a haven id (UUID) to keep, e.g. the generator's; new ids are made when not mapped
  kGivenNames,
  kFamilyNames,
  kNamesOriginalScript,
  kSex,
  kBirthDate,
  kBirthDateEstimated,
  kBirthDateEstimateBasis,  // checked (an estimate needs a basis), not stored by the base schema
  kRegisteredOn,            // the day the age rule is checked on; checked, not stored
  kYoungAdultInAftercare,   // allows 18–25; checked, not stored
  kNationalities,
  kLanguages,
  // One identity number per row: the number as written, the issuing country (ISO 3166-1 alpha-2)
  // and its kind (a domain code, national_id when not mapped). Stored encrypted with its blind
  // index; a national id is checked against its country's format and check digit.
  kIdentityNumber,
  kIdentityNumberCountry,
  kIdentityNumberKind,
};
inline constexpr size_t kImportFieldCount = 15;

std::string_view field_name(ImportField field);
std::optional<ImportField> parse_field_name(std::string_view name);
// True for the fields that hold a list (nationalities, languages).
bool is_list_field(ImportField field);

// How one field is read from a row.
struct FieldMapping {
  ImportField field = ImportField::kGivenNames;
  std::string column;                         // source column (CSV header) or JSON key
  std::map<std::string, std::string> values;  // source code → haven code, applied per item
  std::string date_format = "%Y-%m-%d";       // dates: %Y %m %d and literal characters, or
                                              // "epoch_ms" (milliseconds since 1970, UTC)
  std::string separator = ";";                // lists in one CSV cell
  std::optional<std::string> default_value;   // used when the cell is missing or empty
};

struct ImportMapping {
  std::optional<ImportFormat> format;  // [source] format; --format overrides
  char delimiter = ',';                // [source] delimiter (CSV)
  std::vector<FieldMapping> fields;    // in file order; each field at most once
  // The distinct source columns the fields read, in first-use order; a row is handed to
  // translate_row() as one cell per entry here.
  std::vector<std::string> columns;
  // For each field in `fields`, its index in `columns` (nullopt for a field with only a default).
  std::vector<std::optional<size_t>> column_of;
};

// Parses a mapping. Errors (kInvalidInput) name the file, the line and what to change: TOML syntax,
// an unknown section or key, an unknown field (with the list of known ones), a field without a
// column or default, a bad date format, a translation to a code haven does not know.
core::Result<ImportMapping> parse_mapping(std::istream& in, const std::string& name);
core::Result<ImportMapping> load_mapping(const std::string& path);

// One source cell: absent (no such key in a JSON line), text, or a list (a JSON array).
struct Cell {
  bool present = false;
  std::string text;
  std::optional<std::vector<std::string>> list;
};

// What is wrong with one row: the source column and its cell as read (nothing else of the row),
// and the reason. An empty column means the row as a whole (a line that is not JSON).
struct RowProblem {
  std::string column;
  std::string value;
  std::string reason;
};

// A row as the children table stores it (base columns), with its identity number, if any, in
// child.identity_numbers.
struct ImportedChild {
  std::string id;  // empty unless the mapping names `id`
  domain::Child child;
};

// Applies the mapping to one row (cells in mapping.columns order), then domain::validate_child with
// `today`. Returns the child, or nullopt with every problem of the row appended to `problems`.
std::optional<ImportedChild> translate_row(const ImportMapping& mapping,
                                           std::span<const Cell> cells, core::Date today,
                                           std::vector<RowProblem>& problems);

// Parses `text` with a date format of FieldMapping; nullopt when it does not match or is no date.
std::optional<core::Date> parse_date(std::string_view text, std::string_view format);

}  // namespace haven::service::import
