#include "mail/message.hpp"

#include <chrono>
#include <cstdint>

#include <fmt/format.h>

namespace guichet::mail {

namespace {

constexpr std::size_t kMaxHeaderColumns = 78;  // RFC 5322 §2.1.1 "SHOULD"
constexpr std::size_t kMaxEncodedWord = 60;    // "=?UTF-8?B?" + 48 base64 + "?="
constexpr std::size_t kEncodedWordBytes = 36;  // 36 raw bytes -> 48 base64 characters
constexpr std::size_t kMaxQpLine = 76;         // RFC 2045 §6.7 rule 5, '=' included
constexpr std::size_t kMaxPlainHeaderLine = 990;

bool printable_ascii(std::string_view s) {
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    std::uint32_t n = (std::uint32_t(std::uint8_t(in[i])) << 16) |
                      (std::uint32_t(std::uint8_t(in[i + 1])) << 8) | std::uint8_t(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t n = std::uint32_t(std::uint8_t(in[i])) << 16;
    if (rest == 2) n |= std::uint32_t(std::uint8_t(in[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Length of the UTF-8 sequence starting at `i` (a malformed byte counts as one).
std::size_t utf8_char_length(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80 && j - i < 4) ++j;
  return j - i;
}

std::string encoded_words(std::string_view value) {
  std::string out;
  std::string chunk;
  auto flush = [&] {
    if (chunk.empty()) return;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?";
    out += base64(chunk);
    out += "?=";
    chunk.clear();
  };
  for (std::size_t i = 0; i < value.size();) {
    std::size_t n = utf8_char_length(value, i);
    if (chunk.size() + n > kEncodedWordBytes) flush();
    chunk.append(value.substr(i, n));
    i += n;
  }
  flush();
  return out;
}

// Folds printable ASCII at spaces; nullopt-like empty result when a word is too long to fold.
bool fold_plain(std::string_view value, std::size_t name_length, std::string& out) {
  out.clear();
  std::size_t column = name_length;
  std::size_t start = 0;
  bool first = true;
  while (start <= value.size()) {
    std::size_t end = value.find(' ', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view word = value.substr(start, end - start);
    if (word.size() > kMaxHeaderColumns - 2) return false;
    if (first) {
      out += word;
      column += word.size();
      first = false;
    } else if (column + 1 + word.size() > kMaxHeaderColumns) {
      out += "\r\n ";
      out += word;
      column = 1 + word.size();
    } else {
      out += ' ';
      out += word;
      column += 1 + word.size();
    }
    start = end + 1;
  }
  return true;
}

std::string hex_byte(unsigned char b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return {'=', kHex[b >> 4], kHex[b & 15]};
}

std::string qp_line(std::string_view line) {
  std::string out;
  std::size_t column = 0;
  bool from_line = line.substr(0, 5) == "From ";
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto b = static_cast<unsigned char>(line[i]);
    bool last = i + 1 == line.size();
    std::string token;
    if (b >= 0xC0) {
      // A whole UTF-8 character stays on one encoded line.
      std::size_t n = utf8_char_length(line, i);
      for (std::size_t k = 0; k < n; ++k) token += hex_byte(static_cast<unsigned char>(line[i + k]));
      i += n - 1;
    } else if (b == ' ' || b == '\t') {
      token = last ? hex_byte(b) : std::string(1, char(b));
    } else if (b >= 33 && b <= 126 && b != '=') {
      token = std::string(1, char(b));
      if (i == 0 && from_line) token = hex_byte(b);  // no "From " at a line start (mbox)
    } else {
      token = hex_byte(b);
    }
    if (column + token.size() > kMaxQpLine - 1) {
      out += "=\r\n";
      column = 0;
    }
    if (column == 0 && token == ".") token = hex_byte(b);  // no lone dot at a line start (SMTP)
    out += token;
    column += token.size();
  }
  return out;
}

std::string address_domain(std::string_view address) {
  std::size_t at = address.rfind('@');
  std::string domain;
  if (at != std::string_view::npos) {
    for (char c : address.substr(at + 1)) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '-')
        domain += c;
      else
        break;
    }
  }
  return domain.empty() ? "guichet.invalid" : domain;
}

std::string id_part(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '+' || c == '-';
    out += ok ? c : '-';
  }
  return out;
}

// Splits "Display Name <addr@x>" and renders the display name safely.
std::string format_from(std::string_view from, std::string& address) {
  std::size_t lt = from.rfind('<');
  if (lt == std::string_view::npos || from.empty() || from.back() != '>') {
    address = std::string(from);
    return address;
  }
  address = single_line(from.substr(lt + 1, from.size() - lt - 2));
  std::string display = single_line(from.substr(0, lt));
  if (display.size() >= 2 && display.front() == '"' && display.back() == '"')
    display = display.substr(1, display.size() - 2);
  if (display.empty()) return "<" + address + ">";
  std::string rendered;
  if (printable_ascii(display) && display.size() <= 60 && display.find("=?") == std::string::npos) {
    rendered = "\"";
    for (char c : display) {
      if (c == '"' || c == '\\') rendered += '\\';
      rendered += c;
    }
    rendered += '"';
  } else {
    rendered = encoded_words(display);
  }
  std::size_t last_break = rendered.rfind("\r\n");
  std::size_t last_line =
      last_break == std::string::npos ? 6 + rendered.size() : rendered.size() - last_break - 2;
  bool fits = last_line + 3 + address.size() <= kMaxHeaderColumns;
  return rendered + (fits ? " <" : "\r\n <") + address + ">";
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

void header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

void plain_part(std::string& out, std::string_view subtype, std::string_view body) {
  header(out, "Content-Type", fmt::format("text/{}; charset=utf-8", subtype));
  header(out, "Content-Transfer-Encoding", "quoted-printable");
  out += "\r\n";
  out += quoted_printable(body);
}

}  // namespace

std::string single_line(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    auto b = static_cast<unsigned char>(c);
    out += (b < 0x20 || b == 0x7f) ? ' ' : c;
  }
  std::size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  std::size_t last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}


std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (nl != std::string_view::npos && !line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    out += qp_line(line);
    if (nl == std::string_view::npos) break;
    out += "\r\n";
    start = nl + 1;
  }
  return out;
}

std::string encode_header_text(std::string_view value, std::size_t name_length) {
  std::string clean = single_line(value);
  std::string folded;
  if (printable_ascii(clean) && clean.find("=?") == std::string::npos &&
      fold_plain(clean, name_length, folded))
    return folded;
  return encoded_words(clean);
}

std::string rfc5322_date(Instant date) {
  using namespace std::chrono;
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto secs = floor<seconds>(date);
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss<seconds> hms{secs - day};
  return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} +0000",
                     kDays[weekday{day}.c_encoding()], unsigned(ymd.day()),
                     kMonths[unsigned(ymd.month()) - 1], int(ymd.year()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::string to_rfc5322(const Message& m, const std::string& from, const std::string& message_id,
                       Instant date) {
  std::string from_address;
  std::string from_header = format_from(single_line(from), from_address);

  std::string id = single_line(message_id);
  if (!id.empty() && id.front() == '<') id.erase(0, 1);
  if (!id.empty() && id.back() == '>') id.pop_back();
  std::string msgid;
  if (std::size_t at = id.find('@'); at != std::string::npos) {
    msgid = "<" + id_part(id.substr(0, at)) + "@" + id_part(id.substr(at + 1)) + ">";
  } else {
    msgid = "<" + (id.empty() ? std::string("guichet") : id_part(id)) + "@" +
            address_domain(from_address) + ">";
  }

  std::string to = single_line(m.to);
  if (to.size() > kMaxPlainHeaderLine) to.resize(kMaxPlainHeaderLine);
  if (from_header.size() > kMaxPlainHeaderLine) from_header.resize(kMaxPlainHeaderLine);

  std::string kind;
  for (char c : m.kind) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-')
      kind += c;
  }
  if (kind.size() > 64) kind.resize(64);

  std::string out;
  header(out, "Date", rfc5322_date(date));
  header(out, "From", from_header);
  header(out, "To", to);
  header(out, "Subject", encode_header_text(m.subject, 9));
  header(out, "Message-ID", msgid);
  header(out, "MIME-Version", "1.0");
  if (!kind.empty()) header(out, "X-Guichet-Kind", kind);

  if (m.html.empty()) {
    plain_part(out, "plain", m.text);
    if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
    return out;
  }

  // "=_" never occurs in quoted-printable output, so the boundary cannot clash with a body.
  std::string boundary =
      fmt::format("=_guichet_{:016x}", fnv1a(msgid + "\n" + rfc5322_date(date)));
  header(out, "Content-Type", fmt::format("multipart/alternative; boundary=\"{}\"", boundary));
  out += "\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "\r\n--" + boundary + "\r\n";
  plain_part(out, "plain", m.text);
  out += "\r\n--" + boundary + "\r\n";
  plain_part(out, "html", m.html);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace guichet::mail
