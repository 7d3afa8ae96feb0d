#include "core/time_format.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <cctype>
#include <cstdio>
#include <exception>

namespace guichet {
namespace {

using namespace std::chrono;

// Reads exactly n digits at text[pos..]; returns -1 if they are not all digits.
int digits(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

Error bad_time(std::string_view text) {
  return {ErrorCode::invalid_time, "Date ou heure invalide : « " + std::string(text) + " »."};
}

struct Fields {
  date::year_month_day day{};
  int hour = 0, minute = 0, second = 0;
  bool has_offset = false;
  minutes offset{0};
};

// Parses "YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][Z|±HH:MM]".
Result<Fields> parse_fields(std::string_view text, bool require_time) {
  Fields f;
  int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || text[4] != '-' || text[7] != '-') return bad_time(text);
  f.day = date::year{y} / mo / d;
  if (!f.day.ok()) return bad_time(text);
  size_t pos = 10;
  if (pos == text.size()) {
    if (require_time) return bad_time(text);
    return f;
  }
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return bad_time(text);
  f.hour = digits(text, pos + 1, 2);
  f.minute = digits(text, pos + 4, 2);
  if (f.hour < 0 || f.minute < 0 || text.size() < pos + 6 || text[pos + 3] != ':') return bad_time(text);
  pos += 6;
  if (pos < text.size() && text[pos] == ':') {
    f.second = digits(text, pos + 1, 2);
    if (f.second < 0) return bad_time(text);
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      size_t start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      if (pos == start) return bad_time(text);
    }
  } else if (require_time) {
    return bad_time(text);
  }
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return bad_time(text);
  if (pos == text.size()) return f;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    f.has_offset = true;
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || text.size() < pos + 6 || text[pos + 3] != ':' || oh > 23 || om > 59)
      return bad_time(text);
    f.offset = hours(oh) + minutes(om);
    if (text[pos] == '-') f.offset = -f.offset;
    f.has_offset = true;
    pos += 6;
  } else {
    return bad_time(text);
  }
  if (pos != text.size()) return bad_time(text);
  return f;
}

date::local_seconds local_of(const Fields& f) {
  return date::local_days(f.day) + hours(f.hour) + minutes(f.minute) + seconds(f.second);
}

}  // namespace

Result<const date::time_zone*> find_zone(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return Error{ErrorCode::unknown_timezone, "Fuseau horaire inconnu : « " + std::string(name) + " »."};
  }
}

Result<Seconds> parse_rfc3339(std::string_view text) {
  auto f = parse_fields(text, true);
  if (!f.ok()) return f.error();
  if (!f->has_offset || text.size() < 11 || (text[10] != 'T' && text[10] != 't'))
    return bad_time(text);
  Seconds t(local_of(*f).time_since_epoch() - f->offset);
  // Every instant must read back in every zone as a four-digit year: 9999-12-31T23:59:59Z is
  // already year 10000 in Paris.
  using namespace date::literals;
  static const Seconds kFirst = date::sys_days(1900_y / 1 / 1);
  static const Seconds kLast = date::sys_days(9999_y / 1 / 1);
  if (t < kFirst || t >= kLast)
    return Error{ErrorCode::time_out_of_range, "La date « " + std::string(text) + " » est hors des limites acceptées (années 1900 à 9998)."};
  return t;
}

Result<Seconds> parse_local(std::string_view text, const date::time_zone* zone) {
  auto f = parse_fields(text, false);
  if (!f.ok()) return f.error();
  auto local = local_of(*f);
  if (f->has_offset) {
    Seconds t(local.time_since_epoch() - f->offset);
    // The offset must be one the zone really had at that local time.
    if (zone->get_info(t).offset != f->offset)
      return Error{ErrorCode::invalid_time, "Le décalage de « " + std::string(text) +
                                       " » ne correspond pas au fuseau " + zone->name() + "."};
    return t;
  }
  auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent)
    return Error{ErrorCode::invalid_time, "L'heure « " + std::string(text) + " » n'existe pas dans le fuseau " +
                                     zone->name() + " (changement d'heure)."};
  if (info.result == date::local_info::ambiguous)
    return Error{ErrorCode::invalid_time, "L'heure « " + std::string(text) + " » est ambiguë dans le fuseau " +
                                     zone->name() +
                                     " (changement d'heure) : précisez le décalage, par exemple « " +
                                     std::string(text) + "+02:00 »."};
  return Seconds(local.time_since_epoch() - info.first.offset);
}

Result<Seconds> parse_any(std::string_view text, const date::time_zone* zone) {
  if (text.size() > 10 && (text[10] == 'T' || text[10] == 't')) return parse_rfc3339(text);
  return parse_local(text, zone);
}

std::string format_rfc3339(Seconds t, const date::time_zone* zone) {
  auto info = zone->get_info(t);
  auto local = date::local_seconds((t + info.offset).time_since_epoch());
  std::string out = date::format("%Y-%m-%dT%H:%M:%S", local);
  auto off = duration_cast<minutes>(info.offset).count();
  char buf[16];  // "+HH:MM"; room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(static_cast<int>(off)) / 60,
                std::abs(static_cast<int>(off)) % 60);
  return out + buf;
}

std::string format_french(Seconds t, const date::time_zone* zone, bool with_time) {
  auto local = date::make_zoned(zone, t).get_local_time();
  return date::format(with_time ? "%d/%m/%Y à %H:%M" : "%d/%m/%Y", local);
}

namespace {

constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

// "13 novembre 2024" and whether the local time is midnight; the hour as "19 h 00".
std::string french_words(Seconds t, const date::time_zone* zone, bool always_hour) {
  auto local = t + zone->get_info(t).offset;
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  unsigned d = unsigned(ymd.day());
  std::string out = (d == 1 ? std::string("1er") : std::to_string(d)) + " " + kMonths[unsigned(ymd.month()) - 1] +
                    " " + std::to_string(int(ymd.year()));
  bool midnight = hms.hours().count() == 0 && hms.minutes().count() == 0 && hms.seconds().count() == 0;
  if (midnight && !always_hour) return out;
  char buf[32];
  std::snprintf(buf, sizeof buf, " à %d h %02d", int(hms.hours().count()), int(hms.minutes().count()));
  out += buf;
  // A deadline set to the second says its seconds: "à 18 h 59 min 30 s" is still exact.
  if (hms.seconds().count() != 0) {
    std::snprintf(buf, sizeof buf, " min %02d s", int(hms.seconds().count()));
    out += buf;
  }
  return out;
}

}  // namespace

std::string format_french_moment(Seconds t, const date::time_zone* zone) { return french_words(t, zone, false); }

std::string format_french_exact(Seconds t, const date::time_zone* zone) { return french_words(t, zone, true); }

std::string format_deadline(Seconds t, const date::time_zone* zone) {
  return "avant le " + french_words(t, zone, false);
}

std::string format_local(Seconds t, const date::time_zone* zone) {
  // Hand-formatted: date::format goes through iostreams and shows up in every verdict.
  auto info = zone->get_info(t);
  auto local = t + info.offset;
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return buf;
}

Result<std::chrono::sys_days> parse_calendar_date(std::string_view text) {
  if (text.size() != 10) return bad_time(text);
  auto f = parse_fields(text, false);
  if (!f.ok()) return f.error();
  return std::chrono::sys_days(date::sys_days(f->day).time_since_epoch());
}

}  // namespace guichet
