#include "core/rules.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace guichet {

Rules::Rules(RuleSetOptions options, const Clock& clock, EventBus* events)
    : options_(options), clock_(clock), events_(events), slots_(std::max(1u, options.workers)) {
  options_.workers = std::max(1u, options_.workers);
  if (!options_.faults) options_.faults = &faults_;
}

ReloadReport Rules::load(const SourceSet& sources) {
  std::lock_guard reload_lock(reload_mu_);
  return load_locked(sources);
}

ReloadReport Rules::load_locked(const SourceSet& sources) {
  BuildResult built = build_rule_set(sources, options_);
  ReloadReport report;
  if (!built.rules) {
    report.refused = built.diagnostics;
    stats_.reloads_refused++;
    return report;
  }
  report.activated = true;
  report.version = built.rules->version();
  activate(std::move(built), {});
  stats_.reloads_ok++;
  return report;
}

ReloadReport Rules::reload(const SourceSet& sources) {
  std::lock_guard reload_lock(reload_mu_);
  std::shared_ptr<const RuleSet> live = current();
  ReloadReport report;
  if (!live) return load_locked(sources);
  if (sources.hash == live->hash()) {  // reverted: what was refused is no longer asked for
    {
      std::lock_guard lock(mu_);
      refused_.clear();
    }
    report.version = live->version();
    return report;
  }
  BuildResult built = build_rule_set(sources, options_);
  std::vector<Diagnostic> refused;
  if (!built.diagnostics.empty() || !built.rules) {
    refused = built.diagnostics;
    // Fall back, file by file, to the last good content of every faulty file.
    std::set<std::string> faulty;
    for (const auto& d : refused) faulty.insert(d.file);
    SourceSet fallback = sources;
    for (const auto& f : faulty) {
      if (const SourceFile* good = live->sources().find(f)) fallback.add(*good);
      else fallback.remove(f);
    }
    built = {};
    if (fallback.hash != live->hash()) built = build_rule_set(fallback, options_);
    if (!built.rules || !built.diagnostics.empty()) {
      // Nothing of the edit can go live: the last good set keeps serving.
      stats_.reloads_refused++;
      {
        std::lock_guard lock(mu_);
        refused_ = refused;
      }
      report.version = live->version();
      report.refused = std::move(refused);
      return report;
    }
    stats_.reloads_refused++;
  }
  report.activated = true;
  report.version = built.rules->version();
  report.refused = refused;
  activate(std::move(built), std::move(refused));
  stats_.reloads_ok++;
  return report;
}

void Rules::activate(BuildResult built, std::vector<Diagnostic> refused) {
  auto set = built.rules;
  {
    std::lock_guard lock(mu_);
    // An académie whose rules changed starts afresh with the breaker.
    for (const auto& [code, a] : set->catalog().academies) {
      const SourceSet* now = set->academy_sources(code);
      const SourceSet* before = current_ ? current_->academy_sources(code) : nullptr;
      if (now && (!before || before->hash != now->hash)) faults_.forgive(code);
    }
    current_ = set;
    live_faults_ = std::move(built.diagnostics);
    refused_ = std::move(refused);
  }
  generation_.fetch_add(1, std::memory_order_acq_rel);
  if (!events_) return;
  boost::json::object payload;
  payload["version"] = set->version();
  payload["hash"] = set->hash();
  boost::json::array academies;
  for (const auto& [code, a] : set->catalog().academies) academies.push_back(boost::json::string(code));
  payload["academies"] = std::move(academies);
  payload["files"] = set->sources().files.size();
  events_->publish({"rules.activated", boost::json::serialize(payload),
                    std::chrono::floor<std::chrono::seconds>(clock_.now())});
}

const std::shared_ptr<const RuleSet>& Rules::acquire(unsigned worker) {
  Slot& slot = slots_[worker % slots_.size()];
  auto gen = generation_.load(std::memory_order_acquire);
  if (slot.generation != gen) {
    std::lock_guard lock(mu_);
    slot.set = current_;
    slot.generation = gen;
  }
  return slot.set;
}

std::shared_ptr<const RuleSet> Rules::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

std::vector<Diagnostic> Rules::diagnostics() const {
  std::lock_guard lock(mu_);
  std::vector<Diagnostic> all = live_faults_;
  all.insert(all.end(), refused_.begin(), refused_.end());
  for (const auto& p : pending_) all.insert(all.end(), p.reasons.begin(), p.reasons.end());
  return all;
}

std::vector<PendingChange> Rules::set_pending_changes(std::vector<PendingChange> changes) {
  std::lock_guard lock(mu_);
  std::vector<PendingChange> fresh;
  for (auto& c : changes) {
    auto same = std::find_if(pending_.begin(), pending_.end(), [&](const PendingChange& p) {
      return p.file == c.file && p.content_hash == c.content_hash && p.state == c.state;
    });
    if (same != pending_.end()) {
      c.since = same->since;
    } else {
      fresh.push_back(c);
      stats_.reloads_refused++;
    }
  }
  pending_ = std::move(changes);
  return fresh;
}

std::vector<Diagnostic> Rules::live_faults() const {
  std::lock_guard lock(mu_);
  return live_faults_;
}

std::vector<PendingChange> Rules::pending_changes() const {
  std::lock_guard lock(mu_);
  return pending_;
}

}  // namespace guichet
