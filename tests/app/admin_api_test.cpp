// The back office over real HTTP on both backends: staff login with a second factor, the
// académie scoping of every endpoint, roles, the office's actions on registrations and the
// audit log they leave.
#include <boost/json.hpp>
#include <fmt/format.h>

#include <soci/soci.h>
#include <zip.h>

#include <cctype>
#include <fstream>

#include "tests/app/admin_client.hpp"
#include "tests/support/run_command.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

json::object body(const HttpResponse& r) { return json::parse(r.body).as_object(); }

// A ZIP file made with libzip from (name, bytes) pairs.
std::string make_zip(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& files) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  for (const auto& [name, bytes] : files) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
  }
  zip_close(z);
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class AdminApi : public AdminApiBase {
 protected:
  void SetUp() override { start_at("2024-11-01T10:00:00+01:00"); }
};

TEST_P(AdminApi, LoginNeedsThePasswordAndAFreshCode) {
  auto chef = staff("testia", "chef@example.org", "admin,manager");
  EXPECT_EQ(login(chef, 0, "pas le bon mot de passe").status, 401u);
  auto bad_code = post_json("/api/v1/admin/auth/login",
                            R"({"email": "chef@example.org", "password": ")" + kPassword + R"(", "code": "000000"})");
  EXPECT_EQ(bad_code.status, 401u);
  EXPECT_EQ(code(bad_code), "invalid_credentials");
  auto ok = login(chef);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(body(ok).at("user").at("academy").as_string(), "testia");
  EXPECT_EQ(body(ok).at("idle_timeout_seconds").as_int64(), 900);
  // The same code again (seen over a shoulder) is refused.
  EXPECT_EQ(login(chef).status, 401u);
  std::string token(body(ok).at("token").as_string());
  auto me = send("GET", "/api/v1/admin/me", "", bearer(token));
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(body(me).at("id").as_string(), chef.id);
  // Logged out, the token is dead.
  EXPECT_EQ(send("POST", "/api/v1/admin/auth/logout", "", bearer(token)).status, 204u);
  EXPECT_EQ(send("GET", "/api/v1/admin/me", "", bearer(token)).status, 401u);
}

TEST_P(AdminApi, AStaffMembersKnownDeviceIsNotLockedOutByAStranger) {
  auto chef = staff("testia", "chef@example.org", "admin,manager");
  auto first = login(chef);
  ASSERT_EQ(first.status, 200u) << first.body;
  std::string device(body(first).at("device_token").as_string());
  EXPECT_GE(device.size(), 43u);
  // The browser's copy of the device token is an HttpOnly cookie of the staff login route only.
  EXPECT_NE(first.body.find("device_token"), std::string::npos);
  // A stranger guesses: the account blocks for everyone without the device token.
  HttpResponse last;
  for (int i = 0; i < 5; ++i) last = login(chef, 1, "pas le bon mot de passe");
  EXPECT_EQ(last.status, 429u);
  EXPECT_EQ(login(chef, 1).status, 429u);
  // The chef's own device, with the right password and a fresh code: in.
  std::string code = services::totp_code(chef.secret, services::totp_step(real_now()) + 1);
  auto known = post_json("/api/v1/admin/auth/login",
                         json::serialize(json::object{{"email", chef.email}, {"password", kPassword}, {"code", code},
                                                      {"device_token", device}}));
  ASSERT_EQ(known.status, 200u) << known.body;
  EXPECT_NE(std::string(body(known).at("device_token").as_string()), device);  // replaced
}

TEST_P(AdminApi, SecondFactorsFollowRealTimeWhileTheServerSimulatesAnother) {
  // The server simulates 2024-11-01; a phone's authenticator reads the machine's clock.
  auto chef = staff("testia", "chef@example.org", "admin,manager");
  std::string simulated_code = services::totp_code(chef.secret, services::totp_step(server_now()));
  auto refused = post_json("/api/v1/admin/auth/login",
                           json::serialize(json::object{{"email", chef.email}, {"password", kPassword}, {"code", simulated_code}}));
  EXPECT_EQ(refused.status, 401u) << refused.body;
  EXPECT_EQ(login(chef).status, 200u);  // the code of the machine's time
}

TEST_P(AdminApi, TheBackOfficeCookieIsScopedAndNeedsTheCsrfTokenToChangeThings) {
  auto chef = staff("testia", "chef@example.org", "admin,manager");
  auto ok = login(chef);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  std::string set_cookie = ok.header("set-cookie");
  EXPECT_EQ(set_cookie.rfind("guichet_staff=", 0), 0u) << set_cookie;
  for (const char* attribute : {"Path=/api/v1/admin;", "HttpOnly", "SameSite=Strict"})
    EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute << " in " << set_cookie;
  std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  std::string csrf(body(ok).at("csrf_token").as_string());
  auto me = send("GET", "/api/v1/admin/me", "", {{"Cookie", cookie}});
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(body(me).at("idle_timeout_seconds").as_int64(), 900);
  EXPECT_FALSE(body(me).at("academy_name").as_string().empty());
  // A change through the cookie alone (a cross-site form) is refused; with the token it passes.
  const std::string invite = R"({"email": "agent@example.org", "display_name": "Agent", "roles": ["manager"]})";
  auto forged = send("POST", "/api/v1/admin/users", invite, {{"Cookie", cookie}, {"Content-Type", "application/json"}});
  EXPECT_EQ(forged.status, 403u);
  EXPECT_EQ(code(forged), "csrf_failed");
  auto again = send("GET", "/api/v1/admin/auth/csrf", "", {{"Cookie", cookie}});
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(body(again).at("csrf_token").as_string(), csrf);
  auto made = send("POST", "/api/v1/admin/users", invite,
                   {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(made.status, 201u) << made.body;
  // The candidate's cookie name is not read here, nor the staff cookie on the candidate side.
  std::string token = cookie.substr(cookie.find('=') + 1);
  EXPECT_EQ(send("GET", "/api/v1/admin/me", "", {{"Cookie", "guichet_session=" + token}}).status, 401u);
  EXPECT_EQ(send("GET", "/api/v1/me", "", {{"Cookie", "guichet_session=" + token}}).status, 401u);
  auto out = send("POST", "/api/v1/admin/auth/logout", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204u);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(send("GET", "/api/v1/admin/me", "", {{"Cookie", cookie}}).status, 401u);
}

TEST_P(AdminApi, CandidateAndStaffSessionsDoNotCross) {
  auto chef = staff("testia", "chef@example.org", "admin,manager");
  std::string staff_token = token_of(chef);
  std::string candidate = account("elodie@example.org");
  EXPECT_EQ(send("GET", "/api/v1/admin/me", "", bearer(candidate)).status, 401u);
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations", "", bearer(candidate)).status, 401u);
  EXPECT_EQ(send("GET", "/api/v1/me", "", bearer(staff_token)).status, 401u);
  // A staff account is not a candidate account either.
  auto as_candidate = post_json("/api/v1/auth/login", R"({"email": "chef@example.org", "password": ")" + kPassword + R"("})");
  EXPECT_EQ(as_candidate.status, 401u);
}

TEST_P(AdminApi, AnAdminInvitesAUserWhoEnrolsAndLogsIn) {
  auto chef = staff("testia", "chef@example.org", "admin");
  std::string token = token_of(chef);
  auto forged = send("POST", "/api/v1/admin/users",
                     R"({"email": "agent@example.org", "display_name": "Agent\nDupont", "roles": ["manager"]})",
                     bearer(token));
  ASSERT_EQ(forged.status, 422u) << forged.body;
  EXPECT_TRUE(body(forged).at("error").at("fields").as_object().contains("display_name"));
  auto created = send("POST", "/api/v1/admin/users",
                      R"({"email": "agent@example.org", "display_name": "Agent Dupont", "roles": ["manager"]})",
                      bearer(token));
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(body(created).at("status").as_string(), "invited");
  const std::string invitation_mail =
      await_mail([](const std::string& m) { return m.find("To: agent@example.org") != std::string::npos; });
  EXPECT_NE(mail::testing::plain_text(invitation_mail).find("Agent Dupont"), std::string::npos);
  std::string invitation = mail::testing::link_token(invitation_mail);
  ASSERT_FALSE(invitation.empty());
  // A weak password is refused; the link still works after that.
  auto weak = post_json("/api/v1/admin/auth/invitation", R"({"token": ")" + invitation + R"(", "password": "court"})");
  EXPECT_EQ(weak.status, 422u);
  auto enrol = post_json("/api/v1/admin/auth/invitation",
                         R"({"token": ")" + invitation + R"(", "password": "une autre phrase solide"})");
  ASSERT_EQ(enrol.status, 200u) << enrol.body;
  std::string secret(body(enrol).at("totp_secret").as_string());
  EXPECT_NE(std::string(body(enrol).at("otpauth_uri").as_string()).find("secret=" + secret), std::string::npos);
  // The link works once.
  EXPECT_EQ(post_json("/api/v1/admin/auth/invitation",
                      R"({"token": ")" + invitation + R"(", "password": "une autre phrase solide"})").status, 400u);
  StaffMember agent{std::string(body(created).at("id").as_string()), "agent@example.org", secret};
  auto in = login(agent, 0, "une autre phrase solide");
  ASSERT_EQ(in.status, 200u) << in.body;
  std::string agent_token(body(in).at("token").as_string());
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations", "", bearer(agent_token)).status, 200u);

  // Disabled: the session ends at once, and no new one opens.
  auto off = send("PATCH", "/api/v1/admin/users/" + agent.id, R"({"status": "disabled"})", bearer(token));
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations", "", bearer(agent_token)).status, 401u);
  EXPECT_EQ(login(agent, 1, "une autre phrase solide").status, 401u);
  EXPECT_EQ(send("PATCH", "/api/v1/admin/users/" + agent.id, R"({"display_name": "Agent\tDupont"})", bearer(token)).status,
            422u);
  // An admin cannot lock itself out.
  EXPECT_EQ(send("PATCH", "/api/v1/admin/users/" + chef.id, R"({"roles": ["manager"]})", bearer(token)).status, 422u);
}

TEST_P(AdminApi, RolesLimitWhatEachStaffMemberDoes) {
  std::string reg_id;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id);
  std::string auditor = token_of(staff("testia", "audit@example.org", "auditor"));
  std::string manager = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string editor = token_of(staff("testia", "regles@example.org", "rules_editor"));
  // Auditors read, and only read.
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations/" + reg_id, "", bearer(auditor)).status, 200u);
  EXPECT_EQ(send("GET", "/api/v1/admin/audit", "", bearer(auditor)).status, 200u);
  auto w = send("POST", "/api/v1/admin/registrations/" + reg_id + "/withdraw", R"({"reason": "essai"})", bearer(auditor));
  EXPECT_EQ(w.status, 403u);
  EXPECT_EQ(code(w), "forbidden");
  EXPECT_EQ(send("GET", "/api/v1/admin/users", "", bearer(auditor)).status, 403u);
  // Managers handle registrations, not staff nor the audit log.
  EXPECT_EQ(send("GET", "/api/v1/admin/users", "", bearer(manager)).status, 403u);
  EXPECT_EQ(send("GET", "/api/v1/admin/audit", "", bearer(manager)).status, 403u);
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations/" + reg_id + "/history", "", bearer(manager)).status, 200u);
  // Rules editors do not see candidates.
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations", "", bearer(editor)).status, 403u);
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations/" + reg_id, "", bearer(editor)).status, 403u);
}

TEST_P(AdminApi, AnotherAcademysStaffSeesNothingOfThisOne) {
  std::string reg_id, candidate;
  std::string number = registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  auto upload = send("PUT", "/api/v1/registrations/" + reg_id + "/pieces/identite", "%PDF-1.4\nune piece",
                     {{"Authorization", "Bearer " + candidate}, {"Content-Type", "application/pdf"}});
  ASSERT_EQ(upload.status, 201u) << upload.body;
  std::string file_id(body(upload).at("file").at("id").as_string());
  auto home = staff("testia", "chef@example.org", "admin,manager,auditor");
  std::string other = token_of(staff("autre", "intrus@example.org", "admin,manager,auditor,rules_editor"));
  std::string base = "/api/v1/admin/registrations/" + reg_id;
  // Every route that names a registration: 404, as if it did not exist.
  for (const auto& [method, target, payload] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", base, ""},
           {"GET", base + "/history", ""},
           {"GET", base + "/pieces", ""},
           {"GET", base + "/pieces/identite/files/" + file_id, ""},
           {"POST", base + "/pieces/identite/review", R"({"verdict": "accepted"})"},
           {"GET", base + "/documents", ""},
           {"PUT", base + "/documents/convocation", "%PDF-1.4\nconvocation"},
           {"POST", base + "/withdraw", R"({"reason": "intrusion"})"},
           {"PATCH", base + "/candidate", R"({"last_name": "Autre", "reason": "intrusion"})"},
           {"PATCH", "/api/v1/admin/users/" + home.id, R"({"status": "disabled"})"},
           {"POST", "/api/v1/admin/users/" + home.id + "/reset", ""}}) {
    auto h = bearer(other);
    if (target.find("/documents/") != std::string::npos) h["Content-Type"] = "application/pdf";
    auto r = send(method, target, payload, h);
    EXPECT_EQ(r.status, 404u) << method << " " << target << " " << r.body;
  }
  // Lists and searches show nothing of it either.
  auto list = send("GET", "/api/v1/admin/registrations?q=" + number, "", bearer(other));
  ASSERT_EQ(list.status, 200u);
  EXPECT_TRUE(body(list).at("registrations").as_array().empty());
  auto csv = send("GET", "/api/v1/admin/registrations.csv", "", bearer(other));
  ASSERT_EQ(csv.status, 200u);
  EXPECT_EQ(csv.body.find(number), std::string::npos);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 1);  // the header only
  auto audit_csv = send("GET", "/api/v1/admin/audit.csv", "", bearer(other));
  ASSERT_EQ(audit_csv.status, 200u);
  EXPECT_EQ(audit_csv.body.find(home.id), std::string::npos);
  EXPECT_EQ(audit_csv.body.find(reg_id), std::string::npos);
  auto users = send("GET", "/api/v1/admin/users", "", bearer(other));
  ASSERT_EQ(users.status, 200u);
  EXPECT_EQ(body(users).at("users").as_array().size(), 1u);  // itself only
  auto audit = send("GET", "/api/v1/admin/audit", "", bearer(other));
  const auto audit_body = body(audit);
  for (const auto& e : audit_body.at("entries").as_array()) EXPECT_NE(e.at("target").at("id").as_string(), home.id);
  auto derogation = send("POST", "/api/v1/admin/derogations",
                         R"({"email": "elodie@example.org", "exam": "demo", "session": "2025",
                             "until": "2024-11-20T19:00:00+01:00", "reason": "intrusion"})",
                         bearer(other));
  EXPECT_EQ(derogation.status, 404u);  // its académie has no such session
  // A bulk publication naming this académie's registration publishes nothing to it.
  auto zh = bearer(other);
  zh["Content-Type"] = "application/zip";
  auto bulk = send("POST", "/api/v1/admin/documents/convocation/bulk",
                   make_zip(root_ / "intrus.zip", {{number + ".pdf", "%PDF-1.4\nfaux"}}), zh);
  ASSERT_EQ(bulk.status, 200u) << bulk.body;
  EXPECT_TRUE(body(bulk).at("published").as_array().empty());
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + reg_id + "/documents/convocation", "", bearer(candidate)).status, 404u);
  // Nothing changed for the académie's own office.
  std::string mine = token_of(home);
  auto reg = send("GET", base, "", bearer(mine));
  ASSERT_EQ(reg.status, 200u);
  EXPECT_EQ(body(reg).at("status").as_string(), "registered");
  EXPECT_EQ(body(reg).at("candidate").at("last_name").as_string(), "Martin");
}

TEST_P(AdminApi, SearchFiltersPagesAndExports) {
  std::string martin_id;
  std::string martin = registered("elodie@example.org", "Martin", "Élodie", &martin_id);
  std::string lefevre = registered("jean@example.org", "Lefèvre-Saint Œuvre", "Jean");
  std::string durand = registered("anne@example.org", "Durand", "Anne");
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  auto find = [&](const std::string& query) {
    auto r = send("GET", "/api/v1/admin/registrations?" + query, "", bearer(token));
    EXPECT_EQ(r.status, 200u) << r.body;
    std::vector<std::string> numbers;
    const auto page = body(r);
    for (const auto& x : page.at("registrations").as_array())
      numbers.emplace_back(x.at("registration_number").as_string());
    return numbers;
  };
  EXPECT_EQ(find("q=lefevre%20saint"), std::vector<std::string>{lefevre});  // accents and hyphens folded
  EXPECT_EQ(find("q=MART"), std::vector<std::string>{martin});
  EXPECT_EQ(find("q=" + durand), std::vector<std::string>{durand});
  EXPECT_EQ(find("exam=demo&speciality=cuisine&pole=sud").size(), 3u);
  EXPECT_TRUE(find("speciality=electricite").empty());
  EXPECT_EQ(find("pieces=unconfirmed").size(), 3u);
  EXPECT_TRUE(find("pieces=confirmed").empty());
  // Pages of 2, by registration number.
  auto first = send("GET", "/api/v1/admin/registrations?limit=2", "", bearer(token));
  ASSERT_EQ(body(first).at("registrations").as_array().size(), 2u);
  std::string next(body(first).at("next").as_string());
  auto rest = find("limit=2&after=" + next);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0], durand);
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations?pieces=peut-etre", "", bearer(token)).status, 422u);
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations?limit=0", "", bearer(token)).status, 422u);
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations?sort=taille", "", bearer(token)).status, 422u);
  // By name, in pages of 2 (the cursor carries the order's key).
  auto by_name = send("GET", "/api/v1/admin/registrations?sort=name&limit=2", "", bearer(token));
  ASSERT_EQ(by_name.status, 200u) << by_name.body;
  std::vector<std::string> names;
  const auto by_name_page = body(by_name);  // the loop below must not range over a temporary's member
  for (const auto& x : by_name_page.at("registrations").as_array()) names.emplace_back(x.at("registration_number").as_string());
  EXPECT_EQ(names, (std::vector<std::string>{durand, lefevre}));
  std::string name_next(body(by_name).at("next").as_string());
  std::string encoded;  // the cursor holds a name key: spaces and all, percent-encoded in the query
  for (unsigned char c : name_next)
    encoded += std::isalnum(c) || c == '-' || c == '~' ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  EXPECT_EQ(find("sort=name&limit=2&after=" + encoded), std::vector<std::string>{martin});
  // Most recently changed first: the first registration changes now.
  auto change = send("POST", "/api/v1/admin/registrations/" + martin_id + "/withdraw",
                     R"({"reason": "demande du candidat"})", bearer(token));
  ASSERT_EQ(change.status, 200u) << change.body;
  auto recent = send("GET", "/api/v1/admin/registrations?sort=updated&limit=1", "", bearer(token));
  ASSERT_EQ(body(recent).at("registrations").as_array().size(), 1u);
  EXPECT_EQ(body(recent).at("registrations").at(0).at("registration_number").as_string(), martin);
  std::string recent_next(body(recent).at("next").as_string());
  EXPECT_EQ(find("sort=updated&limit=2&after=" + recent_next).size(), 2u);

  auto csv = send("GET", "/api/v1/admin/registrations.csv?exam=demo", "", bearer(token));
  ASSERT_EQ(csv.status, 200u);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Numéro d'inscription;Numéro de candidat;Nom;Prénom"), std::string::npos);
  EXPECT_NE(csv.body.find(lefevre + ";"), std::string::npos);
  EXPECT_NE(csv.body.find(";Lefèvre-Saint Œuvre;Jean;"), std::string::npos);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 4);  // the header and three rows
}

// Convocations need the postal address and the phone; a person reads labels beside the codes;
// every date in one (French) format.
TEST_P(AdminApi, TheCsvHasAddressPhoneLabelsBesideCodesAndFrenchDates) {
  std::string reg_id, candidate;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  auto put = send("PUT", "/api/v1/registrations/" + reg_id,
                  R"({"answers": {"speciality": "cuisine", "postal_code": "86000", "exemption": true,
                      "address": "3 rue des Écoles", "address_complement": "=Bâtiment B; 2e étage",
                      "city": "Poitiers", "phone": "06 12 34 56 78"}})",
                  bearer(candidate));
  ASSERT_EQ(put.status, 200u) << put.body;
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  auto csv = send("GET", "/api/v1/admin/registrations.csv", "", bearer(token));
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_NE(csv.body.find("Numéro d'inscription;Numéro de candidat;Nom;Prénom;Date de naissance;Mail;Téléphone;"
                          "Adresse;Complément d'adresse;Code postal;Commune;Code examen;Examen;Session;"
                          "Code spécialité;Spécialité;Code pôle;Pôle;Code statut;Statut;Version;"
                          "Pièces confirmées le;Inscrit le;Modifié le\r\n"),
            std::string::npos)
      << csv.body;
  // The complement starts with '=' (a formula): defused; it holds the separator: quoted.
  EXPECT_NE(csv.body.find(";Martin;Élodie;12/03/2001;elodie@example.org;06 12 34 56 78;3 rue des Écoles;"
                          "\"'=Bâtiment B; 2e étage\";86000;Poitiers;demo;Examen de démonstration;2025;cuisine;"
                          "Cuisine;sud;Pôle sud;registered;inscrit;2;;"),
            std::string::npos)
      << csv.body;
  EXPECT_EQ(csv.body.find("2001-03-12"), std::string::npos);  // no ISO date beside the French ones
  EXPECT_EQ(csv.body.find("+01:00"), std::string::npos);
  EXPECT_NE(csv.body.find(";01/11/2024 10:0"), std::string::npos) << csv.body;
  // A file name that says what and when.
  EXPECT_NE(csv.header("content-disposition").find("inscriptions-testia-"), std::string::npos)
      << csv.header("content-disposition");
}

TEST_P(AdminApi, AWithdrawalKeepsEverythingAndTellsTheCandidate) {
  std::string reg_id, candidate;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string base = "/api/v1/admin/registrations/" + reg_id;
  EXPECT_EQ(send("POST", base + "/withdraw", R"({"reason": ""})", bearer(token)).status, 422u);
  auto w = send("POST", base + "/withdraw", R"({"reason": "Demande écrite de la candidate du 2 novembre"})", bearer(token));
  ASSERT_EQ(w.status, 200u) << w.body;
  EXPECT_EQ(body(w).at("status").as_string(), "withdrawn");
  EXPECT_EQ(send("POST", base + "/withdraw", R"({"reason": "encore"})", bearer(token)).status, 409u);
  std::string text = mail::testing::plain_text(await_mail([](const std::string& m) {
    return mail::testing::plain_text(m).find("Demande écrite de la candidate du 2 novembre") != std::string::npos;
  }));
  EXPECT_NE(text.find("Demande écrite de la candidate du 2 novembre"), std::string::npos);
  // The candidate still sees the registration, withdrawn, and can no longer change it.
  auto mine = send("GET", "/api/v1/registrations/" + reg_id, "", bearer(candidate));
  ASSERT_EQ(mine.status, 200u);
  EXPECT_EQ(body(mine).at("status").as_string(), "withdrawn");
  auto edit = send("PUT", "/api/v1/registrations/" + reg_id,
                   R"({"answers": {"speciality": "cuisine", "postal_code": "86000"}})", bearer(candidate));
  EXPECT_EQ(edit.status, 409u);
  EXPECT_EQ(code(edit), "registration_withdrawn");
  // The history has both versions, the second by the office with its reason.
  auto history = send("GET", base + "/history", "", bearer(token));
  ASSERT_EQ(history.status, 200u);
  const auto history_body = body(history);
  const auto& versions = history_body.at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("changed_by").at("kind").as_string(), "candidate");
  EXPECT_EQ(versions[1].at("changed_by").at("kind").as_string(), "staff");
  EXPECT_EQ(versions[1].at("changed_by").at("name").as_string(), "Agent gestion");
  EXPECT_EQ(versions[1].at("reason").as_string(), "Demande écrite de la candidate du 2 novembre");
  EXPECT_FALSE(versions[0].at("rule_set_version").as_string().empty());
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations?status=withdrawn", "", bearer(token)).body.find(reg_id) !=
                std::string::npos,
            true);
}

TEST_P(AdminApi, AnIdentityCorrectionFollowsEverywhere) {
  std::string reg_id, candidate;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string target = "/api/v1/admin/registrations/" + reg_id + "/candidate";
  EXPECT_EQ(send("PATCH", target, R"({"last_name": "Martin-Roux"})", bearer(token)).status, 422u);  // no reason
  EXPECT_EQ(send("PATCH", target, R"({"birth_date": "12/03/2001", "reason": "x"})", bearer(token)).status, 422u);
  // One line of printable text: no CR, LF, TAB or other control character.
  for (const char* bad : {R"({"last_name": "Martin\r\nRoux", "reason": "x"})", R"({"first_name": "\u0085lodie", "reason": "x"})",
                          R"({"birth_place": "Niort\t", "reason": "x"})"}) {
    auto refused = send("PATCH", target, bad, bearer(token));
    ASSERT_EQ(refused.status, 422u) << bad;
    auto fields = body(refused).at("error").at("fields").as_object();
    ASSERT_EQ(fields.size(), 1u) << refused.body;
    EXPECT_NE(std::string(fields.begin()->value().as_string()).find("caractère de contrôle"), std::string::npos);
  }
  auto fixed = send("PATCH", target, R"({"last_name": "Martin-Roux", "reason": "Acte de naissance fourni"})", bearer(token));
  ASSERT_EQ(fixed.status, 200u) << fixed.body;
  // The candidate's (locked) identity changed, and the office finds the new name.
  auto me = send("GET", "/api/v1/me", "", bearer(candidate));
  EXPECT_EQ(body(me).at("last_name").as_string(), "Martin-Roux");
  auto found = send("GET", "/api/v1/admin/registrations?q=martin%20roux", "", bearer(token));
  EXPECT_EQ(body(found).at("registrations").as_array().size(), 1u);
}

TEST_P(AdminApi, PiecesAreReviewedAndDocumentsPublished) {
  std::string reg_id, candidate;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  auto upload = send("PUT", "/api/v1/registrations/" + reg_id + "/pieces/identite", "%PDF-1.4\ncarte",
                     {{"Authorization", "Bearer " + candidate}, {"Content-Type", "application/pdf"}});
  ASSERT_EQ(upload.status, 201u) << upload.body;
  std::string file_id(body(upload).at("file").at("id").as_string());
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string base = "/api/v1/admin/registrations/" + reg_id;
  auto to_review = send("GET", "/api/v1/admin/registrations?pieces=to_review", "", bearer(token));
  EXPECT_EQ(body(to_review).at("registrations").as_array().size(), 1u);
  auto file = send("GET", base + "/pieces/identite/files/" + file_id, "", bearer(token));
  ASSERT_EQ(file.status, 200u);
  EXPECT_EQ(file.body, "%PDF-1.4\ncarte");
  EXPECT_EQ(file.header("content-disposition").rfind("attachment;", 0), 0u);
  // Shown in the review page: inline, framed by our own pages only, nothing it could load.
  auto shown = send("GET", base + "/pieces/identite/files/" + file_id + "?inline=1", "", bearer(token));
  ASSERT_EQ(shown.status, 200u);
  EXPECT_EQ(shown.header("content-disposition").rfind("inline;", 0), 0u) << shown.header("content-disposition");
  EXPECT_NE(shown.header("content-security-policy").find("frame-ancestors 'self'"), std::string::npos);
  EXPECT_NE(shown.header("content-security-policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(shown.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(send("POST", base + "/pieces/identite/review", R"({"verdict": "rejected"})", bearer(token)).status, 422u);
  auto rejected = send("POST", base + "/pieces/identite/review",
                       R"({"verdict": "rejected", "reason": "Document illisible"})", bearer(token));
  ASSERT_EQ(rejected.status, 200u) << rejected.body;
  auto seen = send("GET", "/api/v1/registrations/" + reg_id + "/pieces", "", bearer(candidate));
  std::string state, reason;
  const auto seen_body = body(seen);
  for (const auto& p : seen_body.at("pieces").as_array())
    if (p.at("code").as_string() == "identite") {
      state = std::string(p.at("state").as_string());
      reason = std::string(p.at("reason").as_string());
    }
  EXPECT_EQ(state, "rejected");
  EXPECT_EQ(reason, "Document illisible");
  EXPECT_EQ(body(send("GET", "/api/v1/admin/registrations?pieces=rejected", "", bearer(token))).at("registrations").as_array().size(), 1u);

  auto h = bearer(token);
  h["Content-Type"] = "application/pdf";
  EXPECT_EQ(send("PUT", base + "/documents/convocation", "MZ pas un pdf", h).status, 415u);
  auto v1 = send("PUT", base + "/documents/convocation", "%PDF-1.4\nconvocation 1", h);
  ASSERT_EQ(v1.status, 201u) << v1.body;
  auto v2 = send("PUT", base + "/documents/convocation", "%PDF-1.4\nconvocation 2", h);
  EXPECT_EQ(body(v2).at("version").as_int64(), 2);
  auto all = send("GET", base + "/documents", "", bearer(token));
  EXPECT_EQ(body(all).at("documents").as_array().size(), 2u);  // the office keeps every version
  auto latest = send("GET", "/api/v1/registrations/" + reg_id + "/documents/convocation", "", bearer(candidate));
  EXPECT_EQ(latest.body, "%PDF-1.4\nconvocation 2");
}

// The académie declares what it publishes: any other type is refused with the list (one by
// one and in bulk, before the archive is taken); the candidate gets a mail for each
// publication, sees the declared label, and downloads files named by number and version.
TEST_P(AdminApi, DocumentTypesComeFromTheAcademysListAndTheCandidateIsTold) {
  std::string reg_id, candidate;
  std::string number = registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string base = "/api/v1/admin/registrations/" + reg_id;
  auto h = bearer(token);
  h["Content-Type"] = "application/pdf";
  auto unknown = send("PUT", base + "/documents/diplome", "%PDF-1.4\ndiplome", h);
  ASSERT_EQ(unknown.status, 422u) << unknown.body;
  std::string message(body(unknown).at("error").at("message").as_string());
  EXPECT_NE(message.find("« diplome »"), std::string::npos) << message;
  EXPECT_NE(message.find("convocation (Convocation), releve_notes (Relevé de notes de l'examen)"), std::string::npos)
      << message;
  auto zh = bearer(token);
  zh["Content-Type"] = "application/zip";
  auto bulk = send("POST", "/api/v1/admin/documents/diplome/bulk",
                   make_zip(root_ / "diplomes.zip", {{number + ".pdf", "%PDF-1.4\ndiplome"}}), zh);
  ASSERT_EQ(bulk.status, 422u) << bulk.body;
  EXPECT_NE(bulk.body.find("releve_notes"), std::string::npos) << bulk.body;
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + reg_id + "/documents/diplome", "", bearer(candidate)).status, 404u);

  auto published = send("PUT", base + "/documents/releve_notes", "%PDF-1.4\nreleve", h);
  ASSERT_EQ(published.status, 201u) << published.body;
  const std::string mail = await_mail([](const std::string& m) {
    return mail::testing::plain_text(m).find("a publié un document") != std::string::npos;
  });
  const std::string text = mail::testing::plain_text(mail);
  EXPECT_NE(mail.find("To: elodie@example.org"), std::string::npos);
  // One mail for the one publication: the refused single and bulk attempts sent none.
  const auto all = outbox();
  EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const std::string& m) {
              return mail::testing::plain_text(m).find("a publié un document") != std::string::npos;
            }), 1);
  EXPECT_NE(text.find("Le service gestionnaire a publié un document pour votre inscription"), std::string::npos) << text;
  EXPECT_NE(text.find("Relevé de notes de l'examen"), std::string::npos) << text;
  EXPECT_NE(text.find("« Mes documents »"), std::string::npos) << text;
  EXPECT_NE(text.find(number), std::string::npos) << text;

  auto list = send("GET", "/api/v1/registrations/" + reg_id + "/documents", "", bearer(candidate));
  ASSERT_EQ(list.status, 200u);
  std::string title;
  const auto listed = body(list);
  for (const auto& d : listed.at("documents").as_array())
    if (d.at("type").as_string() == "releve_notes") title = std::string(d.at("title").as_string());
  EXPECT_EQ(title, "Relevé de notes de l'examen");
  auto download = send("GET", "/api/v1/registrations/" + reg_id + "/documents/releve_notes", "", bearer(candidate));
  ASSERT_EQ(download.status, 200u);
  EXPECT_NE(download.header("content-disposition").find("filename=\"releve_notes-" + number + "-v1.pdf\""),
            std::string::npos)
      << download.header("content-disposition");
  auto summary = send("GET", "/api/v1/registrations/" + reg_id + "/recapitulatif.pdf", "", bearer(candidate));
  ASSERT_EQ(summary.status, 200u);
  EXPECT_NE(summary.header("content-disposition").find("filename=\"recapitulatif-" + number + "-v1.pdf\""),
            std::string::npos)
      << summary.header("content-disposition");
  auto ics = send("GET", "/api/v1/registrations/" + reg_id + "/calendar.ics", "", bearer(candidate));
  ASSERT_EQ(ics.status, 200u);
  EXPECT_NE(ics.header("content-disposition").find("filename=\"inscription-" + number + ".ics\""), std::string::npos);
  EXPECT_EQ(ics.header("content-type"), "text/calendar; charset=utf-8");
}

TEST_P(AdminApi, EveryActionIsInTheAuditLogWhichCannotBeRewritten) {
  std::string reg_id;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id);
  auto chef = staff("testia", "chef@example.org", "admin,manager,auditor");
  std::string token = token_of(chef);
  ASSERT_EQ(send("POST", "/api/v1/admin/registrations/" + reg_id + "/withdraw", R"({"reason": "Doublon"})",
                 bearer(token)).status, 200u);
  auto page = send("GET", "/api/v1/admin/audit?action=registration.", "", bearer(token));
  ASSERT_EQ(page.status, 200u) << page.body;
  const auto page_body = body(page);
  const auto& entries = page_body.at("entries").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("action").as_string(), "registration.withdraw");
  EXPECT_EQ(entries[0].at("actor").at("id").as_string(), chef.id);
  EXPECT_EQ(entries[0].at("target").at("id").as_string(), reg_id);
  EXPECT_EQ(entries[0].at("reason").as_string(), "Doublon");
  EXPECT_EQ(entries[0].at("before").at("status").as_string(), "registered");
  EXPECT_EQ(entries[0].at("after").at("status").as_string(), "withdrawn");
  auto everything = send("GET", "/api/v1/admin/audit", "", bearer(token));
  std::set<std::string> actions;
  const auto everything_body = body(everything);
  for (const auto& e : everything_body.at("entries").as_array()) actions.emplace(e.at("action").as_string());
  EXPECT_TRUE(actions.count("staff.create") && actions.count("staff.login") && actions.count("registration.withdraw"));
  // Exports of personal data are recorded too.
  ASSERT_EQ(send("GET", "/api/v1/admin/registrations.csv?exam=demo", "", bearer(token)).status, 200u);
  auto exports = send("GET", "/api/v1/admin/audit?action=registration.export", "", bearer(token));
  const auto exports_body = body(exports);
  ASSERT_EQ(exports_body.at("entries").as_array().size(), 1u);
  EXPECT_EQ(exports_body.at("entries").at(0).at("after").at("exam").as_string(), "demo");
  auto csv = send("GET", "/api/v1/admin/audit.csv", "", bearer(token));
  ASSERT_EQ(csv.status, 200u);
  EXPECT_NE(csv.body.find(";registration.withdraw;registration;" + reg_id + ";Doublon;"), std::string::npos);

  // The database itself refuses to change or delete an entry.
  auto db = Database::open(url_, (root_ / "data").string(), 1);
  ASSERT_TRUE(db.ok());
  Status update = (*db)->transaction([](soci::session& s) {
    s << "UPDATE audit_log SET reason = 'effacé'";
    return Status::Ok();
  });
  EXPECT_FALSE(update.ok());
  Status erase = (*db)->transaction([](soci::session& s) {
    s << "DELETE FROM audit_log";
    return Status::Ok();
  });
  EXPECT_FALSE(erase.ok());
  auto again = send("GET", "/api/v1/admin/audit?action=registration.", "", bearer(token));
  EXPECT_EQ(body(again).at("entries").at(0).at("reason").as_string(), "Doublon");
}

TEST_P(AdminApi, ABulkZipPublishesEachPdfToItsRegistration) {
  std::string first_id, first_token, second_id, second_token;
  std::string first = registered("elodie@example.org", "Martin", "Élodie", &first_id, &first_token);
  std::string second = registered("jean@example.org", "Durand", "Jean", &second_id, &second_token);
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  std::vector<std::pair<std::string, std::string>> files = {
      {first + ".pdf", "%PDF-1.4\nconvocation de " + first},
      {"salle B/" + second + ".PDF", "%PDF-1.4\nconvocation de " + second},
      {"A99-DEMO-2025-99999.pdf", "%PDF-1.4\npersonne"},
      {first + ".txt", "pas un pdf"},
      {"faux/" + first + ".pdf", "MZ\x90 un executable"},
  };
  std::string zip = make_zip(root_ / "convocations.zip", files);
  auto h = bearer(token);
  h["Content-Type"] = "application/zip";
  auto r = send("POST", "/api/v1/admin/documents/convocation/bulk", zip, h);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto report = body(r);
  ASSERT_EQ(report.at("published").as_array().size(), 2u) << r.body;
  EXPECT_EQ(report.at("refused").as_array().size(), 3u) << r.body;
  // Each candidate gets their own convocation, and only that.
  auto mine = send("GET", "/api/v1/registrations/" + first_id + "/documents/convocation", "", bearer(first_token));
  EXPECT_EQ(mine.body, "%PDF-1.4\nconvocation de " + first);
  auto theirs = send("GET", "/api/v1/registrations/" + second_id + "/documents/convocation", "", bearer(second_token));
  EXPECT_EQ(theirs.body, "%PDF-1.4\nconvocation de " + second);
  // Not a ZIP: refused, and nothing is left behind in the data folder.
  auto junk = send("POST", "/api/v1/admin/documents/convocation/bulk", "pas une archive", h);
  EXPECT_EQ(junk.status, 422u);
  auto anonymous = send("POST", "/api/v1/admin/documents/convocation/bulk", zip, {{"Content-Type", "application/zip"}});
  EXPECT_EQ(anonymous.status, 401u);
  // The back office's cookie works too, with its CSRF header only.
  auto login = this->login(staff("testia", "lot@example.org", "manager"));
  std::string cookie = login.header("set-cookie").substr(0, login.header("set-cookie").find(';'));
  std::string csrf(body(login).at("csrf_token").as_string());
  auto forged = send("POST", "/api/v1/admin/documents/convocation/bulk", zip,
                     {{"Content-Type", "application/zip"}, {"Cookie", cookie}});
  EXPECT_EQ(forged.status, 403u) << forged.body;
  auto by_cookie = send("POST", "/api/v1/admin/documents/convocation/bulk", zip,
                        {{"Content-Type", "application/zip"}, {"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(by_cookie.status, 200u) << by_cookie.body;
  std::size_t leftovers = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(root_ / "data" / "tmp", ec);
       !ec && it != std::filesystem::directory_iterator(); ++it)
    ++leftovers;
  EXPECT_EQ(leftovers, 0u);
}

TEST_P(AdminApi, TheCommandLinePublishesAFolderOfPdfs) {
  std::string id, candidate;
  std::string number = registered("elodie@example.org", "Martin", "Élodie", &id, &candidate);
  auto folder = root_ / "releves";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / (number + ".pdf")) << "%PDF-1.4\nreleve de notes";
  std::ofstream(folder / "A99-DEMO-2025-77777.pdf") << "%PDF-1.4\npersonne";
  std::string command = std::string(GUICHET_BINARY) + " admin publish --academy testia --type releve_notes --folder " +
                        folder.string() + " --author 'Bureau DEC' --scripts " + (root_ / "scripts").string() +
                        " --data-dir " + (root_ / "data").string() + (url_.empty() ? "" : " --database '" + url_ + "'") +
                        " 2>/dev/null";
  auto r = guichet::testing::run_command_status(command);
  EXPECT_EQ(r.code, 3) << r.out;  // one file refused, and said so
  auto report = json::parse(r.out).as_object();
  EXPECT_EQ(report.at("published").as_array().size(), 1u);
  EXPECT_EQ(report.at("refused").at(0).at("file").as_string(), "A99-DEMO-2025-77777.pdf");
  auto doc = send("GET", "/api/v1/registrations/" + id + "/documents/releve_notes", "", bearer(candidate));
  ASSERT_EQ(doc.status, 200u) << doc.body;
  EXPECT_EQ(doc.body, "%PDF-1.4\nreleve de notes");
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminApi, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

// Short sessions: a staff session ends after the idle time without a request.
class ShortStaffSessions : public AdminApiBase {
 protected:
  void configure(app::ServeConfig& c) override { c.staff_idle = std::chrono::seconds(2); }
  void SetUp() override { start_at("2024-11-01T10:00:00+01:00"); }
};

TEST_P(ShortStaffSessions, AnIdleSessionEnds) {
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  EXPECT_EQ(send("GET", "/api/v1/admin/me", "", bearer(token)).status, 200u);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  auto late = send("GET", "/api/v1/admin/me", "", bearer(token));
  EXPECT_EQ(late.status, 401u);
  EXPECT_EQ(code(late), "unauthenticated");
}

INSTANTIATE_TEST_SUITE_P(Backends, ShortStaffSessions, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

// A server simulating a time far from now: the rules follow the simulated clock, security the
// machine's. Sessions and links are made and expire on real time; staff and audit times are
// in the académie's zone, with its offset.
class SecurityOnRealTime : public AdminApiBase {
 protected:
  void configure(app::ServeConfig& c) override { c.staff_idle = std::chrono::seconds(2); }

  static Instant at_of(const json::value& v) { return Instant(*parse_rfc3339(std::string(v.as_string()))); }
  static bool near_real(Instant t, std::chrono::seconds ahead) {
    auto gap = t - (real_now() + ahead);
    return gap < std::chrono::minutes(2) && gap > -std::chrono::minutes(2);
  }
  static bool in_paris_zone(const json::value& v) {
    std::string s(v.as_string());
    return s.ends_with("+01:00") || s.ends_with("+02:00");
  }

  void sessions_and_links_follow_real_time() {
    ASSERT_GT(std::chrono::abs(server_now() - real_now()), std::chrono::hours(24 * 365));
    // A candidate signs up, activates from the mail's link and logs in (the registration
    // itself is judged by the simulated clock: the window is closed then).
    std::string candidate;
    registered("elodie@example.org", "Martin", "Élodie", nullptr, &candidate);
    ASSERT_FALSE(candidate.empty());
    EXPECT_EQ(send("GET", "/api/v1/me", "", bearer(candidate)).status, 200u);
    auto in = post_json("/api/v1/auth/login", R"({"email": "elodie@example.org", "password": ")" + kPassword + R"("})");
    ASSERT_EQ(in.status, 200u) << in.body;
    EXPECT_TRUE(near_real(at_of(body(in).at("expires_at")), std::chrono::hours(8))) << in.body;

    // Staff: the phone's code, a session whose expiry is real time, idle on real time.
    auto chef = staff("testia", "chef@example.org", "admin,manager,auditor");
    auto login = this->login(chef);
    ASSERT_EQ(login.status, 200u) << login.body;
    const auto staff_body = body(login);
    EXPECT_TRUE(near_real(at_of(staff_body.at("expires_at")), std::chrono::hours(8))) << login.body;
    EXPECT_TRUE(in_paris_zone(staff_body.at("expires_at"))) << login.body;
    EXPECT_TRUE(in_paris_zone(staff_body.at("user").at("created_at"))) << login.body;
    std::string token(staff_body.at("token").as_string());
    auto audit = send("GET", "/api/v1/admin/audit?action=staff.login", "", bearer(token));
    ASSERT_EQ(audit.status, 200u) << audit.body;
    ASSERT_FALSE(body(audit).at("entries").as_array().empty());
    EXPECT_TRUE(in_paris_zone(body(audit).at("entries").at(0).at("at"))) << audit.body;
    auto users = send("GET", "/api/v1/admin/users", "", bearer(token));
    ASSERT_EQ(users.status, 200u) << users.body;
    EXPECT_TRUE(in_paris_zone(body(users).at("users").at(0).at("created_at"))) << users.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    EXPECT_EQ(send("GET", "/api/v1/admin/me", "", bearer(token)).status, 401u);
    EXPECT_EQ(send("GET", "/api/v1/me", "", bearer(candidate)).status, 200u);  // 8 h, real ones
  }
};

class SecurityOnRealTimeFuture : public SecurityOnRealTime {
 protected:
  void SetUp() override { start_at("2041-06-01T10:00:00+02:00"); }
};
TEST_P(SecurityOnRealTimeFuture, SessionsAndLinksFollowRealTime) { sessions_and_links_follow_real_time(); }
INSTANTIATE_TEST_SUITE_P(Backends, SecurityOnRealTimeFuture, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

class SecurityOnRealTimePast : public SecurityOnRealTime {
 protected:
  void SetUp() override { start_at("2004-01-15T10:00:00+01:00"); }
};
TEST_P(SecurityOnRealTimePast, SessionsAndLinksFollowRealTime) { sessions_and_links_follow_real_time(); }
INSTANTIATE_TEST_SUITE_P(Backends, SecurityOnRealTimePast, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

// After the close: only a derogation lets a candidate in, until its time.
class AdminAfterClose : public AdminApiBase {
 protected:
  void SetUp() override { start_at("2024-11-14T10:00:00+01:00"); }
};

TEST_P(AdminAfterClose, ADerogationLetsOneCandidateRegisterLate) {
  std::string late_token;
  EXPECT_EQ(registered("tardif@example.org", "Tardif", "Paul", nullptr, &late_token), "");  // closed
  registered("autre@example.org", "Autre", "Luc");
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  auto past = send("POST", "/api/v1/admin/derogations",
                   R"({"email": "tardif@example.org", "exam": "demo", "session": "2025",
                       "until": "2024-11-01T19:00:00+01:00", "reason": "Hospitalisation"})",
                   bearer(token));
  EXPECT_EQ(past.status, 422u);
  auto granted = send("POST", "/api/v1/admin/derogations",
                      R"({"email": "tardif@example.org", "exam": "demo", "session": "2025",
                          "until": "2024-11-20T19:00:00+01:00", "reason": "Hospitalisation"})",
                      bearer(token));
  ASSERT_EQ(granted.status, 201u) << granted.body;
  auto reg = send("POST", "/api/v1/registrations",
                  R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
                      "postal_code": "86000"}})",
                  bearer(late_token));
  EXPECT_EQ(reg.status, 201u) << reg.body;
  // The rules still judge everything else: a wrong académie is still refused.
  std::string id(body(reg).at("id").as_string());
  auto wrong = send("PUT", "/api/v1/registrations/" + id,
                    R"({"answers": {"speciality": "cuisine", "postal_code": "75001"}})", bearer(late_token));
  EXPECT_EQ(wrong.status, 422u);
  // Nobody else got in.
  auto other = post_json("/api/v1/auth/login", R"({"email": "autre@example.org", "password": ")" + kPassword + R"("})");
  std::string other_token(body(other).at("token").as_string());
  auto refused = send("POST", "/api/v1/registrations",
                      R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
                          "postal_code": "86000"}})",
                      bearer(other_token));
  EXPECT_EQ(refused.status, 409u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminAfterClose, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

// A postal session: the pieces come by post, and the office records its review of each.
class AdminPostal : public AdminApiBase {
 protected:
  void SetUp() override { start_at("2024-11-01T10:00:00+01:00"); }
  void configure(app::ServeConfig&) override {
    std::string script = read_script("academies/testia.lua");
    const std::string upload = R"(mode = "upload", deadline = "2024-11-13 19:00")";
    auto at = script.find(upload);
    ASSERT_NE(at, std::string::npos);
    script.replace(at, upload.size(), R"(mode = "postal", deadline = "2024-11-20" },
  postal_address = { "Rectorat de test", "Bureau des examens", "86022 Poitiers Cedex" )");
    write_script("academies/testia.lua", script);
  }
};

TEST_P(AdminPostal, TheOfficeReviewsPostalPiecesAndSeesItsReview) {
  std::string reg_id, candidate;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  ASSERT_FALSE(reg_id.empty());
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string base = "/api/v1/admin/registrations/" + reg_id + "/pieces";
  auto listed = send("GET", base, "", bearer(token));
  ASSERT_EQ(listed.status, 200u) << listed.body;
  const auto listed_body = body(listed);
  const auto& pieces = listed_body.at("pieces").as_array();
  ASSERT_FALSE(pieces.empty());
  std::string piece(pieces[0].at("code").as_string());
  auto reviewed = send("POST", base + "/" + piece + "/review", R"({"verdict": "rejected", "reason": "Copie illisible"})",
                       bearer(token));
  ASSERT_EQ(reviewed.status, 200u) << reviewed.body;
  bool found = false;
  const auto after = body(reviewed);
  for (const auto& p : after.at("pieces").as_array())
    if (p.at("code").as_string() == piece) {
      found = true;
      EXPECT_EQ(p.at("state").as_string(), "rejected") << p;
    }
  EXPECT_TRUE(found);
  // The candidate of a postal session is still given the postal instructions.
  auto mine = send("GET", "/api/v1/registrations/" + reg_id + "/pieces", "", bearer(candidate));
  EXPECT_EQ(mine.status, 409u);
  EXPECT_EQ(code(mine), "postal_session");
}
INSTANTIATE_TEST_SUITE_P(Backends, AdminPostal, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
