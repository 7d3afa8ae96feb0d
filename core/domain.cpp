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

}  // namespace guichet
