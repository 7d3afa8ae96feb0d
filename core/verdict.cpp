#include "core/verdict.hpp"

namespace guichet {

const char* to_string(Phase p) {
  switch (p) {
    case Phase::before: return "before";
    case Phase::open: return "open";
    case Phase::closed: return "closed";
  }
  return "before";
}

}  // namespace guichet
