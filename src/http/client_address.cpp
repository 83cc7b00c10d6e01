// CIDR matching with inet_pton, and the right-to-left walk over X-Forwarded-For.
#include "http/client_address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

#include "http/ows.h"

namespace haven::http {

namespace {

struct Parsed {
  std::array<uint8_t, 16> bytes{};
  bool v4 = true;
};

std::optional<Parsed> parse_ip(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  Parsed p;
  in_addr v4{};
  if (::inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    std::memcpy(p.bytes.data(), &v4, 4);
    return p;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, s.c_str(), &v6) != 1) return std::nullopt;
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(v6.s6_addr, kMapped, 12) == 0) {
    std::memcpy(p.bytes.data(), v6.s6_addr + 12, 4);
    return p;
  }
  p.v4 = false;
  std::memcpy(p.bytes.data(), v6.s6_addr, 16);
  return p;
}

// Removes "[…]" and a ":port" so inet_pton sees only the address.
std::string_view host_part(std::string_view s) {
  s = trim_ows(s);
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    return close == std::string_view::npos ? std::string_view() : s.substr(1, close - 1);
  }
  // One colon: IPv4 with a port. More: a bare IPv6 address.
  if (auto colon = s.find(':');
      colon != std::string_view::npos && s.find(':', colon + 1) == std::string_view::npos)
    return s.substr(0, colon);
  return s;
}

std::string to_text(const Parsed& p) {
  char buf[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(p.v4 ? AF_INET : AF_INET6, p.bytes.data(), buf, sizeof buf);
  return buf;
}

}  // namespace

core::Result<IpNetwork> IpNetwork::parse(std::string_view cidr) {
  auto bad = [&] {
    return core::Error::invalid("\"" + std::string(cidr) +
                                "\" is not an IP network such as \"10.0.0.0/8\" or \"fd00::/8\"");
  };
  std::string_view text = trim_ows(cidr);
  std::string_view addr = text;
  std::optional<int> prefix;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    addr = text.substr(0, slash);
    std::string_view digits = text.substr(slash + 1);
    int v = -1;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return bad();
    prefix = v;
  }
  auto ip = parse_ip(addr);
  if (!ip) return bad();
  IpNetwork n;
  n.bytes_ = ip->bytes;
  n.v4_ = ip->v4;
  const int max = ip->v4 ? 32 : 128;
  n.prefix_ = prefix.value_or(max);
  if (n.prefix_ < 0 || n.prefix_ > max) return bad();
  return n;
}

bool IpNetwork::contains(std::string_view address) const {
  auto ip = parse_ip(host_part(address));
  if (!ip || ip->v4 != v4_) return false;
  int bits = prefix_;
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((ip->bytes[i] & mask) != (bytes_[i] & mask)) return false;
  }
  return true;
}

core::Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& cidrs) {
  TrustedProxies t;
  for (const auto& c : cidrs) {
    auto n = IpNetwork::parse(c);
    if (!n.ok()) return n.take_error();
    t.networks_.push_back(std::move(n).value());
  }
  return t;
}

bool TrustedProxies::contains(std::string_view address) const {
  for (const auto& n : networks_)
    if (n.contains(address)) return true;
  return false;
}

std::string normalize_ip(std::string_view text) {
  auto ip = parse_ip(host_part(text));
  return ip ? to_text(*ip) : std::string();
}

std::string resolve_client_address(std::string_view peer,
                                   const std::vector<std::string>& forwarded_for,
                                   const TrustedProxies& trusted) {
  std::string client = normalize_ip(peer);
  if (client.empty()) client = std::string(peer);
  if (trusted.empty() || !trusted.contains(client)) return client;
  std::vector<std::string_view> hops;
  for (const auto& header : forwarded_for) {
    std::string_view rest = header;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      hops.push_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    std::string hop = normalize_ip(*it);
    if (hop.empty()) break;  // forged or garbled: believe nothing further left
    client = hop;
    if (!trusted.contains(hop)) break;
  }
  return client;
}

}  // namespace haven::http
