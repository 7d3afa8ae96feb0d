#include "services/account_service.hpp"

#include <boost/json.hpp>
#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cctype>

#include "core/time_format.hpp"
#include "db/accounts_repository.hpp"
#include "db/throttle_repository.hpp"
#include "services/login_throttle.hpp"
#include "mail/templates.hpp"
#include "services/crypto.hpp"
#include "services/event_log.hpp"
#include "services/mail_queue.hpp"
#include "services/password_policy.hpp"
#include "services/rate_limits.hpp"
#include "services/text_checks.hpp"

namespace guichet::services {
namespace {

constexpr const char* kPending = "pending_activation";
constexpr const char* kActive = "active";

Error invalid(std::map<std::string, std::string> fields) {
  Error e{ErrorCode::validation_failed, "Certaines informations sont invalides."};
  e.fields = std::move(fields);
  return e;
}

Error unauthenticated() {
  return {ErrorCode::unauthenticated, "Vous devez vous connecter pour accéder à cette page."};
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

AccountView view_of(const db::AccountRow& a) {
  AccountView v;
  v.id = a.id;
  v.email = a.email;
  v.status = a.status;
  v.identity = {a.last_name, a.first_name, a.birth_date, a.birth_place, a.nationality, a.phone};
  v.personal_data_locked = a.personal_data_locked;
  v.created_at = a.created_at;
  return v;
}

// Identity checks shared by sign-up and "me": French sentences per field.
void check_identity(const Identity& id, std::map<std::string, std::string>& faults, bool all_required) {
  auto need = [&](const std::string& field, const std::string& value, std::size_t max) {
    if (value.empty()) {
      if (all_required) faults[field] = "Ce champ est obligatoire.";
    } else if (value.size() > max) {
      faults[field] = "Ce champ est trop long.";
    }
  };
  need("last_name", id.last_name, 100);
  need("first_name", id.first_name, 100);
  need("birth_place", id.birth_place, 100);
  need("nationality", id.nationality, 40);
  if (!id.nationality.empty() && id.nationality != "francaise" && id.nationality != "ue" && id.nationality != "autre")
    faults["nationality"] = "Valeur attendue : francaise, ue ou autre.";
  if (!id.birth_date.empty()) {
    if (!parse_calendar_date(id.birth_date).ok()) faults["birth_date"] = "Date invalide (format attendu : AAAA-MM-JJ).";
  } else if (all_required) {
    faults["birth_date"] = "Ce champ est obligatoire.";
  }
  if (id.phone.size() > 30) faults["phone"] = "Numéro de téléphone trop long.";
}

// One line of printable text per identity field (text_checks.hpp); only the fields given are
// looked at, so a stored value never blocks an unrelated change.
void check_controls(std::initializer_list<std::pair<const char*, const std::string*>> fields,
                    std::map<std::string, std::string>& faults) {
  for (const auto& [field, value] : fields)
    if (value && has_control_character(*value)) faults[field] = kControlCharacterFault;
}

const std::string* given(const std::optional<std::string>& v) { return v ? &*v : nullptr; }

std::string masked(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at < 2) return "***" + (at == std::string::npos ? "" : email.substr(at));
  return email.substr(0, 2) + "***" + email.substr(at);
}

// What one sign-up or reset request may cost: a mail to `key`'s address (within the hour and
// the day) and a request of the client address.
std::vector<RateLimit> mail_limits(const CandidateConfig& c, const std::string& key, const std::string& client) {
  const char* to_address =
      "Trop de mails ont déjà été demandés pour cette adresse. Réessayez plus tard : le dernier lien "
      "reçu reste valable.";
  return {{"mail:" + key, c.mails_per_address_hour, std::chrono::hours(1), to_address},
          {"mail-day:" + key, c.mails_per_address_day, std::chrono::hours(24), to_address},
          {"mail-client:" + client, c.mail_requests_per_client_hour, std::chrono::hours(1),
           "Trop de demandes depuis votre connexion. Réessayez plus tard."}};
}

// Accounts are not tied to one académie: their mails give times in metropolitan France. The
// minute is rounded down, so the deadline said is never later than the one enforced.
std::string paris_deadline(Instant t) {
  static const date::time_zone* zone = *find_zone("Europe/Paris");
  return format_deadline(std::chrono::floor<std::chrono::minutes>(t), zone) + " (heure de Paris)";
}

}  // namespace

std::string email_key(const std::string& email) {
  std::string k = trim(email);
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return k;
}

bool plausible_email(const std::string& email) {
  if (email.size() < 3 || email.size() > 254) return false;
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
  std::string domain = email.substr(at + 1);
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.') return false;
  return !has_control_character(email) &&
         std::none_of(email.begin(), email.end(),
                      [](unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';'; });
}

AccountService::AccountService(Database& db, const Clock& clock, EventBus& events, CandidateConfig config)
    : db_(db), clock_(clock), events_(events), config_(std::move(config)) {
  dummy_hash_ = hash_password("guichet-dummy-password", config_.password_cost).value();
}

std::map<std::string, std::string> AccountService::sign_up_faults(const SignUpInput& in) const {
  std::map<std::string, std::string> faults;
  std::string email = trim(in.email);
  if (email.empty()) faults["email"] = "Ce champ est obligatoire.";
  else if (!plausible_email(email)) faults["email"] = "Adresse mail invalide.";
  check_identity(in.identity, faults, true);
  const Identity& i = in.identity;
  check_controls({{"last_name", &i.last_name}, {"first_name", &i.first_name}, {"birth_place", &i.birth_place},
                  {"nationality", &i.nationality}, {"birth_date", &i.birth_date}, {"phone", &i.phone}},
                 faults);
  if (in.password.empty()) faults["password"] = "Ce champ est obligatoire.";
  else if (auto p = password_problem(in.password, {email, in.identity.first_name, in.identity.last_name}))
    faults["password"] = *p;
  return faults;
}

Result<AccountView> AccountService::sign_up(const SignUpInput& in, const std::string& client) {
  std::map<std::string, std::string> faults = sign_up_faults(in);
  if (!faults.empty()) return invalid(std::move(faults));
  std::string email = trim(in.email);

  Instant now = security_clock().now();
  const std::vector<RateLimit> limits = mail_limits(config_, email_key(email), client);
  // A client over its limit costs no hashing (counted for real in the transaction below, after
  // the address's own limits, which an activated account's 409 comes before).
  if (Status st = db_.with_session([&](db::Session& s) { return check_rate_limits(s, {limits.back()}, now); });
      !st.ok())
    return st.error();
  auto hash = hash_password(in.password, config_.password_cost);
  if (!hash.ok()) return hash.error();
  db::AccountRow row;
  row.id = random_id();
  row.email = email;
  row.email_key = email_key(email);
  row.password_hash = *hash;
  row.last_name = in.identity.last_name;
  row.first_name = in.identity.first_name;
  row.birth_date = in.identity.birth_date;
  row.birth_place = in.identity.birth_place;
  row.nationality = in.identity.nationality;
  row.phone = in.identity.phone;
  row.status = kPending;
  row.created_at = row.updated_at = now;
  // The link carries its own expiry, so it can still say "expired" (410) once the purge has
  // deleted the account and its token.
  Instant expires = now + config_.activation_lifetime;
  std::string token = random_token() + "." +
                      std::to_string(std::chrono::floor<std::chrono::seconds>(expires).time_since_epoch().count());
  Event created = make_event("account.created", "account:" + row.id, {{"account_id", row.id}}, now);
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto existing = db::find_account_by_email_key(s, row.email_key);
    if (existing && existing->status != kPending)
      return Error{ErrorCode::email_taken, "Cette adresse mail existe déjà dans l'application. Connectez-vous, ou utilisez "
                                  "« Mot de passe oublié » si vous ne le connaissez plus."};
    if (Status limited = take_rate_limits(s, limits, now); !limited.ok()) return limited;
    // An account never activated does not hold its address: whoever signs up with it now
    // replaces it (its activation link dies with it), since only the owner of the mailbox
    // can activate.
    if (existing) db::delete_pending_account(s, existing->id);
    db::insert_account(s, row);
    db::insert_token(s, {sha256_hex(token), row.id, "activation", "", now, expires, {}});
    queue_mail(s,  // on the outbox's clock (the service's), which the delivery reads
               mail::activation_mail(row.email, row.first_name, config_.public_url + "/activation?token=" + token,
                                     paris_deadline(now + config_.activation_lifetime)),
               config_.mail_from, clock_.now());
    record_event(s, created);
    return Status::Ok();
  });
  if (!st.ok()) {
    // Two sign-ups with one address at once: the unique index decides.
    if (st.error().code == ErrorCode::constraint_violation)
      return Error{ErrorCode::email_taken, "Cette adresse mail existe déjà dans l'application."};
    return st.error();
  }
  events_.publish(created);
  return view_of(row);
}

Status AccountService::activate(const std::string& token) {
  Instant now = security_clock().now();
  Event activated;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto t = db::find_token(s, sha256_hex(token), "activation");
    if (!t) {
      auto dot = token.rfind('.');
      long long stamp = 0;
      if (dot != std::string::npos) stamp = std::atoll(token.c_str() + dot + 1);
      if (stamp > 0 && Instant(std::chrono::seconds(stamp)) <= now)
        return Error{ErrorCode::token_expired, "Ce lien d'activation a expiré (48 h). Votre compte a été supprimé : "
                                      "créez-en un nouveau."};
      return Error{ErrorCode::invalid_token, "Ce lien d'activation n'est pas valide."};
    }
    if (t->used_at) return Error{ErrorCode::invalid_token, "Ce lien d'activation a déjà servi : votre compte est actif."};
    if (now >= t->expires_at)
      return Error{ErrorCode::token_expired, "Ce lien d'activation a expiré (48 h). Votre compte a été supprimé : "
                                    "créez-en un nouveau."};
    auto account = db::find_account_by_id(s, t->account_id);
    if (!account) return Error{ErrorCode::invalid_token, "Ce lien d'activation n'est pas valide."};
    if (!db::use_token(s, t->token_hash, now))
      return Error{ErrorCode::invalid_token, "Ce lien d'activation a déjà servi."};
    account->status = kActive;
    account->activated_at = now;
    account->updated_at = now;
    db::update_account(s, *account);
    activated = make_event("account.activated", "account:" + account->id, {{"account_id", account->id}}, now);
    record_event(s, activated);
    return Status::Ok();
  });
  if (st.ok()) events_.publish(activated);
  return st;
}

Result<LoginResult> AccountService::login(const std::string& email, const std::string& password,
                                          const std::string& client, const std::string& device_token) {
  Instant now = security_clock().now();
  const std::string key = email_key(email);
  LoginThrottle throttle(db_, throttle_limits(config_));
  LoginAttempt attempt{"account:" + key, "address:" + client, ""};

  // 1. The account, and whether this client holds one of its device tokens.
  std::optional<db::AccountRow> account;
  Status st = db_.with_session([&](db::Session& s) {
    account = db::find_account_by_email_key(s, key);
    if (account && !device_token.empty())
      attempt.device_hash = LoginThrottle::trusted_device(s, device_token, "account:" + account->id, now);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();

  // 2. Blocked? (No hashing work for a blocked caller; never for the owner's own device.)
  if (Status blocked = throttle.check(attempt, now); !blocked.ok()) return blocked.error();

  // 3. The password, checked off the I/O threads by the caller's thread pool.
  bool good = verify_password(account ? account->password_hash : dummy_hash_, password) && account;
  if (!good)
    return throttle.failed(attempt, now, Error{ErrorCode::invalid_credentials, "Adresse mail ou mot de passe incorrect."});
  if (account->status != kActive)
    return Error{ErrorCode::account_not_activated, "Votre compte n'est pas encore activé : cliquez sur le lien « Activer mon "
                                          "compte » du mail reçu à la création (valable 48 h)."};

  LoginResult out;
  out.token = random_token();
  out.csrf_token = csrf_token_for(out.token);
  out.expires_at = now + config_.session_lifetime;
  out.account = view_of(*account);
  out.device_lifetime = throttle.limits().device_lifetime;
  st = db_.transaction([&](db::Session& s) {
    out.device_token = throttle.succeeded(s, attempt, "account:" + account->id, now);
    db::insert_token(s, {sha256_hex(out.token), account->id, "session", sha256_hex(out.csrf_token), now,
                         out.expires_at, {}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

std::string csrf_token_for(const std::string& session_token) { return sha256_hex("guichet-csrf:" + session_token); }

Status AccountService::logout(const std::string& token_hash) {
  return db_.transaction([&](db::Session& s) {
    db::delete_token(s, token_hash);
    return Status::Ok();
  });
}

Result<Caller> AccountService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return unauthenticated();
  Instant now = security_clock().now();
  Caller caller;
  Status st = db_.with_session([&](db::Session& s) -> Status {
    auto t = db::find_token(s, sha256_hex(token), "session");
    if (!t || now >= t->expires_at) return unauthenticated();
    caller = {t->account_id, t->token_hash, t->csrf_hash};
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return caller;
}

Status AccountService::request_password_reset(const std::string& email, const std::string& client) {
  Instant now = security_clock().now();
  const std::string key = email_key(email);
  Event requested;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    requested = Event{};
    // Counted for every address, known or not, so a 429 tells nothing about which exist.
    if (Status limited = take_rate_limits(s, mail_limits(config_, key, client), now); !limited.ok()) return limited;
    auto account = db::find_account_by_email_key(s, key);
    if (!account) return Status::Ok();  // say nothing
    const bool pending = account->status == kPending;
    const char* kind = pending ? "activation" : "password_reset";
    // Nobody can flood a candidate's mailbox: one mail per cooldown, the rest say nothing (the
    // caller still gets 202, as for an unknown address).
    if (auto last = db::newest_token_time(s, account->id, kind); last && now - *last < config_.reset_cooldown)
      return Status::Ok();
    // One live link at a time: a new request voids the previous one.
    db::delete_tokens(s, account->id, kind);
    if (pending) {
      // Not activated yet: a reset link would lead nowhere, so a new activation link goes,
      // valid until the account's own deadline (the purge deletes it then).
      Instant expires = account->created_at + config_.activation_lifetime;
      if (expires <= now) return Status::Ok();
      std::string token = random_token() + "." +
                          std::to_string(std::chrono::floor<std::chrono::seconds>(expires).time_since_epoch().count());
      db::insert_token(s, {sha256_hex(token), account->id, "activation", "", now, expires, {}});
      queue_mail(s,
                 mail::activation_reminder_mail(account->email, account->first_name,
                                                config_.public_url + "/activation?token=" + token,
                                                paris_deadline(expires)),
                 config_.mail_from, clock_.now());
      return Status::Ok();
    }
    requested = make_event("account.password_reset_requested", "account:" + account->id,
                           {{"account_id", account->id}}, now);
    record_event(s, requested);
    std::string token = random_token();
    db::insert_token(s, {sha256_hex(token), account->id, "password_reset", "", now, now + config_.reset_lifetime, {}});
    queue_mail(s,
               mail::password_reset_mail(account->email, account->first_name,
                                         config_.public_url + "/reinitialisation?token=" + token,
                                         static_cast<int>(config_.reset_lifetime.count() / 60)),
               config_.mail_from, clock_.now());
    return Status::Ok();
  });
  if (st.ok() && !requested.type.empty()) events_.publish(requested);
  return st;
}

Status AccountService::confirm_password_reset(const std::string& token, const std::string& password) {
  Instant now = security_clock().now();
  std::optional<db::AccountRow> account;
  std::optional<db::TokenRow> t;
  Status st = db_.with_session([&](db::Session& s) {
    t = db::find_token(s, sha256_hex(token), "password_reset");
    if (t) account = db::find_account_by_id(s, t->account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!t || t->used_at || !account)
    return Error{ErrorCode::invalid_token, "Ce lien de réinitialisation n'est pas valide ou a déjà servi."};
  if (now >= t->expires_at)
    return Error{ErrorCode::token_expired, "Ce lien de réinitialisation a expiré. Faites une nouvelle demande."};
  if (auto p = password_problem(password, {account->email, account->first_name, account->last_name}))
    return invalid({{"password", *p}});
  auto hash = hash_password(password, config_.password_cost);
  if (!hash.ok()) return hash.error();
  Event changed;
  st = db_.transaction([&](db::Session& s) -> Status {
    if (!db::use_token(s, t->token_hash, now))
      return Error{ErrorCode::invalid_token, "Ce lien de réinitialisation a déjà servi."};
    auto fresh = db::find_account_by_id(s, account->id);
    if (!fresh) return Error{ErrorCode::invalid_token, "Ce lien de réinitialisation n'est pas valide."};
    fresh->password_hash = *hash;
    fresh->updated_at = now;
    db::update_account(s, *fresh);
    db::delete_tokens(s, fresh->id, "session");  // every open session dies with the old password
    changed = make_event("account.password_changed", "account:" + fresh->id, {{"account_id", fresh->id}}, now);
    record_event(s, changed);
    return Status::Ok();
  });
  if (st.ok()) events_.publish(changed);
  return st;
}

Result<AccountView> AccountService::me(const std::string& account_id) {
  std::optional<db::AccountRow> account;
  Status st = db_.with_session([&](db::Session& s) {
    account = db::find_account_by_id(s, account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!account) return unauthenticated();
  return view_of(*account);
}

Result<AccountView> AccountService::update_me(const std::string& account_id, const AccountPatch& p) {
  Instant now = security_clock().now();
  auto current = me(account_id);
  if (!current.ok()) return current.error();
  // A field sent with the value it already has changes nothing: a form that sends the whole
  // identity back (as portals do) is not refused once the identity is locked.
  const Identity& was = current->identity;
  auto differs = [](const std::optional<std::string>& given, const std::string& now) { return given && *given != now; };
  const bool identity_change = differs(p.last_name, was.last_name) || differs(p.first_name, was.first_name) ||
                               differs(p.birth_date, was.birth_date) || differs(p.birth_place, was.birth_place) ||
                               differs(p.nationality, was.nationality) || differs(p.phone, was.phone);
  const bool secret_change = p.email || p.password;

  std::map<std::string, std::string> faults;
  if (p.email && !plausible_email(trim(*p.email))) faults["email"] = "Adresse mail invalide.";
  Identity next = current->identity;
  if (p.last_name) next.last_name = *p.last_name;
  if (p.first_name) next.first_name = *p.first_name;
  if (p.birth_date) next.birth_date = *p.birth_date;
  if (p.birth_place) next.birth_place = *p.birth_place;
  if (p.nationality) next.nationality = *p.nationality;
  if (p.phone) next.phone = *p.phone;
  check_identity(next, faults, true);
  check_controls({{"last_name", given(p.last_name)}, {"first_name", given(p.first_name)},
                  {"birth_place", given(p.birth_place)}, {"nationality", given(p.nationality)},
                  {"birth_date", given(p.birth_date)}, {"phone", given(p.phone)}},
                 faults);
  if (p.password)
    if (auto problem = password_problem(*p.password, {p.email.value_or(current->email), next.first_name, next.last_name}))
      faults["password"] = *problem;
  if (secret_change && !p.current_password)
    faults["current_password"] = "Saisissez votre mot de passe actuel pour changer d'adresse ou de mot de passe.";
  if (!faults.empty()) return invalid(std::move(faults));

  std::optional<std::string> new_hash;
  if (secret_change) {
    std::optional<db::AccountRow> row;
    Status st = db_.with_session([&](db::Session& s) {
      row = db::find_account_by_id(s, account_id);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (!row || !verify_password(row->password_hash, *p.current_password))
      return invalid({{"current_password", "Mot de passe actuel incorrect."}});
    if (p.password) {
      auto h = hash_password(*p.password, config_.password_cost);
      if (!h.ok()) return h.error();
      new_hash = *h;
    }
  }

  std::optional<db::AccountRow> saved;
  std::string old_email;
  std::vector<Event> changes;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    changes.clear();
    auto row = db::find_account_by_id(s, account_id);
    if (!row) return unauthenticated();
    if (identity_change && row->personal_data_locked)
      return Error{ErrorCode::personal_data_locked,
                   "Vos données personnelles ne sont plus modifiables depuis votre première inscription. "
                   "Contactez le service des examens de votre académie pour les faire corriger."};
    old_email = row->email;
    if (p.email && email_key(*p.email) != row->email_key) {
      if (db::find_account_by_email_key(s, email_key(*p.email)))
        return Error{ErrorCode::email_taken, "Cette adresse mail existe déjà dans l'application."};
      row->email = trim(*p.email);
      row->email_key = email_key(*p.email);
      queue_mail(s, mail::email_changed_mail(old_email, row->first_name, masked(row->email)), config_.mail_from, clock_.now());
    }
    if (new_hash) {
      row->password_hash = *new_hash;
      db::delete_tokens(s, row->id, "session");  // sessions die with the old password
    }
    row->last_name = next.last_name;
    row->first_name = next.first_name;
    row->birth_date = next.birth_date;
    row->birth_place = next.birth_place;
    row->nationality = next.nationality;
    row->phone = next.phone;
    row->updated_at = now;
    db::update_account(s, *row);
    saved = row;
    auto change = [&](const char* type) {
      changes.push_back(make_event(type, "account:" + account_id, {{"account_id", account_id}}, now));
      record_event(s, changes.back());
    };
    if (row->email != old_email) change("account.email_changed");
    if (new_hash) change("account.password_changed");
    if (identity_change) change("account.updated");
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.error().code == ErrorCode::constraint_violation)
      return Error{ErrorCode::email_taken, "Cette adresse mail existe déjà dans l'application."};
    return st.error();
  }
  for (const auto& e : changes) events_.publish(e);
  return view_of(*saved);
}

Result<long long> AccountService::purge_expired_limits() {
  long long deleted = 0;
  Instant now = security_clock().now();
  Status st = db_.transaction([&](db::Session& s) {
    // The longest window is a day: older windows limit nothing any more.
    deleted = db::delete_rate_limits_before(s, now - std::chrono::hours(24));
    deleted += LoginThrottle::purge_devices(s, now);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return deleted;
}

Result<long long> AccountService::purge_unactivated() {
  long long deleted = 0;
  Instant cutoff = security_clock().now() - config_.activation_lifetime;
  Status st = db_.transaction([&](db::Session& s) {
    deleted = db::delete_pending_accounts_before(s, cutoff);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return deleted;
}

}  // namespace guichet::services
