// guichet plugins: what a plugins folder would load, with versions and state, without
// starting the server (an operator checks a new plugin or configuration before a restart).
#include <cstdio>
#include <filesystem>

#include "app/args.hpp"
#include "app/commands.hpp"
#include "plugins/host/plugin_host.hpp"

namespace guichet::app {

int cmd_plugins(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"--plugins"}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\nusage : guichet plugins [--plugins DOSSIER]\n", args.error().message.c_str());
    return 2;
  }
  std::string dir = args->get("--plugins").value_or("plugins.d");
  if (!std::filesystem::is_directory(dir)) {
    std::fprintf(stderr, "plugins : dossier introuvable : %s\n", dir.c_str());
    return 1;
  }
  plugins::PluginHost host;
  host.load_folder(dir);
  auto list = host.list();
  bool all_loaded = true;
  std::printf("%-16s %-10s %-5s %-8s %s\n", "greffon", "version", "ABI", "état", "détail");
  for (const auto& p : list) {
    std::string detail;
    if (p.state == "loaded") {
      for (const auto& what : p.provides) detail += (detail.empty() ? "" : ", ") + what;
    } else {
      detail = p.error;
      all_loaded = false;
    }
    std::printf("%-16s %-10s %u.%-3u %-8s %s\n", p.name.c_str(), p.version.c_str(), p.abi_major, p.abi_minor,
                p.state.c_str(), detail.c_str());
  }
  std::printf("%zu greffon(s), hôte ABI %d.%d\n", list.size(), GUICHET_PLUGIN_ABI_MAJOR, GUICHET_PLUGIN_ABI_MINOR);
  return all_loaded ? 0 : 1;
}

}  // namespace guichet::app
