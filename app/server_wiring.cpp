#include "app/server_wiring.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "app/command_options.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/rules.hpp"
#include "core/script_watcher.hpp"
#include "core/time_format.hpp"
#include "db/database.hpp"
#include "db/pg_listener.hpp"
#include "http/access_log.hpp"
#include "http/blocking_pool.hpp"
#include "http/cors.hpp"
#include "http/web_files.hpp"
#include "db/file_store.hpp"
#include "http/bulk_publish_sink.hpp"
#include "plugins/host/plugin_host.hpp"
#include "plugins/host/plugin_events.hpp"
#include "plugins/host/plugin_functions.hpp"
#include "plugins/host/plugin_mail_transport.hpp"
#include "plugins/host/plugin_queries.hpp"
#include "plugins/host/plugin_status.hpp"
#include "http/piece_upload_sink.hpp"
#include "mail/transport.hpp"
#include "services/account_service.hpp"
#include "services/audit_reader.hpp"
#include "services/office_service.hpp"
#include "services/staff_service.hpp"
#include "services/background_jobs.hpp"
#include "services/pilotage.hpp"
#include "services/document_service.hpp"
#include "services/outbox_delivery.hpp"
#include "services/piece_service.hpp"
#include "services/registration_service.hpp"
#include "services/rules_activation_record.hpp"
#include "services/retention.hpp"
#include "services/rules_lifecycle.hpp"
#include "http/json_error.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
#include "http/rules_state.hpp"
#include "http/server.hpp"

namespace guichet::app {
namespace {

class RunningServer final : public ServerApp {
 public:
  unsigned short port() const override { return server_->port(); }

  void stop() override {
    if (stopped_) return;
    stopped_ = true;
    if (watcher_) watcher_->stop();
    if (listener_) listener_->stop();
    if (server_) {
      server_->stop();
      server_->wait();
    }
    // Then what requests may still have queued: finish it, deliver, stop.
    pool_.reset();
    jobs_.reset();
    events_.unsubscribe(event_poke_);
    event_delivery_.reset();  // hands its leases over to the next server
    if (server_) spdlog::info("serveur arrêté");
  }

  ~RunningServer() override { stop(); }

  static Result<std::unique_ptr<ServerApp>> make(const ServeConfig& c) {
    auto self = std::unique_ptr<RunningServer>(new RunningServer());
    if (c.json_logs) http::use_json_access_log(true);  // before the first line is logged
    // The clock.
    if (c.simulated_time) {
      auto t = parse_rfc3339(*c.simulated_time);
      if (!t.ok()) return Error{ErrorCode::usage, "--simulated-time : " + t.error().message};
      self->clock_ = std::make_unique<SimulatedClock>(Instant(*t));
      spdlog::warn("HORLOGE SIMULÉE : le serveur démarre au {} et avance au rythme réel", *c.simulated_time);
    } else {
      self->clock_ = std::make_unique<SystemClock>();
    }
    // The password cost, refused before anything opens when its name is unknown.
    auto cost = password_cost(c.password_cost);
    if (!cost.ok()) return cost.error();
    // The database, migrated.
    auto db = open_database({c.database_url, c.data_dir}, 8);
    if (!db.ok()) return db.error();
    self->db_ = std::move(*db);
    // Plugins, loaded before anything uses what they provide (functions for the scripts, the
    // mail transport).
    self->plugins_ = std::make_unique<plugins::PluginHost>(c.plugin_timeouts);
    if (!c.plugins_dir.empty()) self->plugins_->load_folder(c.plugins_dir);

    // Rules, with every activation recorded.
    unsigned threads = c.threads ? c.threads : std::max(1u, std::thread::hardware_concurrency());
    // One Lua state per thread that evaluates: the I/O threads, then the blocking pool's.
    unsigned blocking = std::max(1u, c.blocking_threads);
    self->functions_ = std::make_unique<plugins::PluginFunctions>(*self->plugins_);
    RuleSetOptions rule_options{{}, threads + blocking};
    rule_options.limits.functions = self->functions_.get();
    self->rules_ = std::make_unique<Rules>(rule_options, *self->clock_, &self->events_);
    Database* dbp = self->db_.get();
    services::record_rules_activations(self->events_, *dbp);
    // The folder seeds each académie's versions; what is live in the database completes it.
    RuleSetOptions check_options;  // the engines that check submissions see the same functions
    check_options.limits.functions = self->functions_.get();
    self->lifecycle_ = std::make_unique<services::RulesLifecycle>(*dbp, *self->rules_, *self->clock_, c.scripts_dir,
                                                                  check_options);
    if (dbp->backend() == Backend::postgresql) {
      // Every activation wakes the other servers sharing the database at once (NOTIFY is
      // delivered when the activation commits); the 500 ms check below is the fallback.
      services::RulesLifecycle* lifecycle = self->lifecycle_.get();
      self->listener_ = std::make_unique<db::PgListener>(c.database_url, "guichet_rules", [lifecycle] {
        if (Status s = lifecycle->refresh(); !s.ok()) spdlog::error("rechargement des règles : {}", s.error().message);
      });
    }
    auto sources = self->lifecycle_->sync_folder();
    if (!sources.ok()) return sources.error();
    auto report = self->rules_->load(*sources);
    for (const auto& d : self->rules_->diagnostics()) spdlog::error("script : {}", d.str());
    if (!report.activated) return Error{ErrorCode::rules_unusable, "aucune règle utilisable dans " + c.scripts_dir};
    spdlog::info("règles actives : version {}", report.version);
    if (self->listener_) self->listener_->start();
    if (c.watch_scripts) {
      services::RulesLifecycle* lifecycle = self->lifecycle_.get();
      self->watcher_ = std::make_unique<ScriptWatcher>(
          c.scripts_dir, *self->rules_,
          [](const ReloadReport& r) {
            for (const auto& d : r.refused) spdlog::error("modification refusée : {}", d.str());
            if (r.activated) spdlog::info("règles rechargées : version {}", r.version);
          },
          std::chrono::milliseconds(150), [lifecycle] { return lifecycle->sync_folder(); });
      if (Status s = self->watcher_->start(); !s.ok())
        spdlog::warn("surveillance des scripts indisponible : {}", s.error().message);
    }

    // The candidate space: services, their thread pool, mail delivery and the purge.
    services::CandidateConfig cc;
    // The simulated clock is for the rules and the candidates' deadlines. Security follows
    // the machine's time: sessions, links, throttles, limits, second factors (a phone's
    // authenticator reads real time).
    static const SystemClock machine_clock;
    if (self->clock_->simulated()) cc.security_clock = &machine_clock;
    cc.public_url = c.public_url;
    cc.mail_from = c.mail_from;
    cc.password_cost = *cost;
    self->accounts_ = std::make_unique<services::AccountService>(*dbp, *self->clock_, self->events_, cc);
    self->registrations_ =
        std::make_unique<services::RegistrationService>(*dbp, *self->clock_, self->events_, *self->rules_, cc);
    // Pieces' and documents' bytes: in the database on PostgreSQL, in <data dir>/files on SQLite.
    self->files_ = std::make_unique<db::FileStore>(*dbp, std::filesystem::path(c.data_dir) / "files");
    self->pieces_ = std::make_unique<services::PieceService>(*dbp, *self->files_, *self->clock_, self->events_,
                                                             *self->rules_, cc);
    self->documents_ =
        std::make_unique<services::DocumentService>(*dbp, *self->files_, *self->clock_, self->events_, *self->rules_);
    self->retention_ = std::make_unique<services::RetentionService>(*dbp, *self->files_, *self->rules_, *self->clock_);
    std::string outbox = c.outbox_dir.empty() ? (std::filesystem::path(c.data_dir) / "outbox").string() : c.outbox_dir;
    std::error_code ec;
    std::filesystem::create_directories(outbox, ec);
    if (self->plugins_->has_mail_transport())
      self->transport_ = std::make_unique<plugins::PluginMailTransport>(*self->plugins_);
    else
      self->transport_ = std::make_unique<mail::EmlFileTransport>(outbox);
    self->delivery_ = std::make_unique<services::OutboxDelivery>(*dbp, *self->clock_, *self->transport_);
    // Domain events to the plugins that subscribed, from the event outbox.
    self->event_delivery_ = std::make_unique<services::EventDelivery>(
        *dbp, *self->clock_, plugins::event_consumers(*self->plugins_), c.event_delivery);
    self->event_delivery_->start();
    self->plugins_->set_query_handler(plugins::registration_queries(*dbp));
    self->event_poke_ = self->events_.subscribe("", [d = self->event_delivery_.get()](const Event&) { d->poke(); });
    services::OutboxDelivery* delivery = self->delivery_.get();
    services::AccountService* accounts = self->accounts_.get();
    services::PieceService* pieces = self->pieces_.get();
    db::FileStore* files = self->files_.get();
    std::vector<services::BackgroundJobs::Job> periodic{
        {"outbox", c.outbox_period, [delivery] { (void)delivery->deliver_due(); }},
        {"purge", std::chrono::minutes(1), [accounts] {
           auto n = accounts->purge_unactivated();
           if (n.ok() && *n > 0) spdlog::info("{} compte(s) non activé(s) en 48 h supprimé(s)", *n);
           (void)accounts->purge_expired_limits();
         }},
        {"reminders", std::chrono::minutes(1), [pieces] {
           auto n = pieces->send_reminders();
           if (n.ok() && *n > 0) spdlog::info("{} rappel(s) de pièces justificatives envoyé(s)", *n);
           if (!n.ok()) spdlog::error("rappels de pièces : {}", n.error().message);
         }},
        // Scheduled activations, and activations made by other servers sharing the database.
        {"rules", c.rules_period, [lifecycle = self->lifecycle_.get()] {
           if (Status s = lifecycle->apply_due(); !s.ok()) spdlog::error("activation programmée : {}", s.error().message);
           if (Status s = lifecycle->refresh(); !s.ok()) spdlog::error("rechargement des règles : {}", s.error().message);
         }},
        // What cut uploads left (invisible already) is removed after a day.
        {"file_sweep", std::chrono::hours(1), [files] { (void)files->sweep(std::chrono::hours(24)); }},
        // Events every plugin has had, after a month (the outbox is not an archive: the audit
        // log and the registrations' history are).
        {"event_purge", std::chrono::hours(1), [events = self->event_delivery_.get()] {
           auto n = events->purge(std::chrono::hours(24 * 30));
           if (n.ok() && *n > 0) spdlog::info("{} événement(s) déjà remis supprimé(s)", *n);
         }}};
    // Personal data past the académies' retention delays (their scripts' `conservation`), every
    // six hours and not at each poke; never on a simulated clock (a demonstration's dates would
    // delete what its candidates just registered).
    if (!self->clock_->simulated())
      periodic.push_back({"retention", std::chrono::hours(6),
                          [retention = self->retention_.get()] {
                            auto report = retention->run(false);
                            if (!report.ok())
                              return spdlog::error("conservation des données : {}", report.error().message);
                            for (const auto& step : report->steps)
                              spdlog::info("conservation : {}", services::describe(step, false));
                          },
                          false});
    // The dashboard's piece states of registrations saved before they were kept (migration 10).
    self->pilotage_ = std::make_unique<services::PilotageService>(*dbp, *self->clock_, *self->rules_, cc);
    periodic.push_back({"piece_states", std::chrono::minutes(1),
                        [pilotage = self->pilotage_.get()] {
                          auto n = pilotage->fill_piece_states(1000);
                          if (n.ok() && *n > 0) spdlog::info("état des pièces calculé pour {} inscription(s)", *n);
                          if (!n.ok()) spdlog::error("état des pièces : {}", n.error().message);
                        },
                        false});
    self->jobs_ = std::make_unique<services::BackgroundJobs>(std::move(periodic));
    self->pool_ = std::make_unique<http::BlockingPool>(blocking, threads);
    services::BackgroundJobs* jobs = self->jobs_.get();
    self->uploads_ = std::make_unique<http::PieceUploadRouter>(*self->accounts_, *self->pieces_, *self->pool_,
                                                               [jobs] { jobs->poke(); }, c.max_uploads);

    // The back office.
    services::StaffConfig sc;
    sc.backoffice_url = c.backoffice_url.empty() ? c.public_url : c.backoffice_url;
    sc.mail_from = c.mail_from;
    sc.password_cost = cc.password_cost;
    sc.throttle = services::throttle_limits(cc);
    sc.idle = c.staff_idle;
    sc.security_clock = cc.security_clock;
    self->staff_ = std::make_unique<services::StaffService>(*dbp, *self->clock_, sc);
    self->office_ = std::make_unique<services::OfficeService>(*dbp, *self->clock_, self->events_, *self->rules_,
                                                              *self->pieces_, *self->documents_, cc);
    self->audit_ = std::make_unique<services::AuditReader>(*dbp, self->rules_.get());
    self->bulk_ = std::make_unique<http::BulkPublishRouter>(*self->staff_, *self->office_, *self->pool_,
                                                            std::filesystem::path(c.data_dir) / "tmp",
                                                            [jobs] { jobs->poke(); });

    // HTTP: every route in http/routes.cpp, on these services.
    self->rules_state_ = std::make_unique<http::RulesState>(*self->rules_);
    http::ApiContext& api = self->api_;
    api.rules = self->rules_.get();
    api.clock = self->clock_.get();
    api.rules_state = self->rules_state_.get();
    api.database_ok = [dbp] { return dbp->ping().ok(); };
    api.accounts = self->accounts_.get();
    api.registrations = self->registrations_.get();
    api.pieces = self->pieces_.get();
    api.documents = self->documents_.get();
    api.staff = self->staff_.get();
    api.office = self->office_.get();
    api.audit = self->audit_.get();
    api.lifecycle = self->lifecycle_.get();
    api.pilotage = self->pilotage_.get();
    api.plugins = self->plugins_.get();
    api.pool = self->pool_.get();
    api.uploads = self->uploads_.get();
    api.bulk = self->bulk_.get();
    api.on_change = [jobs] { jobs->poke(); };
    api.plugins_status = [host = self->plugins_.get(), delivery = self->event_delivery_.get()] {
      return plugins::plugins_status(*host, *delivery);
    };
    api.secure_cookie = c.secure_cookie;
    if (!c.web_dir.empty()) {
      if (std::filesystem::exists(std::filesystem::path(c.web_dir) / "index.html")) {
        self->web_ = std::make_unique<http::WebFiles>(c.web_dir);
        api.web = self->web_.get();
        spdlog::info("portail servi depuis {}", c.web_dir);
      } else {
        spdlog::warn("portail absent : {} n'a pas d'index.html (npm run build dans web/) ; l'API seule est servie",
                     c.web_dir);
      }
    }
    auto cors = http::CorsPolicy::parse(c.cors_origins);
    if (!cors.ok()) return cors.error();
    self->cors_ = std::make_unique<http::CorsPolicy>(std::move(*cors));
    if (!self->cors_->empty()) {
      api.cors = self->cors_.get();
      spdlog::info("origines autorisées (CORS) : {}", c.cors_origins);
    }
    RunningServer* raw = self.get();
    api.metrics_text = [raw] {
      return raw->server_->metrics().render() + raw->rules_state_->render_metrics() +
             raw->event_delivery_->render_metrics() + raw->plugins_->render_metrics();
    };
    self->router_ = std::make_unique<http::Router>(api::api_routes(), self->api_);
    http::ServerOptions options;
    options.host = c.host;
    options.port = c.port;
    options.threads = threads;
    auto proxies = http::TrustedProxies::parse(c.trusted_proxies);
    if (!proxies.ok()) return proxies.error();
    options.trusted_proxies = std::move(*proxies);
    if (!options.trusted_proxies.empty())
      spdlog::info("mandataires de confiance (X-Forwarded-For) : {}", c.trusted_proxies);
    const http::Router* router = self->router_.get();
    options.stream_router = [router](const http::RequestHeader& h, http::RequestContext& ctx) {
      return router->stream(h, ctx);
    };
    if (const http::CorsPolicy* policy = api.cors)
      options.decorate = [policy](const http::RequestHeader& req, http::Response& res) { policy->decorate(req, res); };
    self->server_ = std::make_unique<http::Server>(
        options, [router](const http::Request& req, http::Response& res, http::RequestContext& ctx) {
          router->handle(req, res, ctx);
        });
    if (Status s = self->server_->start(); !s.ok()) return s.error();
    spdlog::info("guichet écoute sur {}:{} ({} fils)", c.host, self->server_->port(), threads);
    return std::unique_ptr<ServerApp>(std::move(self));
  }

 private:
  RunningServer() = default;

  std::unique_ptr<Clock> clock_;
  EventBus events_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<plugins::PluginHost> plugins_;  // outlives every user of what plugins provide
  std::unique_ptr<plugins::PluginFunctions> functions_;
  std::unique_ptr<Rules> rules_;
  std::unique_ptr<services::RulesLifecycle> lifecycle_;
  std::unique_ptr<db::PgListener> listener_;
  std::unique_ptr<ScriptWatcher> watcher_;
  std::unique_ptr<services::AccountService> accounts_;
  std::unique_ptr<services::RegistrationService> registrations_;
  std::unique_ptr<db::FileStore> files_;
  std::unique_ptr<services::RetentionService> retention_;
  std::unique_ptr<services::PieceService> pieces_;
  std::unique_ptr<services::DocumentService> documents_;
  std::unique_ptr<mail::Transport> transport_;
  std::unique_ptr<services::OutboxDelivery> delivery_;
  std::unique_ptr<services::EventDelivery> event_delivery_;
  int event_poke_ = 0;
  std::unique_ptr<services::PilotageService> pilotage_;  // a job of jobs_: declared before it
  std::unique_ptr<services::BackgroundJobs> jobs_;
  std::unique_ptr<http::BlockingPool> pool_;
  std::unique_ptr<http::PieceUploadRouter> uploads_;
  std::unique_ptr<services::StaffService> staff_;
  std::unique_ptr<services::OfficeService> office_;
  std::unique_ptr<services::AuditReader> audit_;
  std::unique_ptr<http::BulkPublishRouter> bulk_;
  std::unique_ptr<http::RulesState> rules_state_;
  std::unique_ptr<http::WebFiles> web_;
  std::unique_ptr<http::CorsPolicy> cors_;
  http::ApiContext api_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::Server> server_;
  bool stopped_ = false;
};

}  // namespace

bool secure_cookie_for(const std::string& public_url) {
  constexpr std::string_view kHttp = "http://";
  if (public_url.compare(0, kHttp.size(), kHttp) != 0) return true;
  std::string_view host = std::string_view(public_url).substr(kHttp.size());
  host = host.substr(0, host.find('/'));
  if (!host.empty() && host.front() == '[') host = host.substr(0, host.find(']') + 1);
  else host = host.substr(0, host.find(':'));
  return !(host == "localhost" || host == "[::1]" || host.substr(0, 4) == "127.");
}

Result<std::unique_ptr<ServerApp>> ServerApp::start(const ServeConfig& config) { return RunningServer::make(config); }

}  // namespace guichet::app
