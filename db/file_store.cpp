#include "db/file_store.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <openssl/evp.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "db/sql_time.hpp"

namespace guichet::db {
namespace {

namespace fs = std::filesystem;

Error storage_error() {
  return Error{ErrorCode::storage_unavailable,
               "Le fichier n'a pas pu être enregistré. Veuillez réessayer dans quelques instants."};
}

// Ids become file names: accept only what random_id() makes.
bool plain_id(std::string_view id) {
  if (id.size() < 16 || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

PGconn* native(soci::session& s) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  if (!backend || !backend->conn_) throw std::runtime_error("connexion PostgreSQL absente");
  return backend->conn_;
}

// libpq directly for bytea: binary parameters and results, no hex doubling of the bytes.
void insert_chunk(soci::session& s, const std::string& file_id, int seq, std::string_view bytes) {
  const std::string seq_text = std::to_string(seq);
  const std::string written = db_detail::to_sql_time(std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now()));
  const char* values[] = {file_id.c_str(), seq_text.c_str(), bytes.data(), written.c_str()};
  const int lengths[] = {0, 0, static_cast<int>(bytes.size()), 0};
  const int formats[] = {0, 0, 1, 0};
  PGresult* r = PQexecParams(native(s),
                             "INSERT INTO file_chunks (file_id, seq, data, written_at) VALUES ($1, $2::integer, "
                             "$3, $4) ON CONFLICT (file_id, seq) DO NOTHING",
                             4, nullptr, values, lengths, formats, 0);
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string why = ok ? "" : PQresultErrorMessage(r);
  PQclear(r);
  if (!ok) throw std::runtime_error("écriture d'un morceau de fichier : " + why);
}

std::string read_chunks(soci::session& s, const std::string& file_id) {
  const char* values[] = {file_id.c_str()};
  PGresult* r = PQexecParams(native(s), "SELECT data FROM file_chunks WHERE file_id = $1 ORDER BY seq", 1, nullptr,
                             values, nullptr, nullptr, 1);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    std::string why = PQresultErrorMessage(r);
    PQclear(r);
    throw std::runtime_error("lecture d'un fichier : " + why);
  }
  std::string out;
  const int rows = PQntuples(r);
  std::size_t total = 0;
  for (int i = 0; i < rows; ++i) total += static_cast<std::size_t>(PQgetlength(r, i, 0));
  out.reserve(total);
  for (int i = 0; i < rows; ++i) out.append(PQgetvalue(r, i, 0), static_cast<std::size_t>(PQgetlength(r, i, 0)));
  PQclear(r);
  return out;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string hex(const unsigned char* bytes, unsigned n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

FileUpload::FileUpload(FileStore& store, std::string id) : store_(store), id_(std::move(id)) {
  auto* ctx = EVP_MD_CTX_new();
  if (ctx) EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  sha_ = ctx;
}

FileUpload::~FileUpload() {
  abort();
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(sha_));
}

Status FileUpload::append(std::string_view bytes) {
  if (finished_ || failed_) return storage_error();
  if (head_.size() < 16) head_.append(bytes.substr(0, 16 - head_.size()));
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(sha_), bytes.data(), bytes.size());
  size_ += bytes.size();
  if (fd_ >= 0) {
    if (!write_all(fd_, bytes)) {
      spdlog::error("fichier {} : écriture impossible : {}", temp_path_.string(), std::strerror(errno));
      failed_ = true;
      return storage_error();
    }
    // Start writing this part to the disk now, without waiting: the fsync at commit then has
    // little left to flush, and the upload's durability costs less time at the end.
    ::sync_file_range(fd_, static_cast<off_t>(size_ - bytes.size()), static_cast<off_t>(bytes.size()),
                      SYNC_FILE_RANGE_WRITE);
    return Status::Ok();
  }
  pending_.append(bytes);
  if (pending_.size() >= FileStore::kChunkBytes) return flush_chunk();
  return Status::Ok();
}

Status FileUpload::flush_chunk() {
  if (pending_.empty()) return Status::Ok();
  const int seq = next_seq_;
  Status st = store_.db_.transaction([&](soci::session& s) {
    // A chunk needs no flush of its own: the file's row commits synchronously later, and
    // PostgreSQL makes every earlier commit durable with it (one WAL, flushed in order).
    s << "SET LOCAL synchronous_commit = off";
    insert_chunk(s, id_, seq, pending_);
    return Status::Ok();
  });
  if (!st.ok()) {
    failed_ = true;
    return storage_error();
  }
  ++next_seq_;
  pending_.clear();
  return Status::Ok();
}

Result<StoredFile> FileUpload::commit(const std::string& content_type,
                                      const std::function<Status(soci::session&, const StoredFile&)>& record) {
  if (finished_ || failed_) return storage_error();
  StoredFile file{id_, size_, "", content_type};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned digest_size = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(sha_), digest, &digest_size);
  file.sha256 = hex(digest, digest_size);

  fs::path final_path;
  if (fd_ >= 0) {
    final_path = store_.final_path(id_);
    std::error_code ec;
    fs::create_directories(final_path.parent_path(), ec);
    bool ok = !ec && ::fsync(fd_) == 0;
    ::close(fd_);
    fd_ = -1;
    ok = ok && ::rename(temp_path_.c_str(), final_path.c_str()) == 0 && fsync_dir(final_path.parent_path());
    if (!ok) {
      spdlog::error("fichier {} : enregistrement impossible : {}", final_path.string(), std::strerror(errno));
      failed_ = true;
      abort();
      return storage_error();
    }
    temp_path_.clear();
  } else if (Status st = flush_chunk(); !st.ok()) {
    abort();
    return st.error();
  }

  Status st = store_.db_.transaction([&](soci::session& s) {
    // Named values: SOCI runs the statement after the full expression's temporaries are gone.
    const long long size = static_cast<long long>(file.size);
    const std::string created =
        db_detail::to_sql_time(std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
    s << "INSERT INTO stored_files (id, size, sha256, content_type, created_at) VALUES (:id, :size, :sha, :type, "
         ":at)",
        soci::use(file.id), soci::use(size), soci::use(file.sha256), soci::use(file.content_type), soci::use(created);
    return record(s, file);
  });
  if (!st.ok()) {
    if (!final_path.empty()) {
      std::error_code ec;
      fs::remove(final_path, ec);
    }
    failed_ = true;
    abort();
    return st.error();
  }
  finished_ = true;
  return file;
}

void FileUpload::abort() {
  if (finished_) return;
  finished_ = true;
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!temp_path_.empty()) {
    std::error_code ec;
    fs::remove(temp_path_, ec);
    return;
  }
  if (store_.db_.backend() != Backend::postgresql || (next_seq_ == 0)) return;
  // Best effort: what stays behind is invisible and swept later.
  (void)store_.db_.transaction([&](soci::session& s) {
    s << "DELETE FROM file_chunks WHERE file_id = :id", soci::use(id_);
    return Status::Ok();
  });
}

FileStore::FileStore(Database& db, fs::path files_dir) : db_(db), dir_(std::move(files_dir)) {}

fs::path FileStore::final_path(const std::string& id) const { return dir_ / id.substr(0, 2) / id; }

Result<std::unique_ptr<FileUpload>> FileStore::begin(std::string id) {
  if (!plain_id(id)) return Error{ErrorCode::invalid_id, "Identifiant de fichier invalide."};
  std::unique_ptr<FileUpload> upload(new FileUpload(*this, std::move(id)));
  if (!upload->sha_) return storage_error();
  if (db_.backend() == Backend::postgresql) return upload;
  std::error_code ec;
  fs::create_directories(dir_ / "tmp", ec);
  upload->temp_path_ = dir_ / "tmp" / (upload->id_ + ".part");
  upload->fd_ = ::open(upload->temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (upload->fd_ < 0) {
    spdlog::error("fichier {} : création impossible : {}", upload->temp_path_.string(), std::strerror(errno));
    upload->temp_path_.clear();
    upload->finished_ = true;
    return storage_error();
  }
  return upload;
}

Result<std::string> FileStore::read(const std::string& id) {
  if (!plain_id(id)) return Error{ErrorCode::not_found, "Fichier introuvable."};
  std::string out;
  bool found = false;
  Status st = db_.with_session([&](soci::session& s) {
    long long size = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT size FROM stored_files WHERE id = :id", soci::use(id), soci::into(size, ind);
    found = s.got_data();
    if (!found) return Status::Ok();
    if (db_.backend() == Backend::postgresql) out = read_chunks(s, id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!found) return Error{ErrorCode::not_found, "Fichier introuvable."};
  if (db_.backend() == Backend::postgresql) return out;
  int fd = ::open(final_path(id).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    spdlog::error("fichier {} : lecture impossible : {}", final_path(id).string(), std::strerror(errno));
    return Error{ErrorCode::storage_unavailable, "Le fichier ne peut pas être lu pour le moment."};
  }
  char buf[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Error{ErrorCode::storage_unavailable, "Le fichier ne peut pas être lu pour le moment."};
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

void FileStore::forget(soci::session& s, const std::string& id) {
  s << "DELETE FROM stored_files WHERE id = :id", soci::use(id);
  if (db_.backend() == Backend::postgresql) s << "DELETE FROM file_chunks WHERE file_id = :id", soci::use(id);
}

void FileStore::release(const std::string& id) {
  if (db_.backend() == Backend::postgresql || !plain_id(id)) return;
  std::error_code ec;
  fs::remove(final_path(id), ec);
}

Status FileStore::sweep(std::chrono::seconds age) {
  const auto cutoff = std::chrono::system_clock::now() - age;
  if (db_.backend() == Backend::postgresql) {
    const std::string cutoff_text =
        db_detail::to_sql_time(std::chrono::time_point_cast<std::chrono::microseconds>(cutoff));
    return db_.transaction([&](soci::session& s) {
      s << "DELETE FROM file_chunks WHERE written_at < :cutoff AND NOT EXISTS "
           "(SELECT 1 FROM stored_files f WHERE f.id = file_chunks.file_id)",
          soci::use(cutoff_text);
      return Status::Ok();
    });
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ / "tmp", ec)) {
    struct stat st {};
    if (::stat(entry.path().c_str(), &st) != 0) continue;
    if (std::chrono::system_clock::from_time_t(st.st_mtime) < cutoff) fs::remove(entry.path(), ec);
  }
  return Status::Ok();
}

}  // namespace guichet::db
