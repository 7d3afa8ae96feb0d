#include "plugins/host/plugin_mail_transport.hpp"

namespace guichet::plugins {

Status PluginMailTransport::deliver(const std::string& key, const std::string& rfc5322) {
  (void)key;
  (void)rfc5322;
  return Error{ErrorCode::mail_transport, "le greffon d'envoi de mail a besoin du destinataire"};
}

Status PluginMailTransport::deliver_to(const std::string& key, const std::string& recipient,
                                       const std::string& rfc5322) {
  CallResult r = host_.send_mail(key, recipient, rfc5322);
  if (r.status == GUICHET_OK && !r.timed_out) return Status::Ok();
  return Error{ErrorCode::mail_transport, r.output.empty() ? "échec de l'envoi par le greffon" : r.output};
}

}  // namespace guichet::plugins
