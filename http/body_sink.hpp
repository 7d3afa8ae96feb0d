// A request body taken in chunks instead of whole in memory (uploads of pieces). The server
// reads the header, asks ServerOptions::stream_router whether the route streams, and if so
// drives the sink: open, then one write per chunk, then finish. Each step may hand work to
// another thread and call `next` from there; the server reads nothing more until it does, so
// a slow disk or database slows the client down instead of filling memory (back-pressure).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "http/server.hpp"

namespace guichet::http {

// Resumes the server: true to go on (read the body, or the next chunk), false to stop reading.
// Call it exactly once per step, from any thread.
using Next = std::function<void(bool go_on)>;

class BodySink {
 public:
  virtual ~BodySink() = default;

  // Longest body accepted. A larger Content-Length is answered 413 before reading a byte; a
  // chunked body growing past it is cut with 413. abort() is called in both cases.
  virtual std::uint64_t max_body_bytes() const = 0;
  // Before any body byte is read (and before "100 Continue" is sent to a client that asked):
  // checks that need only the header (who is calling, may they upload here). next(false): the
  // body is not read, finish() answers, and the connection closes after the answer.
  virtual void open(Next next) = 0;
  // One chunk of the body, in order; the bytes stay valid until `next` is called. next(false):
  // stop reading; finish() answers and the connection closes after the answer.
  virtual void write(std::string_view chunk, Next next) = 0;
  // The whole body arrived, or open/write said stop: fill the response. May defer through
  // ctx.defer() like any handler.
  virtual void finish(Response& response, RequestContext& ctx) = 0;
  // The body will never arrive whole (client gone, read timeout, over the limit): discard
  // whatever was kept. Called at most once, never after finish(), on the worker thread.
  virtual void abort() = 0;
};

}  // namespace guichet::http
