// The candidate's journey over real HTTP (seed 004 up to "Enregistrer" and "Modifier"):
// sign-up, the activation mail in the outbox, login, the session cookie and CSRF, "me",
// registration, its ETag, modification, withdrawal, the summary PDF, and the contract errors.
#include <boost/json.hpp>

#include <set>

#include "tests/app/candidate_client.hpp"
#include "tests/mail/mail_test_util.hpp"
#include "tests/support/run_command.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

using mail::testing::link_token;

class CandidateApi : public CandidateApiBase {
 protected:
  void SetUp() override { start("tests/fixtures/minimal", "", "2024-11-01T10:00:00+01:00"); }
  const std::string kRegistration =
      R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine", "postal_code": "86000"}})";
};

TEST_F(CandidateApi, SignUpActivateLoginAndMe) {
  auto created = post_json("/api/v1/accounts", sign_up_body("elodie@example.org"));
  ASSERT_EQ(created.status, 201u) << created.body;
  auto body = json::parse(created.body);
  EXPECT_EQ(body.at("status").as_string(), "pending_activation");
  auto mails = outbox(1);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].find("To: elodie@example.org"), std::string::npos) << mails[0];
  auto early = post_json("/api/v1/auth/login", R"({"email": "elodie@example.org", "password": "une phrase de passe solide"})");
  EXPECT_EQ(early.status, 403u);
  EXPECT_EQ(code(early), "account_not_activated");
  ASSERT_EQ(post_json("/api/v1/accounts/activate", R"({"token": ")" + link_token(mails[0]) + R"("})").status, 200u);
  auto login = post_json("/api/v1/auth/login", R"({"email": "elodie@example.org", "password": "une phrase de passe solide"})");
  ASSERT_EQ(login.status, 200u);
  std::string cookie = login.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("Secure"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  auto me = send("GET", "/api/v1/me", "", bearer(std::string(json::parse(login.body).at("token").as_string())));
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(json::parse(me.body).at("first_name").as_string(), "Élodie");
}

TEST_F(CandidateApi, ContractErrorsForAccounts) {
  account("dup@example.org");  // activated: a pending account would be replaced instead
  auto dup = post_json("/api/v1/accounts", sign_up_body("DUP@example.org"));
  EXPECT_EQ(dup.status, 409u);
  EXPECT_EQ(code(dup), "email_taken");
  auto unknown = post_json("/api/v1/accounts", R"({"email": "x@example.org", "hacker": true})");
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_TRUE(json::parse(unknown.body).at("error").at("fields").as_object().contains("hacker"));
  auto forged = post_json("/api/v1/accounts",
                          R"({"email": "crlf@example.org", "password": "une phrase de passe solide", "last_name": "Martin\r\nX",
                              "first_name": "\u0009lodie", "birth_date": "2001-03-12", "birth_place": "Poitiers",
                              "nationality": "francaise"})");
  EXPECT_EQ(forged.status, 422u);
  auto forged_fields = json::parse(forged.body).at("error").at("fields").as_object();
  EXPECT_TRUE(forged_fields.contains("last_name") && forged_fields.contains("first_name")) << forged.body;
  // Every faulty field at once: a missing nationality no longer hides a bad date and a weak
  // password until the next try.
  auto several = post_json("/api/v1/accounts",
                           R"({"email": "plusieurs@example.org", "password": "court", "last_name": "Martin",
                               "first_name": "Élodie", "birth_date": "2001-13-45", "birth_place": "Poitiers"})");
  ASSERT_EQ(several.status, 422u) << several.body;
  auto several_fields = json::parse(several.body).at("error").at("fields").as_object();
  for (const char* f : {"nationality", "birth_date", "password"})
    EXPECT_TRUE(several_fields.contains(f)) << f << " : " << several.body;
  auto typed = post_json("/api/v1/accounts", R"({"email": 42, "password": "court"})");
  ASSERT_EQ(typed.status, 422u);
  auto typed_fields = json::parse(typed.body).at("error").at("fields").as_object();
  for (const char* f : {"email", "password", "last_name", "first_name", "birth_date", "birth_place", "nationality"})
    EXPECT_TRUE(typed_fields.contains(f)) << f << " : " << typed.body;
  EXPECT_EQ(post_json("/api/v1/accounts", "{not json").status, 400u);
  EXPECT_EQ(send("POST", "/api/v1/accounts", "x", {{"Content-Type", "text/plain"}}).status, 415u);
  EXPECT_EQ(send("GET", "/api/v1/me").status, 401u);
  auto reset = post_json("/api/v1/auth/password-reset", R"({"email": "nobody@example.org"})");
  EXPECT_EQ(reset.status, 202u);
}

TEST_F(CandidateApi, CookieSessionsNeedTheCsrfTokenToChangeThings) {
  account("csrf@example.org");
  auto login = post_json("/api/v1/auth/login", R"({"email": "csrf@example.org", "password": "une phrase de passe solide"})");
  std::string cookie = login.header("set-cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  std::string csrf(json::parse(login.body).at("csrf_token").as_string());
  EXPECT_EQ(send("GET", "/api/v1/me", "", {{"Cookie", cookie}}).status, 200u);
  auto forged = send("PATCH", "/api/v1/me", R"({"phone": "0611111111"})", {{"Cookie", cookie}});
  EXPECT_EQ(forged.status, 403u);
  EXPECT_EQ(code(forged), "csrf_failed");
  auto ok = send("PATCH", "/api/v1/me", R"({"phone": "0611111111"})", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 200u) << ok.body;
  // A reloaded page has only the cookie: it asks for the session's token again, the same one.
  auto again = send("GET", "/api/v1/auth/csrf", "", {{"Cookie", cookie}});
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(json::parse(again.body).at("csrf_token").as_string(), csrf);
  EXPECT_EQ(send("GET", "/api/v1/auth/csrf").status, 401u);
  // Another session's token does not fit this one.
  auto other = post_json("/api/v1/auth/login", R"({"email": "csrf@example.org", "password": "une phrase de passe solide"})");
  std::string other_csrf(json::parse(other.body).at("csrf_token").as_string());
  EXPECT_NE(other_csrf, csrf);
  EXPECT_EQ(send("PATCH", "/api/v1/me", R"({"phone": "0622222222"})", {{"Cookie", cookie}, {"X-CSRF-Token", other_csrf}})
                .status,
            403u);
  auto out = send("POST", "/api/v1/auth/logout", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204u);
  EXPECT_EQ(send("GET", "/api/v1/me", "", {{"Cookie", cookie}}).status, 401u);
}

TEST_F(CandidateApi, TooManyFailuresGive429WithRetryAfter) {
  account("throttle@example.org");
  HttpResponse last;
  for (int i = 0; i < 5; ++i)
    last = post_json("/api/v1/auth/login", R"({"email": "throttle@example.org", "password": "pas le bon mot de passe"})");
  EXPECT_EQ(last.status, 429u);
  EXPECT_FALSE(last.header("retry-after").empty());
}

TEST_F(CandidateApi, RegisterReadModifyAndTheRest) {
  std::string t = account("inscrit@example.org");
  auto created = post_json("/api/v1/registrations", kRegistration, bearer(t));
  ASSERT_EQ(created.status, 201u) << created.body;
  auto reg = json::parse(created.body);
  std::string id(reg.at("id").as_string());
  EXPECT_EQ(reg.at("version").as_int64(), 1);
  EXPECT_EQ(created.header("etag"), "\"v1\"");
  EXPECT_EQ(post_json("/api/v1/registrations", kRegistration, bearer(t)).status, 409u);

  auto got = send("GET", "/api/v1/registrations/" + id, "", bearer(t));
  EXPECT_EQ(got.status, 200u);
  auto list = send("GET", "/api/v1/registrations", "", bearer(t));
  const auto listed = json::parse(list.body);
  ASSERT_EQ(listed.at("registrations").as_array().size(), 1u);
  // A list names its exam and session as the rules do, so a portal need not ask the session.
  EXPECT_EQ(listed.at("registrations").at(0).at("exam_name").as_string(), "Examen de démonstration");
  EXPECT_EQ(listed.at("registrations").at(0).at("session_title").as_string(), "Session 2025");

  auto headers = bearer(t);
  headers["If-Match"] = "\"v1\"";
  auto put = send("PUT", "/api/v1/registrations/" + id,
                  R"({"answers": {"speciality": "electricite", "postal_code": "86000"}})", headers);
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(json::parse(put.body).at("version").as_int64(), 2);
  EXPECT_EQ(put.header("etag"), "\"v2\"");
  auto stale = send("PUT", "/api/v1/registrations/" + id,
                    R"({"answers": {"speciality": "cuisine", "postal_code": "86000"}})", headers);
  EXPECT_EQ(stale.status, 412u);

  auto del = send("DELETE", "/api/v1/registrations/" + id, "", bearer(t));
  EXPECT_EQ(del.status, 403u);
  EXPECT_EQ(code(del), "withdrawal_by_office_only");

  auto pdf = send("GET", "/api/v1/registrations/" + id + "/recapitulatif.pdf", "", bearer(t));
  EXPECT_EQ(pdf.status, 200u);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  {
    std::string path = (root_ / "recap.pdf").string();
    std::ofstream(path, std::ios::binary) << pdf.body;
    std::string text = run_command("pdftotext -enc UTF-8 " + path + " -");
    std::string number(json::parse(put.body).at("registration_number").as_string());
    for (const std::string& s : {std::string("Élodie"), std::string("Martin"), number, std::string("Pôle nord"),
                                 std::string("nord@example.org"), std::string("Version 2"), std::string("Annexe"),
                                 std::string("Pièce d'identité")})
      EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }

  auto docs = send("GET", "/api/v1/registrations/" + id + "/documents", "", bearer(t));
  ASSERT_EQ(docs.status, 200u) << docs.body;
  auto doc = json::parse(docs.body).at("documents").as_array().at(0);
  EXPECT_EQ(doc.at("type").as_string(), "recapitulatif");
  EXPECT_EQ(doc.at("version").as_int64(), 2);  // re-issued with the modification
  auto latest = send("GET", std::string(doc.at("href").as_string()), "", bearer(t));
  EXPECT_EQ(latest.status, 200u);
  EXPECT_EQ(latest.header("content-type"), "application/pdf");
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + id + "/documents/convocation", "", bearer(t)).status, 404u);
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + id + "/documents").status, 401u);
  auto metrics = send("GET", "/metrics");
  EXPECT_NE(metrics.body.find("route=\"/api/v1/registrations/{id}/documents/{type}\""), std::string::npos);

  auto ics = send("GET", "/api/v1/registrations/" + id + "/calendar.ics", "", bearer(t));
  EXPECT_EQ(ics.status, 200u);
  EXPECT_EQ(ics.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics.body.find("DTSTART;TZID=Europe/Paris:20241113T190000"), std::string::npos) << ics.body;
  EXPECT_NE(ics.body.find("BEGIN:VTIMEZONE"), std::string::npos);
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + id + "/calendar.ics").status, 401u);

  // Mails: activation, saved, modified.
  auto mails = outbox(3);
  ASSERT_GE(mails.size(), 3u);
  std::set<std::string> kinds;
  for (const auto& m : mails) {
    auto k = m.find("X-Guichet-Kind: ");
    if (k != std::string::npos) kinds.insert(m.substr(k + 16, m.find('\r', k) - k - 16));
  }
  EXPECT_TRUE(kinds.count("activation") && kinds.count("registration_saved") && kinds.count("registration_modified"));
}

TEST_F(CandidateApi, SomeoneElsesRegistrationIs404AndNoSessionIs401) {
  std::string a = account("a@example.org");
  std::string b = account("b@example.org");
  auto created = post_json("/api/v1/registrations", kRegistration, bearer(a));
  std::string id(json::parse(created.body).at("id").as_string());
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + id, "", bearer(b)).status, 404u);
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + id + "/recapitulatif.pdf", "", bearer(b)).status, 404u);
  EXPECT_EQ(send("PUT", "/api/v1/registrations/" + id, R"({"answers": {}})", bearer(b)).status, 404u);
  // No credentials (or dead ones): 401 unauthenticated, for an existing id as for an unknown one.
  const std::vector<std::string> targets = {
      "/api/v1/registrations/" + id, "/api/v1/registrations/" + id + "/recapitulatif.pdf",
      "/api/v1/registrations/" + id + "/documents", "/api/v1/registrations/inconnu",
      "/api/v1/registrations/inconnu/calendar.ics", "/api/v1/registrations"};
  for (const std::string& target : targets) {
    auto anonymous = send("GET", target);
    EXPECT_EQ(anonymous.status, 401u) << target;
    EXPECT_EQ(code(anonymous), "unauthenticated") << target;
    EXPECT_EQ(send("GET", target, "", bearer("un-jeton-mort")).status, 401u) << target;
  }
  EXPECT_EQ(send("PUT", "/api/v1/registrations/" + id, R"({"answers": {}})").status, 401u);
  EXPECT_EQ(send("DELETE", "/api/v1/registrations/" + id).status, 401u);
}

TEST_F(CandidateApi, ValidationAndResidenceErrorsCarryFields) {
  std::string t = account("champs@example.org");
  auto bad = post_json("/api/v1/registrations",
                       R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"postal_code": "75001"}})",
                       bearer(t));
  EXPECT_EQ(bad.status, 422u);
  auto fields = json::parse(bad.body).at("error").at("fields").as_object();
  EXPECT_TRUE(fields.contains("speciality") || fields.contains("postal_code"));
  auto nowhere = post_json("/api/v1/registrations",
                           R"({"academy": "testia", "exam": "demo", "session": "1999", "answers": {}})", bearer(t));
  EXPECT_EQ(nowhere.status, 404u);
}

}  // namespace
}  // namespace guichet::testing

namespace guichet::testing {
namespace {

// The shipped Poitiers rules: one account, several exams of the 2025 sessions.
class PoitiersCandidate : public CandidateApiBase {
 protected:
  void SetUp() override { start("scripts", "", "2024-11-01T12:00:00+01:00"); }
};

TEST_F(PoitiersCandidate, OneAccountRegistersForSeveralExams) {
  std::string t = account("plusieurs@example.org");
  const std::string common =
      R"("acceptation": true, "address": "15 rue de la Cathédrale", "postal_code": "86000", "city": "Poitiers",
         "phone": "05 49 00 00 00")";
  const std::pair<const char*, std::string> exams[] = {
      {"bac_pro", R"("speciality": "cuisine", "exam_form": "globale", "foreign_language": "anglais",
                     "eligibility": "experience", "experience_years": 4)"},
      {"cs", R"("speciality": "sommellerie", "access_diploma": "CAP Commercialisation et services en hôtel-café-restaurant",
                "eligibility": "training", "training_school": "GRETA Poitou-Charentes")"},
      {"bp", R"("speciality": "boulanger", "exam_form": "globale", "level3_diploma": "oui", "experience_years": 3)"},
  };
  std::set<std::string> numbers, candidates;
  for (const auto& [exam, answers] : exams) {
    auto r = post_json("/api/v1/registrations",
                       std::string(R"({"academy": "poitiers", "exam": ")") + exam +
                           R"(", "session": "2025", "answers": {)" + common + ", " + answers + "}}",
                       bearer(t));
    ASSERT_EQ(r.status, 201u) << exam << ": " << r.body;
    auto body = json::parse(r.body);
    numbers.insert(std::string(body.at("registration_number").as_string()));
    candidates.insert(std::string(body.at("candidate_number").as_string()));
    EXPECT_EQ(std::string(body.at("registration_number").as_string()).rfind("A13-", 0), 0u);
  }
  EXPECT_EQ(numbers.size(), 3u);
  EXPECT_EQ(candidates.size(), 1u);  // one candidate number in the académie
  auto list = send("GET", "/api/v1/registrations", "", bearer(t));
  EXPECT_EQ(json::parse(list.body).at("registrations").as_array().size(), 3u);
}

// A speciality with options (seed rules: CS Technicien en énergies renouvelables, options A and
// B) over HTTP: the option is required, then named on the mail and the PDF with the deadline
// the rules enforce.
TEST_F(PoitiersCandidate, ASpecialityOptionIsRequiredAndShownOnTheMailAndThePdf) {
  std::string t = account("options@example.org");
  const std::string answers =
      R"("acceptation": true, "address": "15 rue de la Cathédrale", "postal_code": "86000", "city": "Poitiers",
         "phone": "05 49 00 00 00", "speciality": "energies_renouvelables", "access_diploma": "BAC PRO MELEC",
         "eligibility": "training", "training_school": "GRETA Poitou-Charentes")";
  auto body = [&](const std::string& extra) {
    return R"({"academy": "poitiers", "exam": "cs", "session": "2025", "answers": {)" + answers + extra + "}}";
  };
  auto missing = post_json("/api/v1/registrations", body(""), bearer(t));
  ASSERT_EQ(missing.status, 422u) << missing.body;
  EXPECT_NE(json::parse(missing.body).at("error").at("fields").at("speciality_option").as_string().find("Option A"),
            std::string::npos)
      << missing.body;
  auto ok = post_json("/api/v1/registrations", body(R"(, "speciality_option": "A")"), bearer(t));
  ASSERT_EQ(ok.status, 201u) << ok.body;
  std::string text = mail::testing::plain_text(await_mail([](const std::string& m) {
    return mail::testing::plain_text(m).find("Option A") != std::string::npos;
  }));
  EXPECT_NE(text.find("Technicien en énergies renouvelables — Option A : énergie électrique"), std::string::npos) << text;
  EXPECT_NE(text.find("avant le 13 novembre 2024 à 19 h 00"), std::string::npos) << text;
  EXPECT_EQ(text.find("au plus tard"), std::string::npos) << text;

  std::string id(json::parse(ok.body).at("id").as_string());
  auto pdf = send("GET", "/api/v1/registrations/" + id + "/recapitulatif.pdf", "", bearer(t));
  ASSERT_EQ(pdf.status, 200u);
  std::string path = (root_ / "options.pdf").string();
  std::ofstream(path, std::ios::binary) << pdf.body;
  std::string pdf_text = run_command("pdftotext -enc UTF-8 " + path + " -");
  std::string flat;
  for (char c : pdf_text) flat += c == '\n' ? ' ' : c;
  EXPECT_NE(flat.find("Option A : énergie électrique"), std::string::npos) << pdf_text;
  EXPECT_NE(flat.find("avant le 13 novembre 2024 à 19 h 00"), std::string::npos) << pdf_text;
}

}  // namespace
}  // namespace guichet::testing
