// The client address a request is counted under (login throttling, sessions, audit): the socket's
// peer, or — when that peer is one of the configured trusted proxies — the right-most address in
// X-Forwarded-For that is not itself a trusted proxy. Anyone can send X-Forwarded-For, so it is
// believed only as far as the chain of trusted proxies reaches; everything to the left of the first
// untrusted hop may be forged. Pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace haven::http {

// An IPv4 or IPv6 network in CIDR notation ("10.0.0.0/8", "fd00::/8"); a bare address is /32 or
// /128. IPv4-mapped IPv6 addresses (::ffff:10.1.2.3) count as IPv4.
class IpNetwork {
 public:
  // kInvalidInput naming the text for anything else (host bits set are allowed and ignored).
  static core::Result<IpNetwork> parse(std::string_view cidr);
  bool contains(std::string_view address) const;

 private:
  std::array<uint8_t, 16> bytes_{};
  bool v4_ = true;
  int prefix_ = 0;
};

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Every entry must parse; the error names the first that does not.
  static core::Result<TrustedProxies> parse(const std::vector<std::string>& cidrs);
  bool empty() const { return networks_.empty(); }
  bool contains(std::string_view address) const;

 private:
  std::vector<IpNetwork> networks_;
};

// An address as found in a header, normalised ("10.0.0.1", "2001:db8::1"): surrounding spaces,
// brackets and a port removed, IPv4-mapped IPv6 shown as IPv4. Empty if it is not an IP address.
std::string normalize_ip(std::string_view text);

// The client address: `peer` unless it is a trusted proxy; then X-Forwarded-For (every header
// occurrence, in order, comma-separated) is walked from the right, skipping trusted proxies, and
// the first other address is the client. If every hop is trusted, the left-most one is; a malformed
// hop stops the walk at the last good address to its right.
std::string resolve_client_address(std::string_view peer,
                                   const std::vector<std::string>& forwarded_for,
                                   const TrustedProxies& trusted);

}  // namespace haven::http
