// Trusted proxies: the list (addresses, CIDR ranges, IPv4 and IPv6) and the client read from
// X-Forwarded-For from the right, as nginx's real_ip_recursive does.
#include <gtest/gtest.h>

#include "http/trusted_proxies.hpp"

namespace guichet::http {
namespace {

TrustedProxies proxies(const char* list) {
  auto p = TrustedProxies::parse(list);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  return p.ok() ? *p : TrustedProxies{};
}

TEST(TrustedProxies, ReadsAddressesAndRangesOfBothFamilies) {
  auto p = proxies(" 127.0.0.1, 10.0.0.0/8,192.168.1.0/24 , ::1, fd00::/8, 2001:db8::/126");
  EXPECT_TRUE(p.contains("127.0.0.1"));
  EXPECT_FALSE(p.contains("127.0.0.2"));
  EXPECT_TRUE(p.contains("10.255.3.4"));
  EXPECT_FALSE(p.contains("11.0.0.1"));
  EXPECT_TRUE(p.contains("192.168.1.254"));
  EXPECT_FALSE(p.contains("192.168.2.1"));
  EXPECT_TRUE(p.contains("::1"));
  EXPECT_TRUE(p.contains("fd12:3456::1"));
  EXPECT_FALSE(p.contains("fe80::1"));
  EXPECT_TRUE(p.contains("2001:db8::3"));
  EXPECT_FALSE(p.contains("2001:db8::4"));
  // A dual-stack socket's IPv4 peer is the same address.
  EXPECT_TRUE(p.contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(p.contains("not an address"));
  EXPECT_FALSE(p.contains(""));
}

TEST(TrustedProxies, EmptyTrustsNobodyAndBadEntriesAreNamed) {
  EXPECT_TRUE(proxies("").empty());
  EXPECT_TRUE(proxies("  ").empty());
  EXPECT_FALSE(proxies("").contains("127.0.0.1"));
  for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0.1/", "10.0.0.1/x", "proxy.local", "10.0.0.1,,::1",
                          "10.0.0.256", "[::1]", "10.0.0.0/-1"}) {
    auto p = TrustedProxies::parse(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().code, ErrorCode::usage);
    EXPECT_NE(p.error().message.find("--trusted-proxies"), std::string::npos);
  }
  // Host bits are ignored, as nginx does; /0 trusts everybody (the operator said so).
  EXPECT_TRUE(proxies("10.1.2.3/8").contains("10.200.0.1"));
  EXPECT_TRUE(proxies("0.0.0.0/0").contains("203.0.113.9"));
}

TEST(TrustedProxies, AnUntrustedPeerIsTheClientWhateverItClaims) {
  auto p = proxies("10.0.0.0/8");
  EXPECT_EQ(p.client("203.0.113.7", "198.51.100.1"), "203.0.113.7");
  EXPECT_EQ(proxies("").client("203.0.113.7", "198.51.100.1"), "203.0.113.7");
}

TEST(TrustedProxies, BehindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient) {
  auto p = proxies("10.0.0.0/8, ::1");
  EXPECT_EQ(p.client("10.0.0.2", "198.51.100.1"), "198.51.100.1");
  // The client wrote the left part itself: only what trusted proxies appended counts.
  EXPECT_EQ(p.client("10.0.0.2", "1.2.3.4, 198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(p.client("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.9"), "198.51.100.1");
  EXPECT_EQ(p.client("10.0.0.2", "garbage, 198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(p.client("::1", " 2001:db8::7 "), "2001:db8::7");
  EXPECT_EQ(p.client("::1", "[2001:db8::7]"), "2001:db8::7");
  EXPECT_EQ(p.client("::1", "::ffff:198.51.100.3"), "198.51.100.3");
  // Several header fields are one list, in order.
  EXPECT_EQ(p.client("10.0.0.2", "198.51.100.1,10.0.0.5"), "198.51.100.1");
  // Every hop trusted: the leftmost.
  EXPECT_EQ(p.client("10.0.0.2", "10.0.0.3, 10.0.0.4"), "10.0.0.3");
}

TEST(TrustedProxies, AMalformedHeaderFallsBackToThePeer) {
  auto p = proxies("10.0.0.0/8");
  EXPECT_EQ(p.client("10.0.0.2", ""), "10.0.0.2");
  EXPECT_EQ(p.client("10.0.0.2", "   "), "10.0.0.2");
  EXPECT_EQ(p.client("10.0.0.2", "unknown"), "10.0.0.2");
  EXPECT_EQ(p.client("10.0.0.2", "198.51.100.1:4711"), "10.0.0.2");
  EXPECT_EQ(p.client("10.0.0.2", "198.51.100.1, "), "10.0.0.2");
  EXPECT_EQ(p.client("10.0.0.2", "198.51.100.1, bad, 10.0.0.3"), "10.0.0.2");
  EXPECT_EQ(p.client("10.0.0.2", "198.51.100.1\r\nX: y"), "10.0.0.2");
}

TEST(TrustedProxies, CanonicalNamesOneAddressOneWay) {
  EXPECT_EQ(*TrustedProxies::canonical("::FFFF:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(*TrustedProxies::canonical("2001:DB8:0::1"), "2001:db8::1");
  EXPECT_FALSE(TrustedProxies::canonical("x").has_value());
}

}  // namespace
}  // namespace guichet::http
