// Where a script writes a field: the line of `closes = ...` inside a `session { ... }` call,
// so that explanations and faults point at the line to edit rather than at the call.
#pragma once

#include <string_view>

namespace guichet {

// The 1-based line of the first `field = ...` inside the table that opens on `from_line`
// (nested tables included), outside strings and comments; 0 when not found.
int field_line(std::string_view text, int from_line, std::string_view field);

}  // namespace guichet
