// CaseNote: a dated free-text entry in a case (a home visit, a phone call). Notes are sensitive and
// are stored encrypted; the domain only checks their shape.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"

namespace haven::domain {

struct CaseNote {
  std::string id;
  core::Timestamp written_at;
  std::string author_id;  // user id
  std::optional<core::Date>
      occurred_on;  // when what the note describes happened, if not the day written
  std::string text;
};

core::Status validate_case_note(const CaseNote& note, core::Date today);

}  // namespace haven::domain
