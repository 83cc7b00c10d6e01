// RFC 6238 over liboath's HOTP (RFC 4226) generator: we compute each candidate step ourselves so
// that the matched step is known exactly (replay detection) and comparisons are constant-time.
#include "security/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <stdexcept>

#include "security/encoding.h"
#include "security/qr_svg.h"

namespace haven::security {

namespace {

void ensure_oath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath could not be initialised");
  });
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

Secret generate_totp_secret() {
  return Secret::random(20);
}

int64_t totp_step(core::Timestamp at, const TotpParams& params) {
  return floor_div(floor_div(at.ms, 1000), params.period_seconds);
}

Secret totp_code(const Secret& secret, int64_t step, const TotpParams& params) {
  ensure_oath();
  if (params.digits < 6 || params.digits > 8)
    throw std::invalid_argument("TOTP digits must be 6 to 8");
  if (step < 0) throw std::invalid_argument("TOTP step before the epoch");
  std::array<char, 16> out{};
  int rc = oath_hotp_generate(reinterpret_cast<const char*>(secret.data()), secret.size(),
                              static_cast<uint64_t>(step), params.digits, false,
                              OATH_HOTP_DYNAMIC_TRUNCATION, out.data());
  if (rc != OATH_OK) throw std::runtime_error("liboath failed to compute a one-time password");
  Secret code = Secret::copy_of(std::string_view(out.data(), params.digits));
  sodium_memzero(out.data(), out.size());
  return code;
}

TotpCheck verify_totp(const Secret& secret, std::string_view code, core::Timestamp now,
                      std::optional<int64_t> last_used_step, const TotpParams& params) {
  std::string digits_only;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return {TotpOutcome::kMalformed, std::nullopt};
    digits_only.push_back(c);
  }
  if (digits_only.size() != params.digits) return {TotpOutcome::kMalformed, std::nullopt};

  int64_t current = totp_step(now, params);
  std::optional<int64_t> fresh_match;
  std::optional<int64_t> replayed_match;
  // Every candidate is computed and compared, so the time taken does not depend on which one
  // matched.
  for (int64_t step = current - params.window_steps; step <= current + params.window_steps;
       ++step) {
    if (step < 0) continue;
    Secret expected = totp_code(secret, step, params);
    if (constant_time_equal(expected.view(), digits_only)) {
      if (last_used_step && step <= *last_used_step) {
        replayed_match = step;
      } else if (!fresh_match) {
        fresh_match = step;
      }
    }
  }
  wipe(digits_only);
  if (fresh_match) return {TotpOutcome::kAccepted, fresh_match};
  if (replayed_match) return {TotpOutcome::kReplayed, replayed_match};
  return {TotpOutcome::kWrong, std::nullopt};
}

TotpCheck verify_totp(const Secret& secret, std::string_view code, const core::Clock& clock,
                      std::optional<int64_t> last_used_step, const TotpParams& params) {
  return verify_totp(secret, code, clock.now(), last_used_step, params);
}

Secret otpauth_uri(std::string_view username, const Secret& secret, std::string_view issuer,
                   const TotpParams& params) {
  std::string base32 = to_base32(secret.bytes());
  std::string uri = "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(username) +
                    "?secret=" + base32 + "&issuer=" + percent_encode(issuer) +
                    "&algorithm=SHA1&digits=" + std::to_string(params.digits) +
                    "&period=" + std::to_string(params.period_seconds);
  wipe(base32);
  return Secret::take(std::move(uri));
}

core::Result<TotpEnrollment> totp_enrollment(std::string_view username, const Secret& secret,
                                             std::string_view issuer, const TotpParams& params) {
  TotpEnrollment e;
  e.secret_base32 = Secret::take(to_base32(secret.bytes()));
  e.uri = otpauth_uri(username, secret, issuer, params);
  auto svg = qr_svg(e.uri.view(), "QR code to add " + std::string(username) +
                                      "'s sign-in codes to an authenticator app");
  if (!svg.ok()) return svg.take_error();
  e.qr_svg = Secret::take(std::move(svg.value()));
  return e;
}

}  // namespace haven::security
