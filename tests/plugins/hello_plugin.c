/* A test plugin written in C against the SDK only: it logs, reads its configuration,
 * subscribes to registration events, provides a Lua-callable function and HTTP routes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugins/sdk/guichet_plugin.h"

static const guichet_host_api* host;
static guichet_plugin_ctx* self;
static char greeting[128];
static int events_seen;
static char last_event[256];

static guichet_buffer copy_out(const char* text) {
  guichet_buffer b;
  b.len = strlen(text);
  b.data = (char*)host->alloc(b.len);
  memcpy(b.data, text, b.len);
  return b;
}

static guichet_status on_event(void* user, const guichet_event* e) {
  (void)user;
  ++events_seen;
  snprintf(last_event, sizeof last_event, "%.*s %.*s", (int)e->type.len, e->type.data, (int)e->id.len, e->id.data);
  return GUICHET_OK;
}

/* greet({"name": "..."}) -> {"message": "<greeting> <name>"}; the name is found by hand to
 * keep the plugin free of any JSON library. */
static guichet_status greet(void* user, guichet_str args, guichet_buffer* result) {
  (void)user;
  char out[512];
  const char* key = "\"name\": \"";
  const char* at = NULL;
  for (size_t i = 0; i + strlen(key) <= args.len; ++i)
    if (memcmp(args.data + i, key, strlen(key)) == 0) { at = args.data + i + strlen(key); break; }
  int n = 0;
  if (at) while (at + n < args.data + args.len && at[n] != '"') ++n;
  snprintf(out, sizeof out, "{\"message\": \"%s %.*s\"}", greeting, n, at ? at : "");
  *result = copy_out(out);
  return GUICHET_OK;
}

static guichet_status stats(void* user, guichet_str args, guichet_buffer* result) {
  (void)user;
  (void)args;
  char out[512];
  /* A registration after init is refused: the answer says what the host returned. */
  guichet_str prefix = {"", 0};
  int late = host->subscribe(self, prefix, on_event, NULL);
  snprintf(out, sizeof out, "{\"events\": %d, \"last\": \"%s\", \"late_subscribe\": %d}", events_seen, last_event, late);
  *result = copy_out(out);
  return GUICHET_OK;
}

static guichet_status routes(void* user, const guichet_http_request* req, guichet_http_response* res) {
  (void)user;
  char out[512];
  if (req->path.len == 7 && memcmp(req->path.data, "/status", 7) == 0) {
    snprintf(out, sizeof out, "{\"greeting\": \"%s\", \"method\": \"%.*s\"}", greeting, (int)req->method.len,
             req->method.data);
    res->status = 200;
  } else {
    snprintf(out, sizeof out, "{\"error\": \"unknown\"}");
    res->status = 404;
  }
  res->body = copy_out(out);
  return GUICHET_OK;
}

static int init(guichet_plugin_ctx* ctx, const guichet_host_api* h) {
  host = h;
  self = ctx;
  guichet_str config = h->config(ctx);
  /* {"greeting": "..."}: validated by the host against the schema below. */
  const char* key = "\"greeting\":\"";
  const char* at = NULL;
  for (size_t i = 0; i + strlen(key) <= config.len; ++i)
    if (memcmp(config.data + i, key, strlen(key)) == 0) { at = config.data + i + strlen(key); break; }
  size_t n = 0;
  if (at) while (at + n < config.data + config.len && at[n] != '"' && n < sizeof greeting - 1) ++n;
  memcpy(greeting, at ? at : "", n);
  greeting[n] = 0;
  guichet_str line = {"prêt", strlen("prêt")};
  h->log(ctx, GUICHET_LOG_INFO, line);
  guichet_str prefix = {"registration.", 13};
  guichet_str greet_name = {"greet", 5}, stats_name = {"stats", 5};
  if (h->subscribe(ctx, prefix, on_event, NULL) != 0) return 1;
  if (h->provide_function(ctx, greet_name, greet, NULL) != 0) return 2;
  if (h->provide_function(ctx, stats_name, stats, NULL) != 0) return 3;
  if (h->provide_routes(ctx, routes, NULL) != 0) return 4;
  return 0;
}

static const guichet_plugin_def def = {
    GUICHET_PLUGIN_ABI_MAJOR,
    0,
    "hello",
    "1.2.3",
    "Greffon d'essai : salue, compte les événements",
    "{\"type\": \"object\", \"properties\": {\"greeting\": {\"type\": \"string\", \"minLength\": 1, \"maxLength\": 100}},"
    " \"required\": [\"greeting\"], \"additionalProperties\": false}",
    init,
    NULL,
};

GUICHET_PLUGIN_EXPORT const guichet_plugin_def* guichet_plugin_entry(void) { return &def; }
