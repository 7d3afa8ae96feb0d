// The route table: every endpoint the server answers, with the path template exactly as
// openapi.yaml writes it (tests/app/openapi_test.cpp walks both, each way). Adding an endpoint
// is one line here, one handler (handlers.hpp), one view (views/) and its openapi.yaml entry.
#include "http/routes.hpp"

#include "http/handlers.hpp"

namespace guichet::api {

using http::Access;
using http::Method;
using http::Route;
using http::Runs;

namespace {

// Routes that take no body accept a small stray one (some clients send "{}").
constexpr std::uint64_t kNoBody = 1024;
constexpr std::uint64_t kJson = 64 * 1024;            // a form's answers, an account
constexpr std::uint64_t kScript = 1024 * 1024;        // a rules version with its tests
constexpr std::uint64_t kDocument = 10 * 1024 * 1024;  // one published PDF
constexpr std::uint64_t kPlugin = 1024 * 1024;

constexpr Method GET = Method::get, POST = Method::post, PUT = Method::put, PATCH = Method::patch,
                 DELETE = Method::delete_, ANY = Method::any;
constexpr Access OPEN = Access::open, CANDIDATE = Access::candidate, STAFF = Access::staff;
constexpr Runs IO = Runs::io, POOL = Runs::pool, STREAM = Runs::stream;

}  // namespace

std::vector<Route> api_routes() {
  return {
      // Operations.
      {GET, "/healthz", OPEN, IO, kNoBody, healthz},
      {GET, "/readyz", OPEN, IO, kNoBody, readyz},
      {GET, "/metrics", OPEN, IO, kNoBody, metrics},

      // The rules (public, from the live rule set).
      {GET, "/api/v1/services", OPEN, IO, kNoBody, list_services},
      {GET, "/api/v1/academies", OPEN, IO, kNoBody, list_academies},
      {GET, "/api/v1/academies/{academy}", OPEN, IO, kNoBody, get_academy},
      {GET, "/api/v1/academies/{academy}/exams/{exam}/sessions/{session}", OPEN, IO, kNoBody, get_session},
      {GET, "/api/v1/academies/{academy}/figures", OPEN, POOL, kNoBody, get_public_figures},
      {POST, "/api/v1/academies/{academy}/exams/{exam}/sessions/{session}/evaluate", OPEN, IO, kJson, evaluate},

      // The candidate's account.
      {POST, "/api/v1/accounts", OPEN, POOL, kJson, sign_up},
      {POST, "/api/v1/accounts/activate", OPEN, POOL, kJson, activate_account},
      {POST, "/api/v1/auth/login", OPEN, POOL, kJson, login},
      {POST, "/api/v1/auth/logout", CANDIDATE, POOL, kJson, logout},
      {GET, "/api/v1/auth/csrf", CANDIDATE, POOL, kNoBody, csrf},
      {POST, "/api/v1/auth/password-reset", OPEN, POOL, kJson, request_password_reset},
      {POST, "/api/v1/auth/password-reset/confirm", OPEN, POOL, kJson, confirm_password_reset},
      {GET, "/api/v1/me", CANDIDATE, POOL, kNoBody, get_me},
      {PATCH, "/api/v1/me", CANDIDATE, POOL, kJson, update_me},
      {GET, "/api/v1/me/export", CANDIDATE, POOL, kNoBody, export_me},

      // The candidate's registrations, documents and pieces.
      {GET, "/api/v1/registrations", CANDIDATE, POOL, kNoBody, list_registrations},
      {POST, "/api/v1/registrations", CANDIDATE, POOL, kJson, create_registration},
      {GET, "/api/v1/registrations/{id}", CANDIDATE, POOL, kNoBody, get_registration},
      {PUT, "/api/v1/registrations/{id}", CANDIDATE, POOL, kJson, modify_registration},
      {DELETE, "/api/v1/registrations/{id}", CANDIDATE, POOL, kNoBody, withdraw_registration},
      {GET, "/api/v1/registrations/{id}/recapitulatif.pdf", CANDIDATE, POOL, kNoBody, get_summary_pdf},
      {GET, "/api/v1/registrations/{id}/calendar.ics", CANDIDATE, POOL, kNoBody, get_calendar},
      {GET, "/api/v1/registrations/{id}/documents", CANDIDATE, POOL, kNoBody, list_documents},
      {GET, "/api/v1/registrations/{id}/documents/{type}", CANDIDATE, POOL, kNoBody, get_document},
      {GET, "/api/v1/registrations/{id}/pieces", CANDIDATE, POOL, kNoBody, list_pieces},
      {PUT, "/api/v1/registrations/{id}/pieces/{code}", CANDIDATE, STREAM, kNoBody, nullptr, upload_piece},
      {POST, "/api/v1/registrations/{id}/pieces/{code}", CANDIDATE, STREAM, kNoBody, nullptr, upload_piece},
      {POST, "/api/v1/registrations/{id}/pieces/confirm", CANDIDATE, POOL, kJson, confirm_pieces},
      {GET, "/api/v1/registrations/{id}/pieces/{code}/files/{file_id}", CANDIDATE, POOL, kNoBody, get_piece_file},
      {DELETE, "/api/v1/registrations/{id}/pieces/{code}/files/{file_id}", CANDIDATE, POOL, kNoBody,
       delete_piece_file},

      // The back office: staff sessions.
      {POST, "/api/v1/admin/auth/login", OPEN, POOL, kJson, staff_login},
      {POST, "/api/v1/admin/auth/invitation", OPEN, POOL, kJson, accept_invitation},
      {POST, "/api/v1/admin/auth/logout", STAFF, POOL, kJson, staff_logout},
      {GET, "/api/v1/admin/auth/csrf", STAFF, POOL, kNoBody, staff_csrf},
      {GET, "/api/v1/admin/me", STAFF, POOL, kNoBody, staff_me},
      // The académie's staff.
      {GET, "/api/v1/admin/users", STAFF, POOL, kNoBody, list_staff},
      {POST, "/api/v1/admin/users", STAFF, POOL, kJson, create_staff},
      {PATCH, "/api/v1/admin/users/{id}", STAFF, POOL, kJson, update_staff},
      {POST, "/api/v1/admin/users/{id}/reset", STAFF, POOL, kJson, reset_staff},
      // Registrations, pieces, documents, derogations.
      {GET, "/api/v1/admin/registrations", STAFF, POOL, kNoBody, search_registrations},
      {GET, "/api/v1/admin/registrations.csv", STAFF, POOL, kNoBody, export_registrations},
      {GET, "/api/v1/admin/registrations/{id}", STAFF, POOL, kNoBody, office_get_registration},
      {GET, "/api/v1/admin/registrations/{id}/history", STAFF, POOL, kNoBody, registration_history},
      {POST, "/api/v1/admin/registrations/{id}/withdraw", STAFF, POOL, kJson, office_withdraw},
      {PATCH, "/api/v1/admin/registrations/{id}/candidate", STAFF, POOL, kJson, correct_identity},
      {GET, "/api/v1/admin/registrations/{id}/pieces", STAFF, POOL, kNoBody, office_list_pieces},
      {GET, "/api/v1/admin/registrations/{id}/pieces/{code}/files/{file_id}", STAFF, POOL, kNoBody,
       office_get_piece_file},
      {POST, "/api/v1/admin/registrations/{id}/pieces/{code}/review", STAFF, POOL, kJson, review_piece},
      {GET, "/api/v1/admin/registrations/{id}/documents", STAFF, POOL, kNoBody, office_list_documents},
      {PUT, "/api/v1/admin/registrations/{id}/documents/{type}", STAFF, POOL, kDocument, publish_document},
      {POST, "/api/v1/admin/documents/{type}/bulk", STAFF, STREAM, kNoBody, nullptr, publish_bulk},
      {POST, "/api/v1/admin/derogations", STAFF, POOL, kJson, grant_derogation},
      // The audit log and the plugins.
      {GET, "/api/v1/admin/dashboard", STAFF, POOL, kNoBody, get_dashboard},
      {GET, "/api/v1/admin/reminders", STAFF, POOL, kNoBody, list_reminders},
      {POST, "/api/v1/admin/reminders", STAFF, POOL, kJson, send_reminders},
      {GET, "/api/v1/admin/registrations/{id}/reminder", STAFF, POOL, kNoBody, preview_reminder},
      {GET, "/api/v1/admin/audit", STAFF, POOL, kNoBody, query_audit},
      {GET, "/api/v1/admin/audit.csv", STAFF, POOL, kNoBody, export_audit},
      {GET, "/api/v1/admin/plugins", STAFF, POOL, kNoBody, plugins_status},
      // The académie's rules versions.
      {GET, "/api/v1/admin/rules/versions", STAFF, POOL, kNoBody, list_rule_versions},
      {POST, "/api/v1/admin/rules/versions", STAFF, POOL, kScript, submit_rule_version},
      {GET, "/api/v1/admin/rules/tests", STAFF, POOL, kNoBody, list_rule_tests},
      {POST, "/api/v1/admin/rules/check", STAFF, POOL, kScript, check_rule_draft},
      {POST, "/api/v1/admin/rules/simulate", STAFF, POOL, kScript, simulate_rules},
      {GET, "/api/v1/admin/rules/versions/{number}", STAFF, POOL, kNoBody, get_rule_version},
      {GET, "/api/v1/admin/rules/versions/{number}/impact", STAFF, POOL, kNoBody, rule_version_impact},
      {POST, "/api/v1/admin/rules/versions/{number}/approve", STAFF, POOL, kJson, approve_rule_version},
      {POST, "/api/v1/admin/rules/versions/{number}/activate", STAFF, POOL, kJson, activate_rule_version},
      {GET, "/api/v1/admin/rules/settings", STAFF, POOL, kNoBody, get_rules_settings},
      {PUT, "/api/v1/admin/rules/settings", STAFF, POOL, kJson, put_rules_settings},

      // Plugins' own routes: the plugin checks what it was given.
      {ANY, "/api/v1/plugins/{plugin}/{path}", OPEN, POOL, kPlugin, plugin_route, nullptr, true},
  };
}

}  // namespace guichet::api
