// Tables of spellings that name the same given name: well-known diminutives per language (Sasha
// and Sascha for Aleksandr, Kasia for Katarzyna, Siggi for Sigurður) and the many Latin spellings
// of Arabic-origin names (Mohammed, Muhammad, Mohamad, Maxamed; Abdullah, Abdallah,
// Cabdullaahi). Two names sharing a group are "known variants" of each other; a group is never
// used to equate two different full names (Aleksandr is not Aleksandra even though both are Sasha).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace haven::search {

// Immutable after construction; instance() is built once and safe to share between threads.
class NameVariants {
 public:
  static const NameVariants& instance();

  // The groups a spelling belongs to: an ASCII lower-case fold ("sascha") or a word in its own
  // script ("محمد"). Empty when the spelling is in no group.
  std::span<const uint16_t> groups(std::string_view spelling) const;
  // The group's name: its first, canonical spelling ("muhammad").
  std::string_view group_name(uint16_t group) const { return names_[group]; }
  // True when the group holds Arabic-origin spellings (rather than diminutives).
  bool is_arabic_origin(uint16_t group) const { return arabic_[group]; }
  size_t group_count() const { return names_.size(); }

 private:
  NameVariants();
  std::unordered_map<std::string, std::vector<uint16_t>> by_spelling_;
  std::vector<std::string> names_;
  std::vector<bool> arabic_;
};

// Somali orthography respelt as documents write it: c (ʕ) dropped, x (ħ) → h, doubled vowels
// single (Cabdullaahi → abdullahi, Maxamed → mahamed, Xasan → hasan). Input and output are
// lower-case ASCII. Nullopt when the word shows no Somali spelling or the respelling is not a
// name this table knows and the word has no unmistakably Somali letter pair (aa, ii, uu with c/x).
std::optional<std::string> somali_respelling(std::string_view ascii);

// Arabic article and particles written as part of a word: "alhassan" → "hassan",
// "elkhalil" → "khalil", when the rest is a known Arabic-origin name. Nullopt otherwise.
std::optional<std::string> without_arabic_article(std::string_view ascii);

}  // namespace haven::search
