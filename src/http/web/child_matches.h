// The list of children a search found — on the find-a-child page and as the duplicate warning at
// intake — in the visitor's language: the names as registered, birth date and age, the cases the
// worker may open, how strong the match is, and why it matched, field by field, from the model's
// explanation (search::MatchExplanation) with each reason translated, never the English sentence.
#pragma once

#include <mstch/mstch.hpp>
#include <vector>

#include "service/search/search_service.h"

namespace haven::http::web {

class Site;
struct Visitor;

struct MatchListOptions {
  // Intake: each match gets a "Register the report for this child" button (name use_child).
  bool use_buttons = false;
};

// Why two records matched, one row per field ({field, text}), in the visitor's language.
mstch::array match_reasons(const Site& site, const Visitor& v,
                           const search::MatchExplanation& explanation);

// The `matches` of the child_matches partial.
mstch::array child_match_rows(Site& site, const Visitor& v,
                              const std::vector<service::ChildMatch>& matches,
                              MatchListOptions options = {});

}  // namespace haven::http::web
