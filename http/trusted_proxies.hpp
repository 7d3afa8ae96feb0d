// Who the client really is behind reverse proxies. guichet speaks no TLS and sets `Secure`
// cookies, so it runs behind a proxy whose address every candidate shares: throttling, the
// access log and the audit must see the address the proxy saw instead. X-Forwarded-For is
// believed only from the proxies named here (`serve --trusted-proxies`), and read from the
// right as nginx's `real_ip_recursive on` does: each trusted hop is skipped, the first
// untrusted address is the client. Anyone can write the left part of that header; only the
// hops appended by trusted proxies are taken.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace guichet::http {

class TrustedProxies {
 public:
  // A comma-separated list of addresses and CIDR ranges, IPv4 and IPv6, e.g.
  // "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8". Empty: nobody is trusted. A "usage" error names the
  // entry it cannot read.
  static Result<TrustedProxies> parse(std::string_view list);

  bool empty() const { return ranges_.empty(); }
  // False for anything that is not an address.
  bool contains(std::string_view address) const;

  // The client of a request whose TCP peer is `peer` (an address as text) and whose
  // X-Forwarded-For fields, joined by commas, are `forwarded_for`: the peer unless it is
  // trusted; then the first untrusted hop from the right (every hop trusted: the leftmost).
  // An empty header, or a hop that is not an address before the client is found: the peer.
  std::string client(std::string_view peer, std::string_view forwarded_for) const;

  // An address in its usual text form (IPv4-mapped IPv6 as IPv4), or nullopt.
  static std::optional<std::string> canonical(std::string_view address);

 private:
  // Every address as 16 bytes; IPv4 as IPv4-mapped IPv6 (its prefix + 96), so an IPv4 range
  // also covers a dual-stack socket's ::ffff:a.b.c.d peers.
  using Bytes = std::array<unsigned char, 16>;
  struct Range {
    Bytes network;
    unsigned prefix;
  };
  static std::optional<Bytes> bytes_of(std::string_view address);
  bool contains(const Bytes& address) const;

  std::vector<Range> ranges_;
};

}  // namespace guichet::http
