// Boost.JSON compiled into the fuzz target itself (with its sanitizers), rather than linked
// from the system library built by another compiler.
#include <boost/json/src.hpp>
