// FieldErrors: collects what is wrong with each input field while an entity is validated, with the
// checks every entity shares (text limits in code points, valid UTF-8, ids, codes, dates).
// Validation reports every problem at once so a form can mark all of them, not just the first.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace haven::domain {

// Text limits, counted in code points (what a user calls characters), never bytes.
inline constexpr std::size_t kNameMaxChars = 200;       // one name field, a provider, a setting
inline constexpr std::size_t kShortTextMaxChars = 500;  // a label, a decision's title, a note line
inline constexpr std::size_t kTextMaxChars = 5'000;     // reasons, rationale, views
inline constexpr std::size_t kLongTextMaxChars = 20'000;  // narratives, assessment sections, notes

enum class Presence { kOptional, kRequired };

// One FieldErrors per validation call; not shared between threads.
class FieldErrors {
 public:
  void add(std::string field, std::string message);
  // Another check's error as it is (its pattern and values kept), e.g. renamed under a prefix.
  void add(core::FieldError error);
  bool empty() const { return errors_.empty(); }
  bool has(std::string_view field) const;
  const std::vector<core::FieldError>& errors() const { return errors_; }

  // One line of text (a name): valid UTF-8, no control characters, at most max_chars code points.
  // Required text needs something besides spaces. Each returns true when the value passed.
  bool line(std::string_view field, std::string_view value, std::size_t max_chars,
            Presence presence);
  // Free text: as line(), but tabs and line breaks are allowed.
  bool text(std::string_view field, std::string_view value, std::size_t max_chars,
            Presence presence);
  // A record or user id (UUID) made by haven.
  bool id(std::string_view field, std::string_view value, Presence presence);
  // An ISO 3166-1 alpha-2 code in upper case.
  bool country(std::string_view field, std::string_view value);
  // An ISO 639-1 or 639-3 code (two or three lowercase letters); the language of a child who
  // arrived from anywhere, so not limited to haven's UI languages.
  bool language(std::string_view field, std::string_view value);
  // A date that has happened: not after `today`.
  bool not_future(std::string_view field, core::Date value, core::Date today);
  // `later` is on or after `earlier`; `what` completes "… cannot be before <what>".
  bool not_before(std::string_view field, core::Date later, core::Date earlier,
                  std::string_view what);

  // Parses an enum code from outside; an unknown code is a field error listing the codes allowed.
  template <class E>
  std::optional<E> code(std::string_view field, std::string_view value,
                        std::optional<E> (*parse)(std::string_view), std::span<const E> all) {
    if (auto parsed = parse(value)) return parsed;
    std::vector<std::string_view> codes;
    for (E e : all) codes.push_back(to_code(e));
    add_unknown_code(field, value, codes);
    return std::nullopt;
  }

  // OK if nothing was added; otherwise an invalid-input Error whose message is `summary`.
  core::Status status(std::string_view summary) const;

 private:
  bool check_text(std::string_view field, std::string_view value, std::size_t max_chars,
                  Presence presence, bool multiline);
  void add_unknown_code(std::string_view field, std::string_view value,
                        const std::vector<std::string_view>& codes);

  std::vector<core::FieldError> errors_;
};

// "goals" + 2 + "description" → "goals[2].description": how a nested field is named in the API.
std::string indexed_field(std::string_view list, std::size_t index, std::string_view member = {});

}  // namespace haven::domain
