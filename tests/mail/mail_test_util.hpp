// Small, independent decoders for checking what mail/ renders.
#pragma once

#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guichet::mail::testing {

struct Parsed {
  std::vector<std::pair<std::string, std::string>> headers;  // name, unfolded raw value
  std::string body;

  std::vector<std::string> all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [n, v] : headers)
      if (n == name) out.push_back(v);
    return out;
  }
  std::string get(std::string_view name) const {
    auto v = all(name);
    return v.size() == 1 ? v[0] : "<" + std::to_string(v.size()) + " headers>";
  }
};

// Splits at the first empty line; unfolds continuation lines (CRLF + WSP).
inline Parsed parse(const std::string& message) {
  Parsed p;
  std::size_t end = message.find("\r\n\r\n");
  if (end == std::string::npos) throw std::runtime_error("no header/body separator");
  std::string head = message.substr(0, end + 2);
  p.body = message.substr(end + 4);
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t eol = head.find("\r\n", pos);
    std::string line = head.substr(pos, eol - pos);
    pos = eol + 2;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (p.headers.empty()) throw std::runtime_error("continuation first");
      p.headers.back().second += line;  // unfolding removes only the CRLF
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) throw std::runtime_error("not a header: " + line);
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    p.headers.emplace_back(line.substr(0, colon), value);
  }
  return p;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  throw std::runtime_error(std::string("bad hex digit ") + c);
}

inline std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    throw std::runtime_error("bad base64");
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    buffer = (buffer << 6) | unsigned(value(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// RFC 2047 "Q": '_' is a space, =XX a byte.
inline std::string q_decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '_') {
      out += ' ';
    } else if (in[i] == '=' && i + 2 < in.size()) {
      out += char(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// Decodes an unfolded unstructured header value: encoded-words (UTF-8, B or Q) are decoded and
// white space between two adjacent encoded-words is dropped (RFC 2047 §6.2).
inline std::string decode_header(std::string_view value) {
  std::string out;
  std::string pending_space;
  bool last_was_word = false;
  std::size_t i = 0;
  while (i < value.size()) {
    if (value.substr(i, 2) == "=?") {
      std::size_t q1 = value.find('?', i + 2);
      std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
      std::size_t end = q2 == std::string_view::npos ? q2 : value.find("?=", q2 + 1);
      if (end != std::string_view::npos) {
        std::string charset(value.substr(i + 2, q1 - i - 2));
        char encoding = value[q1 + 1];
        std::string_view text = value.substr(q2 + 1, end - q2 - 1);
        for (auto& c : charset) c = char(std::toupper(static_cast<unsigned char>(c)));
        if (charset != "UTF-8") throw std::runtime_error("charset " + charset);
        if (!last_was_word) out += pending_space;
        pending_space.clear();
        out += (encoding == 'B' || encoding == 'b') ? base64_decode(text) : q_decode(text);
        last_was_word = true;
        i = end + 2;
        continue;
      }
    }
    if (value[i] == ' ' || value[i] == '\t') {
      pending_space += value[i];
      ++i;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    out += value[i];
    last_was_word = false;
    ++i;
  }
  if (!last_was_word) out += pending_space;
  return out;
}

// Quoted-printable body: soft breaks ("=" CRLF) go, =XX become bytes.
inline std::string qp_decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out += in[i];
      continue;
    }
    if (in.substr(i + 1, 2) == "\r\n") {
      i += 2;
      continue;
    }
    if (i + 2 >= in.size()) throw std::runtime_error("truncated =XX");
    out += char(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
    i += 2;
  }
  return out;
}

inline std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// Lines of a CRLF text; throws on a bare CR or LF. The text must end with CRLF.
inline std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find("\r\n", pos);
    if (eol == std::string::npos) throw std::runtime_error("last line without CRLF");
    std::string line = text.substr(pos, eol - pos);
    if (line.find('\r') != std::string::npos || line.find('\n') != std::string::npos)
      throw std::runtime_error("bare CR or LF in: " + line);
    lines.push_back(line);
    pos = eol + 2;
  }
  return lines;
}

struct Part {
  Parsed parsed;
  std::string decoded;  // the QP-decoded content
};

// The parts of a multipart body delimited by `boundary`.
inline std::vector<Part> parts(const std::string& body, const std::string& boundary) {
  std::vector<Part> out;
  const std::string delimiter = "\r\n--" + boundary;
  std::string text = "\r\n" + body;  // the first delimiter may start the body
  std::size_t pos = text.find(delimiter);
  if (pos == std::string::npos) throw std::runtime_error("no first boundary");
  while (true) {
    pos += delimiter.size();
    if (text.substr(pos, 2) == "--") break;  // close delimiter
    if (text.substr(pos, 2) != "\r\n") throw std::runtime_error("boundary line not ended");
    pos += 2;
    std::size_t next = text.find(delimiter, pos);
    if (next == std::string::npos) throw std::runtime_error("no closing boundary");
    Part part;
    part.parsed = parse(text.substr(pos, next - pos));
    part.decoded = qp_decode(part.parsed.body);
    out.push_back(std::move(part));
    pos = next;
  }
  return out;
}

// The boundary parameter of a multipart Content-Type; "" when there is none.
inline std::string boundary_of(const std::string& content_type) {
  std::string key = "boundary=\"";
  std::size_t at = content_type.find(key);
  if (at == std::string::npos) return {};
  std::size_t start = at + key.size();
  return content_type.substr(start, content_type.find('"', start) - start);
}

// The decoded text/plain body of a whole RFC 5322 message (multipart or not).
inline std::string plain_text(const std::string& message) {
  Parsed p = parse(message);
  std::string boundary = boundary_of(p.get("Content-Type"));
  if (boundary.empty()) return qp_decode(p.body);
  for (const auto& part : parts(p.body, boundary))
    if (part.parsed.get("Content-Type").rfind("text/plain", 0) == 0) return part.decoded;
  return {};
}

// The value of the first "token=" in the message's text: what a candidate's link carries.
inline std::string link_token(const std::string& message) {
  std::string text = plain_text(message);
  std::size_t at = text.find("token=");
  if (at == std::string::npos) return {};
  at += 6;
  std::size_t end = text.find_first_not_of(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", at);
  return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace guichet::mail::testing
