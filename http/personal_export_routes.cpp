// GET /api/v1/me/export: everything guichet holds about the calling candidate (GDPR art. 15 and
// 20), as one ZIP: donnees.json (the account, each registration with every version, its pieces
// and documents), LISEZMOI.txt, and the files themselves under pieces/ and documents/.
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <atomic>

#include "core/time_format.hpp"
#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/handlers.hpp"
#include "http/views/account_view.hpp"
#include "http/views/document_view.hpp"
#include "http/views/office_view.hpp"
#include "http/views/pieces_view.hpp"
#include "http/views/registration_view.hpp"
#include "http/zip_writer.hpp"
#include "services/account_service.hpp"
#include "services/document_service.hpp"
#include "services/office_service.hpp"
#include "services/piece_service.hpp"
#include "services/registration_service.hpp"

namespace guichet::api {
namespace json = boost::json;

namespace {

// An export holds the candidate's files in memory twice (the files, the archive): at most this
// many at once per server, the others are asked to retry.
constexpr int kConcurrentExports = 2;
std::atomic<int> exports_running{0};

struct ExportSlot {
  bool taken;
  ExportSlot() : taken(exports_running.fetch_add(1) < kConcurrentExports) {}
  ~ExportSlot() { exports_running.fetch_sub(1); }
};

// A stored file name as an archive path component: no directory, no hidden file.
std::string entry_name(std::string name) {
  for (char& ch : name)
    if (ch == '/' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) ch = '_';
  while (!name.empty() && name.front() == '.') name.erase(0, 1);
  return name.empty() ? "fichier" : name;
}

const char* kReadMe =
    "Vos données personnelles enregistrées par le service d'inscription aux examens\n"
    "\n"
    "Ce dossier contient tout ce que le service conserve à votre sujet, à la date indiquée dans\n"
    "donnees.json (« exported_at ») :\n"
    "\n"
    "- donnees.json : votre compte (identité, adresse mail), chacune de vos inscriptions avec\n"
    "  toutes ses versions successives (vos réponses, la date, qui l'a modifiée : vous ou le\n"
    "  service des examens, et pourquoi), l'état de vos pièces justificatives et la liste de vos\n"
    "  documents ;\n"
    "- pieces/ : les fichiers que vous avez déposés, rangés par numéro d'inscription et par pièce ;\n"
    "- documents/ : les documents publiés pour vous (récapitulatif, convocation…).\n"
    "\n"
    "Pour faire rectifier une information, écrivez au service des examens de votre académie (ses\n"
    "coordonnées figurent dans votre espace candidat, rubrique « J'ai besoin d'aide »). La durée de\n"
    "conservation de ces données est fixée par votre académie ; elle est indiquée dans la notice\n"
    "d'information sur les données personnelles.\n";

}  // namespace

Status export_me(Call& c) {
  ExportSlot slot;
  if (!slot.taken) return Error{ErrorCode::exports_busy, ""};
  auto account = c.api.accounts->me(c.account_id);
  if (!account.ok()) return account.error();
  auto registrations = c.api.registrations->list(c.account_id);
  if (!registrations.ok()) return registrations.error();

  http::ZipWriter zip;
  json::array files;
  auto add_file = [&](const std::string& path, services::Download&& d, const std::string& sha256) {
    json::object f{{"path", path}, {"content_type", d.content_type}, {"size", d.bytes.size()}};
    if (!sha256.empty()) f["sha256"] = sha256;
    files.push_back(std::move(f));
    const bool compressed = d.content_type == "application/pdf" || d.content_type.rfind("image/", 0) == 0;
    zip.add(path, std::move(d.bytes), !compressed);
  };

  json::array out_registrations;
  for (const auto& r : *registrations) {
    json::object entry = views::registration(r);
    auto history = c.api.registrations->history(c.account_id, r.id);
    if (!history.ok()) return history.error();
    entry["versions"] = views::registration_history(*history);
    auto pieces = c.api.pieces->list(c.account_id, r.id);
    if (pieces.ok()) {
      entry["pieces"] = views::pieces(*pieces);
      for (const auto& piece : pieces->pieces)
        for (std::size_t i = 0; i < piece.files.size(); ++i) {
          auto file = c.api.pieces->file(c.account_id, r.id, piece.files[i].id);
          if (!file.ok()) return file.error();
          const std::string path = "pieces/" + r.registration_number + "/" + piece.code + "/" + std::to_string(i + 1) +
                                   "-" + entry_name(piece.files[i].name);
          add_file(path, std::move(*file), piece.files[i].sha256);
        }
    }
    // The récapitulatif, then what the office published (as "Mes documents" lists them).
    auto documents = c.api.registrations->documents(c.account_id, r.id);
    if (documents.ok()) {
      auto published = c.api.documents->latest(c.account_id, r.id);
      if (!published.ok()) return published.error();
      for (auto& d : *published) documents->push_back(std::move(d));
      entry["documents"] = views::documents(*documents);
      for (const auto& d : *documents) {
        if (!d.available) continue;
        auto file = d.type == "recapitulatif" ? c.api.registrations->summary_pdf(c.account_id, r.id)
                                              : c.api.documents->download(c.account_id, r.id, d.type);
        if (!file.ok()) continue;  // a document no longer offered is listed, not fetched
        const std::string path = "documents/" + r.registration_number + "/" + entry_name(file->file_name);
        add_file(path, std::move(*file), "");
      }
    }
    out_registrations.push_back(std::move(entry));
  }

  // Said in Paris time: the portal's own académies are all there today; the offset says it.
  const std::string exported_at =
      format_rfc3339(std::chrono::floor<std::chrono::seconds>(c.api.clock->now()), *find_zone("Europe/Paris"));
  json::object data{
      {"exported_at", exported_at},
      {"account", views::account(*account)},
      {"registrations", std::move(out_registrations)},
      {"files", std::move(files)},
  };
  zip.add("donnees.json", json::serialize(data), true);
  zip.add("LISEZMOI.txt", kReadMe, true);
  auto archive = zip.finish();
  if (!archive.ok()) return archive.error();
  send_file(c.res, std::move(*archive), "application/zip", "mes-donnees-" + exported_at.substr(0, 10) + ".zip");
  return Status::Ok();
}

}  // namespace guichet::api
