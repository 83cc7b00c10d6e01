// Labels for the codes the services answer with (statuses, risk levels, task kinds, reporter types,
// lifecycle actions, record vocabularies), in the visitor's language; shared by every page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/form_definition.h"

namespace haven::http::web {

class Site;
struct Visitor;

// The label of `prefix` + `code` ("status.", "screening"); an unknown code shows as itself.
std::string code_label(const Site& site, const Visitor& v, std::string_view prefix,
                       const std::string& code);
// The same, or nullopt for a code the table does not hold (the caller has better words for it,
// such as the service's own sentence).
std::optional<std::string> known_code_label(const Site& site, const Visitor& v,
                                            std::string_view prefix, std::string_view code);

// A service's field error in the visitor's language (Catalogs::service_text, found by its sentence
// or, for one with values in it, its pattern; the values put back); a sentence the catalogs do not
// hold as the service wrote it.
std::string service_message(const Site& site, const Visitor& v, const core::FieldError& e);

// A country form's label (of a field or an option) in `lang`, else in English, else "".
const std::string& label_in(const domain::Labels& labels, const std::string& lang);

}  // namespace haven::http::web
