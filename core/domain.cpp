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

const Field* Exam::find_field(const std::string& id) const {
  for (const auto& t : tabs)
    for (const auto& f : t.fields)
      if (f.id == id) return &f;
  return nullptr;
}

const PieceDef* Exam::find_piece(const std::string& c) const {
  for (const auto& p : pieces)
    if (p.code == c) return &p;
  return nullptr;
}

const Speciality* Exam::find_speciality(const std::string& c) const {
  for (const auto& s : specialities)
    if (s.code == c) return &s;
  return nullptr;
}

}  // namespace guichet
