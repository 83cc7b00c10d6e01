// Reading data/names/*.tsv into NameSets: a small line-oriented parser (sections, a header row
// naming the columns, tab-separated cells, '|'-separated alternatives) that reports the file and
// line of any mistake.
#include "synth/name_data.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "core/country.h"
#include "core/utf8.h"

namespace haven::synth {
namespace {

constexpr std::array<std::string_view, kConventionCount> kConventionNames = {
    "native", "passport", "en", "de", "pl", "lv", "lt", "sv", "da", "no", "fi", "et", "latin"};

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t pos = text.find(sep, start);
    out.push_back(
        text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

std::vector<std::string> alternatives(std::string_view cell) {
  std::vector<std::string> out;
  if (cell.empty()) return out;
  for (std::string_view alt : split(cell, '|')) {
    if (!alt.empty() && std::find(out.begin(), out.end(), alt) == out.end()) out.emplace_back(alt);
  }
  return out;
}

// A weight: a non-negative decimal with up to three fraction digits, kept exactly as thousandths so
// that no floating-point parsing enters the draw.
std::optional<uint64_t> parse_weight(std::string_view text) {
  uint64_t whole = 0, frac = 0;
  int frac_digits = -1;
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (c == '.' && frac_digits < 0) {
      frac_digits = 0;
    } else if (c >= '0' && c <= '9') {
      if (frac_digits < 0) {
        if (whole > 1'000'000'000'000ULL) return std::nullopt;
        whole = whole * 10 + static_cast<uint64_t>(c - '0');
      } else if (frac_digits < 3) {
        frac = frac * 10 + static_cast<uint64_t>(c - '0');
        ++frac_digits;
      } else {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  if (frac_digits == 0) return std::nullopt;  // "12." is a typo
  for (int i = std::max(frac_digits, 0); i < 3; ++i) frac *= 10;
  return whole * 1000 + frac;
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view label) : text_(text), label_(label) {}

  core::Result<NameSet> run();

 private:
  enum class Section { kNone, kGivenMale, kGivenFemale, kAdultMale, kAdultFemale, kSurname };

  core::Error fail(const std::string& message) const {
    std::string where(label_);
    if (line_no_ > 0) where += ":" + std::to_string(line_no_);  // 0: about the file as a whole
    return core::Error::invalid(where + ": " + message);
  }
  core::Status directive(std::string_view line);
  core::Status header(std::string_view line);
  core::Status row(std::string_view line);
  int column(std::string_view name) const {
    auto it = columns_.find(std::string(name));
    return it == columns_.end() ? -1 : it->second;
  }
  std::string_view cell(const std::vector<std::string_view>& cells, std::string_view name) const {
    const int i = column(name);
    return i < 0 ? std::string_view() : cells[static_cast<size_t>(i)];
  }
  // The male (or only) form from `original`/`name`/`male` plus convention columns with `suffix`.
  NameForm form_from(const std::vector<std::string_view>& cells, std::string_view original,
                     std::string_view suffix, const NameForm* fallback) const;

  std::string_view text_, label_;
  size_t line_no_ = 0;
  NameSet set_;
  bool have_id_ = false;
  Section section_ = Section::kNone;
  bool expect_header_ = false;
  std::map<std::string, int> columns_;
  size_t column_count_ = 0;
};

core::Result<NameSet> Parser::run() {
  size_t pos = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a byte-order mark some editors add
  while (pos <= text_.size()) {
    size_t end = text_.find('\n', pos);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(pos, end - pos);
    pos = end + 1;
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!core::is_valid_utf8(line)) return fail("not valid UTF-8");
    if (line.empty() || line.front() == '#') {
      if (end == text_.size()) break;
      continue;
    }
    if (line.front() == '@') {
      HAVEN_TRY(directive(line));
    } else if (line.front() == '[') {
      if (line.back() != ']') return fail("a section header must end with ']'");
      const std::string_view name = line.substr(1, line.size() - 2);
      if (name == "given_male")
        section_ = Section::kGivenMale;
      else if (name == "given_female")
        section_ = Section::kGivenFemale;
      else if (name == "adult_male")
        section_ = Section::kAdultMale;
      else if (name == "adult_female")
        section_ = Section::kAdultFemale;
      else if (name == "surname")
        section_ = Section::kSurname;
      else
        return fail("unknown section [" + std::string(name) +
                    "]; expected given_male, given_female, adult_male, adult_female or surname");
      expect_header_ = true;
    } else if (section_ == Section::kNone) {
      return fail("a table row before any [section]");
    } else if (expect_header_) {
      HAVEN_TRY(header(line));
      expect_header_ = false;
    } else {
      HAVEN_TRY(row(line));
    }
    if (end == text_.size()) break;
  }
  line_no_ = 0;
  if (!have_id_) return fail("missing '@id' line");
  if (set_.given[0].empty() || set_.given[1].empty())
    return fail("needs [given_male] and [given_female] rows");
  if (set_.surnames.empty()) return fail("needs [surname] rows");
  return std::move(set_);
}

core::Status Parser::directive(std::string_view line) {
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) return fail("a directive needs a value: '@key value'");
  const std::string_view key = line.substr(1, space - 1);
  const std::string_view value = core::trim(line.substr(space + 1));
  if (key == "id") {
    set_.id = std::string(value);
    set_.is_country = core::is_country_code(value);
    have_id_ = !value.empty();
  } else if (key == "language") {
    set_.language = std::string(value);
  } else if (key == "script") {
    if (value == "latin")
      set_.script = Script::kLatin;
    else if (value == "cyrillic")
      set_.script = Script::kCyrillic;
    else if (value == "arabic")
      set_.script = Script::kArabic;
    else if (value == "ethiopic")
      set_.script = Script::kEthiopic;
    else
      return fail("unknown script '" + std::string(value) +
                  "'; expected latin, cyrillic, arabic or ethiopic");
  } else if (key == "naming") {
    if (value == "surname")
      set_.naming = FamilyNaming::kSurname;
    else if (value == "father")
      set_.naming = FamilyNaming::kFatherGiven;
    else if (value == "mixed")
      set_.naming = FamilyNaming::kMixed;
    else
      return fail("unknown naming '" + std::string(value) + "'; expected surname, father or mixed");
  } else {
    return fail("unknown directive '@" + std::string(key) + "'");
  }
  return core::ok_status();
}

core::Status Parser::header(std::string_view line) {
  columns_.clear();
  const auto names = split(line, '\t');
  column_count_ = names.size();
  for (size_t i = 0; i < names.size(); ++i) {
    std::string name(names[i]);
    std::string_view base = name;
    if (base.size() > 2 && base.substr(base.size() - 2) == "_f") base.remove_suffix(2);
    const bool known = base == "name" || base == "original" || base == "weight" ||
                       base == "genitive" || base == "male" || base == "female" ||
                       base == "married" || convention_from_name(base).has_value();
    if (!known) return fail("unknown column '" + name + "'");
    if (!columns_.emplace(name, static_cast<int>(i)).second)
      return fail("column '" + name + "' twice");
  }
  if (column("weight") < 0) return fail("the header needs a 'weight' column");
  const bool surname = section_ == Section::kSurname;
  if (column("name") < 0 && column("original") < 0 && !(surname && column("male") >= 0)) {
    return fail(surname ? "the header needs a 'name', 'male' or 'original' column"
                        : "the header needs a 'name' or 'original' column");
  }
  if (!surname && (column("male") >= 0 || column("female") >= 0 || column("married") >= 0)) {
    return fail("male/female/married columns belong to [surname]");
  }
  if (set_.id == "IS" && !surname && column("genitive") < 0) {
    return fail("Icelandic given names need a 'genitive' column (for patronymics)");
  }
  return core::ok_status();
}

NameForm Parser::form_from(const std::vector<std::string_view>& cells, std::string_view original,
                           std::string_view suffix, const NameForm* fallback) const {
  NameForm form{std::string(original)};
  for (size_t c = 1; c < kConventionCount; ++c) {
    const auto conv = static_cast<Convention>(c);
    std::string name(convention_name(conv));
    name += suffix;
    auto alts = alternatives(cell(cells, name));
    if (alts.empty() && fallback) {
      const auto base = fallback->spellings(conv);
      alts.assign(base.begin(), base.end());
    }
    if (!alts.empty()) form.set_spellings(conv, std::move(alts));
  }
  return form;
}

core::Status Parser::row(std::string_view line) {
  const auto cells = split(line, '\t');
  if (cells.size() != column_count_) {
    return fail("expected " + std::to_string(column_count_) + " tab-separated cells, found " +
                std::to_string(cells.size()));
  }
  const auto weight = parse_weight(cell(cells, "weight"));
  if (!weight)
    return fail("weight '" + std::string(cell(cells, "weight")) + "' is not a non-negative number");
  if (section_ == Section::kSurname) {
    Surname s;
    std::string_view male = cell(cells, "male");
    if (male.empty()) male = cell(cells, "name");
    if (male.empty()) male = cell(cells, "original");
    if (male.empty()) return fail("the surname is empty");
    NameForm m = form_from(cells, male, "", nullptr);
    std::string_view female = cell(cells, "female");
    if (female.empty()) female = cell(cells, "original_f");
    NameForm f = form_from(cells, female.empty() ? male : female, "_f", &m);
    std::string_view married = cell(cells, "married");
    NameForm mar = married.empty() ? f : form_from(cells, married, "_f", &m);
    s.gendered = !female.empty() && female != male;
    for (size_t c = 0; c < kConventionCount && !s.gendered; ++c) {
      s.gendered = m.primary(static_cast<Convention>(c)) != f.primary(static_cast<Convention>(c));
    }
    s.forms = {std::move(m), std::move(f), std::move(mar)};
    set_.surnames.add(std::move(s), *weight);
    return core::ok_status();
  }
  std::string_view name = cell(cells, "name");
  if (name.empty()) name = cell(cells, "original");
  if (name.empty()) return fail("the name is empty");
  GivenName g{form_from(cells, name, "", nullptr), std::string(cell(cells, "genitive"))};
  if (set_.id == "IS" && g.genitive.empty())
    return fail("missing genitive for '" + std::string(name) + "'");
  switch (section_) {
    case Section::kGivenMale:
      set_.given[1].add(std::move(g), *weight);
      break;
    case Section::kGivenFemale:
      set_.given[0].add(std::move(g), *weight);
      break;
    case Section::kAdultMale:
      set_.adult_given[1].add(std::move(g), *weight);
      break;
    case Section::kAdultFemale:
      set_.adult_given[0].add(std::move(g), *weight);
      break;
    default:
      break;
  }
  return core::ok_status();
}

core::Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::invalid("cannot read " + path.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::vector<std::filesystem::path> tsv_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".tsv") out.push_back(entry.path());
  }
  std::sort(out.begin(),
            out.end());  // load order fixes set indexes, so it must not depend on the filesystem
  return out;
}

}  // namespace

std::string_view convention_name(Convention c) {
  return kConventionNames[static_cast<size_t>(c)];
}

std::optional<Convention> convention_from_name(std::string_view name) {
  for (size_t i = 0; i < kConventionNames.size(); ++i) {
    if (kConventionNames[i] == name) return static_cast<Convention>(i);
  }
  return std::nullopt;
}

std::span<const std::string> NameForm::spellings(Convention c) const {
  const auto i = static_cast<size_t>(c);
  return std::span<const std::string>(spellings_)
      .subspan(offsets_[i], offsets_[i + 1] - offsets_[i]);
}

std::string_view NameForm::primary(Convention c) const {
  const auto s = spellings(c);
  return s.empty() ? std::string_view(original_) : std::string_view(s.front());
}

std::vector<std::string_view> NameForm::all_forms() const {
  std::vector<std::string_view> out{original_};
  for (const auto& s : spellings_) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

void NameForm::set_spellings(Convention c, std::vector<std::string> spellings) {
  const auto i = static_cast<size_t>(c);
  const size_t begin = offsets_[i], end = offsets_[i + 1];
  spellings_.erase(spellings_.begin() + static_cast<ptrdiff_t>(begin),
                   spellings_.begin() + static_cast<ptrdiff_t>(end));
  spellings_.insert(spellings_.begin() + static_cast<ptrdiff_t>(begin),
                    std::make_move_iterator(spellings.begin()),
                    std::make_move_iterator(spellings.end()));
  const auto delta = static_cast<int>(spellings.size()) - static_cast<int>(end - begin);
  for (size_t k = i + 1; k < offsets_.size(); ++k)
    offsets_[k] = static_cast<uint16_t>(offsets_[k] + delta);
}

struct NameData::Index {
  std::unordered_map<std::string_view, std::vector<NameRef>> by_spelling;
};

core::Result<NameSet> NameData::parse(std::string_view text, std::string_view label) {
  return Parser(text, label).run();
}

core::Result<NameData> NameData::load(const std::filesystem::path& data_dir) {
  const auto names_dir = data_dir / "names";
  auto sets = std::make_shared<std::vector<NameSet>>();
  std::vector<std::filesystem::path> files = tsv_files(names_dir);
  const auto origin = tsv_files(names_dir / "origin");
  files.insert(files.end(), origin.begin(), origin.end());
  for (const auto& path : files) {
    auto text = read_file(path);
    if (!text.ok()) return text.take_error();
    auto set = parse(*text, path.string());
    if (!set.ok()) return set.take_error();
    for (const auto& other : *sets) {
      if (other.id == set->id)
        return core::Error::invalid(path.string() + ": '@id " + set->id +
                                    "' repeats another file's");
    }
    sets->push_back(std::move(*set));
  }
  for (std::string_view cc : core::kRegionCountries) {
    const bool found =
        std::any_of(sets->begin(), sets->end(), [&](const NameSet& s) { return s.id == cc; });
    if (!found) {
      std::string file(cc);
      for (char& ch : file) ch = static_cast<char>(ch - 'A' + 'a');
      return core::Error::invalid("missing name data for " + std::string(cc) + ": expected " +
                                  (names_dir / (file + ".tsv")).string());
    }
  }
  NameData data;
  data.sets_ = std::move(sets);
  data.build_index();
  return data;
}

void NameData::build_index() {
  auto index = std::make_shared<Index>();
  const auto& sets = *sets_;
  auto add = [&](const NameForm& form, NameRef ref) {
    for (std::string_view s : form.all_forms()) {
      auto& refs = index->by_spelling[s];
      if (refs.empty() || refs.back().set != ref.set || refs.back().kind != ref.kind ||
          refs.back().index != ref.index || refs.back().slot != ref.slot) {
        refs.push_back(ref);
      }
    }
  };
  for (size_t si = 0; si < sets.size(); ++si) {
    const NameSet& set = sets[si];
    for (uint8_t sex = 0; sex < 2; ++sex) {
      for (uint32_t i = 0; i < set.given[sex].size(); ++i) {
        add(set.given[sex][i].form, {static_cast<uint16_t>(si), NameRef::kGiven, sex, i});
      }
      for (uint32_t i = 0; i < set.adult_given[sex].size(); ++i) {
        add(set.adult_given[sex][i].form,
            {static_cast<uint16_t>(si), NameRef::kAdultGiven, sex, i});
      }
    }
    for (uint32_t i = 0; i < set.surnames.size(); ++i) {
      for (uint8_t f = 0; f < 3; ++f) {
        add(set.surnames[i].forms[f], {static_cast<uint16_t>(si), NameRef::kSurname, f, i});
      }
    }
  }
  index_ = std::move(index);
}

const NameSet* NameData::find(std::string_view id) const {
  const int i = index_of(id);
  return i < 0 ? nullptr : &(*sets_)[static_cast<size_t>(i)];
}

int NameData::index_of(std::string_view id) const {
  if (!sets_) return -1;
  for (size_t i = 0; i < sets_->size(); ++i) {
    if ((*sets_)[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::span<const NameRef> NameData::lookup(std::string_view spelling) const {
  if (!index_) return {};
  const auto it = index_->by_spelling.find(spelling);
  if (it == index_->by_spelling.end()) return {};
  return it->second;
}

const NameForm& NameData::form(const NameRef& ref) const {
  const NameSet& set = (*sets_)[ref.set];
  switch (ref.kind) {
    case NameRef::kGiven:
      return set.given[ref.slot][ref.index].form;
    case NameRef::kAdultGiven:
      return set.adult_given[ref.slot][ref.index].form;
    case NameRef::kSurname:
      break;
  }
  return set.surnames[ref.index].forms[ref.slot];
}

}  // namespace haven::synth
