// The clone pool behind IcuTransliterator: a prototype built once, clones handed out under a short
// lock and returned after use, so concurrent callers never share an ICU object.
#include "search/icu_transliterator.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <mutex>
#include <vector>

namespace haven::search {

struct IcuTransliterator::Pool {
  std::string id;
  std::unique_ptr<icu::Transliterator> prototype;
  std::mutex mutex;
  std::vector<std::unique_ptr<icu::Transliterator>> idle;  // guarded by mutex

  std::unique_ptr<icu::Transliterator> borrow() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        auto t = std::move(idle.back());
        idle.pop_back();
        return t;
      }
    }
    // clone() only reads the prototype, which nobody uses to transliterate.
    return std::unique_ptr<icu::Transliterator>(prototype->clone());
  }
  void give_back(std::unique_ptr<icu::Transliterator> t) {
    std::lock_guard lock(mutex);
    if (idle.size() < 16) idle.push_back(std::move(t));
  }
};

core::Result<IcuTransliterator> IcuTransliterator::create(std::string_view id) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString uid =
      icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), static_cast<int32_t>(id.size())));
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(uid, UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) {
    return core::Error::internal("ICU transform " + std::string(id) +
                                 " is not available: " + u_errorName(status));
  }
  auto pool = std::make_unique<Pool>();
  pool->id = std::string(id);
  pool->prototype = std::move(t);
  return IcuTransliterator(std::move(pool));
}

IcuTransliterator::IcuTransliterator(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}
IcuTransliterator::IcuTransliterator(IcuTransliterator&&) noexcept = default;
IcuTransliterator& IcuTransliterator::operator=(IcuTransliterator&&) noexcept = default;
IcuTransliterator::~IcuTransliterator() = default;

const std::string& IcuTransliterator::id() const {
  return pool_->id;
}

std::string IcuTransliterator::transliterate(std::string_view utf8) const {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  auto t = pool_->borrow();
  t->transliterate(text);
  pool_->give_back(std::move(t));
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace haven::search
