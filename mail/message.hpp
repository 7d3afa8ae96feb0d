// A transactional mail and its RFC 5322 / MIME rendering.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace guichet::mail {

struct Message {
  std::string to;       // address
  std::string subject;  // UTF-8, French
  std::string text;     // plain text body, UTF-8 ("\n" or "\r\n" line ends)
  std::string html;     // optional HTML alternative ("" = text only)
  std::string kind;     // "activation", "password_reset", "registration_saved",
                        // "registration_modified", "email_changed" (header X-Guichet-Kind)
};

// Renders a complete RFC 5322 message with MIME parts, CRLF line ends:
//   Date (from `date`, UTC), From, To, Subject (RFC 2047 B encoded-words in UTF-8 when not
//   plain ASCII, folded to <= 78 columns), Message-ID (<message_id@domain-of-from>, or
//   <message_id> when it already holds an '@'), MIME-Version, X-Guichet-Kind, then either a
//   multipart/alternative (text/plain then text/html, both UTF-8 quoted-printable) or a single
//   text/plain part when `m.html` is empty.
// Every header value is sanitised: CR, LF and other control characters become spaces, so no
// input can add a header or end the header block.
// Control characters (CR and LF above all) become spaces; spaces at both ends go. Every
// header value and every value put into a mail goes through it.
std::string single_line(std::string_view value);

std::string to_rfc5322(const Message& m, const std::string& from, const std::string& message_id,
                       Instant date);

// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: "\n" and "\r\n" become CRLF hard breaks,
// encoded lines are at most 76 characters, trailing white space is encoded, '=' escapes are
// never split across lines.
std::string quoted_printable(std::string_view text);

// An unstructured header value as RFC 2047 encoded-words ("=?UTF-8?B?...?="), each at most 60
// characters and cut on UTF-8 character boundaries, separated by CRLF + space (folding).
// Plain printable ASCII that fits is returned as is (folded at spaces if needed).
// `name_length` is the length of "Name: " on the first line.
std::string encode_header_text(std::string_view value, std::size_t name_length);

// RFC 5322 date: "Tue, 22 Oct 2024 08:00:00 +0000".
std::string rfc5322_date(Instant date);

}  // namespace guichet::mail
