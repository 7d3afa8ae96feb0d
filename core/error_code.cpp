#include "core/error_code.hpp"

#include <iterator>

namespace guichet {
namespace {

constexpr ErrorCodeInfo kCodes[] = {
#define GUICHET_ERROR_INFO(code, status, exposure, message) \
  {ErrorCode::code, #code, status, Exposure::exposure, message},
    GUICHET_ERROR_CODES(GUICHET_ERROR_INFO)
#undef GUICHET_ERROR_INFO
};

// The table is indexed by the enum: the X-macro lists both in the same order.
constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(kCodes); ++i)
    if (static_cast<std::size_t>(kCodes[i].code) != i) return false;
  return true;
}
static_assert(in_enum_order());

}  // namespace

const ErrorCodeInfo& info(ErrorCode code) { return kCodes[static_cast<std::size_t>(code)]; }
const ErrorCodeInfo* error_codes_begin() { return std::begin(kCodes); }
const ErrorCodeInfo* error_codes_end() { return std::end(kCodes); }

std::optional<ErrorCode> error_code_named(std::string_view name) {
  for (const auto& c : kCodes)
    if (c.name == name) return c.code;
  return std::nullopt;
}

}  // namespace guichet
