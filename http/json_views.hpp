// The JSON shapes of api.md for the domain's objects; shared by the HTTP routes and the
// command line (`guichet eval`), so both print the same thing.
#pragma once

#include <boost/json/object.hpp>

#include "core/domain.hpp"
#include "core/rule_set.hpp"
#include "core/verdict.hpp"

namespace guichet::views {

boost::json::object academy_summary(const Academy& a);
boost::json::object academy_detail(const Academy& a);
boost::json::object pole(const Pole& p);
boost::json::object service(const Academy& a, const Session& s);
boost::json::object session_detail(const Academy& a, const Session& s, const Exam& x, const std::string& version);
// `explain` adds, for each date, error, piece and office, the script file:line behind it.
boost::json::object verdict(const Verdict& v, const Academy& a, const Session& s, bool explain);

}  // namespace guichet::views
