// Errors as values across the core's boundaries (in the manner of LevelDB's Status).
#pragma once

#include <cassert>
#include <map>
#include <string>
#include <utility>
#include <variant>

#include "core/error_code.hpp"

namespace guichet {

// An error: a code from the closed table (core/error_code.hpp) and a French message (the
// code's default when empty); where fields are at fault, a message per field; where waiting
// helps, how long. Success is never an Error: it is Status::Ok() or a Result's value.
struct Error {
  ErrorCode code = ErrorCode::internal_error;
  std::string message;
  std::map<std::string, std::string> fields = {};
  int retry_after_seconds = 0;
};

// Either a T or an Error. Check ok() before value().
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// A result without a value.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}
  static Status Ok() { return {}; }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace guichet
