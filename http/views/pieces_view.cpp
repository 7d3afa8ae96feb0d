#include "http/views/pieces_view.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"

namespace guichet::views {
namespace json = boost::json;

json::object piece_file(const services::PieceFile& f, const date::time_zone* zone) {
  return {{"id", f.id},
          {"name", f.name},
          {"size", f.size},
          {"content_type", f.content_type},
          {"sha256", f.sha256},
          {"uploaded_at", format_rfc3339(std::chrono::floor<std::chrono::seconds>(f.uploaded_at), zone)}};
}

namespace {

json::array files(const std::vector<services::PieceFile>& list, const date::time_zone* zone) {
  json::array out;
  for (const auto& f : list) out.push_back(piece_file(f, zone));
  return out;
}

json::object piece(const services::PieceState& p, const date::time_zone* zone) {
  if (!p.needed)
    return {{"code", p.code},   {"label", p.label},         {"required", p.required},       {"needed", false},
            {"state", p.state}, {"editable", p.editable}, {"files", files(p.files, zone)}};
  json::object o{{"code", p.code},         {"label", p.label}, {"explanation", p.explanation},
                 {"required", p.required}, {"needed", true},   {"editable", p.editable}};
  o["state"] = p.state;
  if (p.state == "rejected") {
    o["reason"] = p.reason;
    o["replaced"] = p.replaced;
  }
  o["files"] = files(p.files, zone);
  return o;
}

}  // namespace

json::object pieces(const services::PieceList& l) {
  const date::time_zone* zone = l.zone;
  json::array list;
  for (const auto& p : l.pieces) list.push_back(piece(p, zone));
  json::array types;
  for (const auto& t : l.accepted_types) types.push_back(json::string(t));
  json::array missing;
  for (const auto& m : l.missing) missing.push_back(json::string(m));
  json::object out{
      {"registration_id", l.registration_id},
      {"mode", "upload"},
      {"deadline", l.deadline ? json::value(format_rfc3339(*l.deadline, zone)) : json::value(nullptr)},
      {"deadline_text", l.deadline ? json::value(format_deadline(*l.deadline, zone)) : json::value(nullptr)},
      {"deadline_passed", l.deadline_passed},
      {"confirmed", l.confirmed_at.has_value()},
      {"confirmed_at", l.confirmed_at
                           ? json::value(format_rfc3339(std::chrono::floor<std::chrono::seconds>(*l.confirmed_at), zone))
                           : json::value(nullptr)},
      {"frozen", l.frozen},
      {"complete", l.missing.empty()},
      {"missing", std::move(missing)},
      {"limits",
       {{"max_file_bytes", l.max_file_bytes},
        {"accepted_types", std::move(types)},
        {"max_files_per_piece", l.max_files_per_piece}}},
      {"pieces", std::move(list)}};
  if (l.file) out["file"] = piece_file(*l.file, zone);
  return out;
}

}  // namespace guichet::views
