// String similarity on normalized (ASCII) name spellings: Jaro–Winkler, which rewards a shared
// beginning and suits short names; Damerau–Levenshtein in its optimal-string-alignment form,
// bounded so a comparison stops as soon as the distance is known to exceed what matters; and a
// token-set agreement for names of several words. Pure functions, no allocation for words up to
// 64 letters.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace haven::search {

// Jaro–Winkler similarity in [0, 1]; 1 for equal strings, 0 when either is empty. Prefix scale
// 0.1 over at most 4 letters (Winkler's constants).
double jaro_winkler(std::string_view a, std::string_view b);

// Optimal string alignment distance (insertions, deletions, substitutions and transpositions of
// adjacent letters, no substring edited twice). Returns max_distance + 1 as soon as the distance
// is known to be larger than max_distance.
size_t osa_distance(std::string_view a, std::string_view b, size_t max_distance);

// The share of the shorter token list whose tokens have an equal token in the other list, in
// [0, 1] (0 when either is empty). Order-insensitive: "anna maria" and "maria anna" give 1,
// "anna" and "anna maria" give 1, "anna lena" and "anna maria" give 0.5.
double token_set_agreement(std::span<const std::string_view> a,
                           std::span<const std::string_view> b);

}  // namespace haven::search
