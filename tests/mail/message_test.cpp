#include "mail/message.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "mail_test_util.hpp"

namespace guichet::mail {
namespace {

using namespace std::chrono;
using testing::crlf;
using testing::crlf_lines;
using testing::decode_header;
using testing::parse;
using testing::qp_decode;

// 2024-10-22 08:00:00 UTC, a Tuesday.
const Instant kDate = Instant(sys_days(year{2024} / October / 22) + hours(8) + microseconds(123));
const std::string kFrom = "Académie de Poitiers <no-reply@ac-poitiers.example.fr>";

Message sample(bool with_html) {
  Message m;
  m.to = "camille.durand@example.org";
  m.subject =
      "Inscription enregistrée : Baccalauréat professionnel — Métiers de l’accueil, "
      "session 2025 (épreuves anticipées)";
  m.text =
      "Bonjour Camille,\n"
      "\n"
      "Votre inscription à l'examen « Baccalauréat professionnel — Métiers de l’accueil » est "
      "enregistrée ; numéro d'inscription : 2025-POI-000123, tarif = 0 €.\n"
      "Ligne avec des espaces à la fin   \n"
      "Ligne avec une tabulation à la fin\t\n"
      ".Ligne qui commence par un point\n"
      "From Poitiers, une ligne façon mbox\n"
      "=?UTF-8?B?pas-un-mot-encodé?= et ==== des égalités ====\n" +
      std::string(200, 'x') + "\n" + std::string(100, '=') + "\n" +
      "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé 🎓 fin\n";
  if (with_html)
    m.html =
        "<!DOCTYPE html>\n<html lang=\"fr\"><body><p style=\"color:#333\">Bonjour Camille,</p>\n"
        "<p>Votre inscription à l'examen « Baccalauréat professionnel » est enregistrée.</p>"
        "<p>" +
        std::string(300, 'y') + "</p></body></html>\n";
  m.kind = "registration_saved";
  return m;
}

// Every line ends with CRLF and holds at most 998 bytes; header lines at most 78.
void expect_well_formed(const std::string& message) {
  std::vector<std::string> lines;
  ASSERT_NO_THROW(lines = crlf_lines(message));
  bool in_headers = true;
  for (const auto& line : lines) {
    EXPECT_LE(line.size(), 998u) << line;
    if (line.empty()) in_headers = false;
    if (in_headers) {
      EXPECT_LE(line.size(), 78u) << line;
    }
  }
}

// Every line of a quoted-printable body is at most 76 characters, and an '=' is a soft line
// break or the start of an "=XX" escape.
void expect_qp_lines(const std::string& encoded) {
  std::size_t pos = 0;
  while (pos < encoded.size()) {
    std::size_t eol = encoded.find("\r\n", pos);
    if (eol == std::string::npos) eol = encoded.size();
    std::string line = encoded.substr(pos, eol - pos);
    EXPECT_LE(line.size(), 76u) << line;
    for (std::size_t i = 0; i < line.size(); ++i) {
      auto b = static_cast<unsigned char>(line[i]);
      EXPECT_TRUE(b == ' ' || b == '\t' || (b >= 33 && b <= 126)) << "raw byte in " << line;
      if (line[i] == '=' && i + 1 < line.size()) {
        ASSERT_LT(i + 2, line.size()) << "split escape in " << line;
        EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(line[i + 1])) &&
                    std::isxdigit(static_cast<unsigned char>(line[i + 2])))
            << line;
        i += 2;
      }
    }
    if (!line.empty()) {
      EXPECT_NE(line.back(), ' ') << "trailing space: " << line;
      EXPECT_NE(line.back(), '\t') << "trailing tab: " << line;
      EXPECT_NE(line[0], '.') << "leading dot: " << line;
    }
    EXPECT_NE(line.rfind("From ", 0), 0u) << line;
    pos = eol + 2;
  }
}

TEST(MessageTest, MultipartParsesAndDecodesBack) {
  Message m = sample(true);
  std::string raw = to_rfc5322(m, kFrom, "outbox-42", kDate);
  expect_well_formed(raw);

  auto p = parse(raw);
  for (const char* name : {"Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
                           "Content-Type", "X-Guichet-Kind"})
    EXPECT_EQ(p.all(name).size(), 1u) << name;
  EXPECT_EQ(p.headers.size(), 8u);
  EXPECT_EQ(p.get("Date"), "Tue, 22 Oct 2024 08:00:00 +0000");
  EXPECT_EQ(p.get("To"), "camille.durand@example.org");
  EXPECT_EQ(decode_header(p.get("Subject")), m.subject);
  EXPECT_EQ(decode_header(p.get("From")),
            "Académie de Poitiers <no-reply@ac-poitiers.example.fr>");
  EXPECT_EQ(p.get("Message-ID"), "<outbox-42@ac-poitiers.example.fr>");
  EXPECT_EQ(p.get("MIME-Version"), "1.0");
  EXPECT_EQ(p.get("X-Guichet-Kind"), "registration_saved");

  std::string content_type = p.get("Content-Type");
  ASSERT_EQ(content_type.rfind("multipart/alternative;", 0), 0u) << content_type;
  std::string boundary = testing::boundary_of(content_type);
  ASSERT_FALSE(boundary.empty());

  auto parts = testing::parts(p.body, boundary);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].parsed.get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(parts[0].parsed.get("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(parts[0].decoded, crlf(m.text));
  expect_qp_lines(parts[0].parsed.body);
  EXPECT_EQ(parts[1].parsed.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(parts[1].parsed.get("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(parts[1].decoded, crlf(m.html));
  expect_qp_lines(parts[1].parsed.body);
}

TEST(MessageTest, TextOnlyIsASingleTextPlainPart) {
  Message m = sample(false);
  std::string raw = to_rfc5322(m, "no-reply@ac-poitiers.example.fr", "abc", kDate);
  expect_well_formed(raw);
  auto p = parse(raw);
  EXPECT_EQ(p.get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(p.get("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(p.get("From"), "no-reply@ac-poitiers.example.fr");
  EXPECT_EQ(p.get("Message-ID"), "<abc@ac-poitiers.example.fr>");
  expect_qp_lines(p.body);
  EXPECT_EQ(qp_decode(p.body), crlf(m.text));
  EXPECT_EQ(raw.find("multipart"), std::string::npos);
}

TEST(MessageTest, SubjectIsEncodedAndFolded) {
  std::string raw = to_rfc5322(sample(false), kFrom, "x", kDate);
  std::size_t start = raw.find("\r\nSubject: ") + 2;
  std::size_t end = raw.find("\r\nMessage-ID: ");
  std::string folded = raw.substr(start, end - start);
  EXPECT_NE(folded.find("=?UTF-8?B?"), std::string::npos);
  EXPECT_NE(folded.find("\r\n "), std::string::npos) << "a long subject is folded";
  for (const auto& line : crlf_lines(folded + "\r\n")) EXPECT_LE(line.size(), 78u) << line;
}

TEST(MessageTest, AsciiSubjectStaysReadableAndRoundTrips) {
  Message m = sample(false);
  m.subject = "Activez votre compte candidat";
  auto p = parse(to_rfc5322(m, kFrom, "x", kDate));
  EXPECT_EQ(p.get("Subject"), "Activez votre compte candidat");

  m.subject = std::string("Un sujet ASCII tres long ") + std::string(20, 'z') +
              " qui doit etre replie sur plusieurs lignes sans rien perdre du tout, vraiment";
  std::string raw = to_rfc5322(m, kFrom, "x", kDate);
  expect_well_formed(raw);
  EXPECT_EQ(decode_header(parse(raw).get("Subject")), m.subject);

  // Text that looks like an encoded-word is encoded, so it reads back literally.
  m.subject = "=?UTF-8?B?SGk=?= litteral";
  EXPECT_EQ(decode_header(parse(to_rfc5322(m, kFrom, "x", kDate)).get("Subject")), m.subject);
}

TEST(MessageTest, EncodedWordsCutOnCharacterBoundaries) {
  // 4-byte and 2-byte characters mixed: each encoded-word must hold whole characters.
  std::string subject;
  for (int i = 0; i < 30; ++i) subject += i % 3 == 0 ? "🎓" : "é";
  std::string folded = encode_header_text(subject, 9);
  std::size_t pos = 0;
  while ((pos = folded.find("=?UTF-8?B?", pos)) != std::string::npos) {
    std::size_t end = folded.find("?=", pos + 10);
    std::string word = testing::base64_decode(folded.substr(pos + 10, end - pos - 10));
    EXPECT_EQ(decode_header(folded.substr(pos, end + 2 - pos)), word);
    ASSERT_FALSE(word.empty());
    EXPECT_NE(static_cast<unsigned char>(word[0]) & 0xC0, 0x80) << "starts mid-character";
    pos = end;
  }
  std::string unfolded;
  for (const auto& line : crlf_lines(folded + "\r\n")) unfolded += line;
  EXPECT_EQ(decode_header(unfolded), subject);
}

TEST(MessageTest, TestDecoderReadsQEncodingToo) {
  EXPECT_EQ(decode_header("=?UTF-8?Q?Inscription_enregistr=C3=A9e?= :  =?utf-8?b?Q0FQ?="),
            "Inscription enregistrée :  CAP");
  EXPECT_EQ(decode_header("=?UTF-8?Q?a?= =?UTF-8?Q?b?="), "ab");
}

TEST(MessageTest, CrLfInHeaderValuesAddsNoHeader) {
  Message m = sample(true);
  m.to = "victime@example.org\r\nBcc: espion@example.net";
  m.subject = "Bonjour\r\nBcc: espion@example.net\r\n\r\nCorps injecté";
  m.kind = "activation\r\nX-Injected: 1";
  std::string raw = to_rfc5322(m, "Guichet\r\nX-From: 1 <no-reply@example.fr>",
                               "id\r\nX-Id: 1", kDate);
  expect_well_formed(raw);
  auto p = parse(raw);
  EXPECT_EQ(p.headers.size(), 8u);
  for (const auto& [name, value] : p.headers) {
    EXPECT_TRUE(name == "Date" || name == "From" || name == "To" || name == "Subject" ||
                name == "Message-ID" || name == "MIME-Version" || name == "Content-Type" ||
                name == "X-Guichet-Kind")
        << "unexpected header " << name;
    EXPECT_EQ(value.find('\r'), std::string::npos);
    EXPECT_EQ(value.find('\n'), std::string::npos);
  }
  EXPECT_EQ(p.all("Bcc").size(), 0u);
  EXPECT_EQ(p.get("To").find("\r"), std::string::npos);
  std::string subject = decode_header(p.get("Subject"));
  EXPECT_EQ(subject.find('\r'), std::string::npos);
  EXPECT_EQ(subject.find('\n'), std::string::npos);
  EXPECT_NE(subject.find("Corps inject"), std::string::npos);
  EXPECT_EQ(p.get("X-Guichet-Kind"), "activationX-Injected1");
  // The body is still the real one.
  auto parts = testing::parts(p.body, testing::boundary_of(p.get("Content-Type")));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].decoded, crlf(m.text));
}

TEST(MessageTest, QuotedPrintableRules) {
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("fin "), "fin=20");
  EXPECT_EQ(quoted_printable("fin\t\nx"), "fin=09\r\nx");
  EXPECT_EQ(quoted_printable("é"), "=C3=A9");
  EXPECT_EQ(quoted_printable("a\r\nb\nc"), "a\r\nb\r\nc");
  EXPECT_EQ(quoted_printable("lone\rcr"), "lone=0Dcr");
  EXPECT_EQ(quoted_printable("a\n"), "a\r\n");
  EXPECT_EQ(quoted_printable(""), "");
  // An encoded character is never cut by a soft line break.
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += i % 2 ? "é" : "a€";
  std::string encoded = quoted_printable(accents);
  EXPECT_EQ(encoded.find("=\r\n=8"), std::string::npos);
  EXPECT_EQ(encoded.find("=\r\n=9"), std::string::npos);
  EXPECT_EQ(encoded.find("=\r\n=A"), std::string::npos);
  EXPECT_EQ(encoded.find("=\r\n=B"), std::string::npos);

  for (std::size_t n = 70; n < 160; ++n) {
    for (const std::string& unit : {std::string("é"), std::string("="), std::string("a b")}) {
      std::string text;
      while (text.size() < n) text += unit;
      std::string encoded = quoted_printable(text);
      expect_qp_lines(encoded);
      EXPECT_EQ(qp_decode(encoded), text) << n;
    }
  }
}

TEST(MessageTest, DateIsUtcRfc5322) {
  EXPECT_EQ(rfc5322_date(Instant(sys_days(year{2025} / January / 5) + hours(23) + minutes(7) +
                                 seconds(9))),
            "Sun, 05 Jan 2025 23:07:09 +0000");
}

TEST(MessageTest, MessageIdKeepsAGivenDomain) {
  auto p = parse(to_rfc5322(sample(false), kFrom, "<42.abc@mail.example.org>", kDate));
  EXPECT_EQ(p.get("Message-ID"), "<42.abc@mail.example.org>");
  p = parse(to_rfc5322(sample(false), kFrom, "a b<c>", kDate));
  EXPECT_EQ(p.get("Message-ID"), "<a-b-c@ac-poitiers.example.fr>");
}

}  // namespace
}  // namespace guichet::mail
