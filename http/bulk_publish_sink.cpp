#include "http/bulk_publish_sink.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <optional>

#include "http/api_helpers.hpp"
#include "http/candidate_auth.hpp"
#include "http/json_error.hpp"
#include "http/views/office_view.hpp"
#include "services/crypto.hpp"
#include "services/staff_roles.hpp"

namespace guichet::http {
namespace bhttp = boost::beast::http;

namespace {

class BulkPublishSink : public BodySink, public std::enable_shared_from_this<BulkPublishSink> {
 public:
  BulkPublishSink(const RequestHeader& header, std::string type, services::StaffService& staff,
                  services::OfficeService& office, BlockingPool& pool, std::filesystem::path tmp_dir,
                  std::function<void()>& on_change)
      : header_(header),
        type_(std::move(type)),
        staff_(staff),
        office_(office),
        pool_(pool),
        tmp_dir_(std::move(tmp_dir)),
        on_change_(on_change) {}

  ~BulkPublishSink() override { discard(); }

  std::uint64_t max_body_bytes() const override { return BulkPublishRouter::kMaxArchive; }

  void open(Next next) override {
    pool_.submit([self = shared_from_this(), next](unsigned) {
      self->error_ = self->begin();
      next(!self->error_);
    });
  }

  void write(std::string_view chunk, Next next) override {
    pool_.submit([self = shared_from_this(), chunk, next](unsigned) {
      std::string_view rest = chunk;
      while (!rest.empty()) {
        ssize_t n = ::write(self->fd_, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          spdlog::error("publication groupée : écriture de l'archive impossible : {}", std::strerror(errno));
          self->error_ = Error{ErrorCode::storage_unavailable, "Le stockage est momentanément indisponible. Réessayez."};
          return next(false);
        }
        rest.remove_prefix(static_cast<std::size_t>(n));
      }
      next(true);
    });
  }

  void finish(Response& res, RequestContext& ctx) override {
    if (error_) {
      api::write_error(res, *error_);
      return;
    }
    auto done = ctx.defer();
    pool_.submit([self = shared_from_this(), &res, done](unsigned) mutable {
      try {
        ::close(self->fd_);
        self->fd_ = -1;
        auto report = self->office_.publish_zip(self->actor_, self->type_, self->path_.string());
        self->discard();
        if (!report.ok()) {
          api::write_error(res, report.error());
        } else {
          write_json(res, 200, views::bulk_publication(*report));
          self->on_change_();
        }
      } catch (const std::exception& e) {
        spdlog::error("publication groupée : exception : {}", e.what());
        res = Response{};
        write_json_error(res, ErrorCode::internal_error);
      }
      done();
    });
  }

  void abort() override {
    pool_.submit([self = shared_from_this()](unsigned) { self->discard(); });
  }

 private:
  std::optional<Error> begin() {
    // As the router checks every other staff route: the Bearer token, or the cookie and CSRF header.
    auto caller = http::authenticate_staff(header_, staff_);
    if (!caller.ok()) return caller.error();
    actor_ = caller->actor;
    if (!services::allows(actor_.roles, services::Right::change_registrations))
      return Error{ErrorCode::forbidden, "Votre rôle ne permet pas cette action."};
    // An unknown type is refused before the archive is received (the answer lists the types).
    if (Status st = office_.check_document_type(actor_, type_); !st.ok()) return st.error();
    std::error_code ec;
    std::filesystem::create_directories(tmp_dir_, ec);
    path_ = tmp_dir_ / ("bulk-" + services::random_id() + ".zip");
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      spdlog::error("publication groupée : {} : {}", path_.string(), std::strerror(errno));
      return Error{ErrorCode::storage_unavailable, "Le stockage est momentanément indisponible. Réessayez."};
    }
    return std::nullopt;
  }

  void discard() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!path_.empty()) {
      std::error_code ec;
      std::filesystem::remove(path_, ec);
      path_.clear();
    }
  }

  RequestHeader header_;
  std::string type_;
  services::StaffService& staff_;
  services::OfficeService& office_;
  BlockingPool& pool_;
  std::filesystem::path tmp_dir_, path_;
  std::function<void()>& on_change_;
  services::Actor actor_;
  int fd_ = -1;
  std::optional<Error> error_;
};

}  // namespace

BulkPublishRouter::BulkPublishRouter(services::StaffService& staff, services::OfficeService& office, BlockingPool& pool,
                                     std::filesystem::path tmp_dir, std::function<void()> on_change)
    : staff_(staff), office_(office), pool_(pool), tmp_dir_(std::move(tmp_dir)), on_change_(std::move(on_change)) {}

std::shared_ptr<BodySink> BulkPublishRouter::open(const RequestHeader& header, const std::string& type) {
  return std::make_shared<BulkPublishSink>(header, type, staff_, office_, pool_, tmp_dir_, on_change_);
}

}  // namespace guichet::http
