// The parts of academy{}, session{} and exam{} that say what a notice says per session: the
// Rectorat's postal address, a session's own contact office, the deadline written in the
// instructions, a speciality's sessions and options. Kept apart from declarations.cpp, which
// reads the rest; each function raises a located Lua error in French on a fault.
#pragma once

#include <string>
#include <vector>

#include "core/domain.hpp"

struct lua_State;

namespace guichet::lua {

// `postal_address = { "line", ... }` of the table at `t`; empty when absent.
std::vector<std::string> read_postal_address(lua_State* L, int t, const std::string& what);

// The session's `contact` and `postal_address`, then the instructions' deadline: "{date_limite}"
// becomes format_deadline(deadline); a date written by hand in the instructions is refused (it
// could differ from the one enforced). A postal session must know where mail goes.
void read_session_extras(lua_State* L, const Academy& academy, Session& s);

// A speciality's `sessions = { from = "2021", to = "2024" }` and `options = { { code, label } }`
// from the table at `e`.
void read_speciality_extras(lua_State* L, int e, const std::string& what, Speciality& s);

// The form field `speciality_option` offers every option of the exam's specialities (each
// speciality's own list is in the session's JSON); an exam whose specialities have options
// must have that field, and one without options must not.
void fill_speciality_option_field(lua_State* L, const Exam& x, Field& f, const std::string& what);
void check_speciality_option_field(lua_State* L, const Exam& x, bool has_field);

}  // namespace guichet::lua
