#include "http/piece_upload_sink.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <optional>

#include "http/api_helpers.hpp"
#include "http/candidate_auth.hpp"
#include "http/multipart_reader.hpp"
#include "http/views/pieces_view.hpp"

namespace guichet::http {
namespace bhttp = boost::beast::http;

namespace {

// The file name a PUT gives: Content-Disposition's filename, else the piece code.
std::string put_file_name(const RequestHeader& h, const std::string& code) {
  std::string_view cd = h[bhttp::field::content_disposition];
  auto at = cd.find("filename=\"");
  if (at != std::string_view::npos) {
    std::string_view v = cd.substr(at + 10);
    return std::string(v.substr(0, v.find('"')));
  }
  return code;
}

class PieceUploadSink : public BodySink, public std::enable_shared_from_this<PieceUploadSink> {
 public:
  PieceUploadSink(const RequestHeader& header, std::string registration_id, std::string piece_code,
                  services::AccountService& accounts, services::PieceService& pieces, BlockingPool& pool,
                  std::function<void()>& on_change, std::shared_ptr<std::atomic<int>> active, bool busy)
      : active_(std::move(active)),
        busy_(busy),
        header_(header),
        registration_id_(std::move(registration_id)),
        piece_code_(std::move(piece_code)),
        accounts_(accounts),
        pieces_(pieces),
        pool_(pool),
        on_change_(on_change) {}

  ~PieceUploadSink() override { release_slot(); }
  // Gives the upload slot back; once. Before the answer leaves, so a client that uploads again
  // as soon as it reads its 201 finds the slot free (the sink itself may live a little longer
  // on the pool thread).
  void release_slot() {
    if (!released_.exchange(true)) --*active_;
  }

  std::uint64_t max_body_bytes() const override { return PieceUploadRouter::kMaxBody; }

  void open(Next next) override {
    if (busy_) {
      error_ = Error{ErrorCode::uploads_busy, "Trop de dépôts de fichiers sont en cours. Veuillez réessayer dans un instant."};
      error_->retry_after_seconds = 5;
      return next(false);
    }
    pool_.submit([self = shared_from_this(), next](unsigned) {
      self->error_ = self->begin();
      next(!self->error_);
    });
  }

  void write(std::string_view chunk, Next next) override {
    pool_.submit([self = shared_from_this(), chunk, next](unsigned) {
      Status st = self->multipart_ ? self->multipart_->feed(chunk, [&](std::string_view b) { return self->upload_->append(b); })
                                   : self->upload_->append(chunk);
      if (!st.ok()) {
        self->error_ = st.error();
        self->upload_->abort();
      }
      next(st.ok());
    });
  }

  void finish(Response& res, RequestContext& ctx) override {
    if (error_) {
      write_body_error(res, *error_);
      return;
    }
    auto done = ctx.defer();
    pool_.submit([self = shared_from_this(), &res, done](unsigned) mutable {
      self->complete(res);
      self->release_slot();
      done();
    });
  }

  void abort() override {
    if (!upload_) return;
    pool_.submit([self = shared_from_this()](unsigned) { self->upload_->abort(); });
  }

 private:
  std::optional<Error> begin() {
    // No session: 401 whatever the id (api.md); another candidate's registration: 404 below.
    auto caller = authenticate_candidate(header_, accounts_);
    if (!caller.ok()) return caller.error();
    std::optional<std::uint64_t> declared;
    std::string name;
    if (header_.method() == bhttp::verb::post) {
      std::string boundary = MultipartFileReader::boundary_of(header_[bhttp::field::content_type]);
      if (boundary.empty())
        return Error{ErrorCode::unsupported_media_type,
                     "Envoyez le fichier comme corps de la requête (PUT) ou en multipart/form-data (POST)."};
      multipart_.emplace(boundary);
    } else {
      name = put_file_name(header_, piece_code_);
      if (auto cl = header_.find(bhttp::field::content_length); cl != header_.end()) {
        try {
          declared = std::stoull(std::string(cl->value()));
        } catch (...) {
        }
      }
    }
    auto up = pieces_.begin_upload(caller->account_id, registration_id_, piece_code_, name, declared);
    if (!up.ok()) return up.error();
    upload_ = std::move(*up);
    return std::nullopt;
  }

  void complete(Response& res) {
    try {
      if (multipart_ && !multipart_->complete()) {
        upload_->abort();
        write_body_error(res, Error{ErrorCode::malformed_multipart, multipart_->has_file()
                                                               ? "Le formulaire envoyé est incomplet."
                                                               : "Le formulaire ne contient aucun fichier (champ « file »)."});
        return;
      }
      if (multipart_) upload_->set_file_name(multipart_->file_name());
      auto stored = upload_->finish();
      if (!stored.ok()) {
        write_body_error(res, stored.error());
        return;
      }
      res.set(bhttp::field::location, "/api/v1/registrations/" + registration_id_ + "/pieces");
      write_json(res, 201, views::pieces(*stored));
      on_change_();
    } catch (const std::exception& e) {
      spdlog::error("dépôt de pièce : exception : {}", e.what());
      upload_->abort();
      res = Response{};
      write_json_error(res, ErrorCode::internal_error);
    }
  }

  static void write_body_error(Response& res, const Error& e) {
    if (e.code == ErrorCode::malformed_multipart) {
      write_json_error(res, e.code, e.message);
      return;
    }
    api::write_error(res, e);
  }

  std::shared_ptr<std::atomic<int>> active_;
  std::atomic<bool> released_{false};
  bool busy_;
  RequestHeader header_;
  std::string registration_id_, piece_code_;
  services::AccountService& accounts_;
  services::PieceService& pieces_;
  BlockingPool& pool_;
  std::function<void()>& on_change_;
  std::unique_ptr<services::PieceUpload> upload_;
  std::optional<MultipartFileReader> multipart_;
  std::optional<Error> error_;
};

}  // namespace

PieceUploadRouter::PieceUploadRouter(services::AccountService& accounts, services::PieceService& pieces,
                                     BlockingPool& pool, std::function<void()> on_change, int max_uploads)
    : accounts_(accounts), pieces_(pieces), pool_(pool), on_change_(std::move(on_change)), max_uploads_(max_uploads) {}

std::shared_ptr<BodySink> PieceUploadRouter::open(const RequestHeader& header, const std::string& registration_id,
                                                  const std::string& piece_code) {
  const bool busy = ++*active_ > max_uploads_;  // the sink gives the count back when it goes
  return std::make_shared<PieceUploadSink>(header, registration_id, piece_code, accounts_, pieces_, pool_, on_change_,
                                           active_, busy);
}

}  // namespace guichet::http
