// `guichet <commande> --help`: each command's options, in French, for the person at the
// terminal (an unknown option is still refused with "option inconnue").
#pragma once

#include <string>

namespace guichet::app {

// The help of `command` (with `sub` for admin and rules), or "" when there is none.
std::string command_help(const std::string& command, const std::string& sub);

}  // namespace guichet::app
