/*
 * guichet_plugin.h: the plugin ABI of guichet, version 1.1.
 *
 * History: 1.0 the entry point, log, config, subscribe, provide_mail_transport,
 * provide_function, provide_routes; 1.1 adds query (read an académie's registrations) and the
 * headers of an HTTP request.
 *
 * One C header, usable from C (C99) and C++ with any compiler. A plugin is a shared library
 * exporting one function, guichet_plugin_entry(), which returns a static description of the
 * plugin (guichet_plugin_def). The host checks the ABI version the plugin was built with,
 * validates the plugin's configuration against the JSON Schema the plugin declares, then calls
 * its init() with a table of host services (guichet_host_api): function pointers, never linked
 * symbols, in the manner of SQLite's extension API and Redis's module API.
 *
 * Only C types cross the boundary: integers, and UTF-8 strings with explicit lengths
 * (guichet_str); structured data is JSON text.
 *
 * Versions. GUICHET_PLUGIN_ABI_MAJOR changes when the ABI breaks: a plugin built for another
 * major version is refused at load. GUICHET_PLUGIN_ABI_MINOR grows when the host gains
 * services, which are only ever appended to guichet_host_api: a host loads every plugin built
 * for its major version and a minor version up to its own. A plugin that wants a service newer
 * than the minor version it requires checks host->abi_minor (or host->size) first.
 *
 * Ownership.
 *  - Strings the host passes to the plugin (guichet_str arguments, the configuration, event
 *    fields, requests) are owned by the host and valid only during the call, except the
 *    configuration (valid until shutdown returns). Copy what must be kept.
 *  - Strings the plugin gives the host as arguments (log lines, names, prefixes) are read during
 *    the call only; the plugin keeps ownership.
 *  - Buffers the plugin returns (guichet_buffer: a Lua function's result, an HTTP response body,
 *    an error message) must be allocated with host->alloc; the host frees them with host->free.
 *  - guichet_plugin_def and the strings it points to are static: they must live as long as the
 *    library is loaded.
 *
 * Threads. Callbacks may be called from several host threads at once; a plugin protects its
 * own state. A callback must return promptly: the host runs event and mail callbacks under a
 * watchdog (a call that does not return in time is counted as failed and retried later; the
 * plugin is marked "hung" until it returns), and never on a thread that serves requests.
 * A crash in a plugin is a crash of the host process: plugins run in the host's address space.
 */
#ifndef GUICHET_PLUGIN_H
#define GUICHET_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GUICHET_PLUGIN_ABI_MAJOR 1
#define GUICHET_PLUGIN_ABI_MINOR 1

#if defined(_WIN32)
#define GUICHET_PLUGIN_EXPORT __declspec(dllexport)
#else
#define GUICHET_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* UTF-8 text with its length in bytes; not necessarily NUL-terminated. */
typedef struct guichet_str {
  const char* data;
  size_t len;
} guichet_str;

/* A buffer a plugin returns to the host: data allocated with host->alloc, freed by the host. */
typedef struct guichet_buffer {
  char* data;
  size_t len;
} guichet_buffer;

/* What a callback says. RETRY: a temporary failure (the host tries again later, with backoff);
 * ERROR: a permanent failure for this item (events: retried too, since an event is never lost,
 * but logged as an error). */
typedef enum guichet_status {
  GUICHET_OK = 0,
  GUICHET_RETRY = 1,
  GUICHET_ERROR = 2
} guichet_status;

typedef enum guichet_log_level {
  GUICHET_LOG_DEBUG = 0,
  GUICHET_LOG_INFO = 1,
  GUICHET_LOG_WARN = 2,
  GUICHET_LOG_ERROR = 3
} guichet_log_level;

/* The host's handle for one loaded plugin, passed back to every host service. */
typedef struct guichet_plugin_ctx guichet_plugin_ctx;

/* A domain event, delivered at least once, in order per aggregate (a registration, an
 * account), with a stable id to de-duplicate on. */
typedef struct guichet_event {
  guichet_str id;         /* stable across retries and restarts */
  guichet_str type;       /* "registration.created", "pieces.confirmed", "rules.activated", ... */
  guichet_str aggregate;  /* what the ordering is per: "registration:<id>", "account:<id>", ... */
  guichet_str payload;    /* JSON object */
  int64_t occurred_at;    /* Unix seconds */
  uint32_t attempt;       /* 1 on the first delivery */
} guichet_event;

typedef guichet_status (*guichet_event_fn)(void* user, const guichet_event* event);

/* A mail to send: the whole RFC 5322 message (headers and body, CRLF), its recipient and the
 * host's id for it (stable across retries). On failure, *error may receive a message. */
typedef guichet_status (*guichet_mail_fn)(void* user, guichet_str message_id, guichet_str recipient,
                                          guichet_str message, guichet_buffer* error);

/* A function callable from the Lua scripts as plugins.<plugin>.<name>(table): the arguments
 * as a JSON value, the result as JSON into *result (host->alloc). Runs inside the sandbox's
 * time limit. */
typedef guichet_status (*guichet_call_fn)(void* user, guichet_str args_json, guichet_buffer* result_json);

typedef struct guichet_http_request {
  guichet_str method;  /* "GET", "POST", ... */
  guichet_str path;    /* after /api/v1/plugins/<plugin>, e.g. "/status" */
  guichet_str query;   /* without '?' */
  guichet_str body;
  /* Since 1.1: the request's headers, a JSON object of lower-case name -> value, without
   * Authorization and Cookie (guichet's own sessions are not a plugin's to see): a plugin
   * that authenticates its callers uses a header of its own (e.g. X-Api-Key). */
  guichet_str headers;
} guichet_http_request;

typedef struct guichet_http_response {
  int status;                  /* 200 unless set */
  guichet_buffer content_type; /* host->alloc; empty: application/json */
  guichet_buffer body;         /* host->alloc */
} guichet_http_response;

/* An HTTP route under /api/v1/plugins/<plugin>/ (any method; the plugin dispatches). */
typedef guichet_status (*guichet_route_fn)(void* user, const guichet_http_request* request,
                                           guichet_http_response* response);

/* The host's services. Fields are only ever appended (see "Versions"). Functions returning
 * int return 0 on success and a negative value on failure. */
typedef struct guichet_host_api {
  uint32_t abi_major; /* the host's GUICHET_PLUGIN_ABI_MAJOR */
  uint32_t abi_minor; /* the host's GUICHET_PLUGIN_ABI_MINOR */
  size_t size;        /* sizeof(guichet_host_api) in the host */

  void* (*alloc)(size_t size);
  void (*free)(void* p);

  void (*log)(guichet_plugin_ctx* ctx, guichet_log_level level, guichet_str message);
  /* The plugin's configuration, validated against its schema: a JSON object ("{}" when none). */
  guichet_str (*config)(guichet_plugin_ctx* ctx);

  /* Domain events whose type starts with `prefix` ("" for all). At init only. */
  int (*subscribe)(guichet_plugin_ctx* ctx, guichet_str prefix, guichet_event_fn fn, void* user);
  /* The mail transport (one per host: the first plugin to provide one wins). At init only. */
  int (*provide_mail_transport)(guichet_plugin_ctx* ctx, guichet_mail_fn fn, void* user);
  /* A Lua-callable function plugins.<plugin>.<name>. At init only. */
  int (*provide_function)(guichet_plugin_ctx* ctx, guichet_str name, guichet_call_fn fn, void* user);
  /* The plugin's HTTP routes under /api/v1/plugins/<plugin>/. At init only. */
  int (*provide_routes)(guichet_plugin_ctx* ctx, guichet_route_fn fn, void* user);

  /* Since 1.1. Reads guichet's data: a JSON request in, a JSON answer into *result (host->alloc; the
   * plugin frees it with host->free). Any time after init returned, from any thread; it may
   * block on the database, so not from an event, mail or route callback that must be prompt.
   * On failure returns a negative value and *result holds {"error": "..."}. Requests:
   *   {"registrations": {"academy": "<code>", "after": "<id or empty>", "limit": 1..1000}}
   *     -> {"registrations": [ {...} ], "next": "<id to pass as after, empty at the end>"}
   *        each with id, registration_number, candidate_number, academy, exam, session,
   *        status, speciality, pole, version, answers, created_at, updated_at, withdrawn_at,
   *        withdrawal_reason and candidate {last_name, first_name, birth_date, birth_place,
   *        nationality, email, phone}. */
  int (*query)(guichet_plugin_ctx* ctx, guichet_str request_json, guichet_buffer* result_json);
} guichet_host_api;

/* What a plugin is. Returned by guichet_plugin_entry(); static. abi_major and abi_minor stay
 * the first two fields in every version of the ABI: a host reads nothing else of a plugin
 * built for another major version. */
typedef struct guichet_plugin_def {
  uint32_t abi_major;        /* GUICHET_PLUGIN_ABI_MAJOR when the plugin was built */
  uint32_t abi_minor;        /* the lowest host minor version the plugin needs */
  const char* name;          /* [a-z0-9_]+, unique among loaded plugins */
  const char* version;       /* the plugin's own version, e.g. "1.2.0" */
  const char* description;   /* one line, shown by `guichet plugins` */
  const char* config_schema; /* JSON Schema of the configuration (NULL: any object) */
  /* After the configuration is validated: subscribe, provide. Non-zero refuses the load. */
  int (*init)(guichet_plugin_ctx* ctx, const guichet_host_api* host);
  /* Before the library is unloaded; no callback runs after it returns. May be NULL. */
  void (*shutdown)(guichet_plugin_ctx* ctx);
} guichet_plugin_def;

/* The one symbol a plugin exports. */
typedef const guichet_plugin_def* (*guichet_plugin_entry_fn)(void);
#define GUICHET_PLUGIN_ENTRY_SYMBOL "guichet_plugin_entry"

#ifdef __cplusplus
}
#endif

#endif /* GUICHET_PLUGIN_H */
