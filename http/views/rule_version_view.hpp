// The JSON of the académies' script versions (/api/v1/admin/rules/...) and of `guichet
// rules`: times in the académie's zone with its offset.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <vector>

#include "services/rules_lifecycle.hpp"

namespace guichet::views {

// With "script" and "tests" when the version carries its texts.
boost::json::object rule_version(const services::RuleVersion& v);
boost::json::array rule_versions(const std::vector<services::RuleVersion>& list);
// The version and the number of the scripts' test cases it passed ("tests_run").
boost::json::object submitted_version(const services::SubmittedVersion& s);
// The version and its impact report ("impact").
boost::json::object activated_version(const services::ActivatedVersion& a);
boost::json::object approval_setting(const services::ApprovalSetting& s);
// An académie's file: the activated version; a shared file: the recorded confirmation.
boost::json::object folder_confirmation(const services::FolderConfirmation& c);

}  // namespace guichet::views
