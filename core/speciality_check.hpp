// What a session allows of the exam's specialities: only those open to it, and the option of
// a speciality that has options. Runs after the form check, before the scripts' rules.
#pragma once

#include <boost/json/object.hpp>

#include "core/domain.hpp"
#include "core/verdict.hpp"

namespace guichet {

// Adds French errors on `speciality` (not open to the session) and `speciality_option`
// (missing, unknown for the speciality, or given to a speciality without options).
void check_speciality(const Exam& exam, const Session& session, const boost::json::object& answers, Verdict& verdict);

}  // namespace guichet
