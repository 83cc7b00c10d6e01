// SDMX-CSV writing and the row-by-row validation of received releases.
#include "stats/sdmx_csv.h"

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/country.h"
#include "stats/csv.h"

namespace haven::stats {

namespace {

constexpr size_t kFixedBefore = 6;  // STRUCTURE … INDICATOR
constexpr double kMaxValue = 1e12;  // far above any child-protection figure; keeps counts in int64

std::string format_value(double v, int decimals) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return "";
  return std::string(buf, end);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "123" or "123.45": no sign, no exponent, no spaces.
std::optional<double> parse_decimal(std::string_view s) {
  if (s.size() > 32) return std::nullopt;
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  if (!all_digits(whole)) return std::nullopt;
  if (dot != std::string_view::npos && !all_digits(s.substr(dot + 1))) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool valid_period(std::string_view freq, std::string_view period) {
  if (period.size() < 4 || !all_digits(period.substr(0, 4))) return false;
  int year = (period[0] - '0') * 1000 + (period[1] - '0') * 100 + (period[2] - '0') * 10 +
             (period[3] - '0');
  if (year < 1900 || year > 2199) return false;
  if (freq == "A") return period.size() == 4;
  if (freq == "Q") {
    return period.size() == 7 && period[4] == '-' && period[5] == 'Q' && period[6] >= '1' &&
           period[6] <= '4';
  }
  return false;
}

std::string freq_of(std::string_view period) {
  return period.size() == 4 ? "A" : "Q";
}

}  // namespace

std::vector<std::string> sdmx_columns(const DataStructure& structure) {
  std::vector<std::string> cols = {"STRUCTURE", "STRUCTURE_ID", "ACTION",
                                   "FREQ",      "REF_AREA",     "INDICATOR"};
  for (const Dimension& d : structure.breakdowns) cols.push_back(d.id);
  for (const char* c :
       {"TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "CONF_STATUS", "UNIT_MEASURE", "ROUNDING"}) {
    cols.emplace_back(c);
  }
  return cols;
}

core::Result<std::string> write_sdmx_csv(std::span<const Table* const> tables,
                                         const DataStructure& structure) {
  std::string out;
  append_csv_record(out, sdmx_columns(structure));
  for (const Table* table : tables) {
    const TableKey& key = table->key();
    if (!valid_period(freq_of(key.period), key.period) || !core::is_country_code(key.country) ||
        !is_sdmx_id(key.indicator)) {
      return core::Error::invalid("Table " + key.indicator + " " + key.country + " " + key.period +
                                  ": not a valid indicator, country and period.");
    }
    // Where each table dimension goes among the structure's breakdown columns.
    std::vector<size_t> column(table->dimensions().size());
    for (size_t k = 0; k < table->dimensions().size(); ++k) {
      const Dimension& d = table->dimensions()[k];
      size_t b = 0;
      while (b < structure.breakdowns.size() && structure.breakdowns[b].id != d.id) ++b;
      if (b == structure.breakdowns.size()) {
        return core::Error::invalid("Table " + key.indicator + " has dimension " + d.id +
                                    ", which the structure " + structure.id + " does not have.");
      }
      for (const Code& c : d.codes) {
        if (structure.breakdowns[b].find(c.id) < 0) {
          return core::Error::invalid("Table " + key.indicator + ": code " + c.id +
                                      " is not in the " + d.id + " code list.");
        }
      }
      column[k] = b;
    }
    const int decimals = unit_decimals(table->unit());
    for (size_t i = 0; i < table->size(); ++i) {
      const Cell& cell = table->at(i);
      const bool observed = cell.status == CellStatus::kObserved;
      if (!observed && cell.value.has_value()) {
        return core::Error::invalid("Refusing to write " + key.indicator + " " +
                                    table->describe(i) + ": it is withheld but holds a value.");
      }
      if (observed && !cell.value.has_value()) {
        return core::Error::invalid("Table " + key.indicator + " " + table->describe(i) +
                                    " has no published value; protect the table first.");
      }
      std::vector<std::string> row = {"dataflow",          structure.id, "I",
                                      freq_of(key.period), key.country,  key.indicator};
      std::vector<std::string> codes(structure.breakdowns.size(), std::string(kNotApplicableCode));
      for (size_t k = 0; k < column.size(); ++k) {
        codes[column[k]] = table->dimensions()[k].codes[static_cast<size_t>(table->coord(i, k))].id;
      }
      row.insert(row.end(), codes.begin(), codes.end());
      row.push_back(key.period);
      row.push_back(observed ? format_value(*cell.value, decimals) : "");
      row.emplace_back(1, obs_status_code(cell.status));
      row.emplace_back(1, conf_status_code(cell.status));
      row.emplace_back(unit_sdmx_code(table->unit()));
      row.push_back(observed && cell.rounding_base > 0 ? std::to_string(cell.rounding_base) : "");
      append_csv_record(out, row);
    }
  }
  return out;
}

core::Result<Dataset> read_sdmx_csv(std::string_view text, const DataStructure& structure,
                                    const SdmxLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return core::Error::too_large("The release is larger than " + std::to_string(limits.max_bytes) +
                                  " bytes.");
  }
  const std::vector<std::string> header = sdmx_columns(structure);
  CsvLimits csv;
  csv.max_field_bytes = limits.max_field_bytes;
  csv.max_fields = header.size() + 1;  // one more, so a surplus field is reported as such
  csv.max_records = limits.max_rows + 1;
  CsvReader reader(text, csv);
  CsvRecord record;
  auto got = reader.next(record);
  if (!got.ok()) return got.take_error();
  if (!*got) return core::Error::invalid("line 1: the release is empty; expected a header row.");
  for (size_t c = 0; c < header.size(); ++c) {
    if (c >= record.fields.size() || record.fields[c] != header[c]) {
      return core::Error::invalid(
          "line 1, column " + std::to_string(c + 1) + ": expected header " + header[c] +
          (c < record.fields.size() ? ", found '" + record.fields[c] + "'." : ", found nothing."));
    }
  }
  if (record.fields.size() != header.size()) {
    return core::Error::invalid("line 1, column " + std::to_string(header.size() + 1) +
                                ": unexpected column '" + record.fields[header.size()] + "'.");
  }
  Dataset dataset;
  dataset.structure_id = structure.id;
  std::unordered_map<std::string, size_t> seen_keys;
  struct Group {
    Unit unit;
    std::vector<bool> broken_down;
    size_t line;
  };
  std::map<std::string, Group> groups;
  const size_t nb = structure.breakdowns.size();
  const size_t c_period = kFixedBefore + nb, c_value = c_period + 1, c_obs = c_period + 2,
               c_conf = c_period + 3, c_unit = c_period + 4, c_round = c_period + 5;
  for (;;) {
    got = reader.next(record);
    if (!got.ok()) return got.take_error();
    if (!*got) break;
    const size_t line = record.line;
    const auto& f = record.fields;
    auto fail = [&](size_t col, const std::string& what) {
      return core::Error::invalid("line " + std::to_string(line) + ", column " +
                                  std::to_string(col + 1) + " (" + header[col] + "): " + what);
    };
    if (f.size() != header.size()) {
      return core::Error::invalid("line " + std::to_string(line) + ": expected " +
                                  std::to_string(header.size()) + " fields, found " +
                                  std::to_string(f.size()) + ".");
    }
    if (dataset.observations.size() >= limits.max_rows) {
      return core::Error::too_large("line " + std::to_string(line) + ": more than " +
                                    std::to_string(limits.max_rows) + " observations.");
    }
    if (f[0] != "dataflow") return fail(0, "expected 'dataflow', found '" + f[0] + "'.");
    if (f[1] != structure.id) {
      return fail(1, "expected dataflow " + structure.id + ", found '" + f[1] + "'.");
    }
    if (f[2] != "I" && f[2] != "A" && f[2] != "R") {
      return fail(2, "action '" + f[2] + "' is not supported (use I, A or R).");
    }
    if (dataset.observations.empty()) {
      dataset.action = f[2][0];
    } else if (f[2][0] != dataset.action) {
      return fail(2, "every row of a release must have the same action.");
    }
    if (f[3] != "A" && f[3] != "Q") return fail(3, "frequency '" + f[3] + "' is not A or Q.");
    if (!core::is_country_code(f[4])) return fail(4, "'" + f[4] + "' is not an ISO country code.");
    if (!is_sdmx_id(f[5])) return fail(5, "'" + f[5] + "' is not an indicator code.");
    if (!structure.indicators.empty()) {
      bool known = false;
      for (const std::string& id : structure.indicators) known = known || id == f[5];
      if (!known) return fail(5, "unknown indicator '" + f[5] + "'.");
    }
    Observation obs;
    obs.line = line;
    obs.country = f[4];
    obs.indicator = f[5];
    std::vector<bool> broken_down(nb);
    for (size_t b = 0; b < nb; ++b) {
      const std::string& code = f[kFixedBefore + b];
      if (code != kNotApplicableCode && structure.breakdowns[b].find(code) < 0) {
        return fail(kFixedBefore + b, "code '" + code + "' is not in the " +
                                          structure.breakdowns[b].id + " code list.");
      }
      broken_down[b] = code != kNotApplicableCode;
      obs.breakdown_codes.push_back(code);
    }
    if (!valid_period(f[3], f[c_period])) {
      return fail(c_period, "'" + f[c_period] + "' is not a " +
                                (f[3] == "A" ? "year (2026)" : "quarter (2026-Q1)") + ".");
    }
    obs.period = f[c_period];
    auto status = status_from_sdmx(f[c_obs], f[c_conf]);
    if (!status) {
      bool obs_ok = f[c_obs] == "A" || f[c_obs] == "M" || f[c_obs] == "L";
      if (!obs_ok) return fail(c_obs, "unknown observation status '" + f[c_obs] + "' (A, M or L).");
      return fail(c_conf, "confidentiality status '" + f[c_conf] + "' is not valid with " +
                              "observation status " + f[c_obs] + " (F, C or D; F when missing).");
    }
    obs.status = *status;
    auto unit = parse_unit_sdmx_code(f[c_unit]);
    if (!unit) return fail(c_unit, "unknown unit '" + f[c_unit] + "'.");
    obs.unit = *unit;
    const bool observed = obs.status == CellStatus::kObserved;
    if (!observed && !f[c_value].empty()) {
      return fail(c_value, "a value is given for a cell whose status withholds it.");
    }
    if (observed) {
      if (f[c_value].empty()) return fail(c_value, "the value is missing for an observed cell.");
      obs.value = parse_decimal(f[c_value]);
      if (!obs.value) return fail(c_value, "'" + f[c_value] + "' is not a non-negative number.");
      if (*obs.value > kMaxValue) return fail(c_value, "the value is implausibly large.");
      if (obs.unit == Unit::kCount && *obs.value != std::floor(*obs.value)) {
        return fail(c_value, "a count must be a whole number.");
      }
    }
    if (!f[c_round].empty()) {
      if (!observed) return fail(c_round, "only a published value can be rounded.");
      if (!all_digits(f[c_round]) || f[c_round].size() > 4) {
        return fail(c_round, "'" + f[c_round] + "' is not a rounding base.");
      }
      obs.rounding_base = std::stoll(f[c_round]);
      if (obs.rounding_base < 2 || obs.rounding_base > 1000) {
        return fail(c_round, "the rounding base must be between 2 and 1000.");
      }
      if (obs.unit == Unit::kCount &&
          std::fmod(*obs.value, static_cast<double>(obs.rounding_base)) != 0.0) {
        return fail(c_value,
                    "a count rounded to base " + f[c_round] + " must be a multiple of it.");
      }
    }
    std::string key = obs.country + '\x1f' + obs.indicator + '\x1f' + obs.period;
    auto [group, fresh] = groups.try_emplace(key, Group{obs.unit, broken_down, line});
    if (!fresh) {
      if (group->second.unit != obs.unit) {
        return fail(c_unit, "the unit differs from line " + std::to_string(group->second.line) +
                                " for the same indicator, country and period.");
      }
      for (size_t b = 0; b < nb; ++b) {
        if (group->second.broken_down[b] != broken_down[b]) {
          return fail(kFixedBefore + b,
                      "line " + std::to_string(group->second.line) + " of the same indicator " +
                          (broken_down[b] ? "is not broken down" : "is broken down") + " by " +
                          structure.breakdowns[b].id + ".");
        }
      }
    }
    for (const std::string& code : obs.breakdown_codes) key += '\x1f' + code;
    auto [dup, inserted] = seen_keys.try_emplace(key, line);
    if (!inserted) {
      return core::Error::invalid("line " + std::to_string(line) +
                                  ": the same observation as line " + std::to_string(dup->second) +
                                  ".");
    }
    dataset.observations.push_back(std::move(obs));
  }
  return dataset;
}

core::Result<std::vector<Table>> tables_from_dataset(const Dataset& dataset,
                                                     const DataStructure& structure) {
  std::vector<Table> tables;
  std::map<std::string, size_t> index_of;
  for (const Observation& obs : dataset.observations) {
    if (obs.breakdown_codes.size() != structure.breakdowns.size()) {
      return core::Error::invalid("An observation does not match the structure's breakdowns.");
    }
    std::string key = obs.country + '\x1f' + obs.indicator + '\x1f' + obs.period;
    auto it = index_of.find(key);
    if (it == index_of.end()) {
      std::vector<Dimension> dims;
      size_t cells = 1;
      for (size_t b = 0; b < structure.breakdowns.size(); ++b) {
        if (obs.breakdown_codes[b] == kNotApplicableCode) continue;
        cells *= structure.breakdowns[b].codes.size();
        if (cells > Table::kMaxCells) {
          return core::Error::too_large("Indicator " + obs.indicator +
                                        " crosses too many breakdowns.");
        }
        dims.push_back(structure.breakdowns[b]);
      }
      Table table({obs.indicator, obs.country, obs.period}, obs.unit, std::move(dims));
      for (Cell& c : table.cells()) c.status = CellStatus::kMissing;
      it = index_of.emplace(key, tables.size()).first;
      tables.push_back(std::move(table));
    }
    Table& table = tables[it->second];
    std::vector<std::string_view> codes;
    for (size_t b = 0; b < structure.breakdowns.size(); ++b) {
      if (obs.breakdown_codes[b] != kNotApplicableCode) codes.push_back(obs.breakdown_codes[b]);
    }
    auto cell = table.find(codes);
    if (!cell || codes.size() != table.dimensions().size()) {
      return core::Error::invalid("line " + std::to_string(obs.line) +
                                  ": the observation does not fit its table's breakdowns.");
    }
    Cell& c = table.at(*cell);
    c.status = obs.status;
    c.value = obs.value;
    c.rounding_base = obs.rounding_base;
    if (obs.unit == Unit::kCount && obs.value) c.count = static_cast<int64_t>(*obs.value);
  }
  return tables;
}

}  // namespace haven::stats
