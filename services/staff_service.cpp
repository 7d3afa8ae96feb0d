#include "services/staff_service.hpp"

#include <boost/json.hpp>

#include "db/staff_repository.hpp"
#include "mail/templates.hpp"
#include "services/account_service.hpp"
#include "services/mail_queue.hpp"
#include "services/password_policy.hpp"
#include "services/staff_roles.hpp"
#include "services/text_checks.hpp"
#include "services/totp.hpp"

namespace guichet::services {
namespace json = boost::json;

namespace {

constexpr const char* kInvited = "invited";
constexpr const char* kActive = "active";
constexpr const char* kDisabled = "disabled";
constexpr const char* kIssuer = "Guichet des examens";

StaffView view_of(const db::StaffUserRow& u) {
  return {u.id, u.academy, u.email, u.display_name, u.status, parse_roles(u.roles).value_or(0), u.created_at};
}

json::value audit_view(const db::StaffUserRow& u) {
  return json::object{{"email", u.email}, {"display_name", u.display_name}, {"roles", u.roles}, {"status", u.status}};
}

Error invalid(std::map<std::string, std::string> fields) {
  Error e{ErrorCode::validation_failed, "Certaines informations sont invalides."};
  e.fields = std::move(fields);
  return e;
}

Error unauthenticated() { return {ErrorCode::unauthenticated, "Vous devez vous connecter au guichet de gestion."}; }
Error forbidden() { return {ErrorCode::forbidden, "Votre rôle ne permet pas cette action."}; }
Error user_not_found() { return {ErrorCode::not_found, "Ce compte de gestion n'existe pas."}; }

bool plausible_academy(const std::string& code) {
  if (code.empty() || code.size() > 40) return false;
  for (char c : code)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

// Queues the invitation with a fresh single-use setup token (older ones die).
// `now` is the security clock's (the token's life); `mail_now` the outbox's (the service's
// clock, which the delivery reads: a simulated one on a simulating server).
void invite(db::Session& s, const db::StaffUserRow& u, const StaffConfig& config, Instant now, Instant mail_now) {
  db::delete_staff_tokens(s, u.id, "setup");
  std::string token = random_token();
  db::insert_staff_token(s, {sha256_hex(token), u.id, "setup", now, now + config.invitation_lifetime, now, {}});
  std::string link = config.backoffice_url + "/gestion/activation?token=" + token;
  int hours = static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(config.invitation_lifetime).count());
  queue_mail(s, mail::staff_invitation_mail(u.email, u.display_name, u.academy, link, hours), config.mail_from, mail_now, u.academy);
}

}  // namespace

StaffService::StaffService(Database& db, const Clock& clock, StaffConfig config)
    : db_(db), clock_(clock), config_(std::move(config)) {
  dummy_hash_ = hash_password("guichet-dummy-password", config_.password_cost).value();
}

Result<CreatedStaff> StaffService::create_user(const Actor& by, const NewStaff& in) {
  Instant now = security_clock().now();
  std::map<std::string, std::string> faults;
  if (!plausible_academy(in.academy)) faults["academy"] = "Code d'académie invalide.";
  if (!plausible_email(in.email)) faults["email"] = "Adresse mail invalide.";
  if (in.display_name.empty() || in.display_name.size() > 100) faults["display_name"] = "Nom attendu (100 caractères au plus).";
  else if (has_control_character(in.display_name)) faults["display_name"] = kControlCharacterFault;
  if (in.roles == 0) faults["roles"] = "Au moins un rôle : manager, rules_editor, auditor ou admin.";
  if (in.password)
    if (auto p = password_problem(*in.password, {in.email, in.display_name, ""})) faults["password"] = *p;
  if (!faults.empty()) return invalid(std::move(faults));
  // An admin only creates staff of its own académie; the command line creates any.
  if (by.id != "cli" && (by.academy != in.academy || !allows(by.roles, Right::manage_staff)))
    return Error{ErrorCode::forbidden, "Vous ne pouvez créer que des comptes de votre académie."};

  db::StaffUserRow u;
  u.id = random_id();
  u.academy = in.academy;
  u.email = in.email;
  u.email_key = email_key(in.email);
  u.display_name = in.display_name;
  u.roles = roles_text(in.roles);
  u.totp_secret = new_totp_secret();
  u.status = in.password ? kActive : kInvited;
  u.created_at = u.updated_at = now;
  if (in.password) {
    auto hash = hash_password(*in.password, config_.password_cost);
    if (!hash.ok()) return hash.error();
    u.password_hash = *hash;
  }
  Status st = db_.transaction([&](db::Session& s) -> Status {
    if (db::find_staff_user_by_email_key(s, u.email_key))
      return invalid({{"email", "Un compte de gestion existe déjà pour cette adresse."}});
    db::insert_staff_user(s, u);
    if (!in.password) invite(s, u, config_, now, clock_.now());
    Actor actor = by;
    actor.academy = u.academy;  // the row belongs to the académie of the account
    audit(s, actor, now, {"staff.create", "staff_user", u.id, "", nullptr, audit_view(u)});
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.error().code == ErrorCode::constraint_violation)
      return invalid({{"email", "Un compte de gestion existe déjà pour cette adresse."}});
    return st.error();
  }
  CreatedStaff out{view_of(u), "", ""};
  if (in.password) {
    out.totp_secret = u.totp_secret;
    out.otpauth_uri = otpauth_uri(kIssuer, u.email, u.totp_secret);
  }
  return out;
}

Result<Enrolment> StaffService::accept_invitation(const std::string& token, const std::string& password) {
  Instant now = security_clock().now();
  if (token.empty() || token.size() > 128) return Error{ErrorCode::invalid_token, "Lien d'invitation invalide."};
  const std::string hash = sha256_hex(token);
  std::optional<db::StaffTokenRow> t;
  std::optional<db::StaffUserRow> u;
  Status st = db_.with_session([&](db::Session& s) {
    t = db::find_staff_token(s, hash, "setup");
    if (t) u = db::find_staff_user(s, t->user_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!t || !u || t->used_at) return Error{ErrorCode::invalid_token, "Lien d'invitation invalide ou déjà utilisé."};
  if (now >= t->expires_at)
    return Error{ErrorCode::token_expired, "Ce lien d'invitation a expiré : demandez-en un nouveau à l'administrateur de "
                                  "votre académie."};
  if (u->status == kDisabled) return Error{ErrorCode::invalid_token, "Lien d'invitation invalide ou déjà utilisé."};
  if (auto p = password_problem(password, {u->email, u->display_name, ""})) return invalid({{"password", *p}});
  auto password_hash = hash_password(password, config_.password_cost);
  if (!password_hash.ok()) return password_hash.error();
  st = db_.transaction([&](db::Session& s) -> Status {
    if (!db::use_staff_token(s, hash, now)) return Error{ErrorCode::invalid_token, "Lien d'invitation invalide ou déjà utilisé."};
    u->password_hash = *password_hash;
    u->status = kActive;
    u->updated_at = now;
    db::update_staff_user(s, *u);
    audit(s, {u->id, u->display_name, u->academy, 0}, now,
          {"staff.accept_invitation", "staff_user", u->id, "", nullptr, audit_view(*u)});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return Enrolment{u->totp_secret, otpauth_uri(kIssuer, u->email, u->totp_secret)};
}

Result<StaffLogin> StaffService::login(const std::string& email, const std::string& password,
                                       const std::string& code, const std::string& client,
                                       const std::string& device_token) {
  Instant now = security_clock().now();
  const std::string key = email_key(email);
  LoginThrottle throttle(db_, config_.throttle);
  LoginAttempt attempt{"staff:" + key, "staff-address:" + client, ""};

  std::optional<db::StaffUserRow> u;
  Status st = db_.with_session([&](db::Session& s) {
    u = db::find_staff_user_by_email_key(s, key);
    if (u && !device_token.empty())
      attempt.device_hash = LoginThrottle::trusted_device(s, device_token, "staff_user:" + u->id, now);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (Status blocked = throttle.check(attempt, now); !blocked.ok()) return blocked.error();

  const Error wrong{ErrorCode::invalid_credentials, "Adresse mail, mot de passe ou code de vérification incorrect."};
  const bool usable = u && u->status == kActive && !u->password_hash.empty();
  // Always one Argon2id verification, so timing does not tell which addresses exist.
  bool good = verify_password(usable ? u->password_hash : dummy_hash_, password) && usable;
  const Instant code_time = now;  // the security clock: real time under a simulated one
  std::optional<long long> step = good ? match_totp(u->totp_secret, code, code_time) : std::nullopt;
  if (!good || !step) return throttle.failed(attempt, now, wrong);

  StaffLogin out;
  out.token = random_token();
  out.expires_at = now + config_.lifetime;
  out.user = view_of(*u);
  bool replayed = false;
  st = db_.transaction([&](db::Session& s) -> Status {
    // A code works once: a second login with the same code (seen over a shoulder) fails.
    if (!db::use_totp_step(s, u->id, *step)) {
      replayed = true;
      return Status::Ok();
    }
    out.device_token = throttle.succeeded(s, attempt, "staff_user:" + u->id, now);
    out.device_lifetime = throttle.limits().device_lifetime;
    db::insert_staff_token(s, {sha256_hex(out.token), u->id, "session", now, out.expires_at, now, {}});
    audit(s, {u->id, u->display_name, u->academy, 0}, now,
          {"staff.login", "staff_user", u->id, "", nullptr,
           json::object{{"client", client}, {"known_device", attempt.trusted()}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (replayed) return throttle.failed(attempt, now, wrong);
  return out;
}

Status StaffService::logout(const std::string& token_hash) {
  return db_.transaction([&](db::Session& s) {
    db::delete_staff_token(s, token_hash);
    return Status::Ok();
  });
}

Result<StaffCaller> StaffService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return unauthenticated();
  Instant now = security_clock().now();
  const std::string hash = sha256_hex(token);
  StaffCaller caller;
  bool touch = false;
  Status st = db_.with_session([&](db::Session& s) -> Status {
    auto t = db::find_staff_token(s, hash, "session");
    if (!t || now >= t->expires_at || now >= t->last_seen_at + config_.idle) return unauthenticated();
    auto u = db::find_staff_user(s, t->user_id);
    if (!u || u->status != kActive) return unauthenticated();
    caller.actor = {u->id, u->display_name, u->academy, parse_roles(u->roles).value_or(0)};
    caller.token_hash = hash;
    // Sliding idle deadline, written at most once a minute per session.
    touch = now - t->last_seen_at >= std::chrono::minutes(1);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (touch)
    (void)db_.transaction([&](db::Session& s) {
      db::touch_staff_token(s, hash, now);
      return Status::Ok();
    });
  return caller;
}

Result<std::vector<StaffView>> StaffService::list_users(const Actor& by) {
  if (!allows(by.roles, Right::manage_staff)) return forbidden();
  std::vector<StaffView> out;
  Status st = db_.with_session([&](db::Session& s) {
    for (const auto& u : db::list_staff_users(s, by.academy)) out.push_back(view_of(u));
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<StaffView> StaffService::update_user(const Actor& by, const std::string& id, const StaffPatch& patch) {
  if (!allows(by.roles, Right::manage_staff)) return forbidden();
  Instant now = security_clock().now();
  std::map<std::string, std::string> faults;
  if (patch.display_name && (patch.display_name->empty() || patch.display_name->size() > 100))
    faults["display_name"] = "Nom attendu (100 caractères au plus).";
  else if (patch.display_name && has_control_character(*patch.display_name))
    faults["display_name"] = kControlCharacterFault;
  if (patch.roles && *patch.roles == 0) faults["roles"] = "Au moins un rôle : manager, rules_editor, auditor ou admin.";
  if (patch.status && *patch.status != kActive && *patch.status != kDisabled)
    faults["status"] = "Valeur attendue : active ou disabled.";
  if (id == by.id && ((patch.roles && !(*patch.roles & kAdmin)) || (patch.status && *patch.status == kDisabled)))
    faults["roles"] = "Vous ne pouvez pas retirer vos propres droits d'administration.";
  if (!faults.empty()) return invalid(std::move(faults));
  db::StaffUserRow after;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto u = db::find_staff_user(s, id);
    if (!u || u->academy != by.academy) return user_not_found();
    json::value before = audit_view(*u);
    if (patch.display_name) u->display_name = *patch.display_name;
    if (patch.roles) u->roles = roles_text(*patch.roles);
    if (patch.status) {
      if (u->status == kInvited && *patch.status == kActive)
        return invalid({{"status", "Ce compte doit d'abord être activé par son titulaire (lien d'invitation)."}});
      u->status = *patch.status;
      if (u->status == kDisabled) db::delete_staff_tokens(s, u->id, "session");
    }
    u->updated_at = now;
    db::update_staff_user(s, *u);
    audit(s, by, now, {"staff.update", "staff_user", u->id, "", before, audit_view(*u)});
    after = *u;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return view_of(after);
}

Result<StaffView> StaffService::reset_user(const Actor& by, const std::string& id) {
  if (!allows(by.roles, Right::manage_staff)) return forbidden();
  Instant now = security_clock().now();
  db::StaffUserRow after;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto u = db::find_staff_user(s, id);
    if (!u || u->academy != by.academy) return user_not_found();
    json::value before = audit_view(*u);
    u->password_hash.clear();
    u->totp_secret = new_totp_secret();
    u->status = kInvited;
    u->updated_at = now;
    db::update_staff_user(s, *u);
    db::delete_staff_tokens(s, u->id, "session");
    invite(s, *u, config_, now, clock_.now());
    audit(s, by, now, {"staff.reset", "staff_user", u->id, "", before, audit_view(*u)});
    after = *u;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return view_of(after);
}

}  // namespace guichet::services
