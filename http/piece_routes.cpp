// "Mes justificatifs": the list, the confirmation, a candidate's own files and their removal.
// Uploads stream to a sink (piece_upload_sink.cpp), which authenticates at open().
#include <boost/beast/http.hpp>

#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/handlers.hpp"
#include "http/views/pieces_view.hpp"
#include "http/json_error.hpp"
#include "http/piece_upload_sink.hpp"
#include "services/piece_service.hpp"

namespace guichet::api {
namespace bhttp = boost::beast::http;

Status list_pieces(Call& c) {
  auto list = c.api.pieces->list(c.account_id, c.path["id"]);
  if (!list.ok()) return list.error();
  http::write_json(c.res, 200, views::pieces(*list));
  return Status::Ok();
}

Status confirm_pieces(Call& c) {
  auto confirmed = c.api.pieces->confirm(c.account_id, c.path["id"]);
  if (!confirmed.ok()) return confirmed.error();
  http::write_json(c.res, 200, views::pieces(*confirmed));
  c.queued_mail();
  return Status::Ok();
}

Status get_piece_file(Call& c) {
  auto file = c.api.pieces->file(c.account_id, c.path["id"], c.path["file_id"]);
  if (!file.ok()) return file.error();
  send_file(c.res, std::move(file->bytes), file->content_type, file->file_name);
  return Status::Ok();
}

Status delete_piece_file(Call& c) {
  Status st = c.api.pieces->remove_file(c.account_id, c.path["id"], c.path["code"], c.path["file_id"]);
  if (!st.ok()) return st;
  c.res.result(bhttp::status::no_content);
  c.queued_mail();
  return Status::Ok();
}

std::shared_ptr<http::BodySink> upload_piece(const http::RequestHeader& h, http::RequestContext&,
                                             const http::ApiContext& api, const http::PathParams& path) {
  return api.uploads->open(h, path["id"], path["code"]);
}

}  // namespace guichet::api
