// Turning the hub's scored pairs into the two score-free lists the countries receive.
#include "linkage/country_links.h"

#include <sodium.h>

#include <algorithm>

#include "linkage/linkage_secret.h"

namespace haven::linkage {

CountryLinks split_for_countries(const EncodingSet& a, const EncodingSet& b,
                                 std::span<const ScoredPair> pairs,
                                 const std::array<uint8_t, 32>& run_key) {
  detail::ensure_sodium();
  CountryLinks out;
  out.a.reserve(pairs.size());
  out.b.reserve(pairs.size());
  for (const ScoredPair& p : pairs) {
    uint8_t msg[16], digest[8];
    const uint64_t ra = a.ref(p.a), rb = b.ref(p.b);
    for (int i = 0; i < 8; ++i) {
      msg[i] = static_cast<uint8_t>(ra >> (8 * i));
      msg[8 + i] = static_cast<uint8_t>(rb >> (8 * i));
    }
    crypto_generichash(digest, sizeof digest, msg, sizeof msg, run_key.data(), run_key.size());
    uint64_t link = 0;
    for (int i = 7; i >= 0; --i) link = (link << 8) | digest[i];
    out.a.push_back({link, ra});
    out.b.push_back({link, rb});
  }
  auto by_link = [](const LinkRow& x, const LinkRow& y) { return x.link < y.link; };
  std::sort(out.a.begin(), out.a.end(), by_link);
  std::sort(out.b.begin(), out.b.end(), by_link);
  return out;
}

}  // namespace haven::linkage
