/* A test plugin whose behaviour the test steers through its functions: it records every
 * event it is given, and can answer RETRY, refuse one aggregate's events (ERROR), or hang.
 * It also offers Lua-callable functions: a postal-code lookup and one that sleeps. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plugins/sdk/guichet_plugin.h"

static const guichet_host_api* host;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static char seen[1 << 16]; /* "id type aggregate attempt\n" lines */
static size_t seen_len;
static char mode[32] = "ok";
static char refused_aggregate[128];
static int hang_ms = 0;
static int calls, hangs; /* event calls, and those that hung */

static guichet_buffer copy_out(const char* text, size_t len) {
  guichet_buffer b;
  b.len = len;
  b.data = (char*)host->alloc(len);
  memcpy(b.data, text, len);
  return b;
}

/* The string value of "key" in a flat JSON object, by hand (no JSON library needed here). */
static int string_of(guichet_str json, const char* key, char* out, size_t cap) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  size_t plen = strlen(pattern);
  for (size_t i = 0; i + plen <= json.len; ++i)
    if (memcmp(json.data + i, pattern, plen) == 0) {
      size_t n = 0;
      const char* at = json.data + i + plen;
      while (at + n < json.data + json.len && at[n] != '"' && n + 1 < cap) ++n;
      memcpy(out, at, n);
      out[n] = 0;
      return 1;
    }
  return 0;
}

static long number_of(guichet_str json, const char* key) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  size_t plen = strlen(pattern);
  for (size_t i = 0; i + plen <= json.len; ++i)
    if (memcmp(json.data + i, pattern, plen) == 0) return strtol(json.data + i + plen, NULL, 10);
  return 0;
}

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

static guichet_status on_event(void* user, const guichet_event* e) {
  (void)user;
  char m[32];
  int wait;
  pthread_mutex_lock(&mu);
  strcpy(m, mode);
  wait = hang_ms;
  int refused = refused_aggregate[0] && e->aggregate.len == strlen(refused_aggregate) &&
                memcmp(e->aggregate.data, refused_aggregate, e->aggregate.len) == 0;
  ++calls;
  if (strcmp(m, "hang") == 0) ++hangs;
  pthread_mutex_unlock(&mu);
  if (strcmp(m, "hang") == 0) sleep_ms(wait);
  if (strcmp(m, "retry") == 0) return GUICHET_RETRY;
  if (refused) return GUICHET_ERROR;
  if (strcmp(m, "hang") == 0) return GUICHET_RETRY; /* came back too late anyway */
  pthread_mutex_lock(&mu);
  int n = snprintf(seen + seen_len, sizeof seen - seen_len, "%.*s %.*s %.*s %u\n", (int)e->id.len, e->id.data,
                   (int)e->type.len, e->type.data, (int)e->aggregate.len, e->aggregate.data, e->attempt);
  if (n > 0 && (size_t)n < sizeof seen - seen_len) seen_len += (size_t)n;
  pthread_mutex_unlock(&mu);
  return GUICHET_OK;
}

/* seen() -> the recorded lines as one JSON string. */
static guichet_status fn_seen(void* user, guichet_str args, guichet_buffer* result) {
  (void)user;
  (void)args;
  pthread_mutex_lock(&mu);
  size_t cap = seen_len + 16;
  char* out = (char*)malloc(cap);
  size_t n = 0;
  out[n++] = '"';
  for (size_t i = 0; i < seen_len; ++i) {
    if (seen[i] == '\n') { out[n++] = '\\'; out[n++] = 'n'; continue; }
    out[n++] = seen[i];
    if (n + 4 > cap) { cap *= 2; out = (char*)realloc(out, cap); }
  }
  pthread_mutex_unlock(&mu);
  out[n++] = '"';
  *result = copy_out(out, n);
  free(out);
  return GUICHET_OK;
}

/* set({"mode": "ok" | "retry" | "hang", "refuse": "<aggregate>", "hang_ms": N}) */
static guichet_status fn_set(void* user, guichet_str args, guichet_buffer* result) {
  (void)user;
  pthread_mutex_lock(&mu);
  char m[32];
  if (string_of(args, "mode", m, sizeof m)) strcpy(mode, m);
  if (!string_of(args, "refuse", refused_aggregate, sizeof refused_aggregate)) refused_aggregate[0] = 0;
  hang_ms = (int)number_of(args, "hang_ms");
  pthread_mutex_unlock(&mu);
  *result = copy_out("true", 4);
  return GUICHET_OK;
}

/* commune({"code":"86000"}) -> {"commune":"POITIERS","departement":"86"}, or null. */
static guichet_status fn_commune(void* user, guichet_str args, guichet_buffer* result) {
  (void)user;
  char code[16];
  const char* json = "null";
  if (string_of(args, "code", code, sizeof code)) {
    if (strcmp(code, "86000") == 0) json = "{\"commune\":\"POITIERS\",\"departement\":\"86\"}";
    else if (strcmp(code, "79000") == 0) json = "{\"commune\":\"NIORT\",\"departement\":\"79\"}";
  }
  *result = copy_out(json, strlen(json));
  return GUICHET_OK;
}

/* sleep({"ms": N}) -> {"slept": N} after N milliseconds. */
static guichet_status fn_sleep(void* user, guichet_str args, guichet_buffer* result) {
  (void)user;
  long ms = number_of(args, "ms");
  sleep_ms(ms);
  char out[64];
  int n = snprintf(out, sizeof out, "{\"slept\":%ld}", ms);
  *result = copy_out(out, (size_t)n);
  return GUICHET_OK;
}

/* fail() -> ERROR with a message. */
static guichet_status fn_fail(void* user, guichet_str args, guichet_buffer* result) {
  (void)user;
  (void)args;
  *result = copy_out("service indisponible", strlen("service indisponible"));
  return GUICHET_ERROR;
}

/* GET /seen and POST /set: the same as the functions, over HTTP. */
static guichet_status routes(void* user, const guichet_http_request* req, guichet_http_response* res) {
  if (req->path.len == 5 && memcmp(req->path.data, "/seen", 5) == 0) return fn_seen(user, req->body, &res->body);
  if (req->path.len == 4 && memcmp(req->path.data, "/set", 4) == 0) return fn_set(user, req->body, &res->body);
  if (req->path.len == 8 && memcmp(req->path.data, "/headers", 8) == 0) {
    res->body = copy_out(req->headers.data, req->headers.len);
    return GUICHET_OK;
  }
  if (req->path.len == 6 && memcmp(req->path.data, "/stats", 6) == 0) {
    char out[64];
    pthread_mutex_lock(&mu);
    int n = snprintf(out, sizeof out, "{\"calls\":%d,\"hangs\":%d}", calls, hangs);
    pthread_mutex_unlock(&mu);
    res->body = copy_out(out, (size_t)n);
    return GUICHET_OK;
  }
  res->status = 404;
  res->body = copy_out("{}", 2);
  return GUICHET_OK;
}

static int init(guichet_plugin_ctx* ctx, const guichet_host_api* h) {
  host = h;
  guichet_str all = {"", 0};
  if (h->subscribe(ctx, all, on_event, NULL) != 0) return 1;
  struct { const char* name; guichet_call_fn fn; } fns[] = {
      {"seen", fn_seen}, {"set", fn_set}, {"commune", fn_commune}, {"sleep", fn_sleep}, {"fail", fn_fail}};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; ++i) {
    guichet_str name = {fns[i].name, strlen(fns[i].name)};
    if (h->provide_function(ctx, name, fns[i].fn, NULL) != 0) return 2;
  }
  if (h->provide_routes(ctx, routes, NULL) != 0) return 3;
  return 0;
}

static const guichet_plugin_def def = {
    GUICHET_PLUGIN_ABI_MAJOR, 0, "flaky", "0.1.0", "Greffon d'essai : reçoit les événements, échoue sur demande",
    NULL, init, NULL,
};

GUICHET_PLUGIN_EXPORT const guichet_plugin_def* guichet_plugin_entry(void) { return &def; }
