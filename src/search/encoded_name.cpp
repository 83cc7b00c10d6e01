// Layout: [token count] then per token [flags, text, n, spellings…, n, stems…, n, keys…, n,
// groups…].
#include "search/encoded_name.h"

namespace haven::search {
namespace {

template <class Resolve>
void encode(const NormalizedName& name, std::vector<uint32_t>& out, Resolve resolve) {
  const size_t count = std::min(name.tokens.size(), kMaxTokensPerName);
  out.push_back(static_cast<uint32_t>(count));
  for (size_t i = 0; i < count; ++i) {
    const NameToken& t = name.tokens[i];
    uint32_t flags = 0;
    if (t.alternative) flags |= kTokenAlternative;
    if (t.patronymic) flags |= kTokenPatronymic;
    if (t.script != Script::kLatin) flags |= kTokenNonLatin;
    out.push_back(flags);
    out.push_back(resolve(t.text));
    for (const auto* list : {&t.spellings, &t.stems, &t.keys}) {
      out.push_back(static_cast<uint32_t>(list->size()));
      for (const auto& s : *list) out.push_back(resolve(s));
    }
    out.push_back(static_cast<uint32_t>(t.groups.size()));
    for (uint16_t g : t.groups) out.push_back(g);
  }
}

}  // namespace

void encode_name(const NormalizedName& name, StringPool& pool, std::vector<uint32_t>& out) {
  encode(name, out, [&](std::string_view s) { return pool.intern(s); });
}

void lookup_name(const NormalizedName& name, const StringPool& pool, std::vector<uint32_t>& out) {
  encode(name, out, [&](std::string_view s) { return pool.find(s); });
}

size_t decode_name(std::span<const uint32_t> data, size_t pos, std::vector<TokenRef>& tokens) {
  tokens.clear();
  const uint32_t count = data[pos++];
  for (uint32_t i = 0; i < count; ++i) {
    TokenRef t;
    t.flags = data[pos++];
    t.text = data[pos++];
    std::span<const uint32_t>* lists[] = {&t.spellings, &t.stems, &t.keys, &t.groups};
    for (auto* list : lists) {
      const uint32_t n = data[pos++];
      *list = data.subspan(pos, n);
      pos += n;
    }
    if (tokens.size() < kMaxTokensPerName) tokens.push_back(t);
  }
  return pos;
}

}  // namespace haven::search
