#include "db/rule_set_repository.hpp"

#include <soci/soci.h>

#include "db/sql_time.hpp"

namespace guichet {

Status record_activation(Database& db, const RuleSetActivation& a) {
  std::string academies;
  for (const auto& code : a.academies) academies += (academies.empty() ? "" : ",") + code;
  std::string at = db_detail::to_sql_time(a.activated_at);
  const char* sql = db.backend() == Backend::postgresql
                        ? "INSERT INTO rule_set_versions (content_hash, activated_at, academies, files) "
                          "VALUES (:h, CAST(:t AS TIMESTAMPTZ), :a, :f)"
                        : "INSERT INTO rule_set_versions (content_hash, activated_at, academies, files) "
                          "VALUES (:h, :t, :a, :f)";
  return db.transaction([&](soci::session& s) {
    s << sql, soci::use(a.content_hash), soci::use(at), soci::use(academies), soci::use(a.files);
    return Status::Ok();
  });
}

Result<std::vector<RuleSetActivation>> list_activations(Database& db, std::size_t limit) {
  std::vector<RuleSetActivation> out;
  Status st = db.with_session([&](soci::session& s) -> Status {
    int n = static_cast<int>(std::min<std::size_t>(limit, 1'000'000));
    soci::rowset<soci::row> rows = (s.prepare << "SELECT content_hash, " +
                                                     db_detail::sql_time_column(db.backend() == Backend::postgresql,
                                                                                "activated_at") +
                                                     ", academies, files FROM rule_set_versions "
                                                     "ORDER BY id DESC LIMIT :n",
                                    soci::use(n));
    for (const soci::row& r : rows) {
      RuleSetActivation a;
      a.content_hash = r.get<std::string>(0);
      auto t = db_detail::from_sql_time(r.get<std::string>(1));
      if (!t.ok()) return t.error();
      a.activated_at = *t;
      std::string academies = r.get<std::string>(2);
      for (size_t i = 0; i < academies.size();) {
        size_t j = academies.find(',', i);
        if (j == std::string::npos) j = academies.size();
        if (j > i) a.academies.push_back(academies.substr(i, j - i));
        i = j + 1;
      }
      a.files = r.get<int>(3);
      out.push_back(std::move(a));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace guichet
