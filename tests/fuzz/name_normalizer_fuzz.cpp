// Fuzz target: name normalization (search/name_normalizer), which every search, duplicate check
// and cross-border encoding runs on text a caseworker typed or an import brought: any script, any
// bytes. The first byte picks the name part and the language hint, the rest is the name.
// normalize() answers with a name or a user-facing error, and every word of a name has a primary
// spelling; add_writing() never breaks a name it merges into.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.h"
#include "search/name_normalizer.h"

namespace search = haven::search;

namespace {

const search::NameNormalizer& normalizer() {
  static const search::NameNormalizer n = [] {
    auto made = search::NameNormalizer::create();
    if (!made.ok()) std::abort();
    return std::move(*made);
  }();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)normalizer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr search::NamePart kParts[] = {search::NamePart::kGiven, search::NamePart::kFamily,
                                                search::NamePart::kAny};
  static constexpr const char* kLanguages[] = {"", "uk", "ru", "lv"};
  const search::NamePart part = kParts[data[0] % 3];
  const char* language = kLanguages[(data[0] / 3) % 4];
  const std::string_view text = haven::fuzz::as_text(data + 1, size - 1);
  const search::NameNormalizer& n = normalizer();
  auto name = n.normalize(text, part, language);
  if (!name.ok()) {
    if (name.error().code != haven::core::ErrorCode::kInvalidInput) std::abort();
    return 0;
  }
  // Search, the index and linkage read each word's primary spelling: every word must have one.
  for (const auto& token : name->tokens)
    if (token.spellings.empty()) std::abort();
  // A second writing of the same name: the input's halves, as an alias would come.
  n.add_writing(*name, text.substr(text.size() / 2), part, language);
  return 0;
}
