// Synthetic personal identity numbers in each region country's own format, with the birth date and
// sex encoded where the country encodes them and valid check digits (Luhn, modulus 11, modulus 31
// …); service/import/national_id.h is the independent check they are tested against. Random serial
// numbers: a value may look like a real person's, but none is taken from or linked to one. Germany
// issues no personal number that child protection records (nullopt).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "synth/name_data.h"
#include "synth/rng.h"

namespace haven::synth {

// A national identity number as written on documents ("20150314-2384", "140315A9248", …), or
// nullopt for a country without one (DE, or outside the region) or a birth date outside the
// format's range (1900–2099; Latvia's birth-date codes end with births in June 2017, after which
// the country issues codes without one — not generated). Takes a few draws from `rng`.
std::optional<std::string> national_id(std::string_view country, const core::Date& birth, Sex sex,
                                       Rng& rng);

}  // namespace haven::synth
