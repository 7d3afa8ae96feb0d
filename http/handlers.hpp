// Every route's handler, by area; http/routes.cpp binds them to methods and paths. A handler
// parses what its route takes, calls one service, and writes the service's result through
// the resource's view (http/views/). It returns the service's error as it is: the router
// writes it as the contract's JSON error.
#pragma once

#include <memory>

#include "http/route.hpp"

namespace guichet::api {

using http::Call;

// Operations (operations_routes.cpp).
Status healthz(Call& c);
Status readyz(Call& c);
Status metrics(Call& c);

// The rules, public (rules_routes.cpp). Run on the I/O thread with its Lua state.
Status list_services(Call& c);
Status list_academies(Call& c);
Status get_academy(Call& c);
Status get_session(Call& c);
Status evaluate(Call& c);

// The candidate's account (account_routes.cpp).
Status sign_up(Call& c);
Status activate_account(Call& c);
Status login(Call& c);
Status logout(Call& c);
Status csrf(Call& c);
Status request_password_reset(Call& c);
Status confirm_password_reset(Call& c);
Status get_me(Call& c);
Status update_me(Call& c);
Status export_me(Call& c);

// The candidate's registrations (registration_routes.cpp).
Status list_registrations(Call& c);
Status create_registration(Call& c);
Status get_registration(Call& c);
Status modify_registration(Call& c);
Status withdraw_registration(Call& c);
Status get_summary_pdf(Call& c);
Status get_calendar(Call& c);
Status list_documents(Call& c);
Status get_document(Call& c);

// The candidate's pieces (piece_routes.cpp); uploads stream (piece_upload_sink.cpp).
Status list_pieces(Call& c);
Status confirm_pieces(Call& c);
Status get_piece_file(Call& c);
Status delete_piece_file(Call& c);
std::shared_ptr<http::BodySink> upload_piece(const http::RequestHeader& h, http::RequestContext& ctx,
                                             const http::ApiContext& api, const http::PathParams& path);

// The back office: staff sessions (admin_session_routes.cpp).
Status staff_login(Call& c);
Status accept_invitation(Call& c);
Status staff_logout(Call& c);
Status staff_csrf(Call& c);
Status staff_me(Call& c);

// The académie's staff (admin_staff_routes.cpp).
Status list_staff(Call& c);
Status create_staff(Call& c);
Status update_staff(Call& c);
Status reset_staff(Call& c);

// The exam office's work on registrations (admin_registration_routes.cpp).
Status search_registrations(Call& c);
Status export_registrations(Call& c);
Status office_get_registration(Call& c);
Status registration_history(Call& c);
Status office_withdraw(Call& c);
Status correct_identity(Call& c);
Status office_list_pieces(Call& c);
Status office_get_piece_file(Call& c);
Status review_piece(Call& c);
Status office_list_documents(Call& c);
Status publish_document(Call& c);
Status grant_derogation(Call& c);
std::shared_ptr<http::BodySink> publish_bulk(const http::RequestHeader& h, http::RequestContext& ctx,
                                             const http::ApiContext& api, const http::PathParams& path);

// The audit log and the plugins' state (admin_audit_routes.cpp).
Status query_audit(Call& c);
Status export_audit(Call& c);
Status plugins_status(Call& c);

// The académie's rules versions (admin_rules_routes.cpp).
Status list_rule_versions(Call& c);
Status submit_rule_version(Call& c);
Status list_rule_tests(Call& c);
Status check_rule_draft(Call& c);
Status simulate_rules(Call& c);
Status get_rule_version(Call& c);
Status rule_version_impact(Call& c);
Status approve_rule_version(Call& c);
Status activate_rule_version(Call& c);
Status get_rules_settings(Call& c);
Status put_rules_settings(Call& c);

// What an exam office watches, and the public figure (pilotage_routes.cpp).
Status get_dashboard(Call& c);
Status list_reminders(Call& c);
Status preview_reminder(Call& c);
Status send_reminders(Call& c);
Status get_public_figures(Call& c);

// Plugins' own routes (plugin_routes.cpp).
Status plugin_route(Call& c);

}  // namespace guichet::api
