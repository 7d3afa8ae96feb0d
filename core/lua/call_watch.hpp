// Calls into Lua in progress, per thread, for the watchdog: a script cannot outlive its
// deadline in Lua code, but a fault in a C function could; /healthz and the log say so.
#pragma once

#include <chrono>

namespace guichet::lua {

// Marks the calling thread as running a script call (outermost calls only), and done.
void call_started();
void call_finished();

// How long the oldest call in progress has run (zero when none).
std::chrono::milliseconds longest_running_call();

// Past this, a call is stuck: every limit a script has is far shorter.
inline constexpr std::chrono::seconds kStuckCall{5};

}  // namespace guichet::lua
