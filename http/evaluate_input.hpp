// What an evaluation is asked on: an instant, the answers, the identity an account would give.
// Read the same way by the public evaluate route and the back office's simulator.
#pragma once

#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/time_format.hpp"

namespace guichet::api {

struct EvaluateInput {
  std::optional<Seconds> at;
  boost::json::object answers;
  boost::json::object identity;
};

// Reads the members "at", "answers" (required) and "identity" of `body` into `out`; a fault per
// bad member in `faults`. Other members are the caller's.
void read_evaluate_members(const boost::json::object& body, EvaluateInput& out,
                           std::map<std::string, std::string>& faults);

// The field message for a bad `at`: out of range says so, anything else shows the format.
std::string at_fault(const Error& e);

}  // namespace guichet::api
