// The mail transport a plugin provides (the shipped smtp plugin, say), behind the host's
// mail::Transport interface: the outbox hands each mail over with its stable id; a plugin
// answering RETRY or ERROR leaves the mail in the outbox, to be tried again with backoff.
#pragma once

#include "mail/transport.hpp"
#include "plugins/host/plugin_host.hpp"

namespace guichet::plugins {

class PluginMailTransport : public mail::Transport {
 public:
  explicit PluginMailTransport(PluginHost& host) : host_(host) {}
  Status deliver(const std::string& key, const std::string& rfc5322) override;
  Status deliver_to(const std::string& key, const std::string& recipient, const std::string& rfc5322) override;

 private:
  PluginHost& host_;
};

}  // namespace guichet::plugins
