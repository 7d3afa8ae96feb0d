/* Plugins the host must refuse or fail, selected by a macro at build time:
 * OLD_MAJOR (built for ABI 0.x), FUTURE_MINOR (needs host 1.7), FAILING_INIT (init returns 5). */
#include "plugins/sdk/guichet_plugin.h"

static int init(guichet_plugin_ctx* ctx, const guichet_host_api* host) {
  (void)ctx;
  (void)host;
#ifdef FAILING_INIT
  guichet_str prefix = {"", 0};
  host->subscribe(ctx, prefix, 0, 0);
  return 5;
#else
  return 0;
#endif
}

static const guichet_plugin_def def = {
#if defined(OLD_MAJOR)
    0, 3, "old_major",
#elif defined(FUTURE_MINOR)
    GUICHET_PLUGIN_ABI_MAJOR, 7, "future_minor",
#else
    GUICHET_PLUGIN_ABI_MAJOR, 0, "failing_init",
#endif
    "0.1.0", "essai", 0, init, 0,
};

GUICHET_PLUGIN_EXPORT const guichet_plugin_def* guichet_plugin_entry(void) { return &def; }
