#include "http/zip_writer.hpp"

#include <zip.h>

#include <memory>

namespace guichet::http {
namespace {

Error zip_failed(const char* what) { return Error{ErrorCode::internal_error, std::string("archive ZIP : ") + what}; }

}  // namespace

void ZipWriter::add(std::string name, std::string bytes, bool compress) {
  total_ += bytes.size();
  entries_.push_back(Entry{std::move(name), std::move(bytes), compress});
}

Result<std::string> ZipWriter::finish() {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!target) return zip_failed("création impossible");
  zip_source_keep(target);  // read back after zip_close
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> target_guard(target, zip_source_free);
  zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
  if (!archive) return zip_failed("ouverture impossible");
  for (const auto& e : entries_) {
    zip_source_t* source = zip_source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
    if (!source) {
      zip_discard(archive);
      return zip_failed("entrée illisible");
    }
    zip_int64_t index = zip_file_add(archive, e.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      zip_discard(archive);
      return zip_failed("entrée refusée");
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), e.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return zip_failed("écriture impossible");
  }
  zip_stat_t st;
  if (zip_source_stat(target, &st) != 0 || zip_source_open(target) != 0) return zip_failed("relecture impossible");
  std::string out(static_cast<std::size_t>(st.size), '\0');
  zip_int64_t n = zip_source_read(target, out.data(), out.size());
  zip_source_close(target);
  if (n < 0 || static_cast<std::size_t>(n) != out.size()) return zip_failed("relecture incomplète");
  return out;
}

}  // namespace guichet::http
