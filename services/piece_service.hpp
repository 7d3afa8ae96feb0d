// "Mes justificatifs": the pieces a registration requires (as the rules said at its last
// version), the files given for them, their confirmation, the office's reviews and the
// reminders. Which pieces, which deadline, which limits: the scripts say; none is decided here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/database.hpp"
#include "db/file_store.hpp"
#include "services/audit.hpp"
#include "services/candidate_config.hpp"
#include "services/download.hpp"

namespace guichet::services {

class PieceService;

struct PieceFile {
  std::string id, name, content_type, sha256;
  long long size = 0;
  Instant uploaded_at{};
};

// One piece of the registration with its state.
struct PieceState {
  std::string code, label, explanation;
  bool required = true;
  // false: a piece no longer required (a modification changed the list) whose files are kept.
  bool needed = true;
  bool editable = true;
  std::string state;  // missing | received | accepted | rejected | unneeded
  std::string reason;  // rejected: the office's reason
  bool replaced = false;  // rejected: a newer file was given since
  std::vector<PieceFile> files;
};

// "Mes justificatifs" of an upload session.
struct PieceList {
  std::string registration_id;
  std::optional<Seconds> deadline;
  bool deadline_passed = false;
  std::optional<Instant> confirmed_at;
  bool frozen = false;
  std::vector<std::string> missing;  // codes of the required pieces not given
  std::uint64_t max_file_bytes = 0;
  std::vector<std::string> accepted_types;  // MIME types
  int max_files_per_piece = 0;
  std::vector<PieceState> pieces;
  std::optional<PieceFile> file;  // after an upload: the file just stored
  const date::time_zone* zone = nullptr;  // the académie's
};

// One file on its way in. Blocking calls; the caller feeds the body in order.
class PieceUpload {
 public:
  // Too big (413 file_too_large) or not an accepted type (415 unsupported_type) is said as
  // soon as the bytes show it, so the caller can stop reading.
  Status append(std::string_view bytes);
  // Checks again under the registration's lock and stores the file with its piece: the piece's
  // new state, as in list().
  Result<PieceList> finish();
  void abort();
  // The name given by the client, when it is known only after the upload began (multipart).
  void set_file_name(std::string name) { given_name_ = std::move(name); }
  std::uint64_t max_bytes() const { return limits_.max_file_bytes; }

 private:
  friend class PieceService;
  PieceUpload(PieceService& service, std::unique_ptr<db::FileUpload> file, UploadLimits limits);

  PieceService& service_;
  std::unique_ptr<db::FileUpload> file_;
  UploadLimits limits_;
  std::string account_id_, registration_id_, piece_code_, given_name_;
  std::string type_;  // sniffed content type, once known
};

class PieceService {
 public:
  PieceService(Database& db, db::FileStore& files, const Clock& clock, EventBus& events, Rules& rules,
               CandidateConfig config);

  // Who reads a list: the candidate of a postal session gets "postal_session" with the
  // instructions (nothing to upload); the office sees the pieces it reviews either way.
  enum class Reader { candidate, office };
  // Every piece of the registration with its state, the deadline and whether the set is
  // confirmed.
  Result<PieceList> list(const std::string& account_id, const std::string& registration_id,
                         Reader reader = Reader::candidate);
  // Checks what the request line and headers allow (owner, piece, mode, frozen, count, the
  // declared size) before any byte is read.
  Result<std::unique_ptr<PieceUpload>> begin_upload(const std::string& account_id,
                                                    const std::string& registration_id, const std::string& piece_code,
                                                    const std::string& file_name,
                                                    std::optional<std::uint64_t> declared_size);
  Status remove_file(const std::string& account_id, const std::string& registration_id,
                     const std::string& piece_code, const std::string& file_id);
  // "J'ai fourni toutes mes pièces".
  Result<PieceList> confirm(const std::string& account_id, const std::string& registration_id);
  // The office's review (its API comes with the back office): a rejection reopens the piece.
  Status review(const std::string& registration_id, const std::string& piece_code, bool accepted,
                const std::string& reason, const std::string& reviewer, const AlsoInTransaction& also = {});
  // Reminds once every candidate of an upload session whose pieces are incomplete within the
  // session's reminder_days before the deadline. Returns how many were reminded by this call.
  Result<int> send_reminders();
  // One of the caller's piece files.
  Result<Download> file(const std::string& account_id, const std::string& registration_id,
                                 const std::string& file_id);

 private:
  friend class PieceUpload;
  Result<PieceList> store(PieceUpload& upload);

  Database& db_;
  db::FileStore& files_;
  const Clock& clock_;
  EventBus& events_;
  Rules& rules_;
  CandidateConfig config_;
};

}  // namespace guichet::services
