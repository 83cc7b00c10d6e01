// Fuzz target: exchange packages as a contact point receives them from another country
// (exchange/package open). A package is sealed to our key, so random bytes never get past the
// envelope; the first byte therefore picks what the rest is:
//   0  the envelope as received (format, recipient key, sealed content)
//   1  the signed inner document (header and payload JSON), which the target signs with a trusted
//      partner's key and seals to ours, so the header and payload checks behind the crypto are
//      reached
//   2  a partner's public identity file (Identity::from_json), as `haven exchange trust add` reads
//   it 3  base64 text (from_base64), as every key and envelope carries
// open() must set exactly one of accepted/refused; an accepted package's receipt must seal.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "exchange/key_file.h"
#include "exchange/package.h"
#include "fuzz_support.h"

namespace ex = haven::exchange;

namespace {

constexpr int64_t kNow = 1'790'000'000'000;  // 2026-09-21, ms

struct Partners {
  ex::InstanceKeys se =
      ex::InstanceKeys::generate("SE", "Socialstyrelsen", "https://se.example/inbox");
  ex::InstanceKeys lv = ex::InstanceKeys::generate("LV", "VBTAI", "https://lv.example/inbox");
  ex::TrustList lv_trusts;
  Partners() {
    if (!lv_trusts.add(se.identity()).ok()) std::abort();
  }
};

const Partners& partners() {
  static const Partners p;
  return p;
}

// What seal() does, for an inner document of the fuzzer's choosing.
std::string envelope_around(const std::string& inner, const Partners& p) {
  std::string signed_msg(inner.size() + crypto_sign_BYTES, '\0');
  unsigned long long signed_len = 0;
  crypto_sign(reinterpret_cast<unsigned char*>(signed_msg.data()), &signed_len,
              reinterpret_cast<const unsigned char*>(inner.data()), inner.size(),
              p.se.signing_secret().data());
  signed_msg.resize(signed_len);
  std::string sealed(signed_msg.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                  reinterpret_cast<const unsigned char*>(signed_msg.data()), signed_msg.size(),
                  p.lv.identity().encryption_key.data());
  return nlohmann::json{{"format", ex::kEnvelopeFormat},
                        {"recipient", ex::key_text(p.lv.identity().encryption_key)},
                        {"sealed", ex::to_base64(sealed)}}
      .dump();
}

void open_and_check(const std::string& envelope, const Partners& p) {
  const ex::OpenResult r = ex::open(envelope, p.lv, p.lv_trusts, {kNow});
  if (r.accepted.has_value() == r.refused.has_value()) std::abort();
  if (r.accepted) {
    const ex::Package receipt =
        ex::make_receipt(*r.accepted, "0192c3a4-0000-7000-8000-0000000000ff", {kNow});
    if (!ex::seal(receipt, p.lv, p.se.identity()).ok()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (sodium_init() < 0) std::abort();
  (void)partners();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(haven::fuzz::as_text(data + 1, size - 1));
  const Partners& p = partners();
  switch (data[0] % 4) {
    case 0:
      open_and_check(text, p);
      break;
    case 1:
      open_and_check(envelope_around(text, p), p);
      break;
    case 2:
      if (auto id = ex::Identity::from_json(text); id.ok()) {
        if (!ex::Identity::from_json(id->to_json()).ok()) std::abort();
      }
      break;
    default:
      if (auto bytes = ex::from_base64(text); bytes.ok()) {
        if (*ex::from_base64(ex::to_base64(*bytes)) != *bytes) std::abort();
      }
      break;
  }
  return 0;
}
