#include "mail/templates.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "mail_test_util.hpp"

namespace guichet::mail {
namespace {

using testing::crlf;
using testing::decode_header;
using testing::parse;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

RegistrationMailData data() {
  RegistrationMailData d;
  d.academy_name = "Académie de Poitiers";
  d.exam_name = "CAP Cuisine";
  d.session_label = "2025";
  d.speciality_label = "Cuisine";
  d.registration_number = "2025-POI-000123";
  d.candidate_number = "02512345678";
  d.pole_name = "Pôle CAP - DEC 2";
  d.pole_email = "ce.dec2-cap@ac-poitiers.example.fr";
  d.pole_phones = {"05 16 52 66 01", "05 16 52 66 02"};
  d.version = 1;
  d.closes_text = "avant le 22 novembre 2024 à 19 h 00";
  d.edits_deadline_text = "avant le 22 novembre 2024 à 18 h 59";
  d.pieces_deadline_text = "avant le 6 décembre 2024";
  return d;
}

// Renders through to_rfc5322 and reads everything back.
struct Rendered {
  std::string subject, text, html, kind, to;
};

Rendered render(const Message& m) {
  std::string raw = to_rfc5322(m, "Guichet <no-reply@ac-poitiers.example.fr>", "t-1",
                               Instant(std::chrono::seconds(1729584000)));
  auto p = parse(raw);
  std::string ct = p.get("Content-Type");
  std::string boundary = ct.substr(ct.find("boundary=\"") + 10);
  boundary.pop_back();
  auto parts = testing::parts(p.body, boundary);
  EXPECT_EQ(parts.size(), 2u);
  if (parts.size() != 2) return {};
  return {decode_header(p.get("Subject")), parts[0].decoded, parts[1].decoded,
          p.get("X-Guichet-Kind"), p.get("To")};
}

void expect_french_politeness(const Message& m) {
  EXPECT_TRUE(contains(m.text, "Bonjour")) << m.text;
  EXPECT_TRUE(contains(m.text, "vous") || contains(m.text, "Vous")) << m.text;
  EXPECT_FALSE(contains(m.text, " tu ")) << m.text;
  EXPECT_TRUE(contains(m.html, "<html lang=\"fr\">"));
  EXPECT_TRUE(contains(m.html, "<meta charset=\"utf-8\">"));
}

TEST(TemplatesTest, Activation) {
  auto m = activation_mail("camille@example.org", "Camille",
                           "https://guichet.example.fr/activation?token=abc123&lang=fr",
                           "24 octobre 2024 à 10 h 00");
  EXPECT_EQ(m.subject, "Activez votre compte candidat");
  EXPECT_EQ(m.kind, "activation");
  EXPECT_EQ(m.to, "camille@example.org");
  expect_french_politeness(m);
  EXPECT_TRUE(contains(m.text, "https://guichet.example.fr/activation?token=abc123&lang=fr"));
  EXPECT_TRUE(contains(m.text, "token=abc123"));
  EXPECT_TRUE(contains(m.text, "48 h"));
  EXPECT_TRUE(contains(m.text, "supprimé"));
  EXPECT_TRUE(contains(m.text, "24 octobre 2024 à 10 h 00"));
  EXPECT_TRUE(contains(
      m.html,
      "<a href=\"https://guichet.example.fr/activation?token=abc123&amp;lang=fr\">"));
  EXPECT_TRUE(contains(m.html, "48 h"));

  auto r = render(m);
  EXPECT_EQ(r.subject, "Activez votre compte candidat");
  EXPECT_EQ(r.kind, "activation");
  EXPECT_EQ(r.text, crlf(m.text));
  EXPECT_EQ(r.html, crlf(m.html));
  EXPECT_TRUE(contains(r.text, "token=abc123"));
}

TEST(TemplatesTest, ActivationReminderSaysTheAccountIsNotActivatedYet) {
  auto m = activation_reminder_mail("camille@example.org", "Camille", "https://guichet.example.fr/activation?token=abc124",
                                    "24 octobre 2024 à 10 h 00");
  EXPECT_EQ(m.subject, "Votre compte candidat n'est pas encore activé");
  EXPECT_EQ(m.kind, "activation");
  expect_french_politeness(m);
  EXPECT_TRUE(contains(m.text, "pas encore activé"));
  EXPECT_TRUE(contains(m.text, "token=abc124"));
  EXPECT_TRUE(contains(m.text, "24 octobre 2024 à 10 h 00"));
  EXPECT_TRUE(contains(m.text, "48 h"));
  EXPECT_TRUE(contains(m.html, "<a href=\"https://guichet.example.fr/activation?token=abc124\">"));
}

TEST(TemplatesTest, PasswordReset) {
  auto m = password_reset_mail("camille@example.org", "Camille",
                               "https://guichet.example.fr/reinitialisation?token=r3s3t", 30);
  EXPECT_EQ(m.subject, "Réinitialisation de votre mot de passe");
  EXPECT_EQ(m.kind, "password_reset");
  expect_french_politeness(m);
  EXPECT_TRUE(contains(m.text, "token=r3s3t"));
  EXPECT_TRUE(contains(m.text, "30 minutes"));
  EXPECT_TRUE(contains(m.text, "ignorez ce message"));
  EXPECT_TRUE(contains(m.html, "href=\"https://guichet.example.fr/reinitialisation?token=r3s3t\""));
  EXPECT_TRUE(contains(password_reset_mail("a@b", "", "https://x/?token=1", 60).text, "1 heure"));
  EXPECT_EQ(render(m).subject, "Réinitialisation de votre mot de passe");
}

TEST(TemplatesTest, RegistrationSaved) {
  auto m = registration_saved_mail("camille@example.org", "Camille", data());
  EXPECT_EQ(m.subject, "Inscription enregistrée : CAP Cuisine 2025");
  EXPECT_EQ(m.kind, "registration_saved");
  expect_french_politeness(m);
  for (const char* fact :
       {"2025-POI-000123", "02512345678", "Version de l'inscription : 1", "Cuisine",
        "Pôle CAP - DEC 2", "ce.dec2-cap@ac-poitiers.example.fr", "05 16 52 66 01",
        "05 16 52 66 02", "récapitulatif", "vérifiez-le avant le 22 novembre 2024 à 19 h 00",
        "modifier votre inscription avant le 22 novembre 2024 à 18 h 59",
        "« J'ai fourni toutes mes pièces » avant le 6 décembre 2024.", "pièces justificatives",
        "Académie de Poitiers"}) {
    EXPECT_TRUE(contains(m.text, fact)) << fact;
  }
  EXPECT_FALSE(contains(m.text, "au plus tard")) << m.text;
  EXPECT_TRUE(contains(m.html, "mailto:ce.dec2-cap@ac-poitiers.example.fr"));
  EXPECT_TRUE(contains(m.html, "2025-POI-000123"));
  auto r = render(m);
  EXPECT_EQ(r.subject, "Inscription enregistrée : CAP Cuisine 2025");
  EXPECT_EQ(r.text, crlf(m.text));
}

TEST(TemplatesTest, RegistrationModified) {
  auto d = data();
  d.version = 3;
  auto m = registration_modified_mail("camille@example.org", "Camille", d);
  EXPECT_EQ(m.subject, "Modification d'inscription : CAP Cuisine");
  EXPECT_EQ(m.kind, "registration_modified");
  expect_french_politeness(m);
  EXPECT_TRUE(contains(m.text, "version 3"));
  EXPECT_TRUE(contains(m.text, "télécharger à nouveau votre récapitulatif"));
  EXPECT_TRUE(contains(m.text, "2025-POI-000123"));
  EXPECT_TRUE(contains(m.text, "ce.dec2-cap@ac-poitiers.example.fr"));
  EXPECT_EQ(render(m).subject, "Modification d'inscription : CAP Cuisine");
}

TEST(TemplatesTest, PostalModeSaysWhereAndBeforeWhenToSend) {
  auto d = data();
  d.postal = true;
  d.pieces_deadline_text = "avant le 24 novembre 2022";
  d.postal_address = {"Rectorat de l'académie de Poitiers", "Division des examens et concours (DEC)",
                      "22 rue Guillaume VII le Troubadour", "BP 625", "86022 Poitiers Cedex"};
  for (const Message& m : {registration_saved_mail("c@example.org", "Camille", d),
                           registration_modified_mail("c@example.org", "Camille", d)}) {
    EXPECT_TRUE(contains(m.text, "envoyez-le par courrier avec les pièces justificatives demandées avant le 24 "
                                 "novembre 2022, à l'adresse suivante :\n\nRectorat de l'académie de Poitiers\n"
                                 "Division des examens et concours (DEC)\n22 rue Guillaume VII le Troubadour\nBP 625\n"
                                 "86022 Poitiers Cedex\n"))
        << m.text;
    EXPECT_TRUE(contains(m.html, "BP 625<br>\n86022 Poitiers Cedex")) << m.html;
    EXPECT_FALSE(contains(m.text, "Mes justificatifs")) << m.text;
    EXPECT_FALSE(contains(m.text, "au plus tard")) << m.text;
  }
}

TEST(TemplatesTest, PiecesReminderSaysTheDeadlineOnce) {
  auto m = pieces_reminder_mail("c@example.org", "Camille", data(), {"Pièce d'identité"});
  EXPECT_TRUE(contains(m.text, "il manque encore des pièces justificatives, à déposer avant le 6 décembre 2024."))
      << m.text;
  EXPECT_FALSE(contains(m.text, "au plus tard")) << m.text;
}

TEST(TemplatesTest, EmailChangedGoesToTheOldAddress) {
  auto m = email_changed_mail("ancienne@example.org", "Camille", "c****e@exemple.fr");
  EXPECT_EQ(m.to, "ancienne@example.org");
  EXPECT_EQ(m.kind, "email_changed");
  expect_french_politeness(m);
  EXPECT_TRUE(contains(m.text, "c****e@exemple.fr"));
  EXPECT_TRUE(contains(m.text, "contactez"));
  EXPECT_TRUE(contains(m.text, "ancienne adresse"));
  EXPECT_EQ(render(m).to, "ancienne@example.org");
}

TEST(TemplatesTest, HtmlEscapesEveryInterpolatedValue) {
  const std::string evil = "<script>alert('x')</script>&\"";
  auto no_raw = [&](const Message& m) {
    EXPECT_FALSE(contains(m.html, "<script>")) << m.kind;
    EXPECT_FALSE(contains(m.html, "alert('x')")) << m.kind;
    EXPECT_TRUE(contains(m.html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"))
        << m.kind;
    EXPECT_TRUE(contains(m.text, evil)) << "plain text keeps the value as is";
  };
  no_raw(activation_mail("a@b", evil, "https://x/activation?token=1", evil));
  no_raw(password_reset_mail("a@b", evil, "https://x/?token=" + evil, 30));
  no_raw(email_changed_mail("a@b", evil, evil));

  RegistrationMailData d;
  d.academy_name = d.exam_name = d.session_label = d.speciality_label = d.registration_number =
      d.candidate_number = d.pole_name = d.pole_email = d.edits_deadline_text =
          d.pieces_deadline_text = evil;
  d.pole_phones = {evil};
  no_raw(registration_saved_mail("a@b", evil, d));
  no_raw(registration_modified_mail("a@b", evil, d));
  // Escaped in the <title> too, and the count shows every occurrence was escaped.
  auto m = registration_saved_mail("a@b", evil, d);
  std::size_t escaped = 0;
  for (std::size_t pos = 0; (pos = m.html.find("&lt;script&gt;", pos)) != std::string::npos;
       ++pos)
    ++escaped;
  EXPECT_GE(escaped, 12u);
}

TEST(TemplatesTest, OnlyHttpLinksBecomeAnchors) {
  auto m = activation_mail("a@b", "Camille", "javascript:alert(1)//?token=1", "");
  EXPECT_FALSE(contains(m.html, "href=\"javascript"));
  EXPECT_TRUE(contains(m.html, "javascript:alert(1)//?token=1"));
}

TEST(TemplatesTest, ValuesStayOnOneLine) {
  auto m = activation_mail("a@b", "Camille\r\nBcc: x", "https://x/?token=1", "");
  EXPECT_TRUE(contains(m.text, "Bonjour Camille  Bcc: x,"));
  auto d = data();
  d.exam_name = "CAP\r\nCuisine";
  EXPECT_EQ(registration_modified_mail("a@b", "", d).subject,
            "Modification d'inscription : CAP  Cuisine");
  EXPECT_TRUE(contains(registration_modified_mail("a@b", "", d).text, "Bonjour,\n"));
}

TEST(TemplatesTest, EscapeFunction) {
  EXPECT_EQ(html_escape("a<b>&\"'c"), "a&lt;b&gt;&amp;&quot;&#39;c");
  EXPECT_EQ(html_escape("été"), "été");
}

}  // namespace
}  // namespace guichet::mail
