// The client address behind reverse proxies: X-Forwarded-For is believed only from trusted proxies,
// and only up to the first hop that is not one — so a client cannot pick its own throttling key.
#include "http/client_address.h"

#include <gtest/gtest.h>

namespace haven::http {
namespace {

TrustedProxies proxies(const std::vector<std::string>& cidrs) {
  auto t = TrustedProxies::parse(cidrs);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? *t : TrustedProxies{};
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClient) {
  EXPECT_EQ(resolve_client_address("203.0.113.9", {"198.51.100.1"}, {}), "203.0.113.9");
  EXPECT_EQ(resolve_client_address("10.0.0.5", {"198.51.100.1"}, proxies({})), "10.0.0.5");
}

TEST(ClientAddress, AnUntrustedPeerCannotClaimAnotherAddress) {
  auto t = proxies({"10.0.0.0/8"});
  EXPECT_EQ(resolve_client_address("203.0.113.9", {"198.51.100.1"}, t), "203.0.113.9");
}

TEST(ClientAddress, ATrustedProxyForwardsTheRightMostUntrustedHop) {
  auto t = proxies({"10.0.0.0/8", "192.168.1.1"});
  // The client forged "1.2.3.4"; the edge proxy appended the real address, the inner one its own.
  EXPECT_EQ(resolve_client_address("10.1.2.3", {"1.2.3.4, 198.51.100.7, 192.168.1.1"}, t),
            "198.51.100.7");
  // Several header lines count as one list, in order.
  EXPECT_EQ(resolve_client_address("10.1.2.3", {"1.2.3.4", "198.51.100.7"}, t), "198.51.100.7");
  // Ports and brackets are removed.
  EXPECT_EQ(resolve_client_address("10.1.2.3", {"198.51.100.7:4431"}, t), "198.51.100.7");
  EXPECT_EQ(resolve_client_address("10.1.2.3", {"[2001:db8::7]:443"}, t), "2001:db8::7");
}

TEST(ClientAddress, ATrustedPeerWithoutForwardedForIsTheClient) {
  auto t = proxies({"10.0.0.0/8"});
  EXPECT_EQ(resolve_client_address("10.1.2.3", {}, t), "10.1.2.3");
}

TEST(ClientAddress, AllHopsTrustedGivesTheLeftMost) {
  auto t = proxies({"10.0.0.0/8"});
  EXPECT_EQ(resolve_client_address("10.0.0.1", {"10.9.9.9, 10.0.0.2"}, t), "10.9.9.9");
}

TEST(ClientAddress, AGarbledHopStopsTheWalk) {
  auto t = proxies({"10.0.0.0/8"});
  EXPECT_EQ(resolve_client_address("10.0.0.1", {"198.51.100.7, not-an-ip, 10.0.0.2"}, t),
            "10.0.0.2");
  EXPECT_EQ(resolve_client_address("10.0.0.1", {"unknown"}, t), "10.0.0.1");
}

TEST(ClientAddress, IPv6AndMappedIPv4) {
  auto t = proxies({"fd00::/8", "127.0.0.1"});
  EXPECT_EQ(resolve_client_address("fd12::1", {"2001:db8::9"}, t), "2001:db8::9");
  EXPECT_EQ(resolve_client_address("::ffff:127.0.0.1", {"198.51.100.7"}, t), "198.51.100.7");
  EXPECT_EQ(normalize_ip("::ffff:192.0.2.1"), "192.0.2.1");
}

TEST(IpNetwork, PrefixesMatchExactlyTheirRange) {
  auto n = IpNetwork::parse("172.16.0.0/12");
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->contains("172.16.0.1"));
  EXPECT_TRUE(n->contains("172.31.255.255"));
  EXPECT_FALSE(n->contains("172.32.0.0"));
  EXPECT_FALSE(n->contains("2001:db8::1"));
  auto all = IpNetwork::parse("0.0.0.0/0");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->contains("8.8.8.8"));
  auto host = IpNetwork::parse("2001:db8::1");
  ASSERT_TRUE(host.ok());
  EXPECT_TRUE(host->contains("2001:db8::1"));
  EXPECT_FALSE(host->contains("2001:db8::2"));
}

TEST(IpNetwork, RefusesWhatIsNotANetwork) {
  for (const char* bad : {"", "10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "fd00::/129", "localhost",
                          "10.0.0.0/8x", "/8"}) {
    auto n = IpNetwork::parse(bad);
    EXPECT_FALSE(n.ok()) << bad;
  }
  auto t = TrustedProxies::parse({"10.0.0.0/8", "nonsense"});
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("nonsense"), std::string::npos);
}

}  // namespace
}  // namespace haven::http
