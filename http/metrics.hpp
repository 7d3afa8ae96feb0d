// HTTP metrics in Prometheus text format. Each worker thread records into its own shard
// (an uncontended mutex: only a scrape ever competes), so the hot path takes no shared lock.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace guichet::http {

class HttpMetrics {
 public:
  // Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  explicit HttpMetrics(unsigned workers);

  void record(unsigned worker, const std::string& route, std::string_view method, unsigned status,
              std::chrono::nanoseconds latency);
  void connection_opened(unsigned worker) { shards_[worker]->open.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed(unsigned worker) { shards_[worker]->open.fetch_sub(1, std::memory_order_relaxed); }
  void connection_refused() { refused_.fetch_add(1, std::memory_order_relaxed); }
  void timeout() { timeouts_.fetch_add(1, std::memory_order_relaxed); }

  std::string render() const;

 private:
  struct Histogram {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::map<std::tuple<std::string, std::string, unsigned>, unsigned long long> requests;
    std::map<std::string, Histogram> latency;
    std::atomic<long long> open{0};
  };
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<unsigned long long> refused_{0}, timeouts_{0};
};

}  // namespace guichet::http
