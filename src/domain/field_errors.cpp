// The shared field checks. Messages are written for the person filling the form; the field name
// tells the form where to show them.
#include "domain/field_errors.h"

#include "core/country.h"
#include "core/id.h"
#include "core/utf8.h"

namespace haven::domain {

void FieldErrors::add(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void FieldErrors::add(core::FieldError error) {
  errors_.push_back(std::move(error));
}

bool FieldErrors::has(std::string_view field) const {
  for (const auto& e : errors_)
    if (e.field == field) return true;
  return false;
}

bool FieldErrors::check_text(std::string_view field, std::string_view value, std::size_t max_chars,
                             Presence presence, bool multiline) {
  if (!core::is_valid_utf8(value)) {
    add(std::string(field),
        "This text contains bytes that are not valid UTF-8; retype it or paste it again.");
    return false;
  }
  for (unsigned char c : value) {
    bool allowed_space = multiline && (c == '\n' || c == '\r' || c == '\t');
    if ((c < 0x20 || c == 0x7F) && !allowed_space) {
      add(std::string(field), multiline
                                  ? "This text contains control characters; remove them."
                                  : "This field must be one line without control characters.");
      return false;
    }
  }
  if (presence == Presence::kRequired && core::trim(value).empty()) {
    add(std::string(field), "This field is required.");
    return false;
  }
  if (std::size_t n = core::utf8_length(value); n > max_chars) {
    add(core::FieldError::with_values(
        std::string(field), "Use at most {{max}} characters (this has {{count}}).",
        {{"max", std::to_string(max_chars)}, {"count", std::to_string(n)}}));
    return false;
  }
  return true;
}

bool FieldErrors::line(std::string_view field, std::string_view value, std::size_t max_chars,
                       Presence presence) {
  return check_text(field, value, max_chars, presence, false);
}

bool FieldErrors::text(std::string_view field, std::string_view value, std::size_t max_chars,
                       Presence presence) {
  return check_text(field, value, max_chars, presence, true);
}

bool FieldErrors::id(std::string_view field, std::string_view value, Presence presence) {
  if (value.empty()) {
    if (presence == Presence::kOptional) return true;
    add(std::string(field), "This field is required.");
    return false;
  }
  if (!core::is_valid_id(value)) {
    add(std::string(field), "This is not a valid record reference.");
    return false;
  }
  return true;
}

bool FieldErrors::country(std::string_view field, std::string_view value) {
  if (core::is_country_code(value)) return true;
  add(std::string(field), "Use a two-letter ISO country code in capitals, such as SE or LV.");
  return false;
}

bool FieldErrors::language(std::string_view field, std::string_view value) {
  bool ok = value.size() == 2 || value.size() == 3;
  for (char c : value) ok = ok && c >= 'a' && c <= 'z';
  if (ok) return true;
  add(std::string(field),
      "Use a two- or three-letter ISO 639 language code, such as sv, ar or prs.");
  return false;
}

bool FieldErrors::not_future(std::string_view field, core::Date value, core::Date today) {
  if (value <= today) return true;
  add(std::string(field), "This date cannot be in the future.");
  return false;
}

bool FieldErrors::not_before(std::string_view field, core::Date later, core::Date earlier,
                             std::string_view what) {
  if (later >= earlier) return true;
  add(std::string(field),
      "This date cannot be before " + std::string(what) + " (" + earlier.to_string() + ").");
  return false;
}

void FieldErrors::add_unknown_code(std::string_view field, std::string_view value,
                                   const std::vector<std::string_view>& codes) {
  std::string message = "'" + core::utf8_truncate(core::is_valid_utf8(value) ? value : "?", 40) +
                        "' is not an allowed value; use one of: ";
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) message += ", ";
    message += codes[i];
  }
  add(std::string(field), message + ".");
}

core::Status FieldErrors::status(std::string_view summary) const {
  if (errors_.empty()) return core::ok_status();
  return core::Error::invalid(std::string(summary), errors_);
}

std::string indexed_field(std::string_view list, std::size_t index, std::string_view member) {
  std::string name = std::string(list) + "[" + std::to_string(index) + "]";
  if (!member.empty()) name += "." + std::string(member);
  return name;
}

}  // namespace haven::domain
