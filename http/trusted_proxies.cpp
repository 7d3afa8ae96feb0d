#include "http/trusted_proxies.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <charconv>

namespace guichet::http {
namespace ip = boost::asio::ip;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<ip::address> address_of(std::string_view text) {
  text = trim(text);
  // "[2001:db8::1]", as some proxies write IPv6 hops; no port either way.
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 64) return std::nullopt;
  boost::system::error_code ec;
  ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::address(ip::make_address_v4(ip::v4_mapped, a.to_v6()));
  return a;
}

template <class F>
void for_each_item(std::string_view list, F f) {
  while (true) {
    auto comma = list.find(',');
    f(list.substr(0, comma));
    if (comma == std::string_view::npos) return;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace

std::optional<TrustedProxies::Bytes> TrustedProxies::bytes_of(std::string_view text) {
  auto a = address_of(text);
  if (!a) return std::nullopt;
  if (a->is_v6()) return a->to_v6().to_bytes();
  return ip::make_address_v6(ip::v4_mapped, a->to_v4()).to_bytes();
}

std::optional<std::string> TrustedProxies::canonical(std::string_view text) {
  auto a = address_of(text);
  if (!a) return std::nullopt;
  return a->to_string();
}

Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  if (trim(list).empty()) return out;
  std::optional<Error> fault;
  for_each_item(list, [&](std::string_view item) {
    if (fault) return;
    item = trim(item);
    auto bad = [&] {
      fault = Error{ErrorCode::usage, "--trusted-proxies : adresse ou plage CIDR illisible : « " + std::string(item) + " »"};
    };
    std::string_view host = item;
    std::optional<unsigned> prefix;
    if (auto slash = item.find('/'); slash != std::string_view::npos) {
      host = item.substr(0, slash);
      std::string_view digits = item.substr(slash + 1);
      unsigned p = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return bad();
      prefix = p;
    }
    auto a = address_of(host);
    if (!a || host.empty() || host.front() == '[') return bad();
    const bool v4 = a->is_v4();
    if (prefix && *prefix > (v4 ? 32u : 128u)) return bad();
    Range r;
    r.network = *bytes_of(host);
    r.prefix = prefix ? *prefix + (v4 ? 96 : 0) : 128;
    // Host bits set ("10.1.2.3/8") are ignored, as nginx does.
    for (unsigned bit = r.prefix; bit < 128; ++bit) r.network[bit / 8] &= static_cast<unsigned char>(~(0x80u >> (bit % 8)));
    out.ranges_.push_back(r);
  });
  if (fault) return *fault;
  return out;
}

bool TrustedProxies::contains(const Bytes& a) const {
  for (const Range& r : ranges_) {
    unsigned whole = r.prefix / 8, rest = r.prefix % 8;
    bool match = std::equal(a.begin(), a.begin() + whole, r.network.begin());
    if (match && rest) {
      auto mask = static_cast<unsigned char>(0xFFu << (8 - rest));
      match = (a[whole] & mask) == r.network[whole];
    }
    if (match) return true;
  }
  return false;
}

bool TrustedProxies::contains(std::string_view address) const {
  if (ranges_.empty()) return false;
  auto b = bytes_of(address);
  return b && contains(*b);
}

std::string TrustedProxies::client(std::string_view peer, std::string_view forwarded_for) const {
  if (!contains(peer) || trim(forwarded_for).empty()) return std::string(peer);
  // Hops from the right: the last one was appended by the peer itself.
  std::vector<std::string_view> hops;
  for_each_item(forwarded_for, [&](std::string_view hop) { hops.push_back(hop); });
  std::string client;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto a = address_of(*it);
    if (!a) return std::string(peer);  // not an address where a trusted proxy wrote one
    client = a->to_string();
    Bytes b = a->is_v6() ? a->to_v6().to_bytes() : ip::make_address_v6(ip::v4_mapped, a->to_v4()).to_bytes();
    if (!contains(b)) return client;
  }
  return client;  // every hop is a trusted proxy: the leftmost is the client
}

}  // namespace guichet::http
