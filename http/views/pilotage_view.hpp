// The JSON of the dashboard, the reminders and the public figures (issue 18). Times in the
// académie's zone with their offset, as every back-office view.
#pragma once

#include <boost/json/object.hpp>

#include "mail/message.hpp"
#include "services/pilotage.hpp"

namespace guichet::views {

boost::json::object dashboard(const services::Dashboard& d, const date::time_zone* zone);
boost::json::object reminder_list(const services::ReminderList& l, const date::time_zone* zone);
boost::json::object reminder_preview(const mail::Message& m);
boost::json::object reminder_report(const services::ReminderReport& r);
boost::json::object public_figures(const services::PublicFigures& f, const date::time_zone* zone);

}  // namespace guichet::views
