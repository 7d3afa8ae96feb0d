#include "http/metrics.hpp"

#include <fmt/format.h>

namespace guichet::http {

HttpMetrics::HttpMetrics(unsigned workers) {
  for (unsigned i = 0; i < workers; ++i) shards_.push_back(std::make_unique<Shard>());
}

void HttpMetrics::record(unsigned worker, const std::string& route, std::string_view method, unsigned status,
                         std::chrono::nanoseconds latency) {
  Shard& s = *shards_[worker];
  double seconds = std::chrono::duration<double>(latency).count();
  std::lock_guard lock(s.mutex);
  // The method is the client's text: anything but the methods guichet routes is one value, so
  // a scanner's invented methods cannot grow the series without bound.
  static constexpr std::string_view kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "-"};
  std::string_view shown = "other";
  for (auto known : kKnown)
    if (method == known) shown = known;
  auto key = std::make_tuple(route, std::string(shown), status);
  ++s.requests[std::move(key)];
  Histogram& h = s.latency[route];
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

namespace {
// Label values are route templates and methods chosen by the server, but escape anyway.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out;
}
}  // namespace

std::string HttpMetrics::render() const {
  std::map<std::tuple<std::string, std::string, unsigned>, unsigned long long> requests;
  std::map<std::string, Histogram> latency;
  long long open = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    for (const auto& [k, v] : shard->requests) requests[k] += v;
    for (const auto& [route, h] : shard->latency) {
      Histogram& t = latency[route];
      for (size_t i = 0; i < kBuckets.size(); ++i) t.buckets[i] += h.buckets[i];
      t.count += h.count;
      t.sum += h.sum;
    }
    open += shard->open.load(std::memory_order_relaxed);
  }
  std::string out;
  out += "# HELP guichet_http_requests_total HTTP requests answered, by route template, method and status.\n";
  out += "# TYPE guichet_http_requests_total counter\n";
  for (const auto& [k, v] : requests)
    out += fmt::format("guichet_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       label(std::get<0>(k)), label(std::get<1>(k)), std::get<2>(k), v);
  out += "# HELP guichet_http_request_duration_seconds Time from a request fully read to its response written.\n";
  out += "# TYPE guichet_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency) {
    std::string r = label(route);
    for (size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("guichet_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", r, kBuckets[i],
                         h.buckets[i]);
    out += fmt::format("guichet_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", r, h.count);
    out += fmt::format("guichet_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", r, h.sum);
    out += fmt::format("guichet_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", r, h.count);
  }
  out += "# HELP guichet_http_open_connections Client connections currently open.\n";
  out += "# TYPE guichet_http_open_connections gauge\n";
  out += fmt::format("guichet_http_open_connections {}\n", open);
  out += "# HELP guichet_http_connections_refused_total Connections closed at once because the server was full.\n";
  out += "# TYPE guichet_http_connections_refused_total counter\n";
  out += fmt::format("guichet_http_connections_refused_total {}\n", refused_.load());
  out += "# HELP guichet_http_timeouts_total Connections closed because a client was too slow or idle.\n";
  out += "# TYPE guichet_http_timeouts_total counter\n";
  out += fmt::format("guichet_http_timeouts_total {}\n", timeouts_.load());
  return out;
}

}  // namespace guichet::http
