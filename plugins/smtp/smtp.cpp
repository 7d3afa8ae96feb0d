// smtp: the mail transport that sends guichet's mails through an SMTP server, with libcurl
// (STARTTLS or implicit TLS, authentication, timeouts). Built against the public SDK only.
//
// Retries belong to the host: a mail that fails stays in guichet's outbox and is tried again
// with backoff (30 s, 1 min, 2 min ... 1 h). This plugin says which failures are worth it:
// network errors, timeouts and 4xx replies answer RETRY; 5xx replies (a refused address)
// answer ERROR, logged as such, and are retried all the same in case the refusal was local.
// The message carries its own Message-ID, stable across retries, for receivers to de-duplicate.
#include <curl/curl.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cstring>
#include <string>

#include "guichet_plugin.h"

namespace {

namespace json = boost::json;

const guichet_host_api* host = nullptr;
guichet_plugin_ctx* self = nullptr;

struct Settings {
  std::string url;       // smtp://host:587 (STARTTLS) or smtps://host:465 (implicit TLS)
  std::string starttls;  // required | optional | none
  std::string username, password, ca_file, from;
  long timeout_ms = 30000;
} settings;

void log(guichet_log_level level, const std::string& message) { host->log(self, level, {message.data(), message.size()}); }

guichet_buffer copy_out(const std::string& s) {
  guichet_buffer b{static_cast<char*>(host->alloc(s.size())), s.size()};
  if (b.data) std::memcpy(b.data, s.data(), s.size());
  else b.len = 0;
  return b;
}

struct Reader {
  const char* data;
  size_t left;
};

size_t read_message(char* buffer, size_t size, size_t n, void* user) {
  auto* r = static_cast<Reader*>(user);
  size_t take = std::min(size * n, r->left);
  std::memcpy(buffer, r->data, take);
  r->data += take;
  r->left -= take;
  return take;
}

guichet_status send_mail(void*, guichet_str message_id, guichet_str recipient, guichet_str message,
                         guichet_buffer* error) {
  const std::string id(message_id.data, message_id.len);
  const std::string rcpt = "<" + std::string(recipient.data, recipient.len) + ">";
  const std::string from = "<" + settings.from + ">";
  CURL* curl = curl_easy_init();
  if (!curl) {
    *error = copy_out("libcurl indisponible");
    return GUICHET_RETRY;
  }
  Reader reader{message.data, message.len};
  curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
  char detail[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (settings.starttls == "required") curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  else if (settings.starttls == "optional") curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!settings.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, settings.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(settings.timeout_ms, 10000L));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
  CURLcode rc = curl_easy_perform(curl);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(rcpts);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return GUICHET_OK;
  std::string why = std::string(curl_easy_strerror(rc)) + (detail[0] ? std::string(" : ") + detail : "") +
                    (reply ? " (réponse SMTP " + std::to_string(reply) + ")" : "");
  *error = copy_out(why);
  log(reply >= 500 ? GUICHET_LOG_ERROR : GUICHET_LOG_WARN, "mail " + id + " non remis : " + why);
  return reply >= 500 ? GUICHET_ERROR : GUICHET_RETRY;
}

const char* kSchema = R"({
  "type": "object",
  "properties": {
    "url": {"type": "string", "minLength": 8, "maxLength": 500},
    "starttls": {"type": "string", "enum": ["required", "optional", "none"]},
    "username": {"type": "string", "maxLength": 200},
    "password": {"type": "string", "maxLength": 200},
    "ca_file": {"type": "string", "maxLength": 500},
    "from": {"type": "string", "minLength": 3, "maxLength": 200},
    "timeout_ms": {"type": "integer", "minimum": 1000, "maximum": 300000}
  },
  "required": ["url", "from"],
  "additionalProperties": false
})";

std::string field(const json::object& o, const char* key, const std::string& fallback = "") {
  if (const auto* v = o.if_contains(key)) return std::string(v->as_string());
  return fallback;
}

int init(guichet_plugin_ctx* ctx, const guichet_host_api* h) {
  host = h;
  self = ctx;
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 1;
  guichet_str c = h->config(ctx);
  json::object config = json::parse(std::string(c.data, c.len)).as_object();  // validated by the host
  settings.url = field(config, "url");
  if (settings.url.rfind("smtp://", 0) != 0 && settings.url.rfind("smtps://", 0) != 0) {
    log(GUICHET_LOG_ERROR, "url : smtp://… ou smtps://… attendu");
    return 2;
  }
  // Plain text on the wire only when asked for in so many words.
  settings.starttls = field(config, "starttls", settings.url.rfind("smtps://", 0) == 0 ? "none" : "required");
  settings.username = field(config, "username");
  settings.password = field(config, "password");
  settings.ca_file = field(config, "ca_file");
  settings.from = field(config, "from");
  if (const auto* t = config.if_contains("timeout_ms")) settings.timeout_ms = static_cast<long>(t->as_int64());
  if (h->provide_mail_transport(ctx, send_mail, nullptr) != 0) return 3;
  log(GUICHET_LOG_INFO, "envoi des mails par " + settings.url);
  return 0;
}

void shutdown(guichet_plugin_ctx*) { curl_global_cleanup(); }

const guichet_plugin_def def = {
    GUICHET_PLUGIN_ABI_MAJOR, 0, "smtp", "1.0.0",
    "Envoie les mails de guichet par un serveur SMTP (STARTTLS, authentification)", kSchema, init, shutdown,
};

}  // namespace

extern "C" GUICHET_PLUGIN_EXPORT const guichet_plugin_def* guichet_plugin_entry(void) { return &def; }
