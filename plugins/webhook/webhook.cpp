// webhook: posts chosen domain events as JSON to configured URLs, signed with HMAC-SHA256.
// Built against the public SDK only (plugins/sdk/guichet_plugin.h), plus libcurl, OpenSSL's
// HMAC and Boost.JSON.
//
// Each request carries:
//   Content-Type: application/json
//   Guichet-Event-Id: <the event's stable id>          (de-duplicate on it: delivery is at least once)
//   Guichet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// A receiver recomputes the HMAC over the raw body and refuses a timestamp older than its
// replay window (300 s advised). 2xx: delivered; 408, 429, 5xx and network errors: retried by
// the host with backoff; other 4xx: refused (parked by the host and retried later anyway).
#include <curl/curl.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "guichet_plugin.h"

namespace {

namespace json = boost::json;

struct Endpoint {
  std::string url, secret;
  std::vector<std::string> events;     // type prefixes
  std::vector<std::string> academies;  // empty: every académie
};

const guichet_host_api* host = nullptr;
guichet_plugin_ctx* self = nullptr;
std::vector<Endpoint> endpoints;
long timeout_ms = 10000;

void log(guichet_log_level level, const std::string& message) { host->log(self, level, {message.data(), message.size()}); }

std::string hex_hmac_sha256(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), mac, &len);
  std::string out;
  char b[3];
  for (unsigned i = 0; i < len; ++i) {
    std::snprintf(b, sizeof b, "%02x", mac[i]);
    out += b;
  }
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

bool wants(const Endpoint& e, const std::string& type, const std::string& academy) {
  bool typed = false;
  for (const auto& p : e.events) typed = typed || starts_with(type, p);
  if (!typed) return false;
  // Events of no académie (accounts are national) pass the filter.
  if (e.academies.empty() || academy.empty()) return true;
  for (const auto& a : e.academies)
    if (a == academy) return true;
  return false;
}

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

// One POST; the outcome as the host understands it.
guichet_status post(const Endpoint& e, const std::string& id, const std::string& body) {
  const long long t = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::string signature = "Guichet-Signature: t=" + std::to_string(t) +
                          ",v1=" + hex_hmac_sha256(e.secret, std::to_string(t) + "." + body);
  std::string event_id = "Guichet-Event-Id: " + id;
  CURL* curl = curl_easy_init();
  if (!curl) return GUICHET_RETRY;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, signature.c_str());
  headers = curl_slist_append(headers, event_id.c_str());
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(curl, CURLOPT_URL, e.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 5000L));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "guichet-webhook/1.0");
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    log(GUICHET_LOG_WARN, e.url + " : " + curl_easy_strerror(rc));
    return GUICHET_RETRY;
  }
  if (status >= 200 && status < 300) return GUICHET_OK;
  log(GUICHET_LOG_WARN, e.url + " a répondu " + std::to_string(status) + " pour " + id);
  if (status == 408 || status == 429 || status >= 500) return GUICHET_RETRY;
  return GUICHET_ERROR;
}

std::string text(guichet_str s) { return s.data ? std::string(s.data, s.len) : std::string(); }

guichet_status on_event(void*, const guichet_event* ev) {
  const std::string type = text(ev->type);
  boost::system::error_code ec;
  json::value payload = json::parse(text(ev->payload), ec);
  if (ec) payload = json::object();
  std::string academy;
  if (payload.is_object())
    if (const auto* a = payload.as_object().if_contains("academy"); a && a->is_string()) academy = a->as_string();
  std::string body;
  guichet_status result = GUICHET_OK;
  for (const auto& e : endpoints) {
    if (!wants(e, type, academy)) continue;
    if (body.empty())
      body = json::serialize(json::object{{"id", text(ev->id)},
                                          {"type", type},
                                          {"aggregate", text(ev->aggregate)},
                                          {"occurred_at", ev->occurred_at},
                                          {"attempt", ev->attempt},
                                          {"data", payload}});
    guichet_status st = post(e, text(ev->id), body);
    // The strongest failure wins: a retry is worth more than a refusal.
    if (st == GUICHET_RETRY || (st == GUICHET_ERROR && result == GUICHET_OK)) result = st;
  }
  return result;
}

const char* kSchema = R"({
  "type": "object",
  "properties": {
    "endpoints": {
      "type": "array", "minItems": 1, "maxItems": 50,
      "items": {
        "type": "object",
        "properties": {
          "url": {"type": "string", "minLength": 8, "maxLength": 2000},
          "secret": {"type": "string", "minLength": 16, "maxLength": 200},
          "events": {"type": "array", "minItems": 1, "items": {"type": "string", "maxLength": 100}},
          "academies": {"type": "array", "items": {"type": "string", "maxLength": 50}}
        },
        "required": ["url", "secret", "events"],
        "additionalProperties": false
      }
    },
    "timeout_ms": {"type": "integer", "minimum": 100, "maximum": 60000}
  },
  "required": ["endpoints"],
  "additionalProperties": false
})";

int init(guichet_plugin_ctx* ctx, const guichet_host_api* h) {
  host = h;
  self = ctx;
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 1;
  guichet_str c = h->config(ctx);
  json::object config = json::parse(std::string(c.data, c.len)).as_object();  // validated by the host
  if (auto* t = config.if_contains("timeout_ms")) timeout_ms = static_cast<long>(t->as_int64());
  std::vector<std::string> prefixes;
  for (const auto& v : config.at("endpoints").as_array()) {
    const auto& o = v.as_object();
    Endpoint e;
    e.url = o.at("url").as_string();
    e.secret = o.at("secret").as_string();
    if (!starts_with(e.url, "http://") && !starts_with(e.url, "https://")) {
      log(GUICHET_LOG_ERROR, "adresse refusée (http:// ou https:// attendu) : " + e.url);
      return 2;
    }
    for (const auto& p : o.at("events").as_array()) e.events.emplace_back(p.as_string());
    if (auto* a = o.if_contains("academies"))
      for (const auto& x : a->as_array()) e.academies.emplace_back(x.as_string());
    for (const auto& p : e.events) prefixes.push_back(p);
    endpoints.push_back(std::move(e));
  }
  // One subscription covering every endpoint's types; the plugin routes each event itself.
  std::sort(prefixes.begin(), prefixes.end());
  prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
  for (const auto& p : prefixes) {
    bool covered = false;  // "registration." already covers "registration.created"
    for (const auto& q : prefixes) covered = covered || (q != p && starts_with(p, q));
    if (!covered && h->subscribe(ctx, {p.data(), p.size()}, on_event, nullptr) != 0) return 3;
  }
  log(GUICHET_LOG_INFO, std::to_string(endpoints.size()) + " destination(s) configurée(s)");
  return 0;
}

void shutdown(guichet_plugin_ctx*) { curl_global_cleanup(); }

const guichet_plugin_def def = {
    GUICHET_PLUGIN_ABI_MAJOR, 0, "webhook", "1.0.0",
    "Envoie les événements choisis en JSON signé (HMAC-SHA256) à des adresses HTTP", kSchema, init, shutdown,
};

}  // namespace

extern "C" GUICHET_PLUGIN_EXPORT const guichet_plugin_def* guichet_plugin_entry(void) { return &def; }
