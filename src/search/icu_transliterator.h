// One ICU transform ("Russian-Latin/BGN", "Ethiopic-Latin" …) made safe to share between threads.
// ICU Transliterator objects are expensive to build (the rules are compiled) and not thread-safe
// to use, so this builds the transform once and lends each caller a clone from a small pool: calls
// run in parallel without holding a lock while transliterating, and no clone is built twice.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace haven::search {

class IcuTransliterator {
 public:
  // Fails when ICU does not know `id` (an ICU build without the transform's data).
  static core::Result<IcuTransliterator> create(std::string_view id);

  IcuTransliterator(IcuTransliterator&&) noexcept;
  IcuTransliterator& operator=(IcuTransliterator&&) noexcept;
  ~IcuTransliterator();

  // Transliterates UTF-8 text. Thread-safe.
  std::string transliterate(std::string_view utf8) const;
  const std::string& id() const;

 private:
  struct Pool;
  explicit IcuTransliterator(std::unique_ptr<Pool> pool);
  std::unique_ptr<Pool> pool_;
};

}  // namespace haven::search
