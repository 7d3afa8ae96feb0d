#include "core/domain.hpp"

namespace guichet {

const Pole* Academy::find_pole(const std::string& c) const {
  for (const auto& p : poles)
    if (p.code == c) return &p;
  return nullptr;
}

const Session* Academy::find_session(const std::string& exam, const std::string& label) const {
  for (const auto& s : sessions)
    if (s.exam == exam && s.session == label) return &s;
  return nullptr;
}

const std::vector<std::string>& Academy::postal_address_for(const Session& s) const {
  return s.postal_address.empty() ? postal_address : s.postal_address;
}

const Pole* Academy::contact_for(const Session& s, const std::string& pole_code) const {
  if (s.contact) return &*s.contact;
  return find_pole(pole_code);
}

namespace {

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// -1, 0, 1: session labels as numbers when both are ("2021" < "2025"), else as text.
int compare_labels(const std::string& a, const std::string& b) {
  if (all_digits(a) && all_digits(b) && a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a < b ? -1 : a == b ? 0 : 1;
}

}  // namespace

bool Speciality::open_to(const std::string& session) const {
  if (!sessions_from.empty() && compare_labels(session, sessions_from) < 0) return false;
  if (!sessions_to.empty() && compare_labels(session, sessions_to) > 0) return false;
  return true;
}

const SpecialityOption* Speciality::find_option(const std::string& c) const {
  for (const auto& o : options)
    if (o.code == c) return &o;
  return nullptr;
}

void Exam::index_fields() {
  field_index.clear();
  for (size_t t = 0; t < tabs.size(); ++t)
    for (size_t f = 0; f < tabs[t].fields.size(); ++f) field_index.emplace(tabs[t].fields[f].id, std::pair{t, f});
}

const Field* Exam::find_field(std::string_view id) const {
  auto it = field_index.find(id);
  return it == field_index.end() ? nullptr : &tabs[it->second.first].fields[it->second.second];
}

const PieceDef* Exam::find_piece(const std::string& c) const {
  for (const auto& p : pieces)
    if (p.code == c) return &p;
  return nullptr;
}

std::vector<DocumentType> default_document_types() {
  return {{"convocation", "Convocation"}, {"releve_notes", "Relevé de notes"}, {"attestation", "Attestation de réussite"}};
}

const DocumentType* Academy::find_document_type(const std::string& c) const {
  for (const auto& t : document_types)
    if (t.code == c) return &t;
  return nullptr;
}

const Speciality* Exam::find_speciality(const std::string& c) const {
  for (const auto& s : specialities)
    if (s.code == c) return &s;
  return nullptr;
}

std::optional<int> session_year(std::string_view label) {
  if (label.size() < 4) return std::nullopt;
  int y = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (label[i] < '0' || label[i] > '9') return std::nullopt;
    y = y * 10 + (label[i] - '0');
  }
  if (label.size() > 4 && label[4] >= '0' && label[4] <= '9') return std::nullopt;
  return y;
}

std::optional<double> resolve_bound(const NumberBound& b, std::optional<int> year) {
  if (!b.from_session_year) return b.value;
  if (!year) return std::nullopt;
  return *year + b.value;
}

}  // namespace guichet
