// IdentityNumber: a number from an identity document or register, held by a child or another
// person. The value is sensitive; the store encrypts it and keeps a blind index for exact look-ups.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/field_errors.h"
#include "domain/person_types.h"

namespace haven::domain {

inline constexpr std::size_t kIdentityNumberMaxChars = 64;

struct IdentityNumber {
  IdentityNumberKind kind = IdentityNumberKind::kOther;
  std::string country;  // ISO 3166-1 alpha-2 of the issuing state
  std::string value;    // as written on the document
};

// Adds errors for each number under "<list>[i].<member>", and for the same number given twice.
void check_identity_numbers(FieldErrors& errors, std::string_view list,
                            const std::vector<IdentityNumber>& numbers);

}  // namespace haven::domain
