// Checks on an uploaded piece (issue 4): the type is decided by the content's first bytes,
// never by the name or the Content-Type header; names are reduced to something safe to show
// and to put in a Content-Disposition header.
#pragma once

#include <string>
#include <string_view>

namespace guichet::services {

// "application/pdf", "image/jpeg", "image/png", or "" when the bytes are none of them.
// Needs the first 8 bytes of the file (fewer bytes: "").
std::string sniff_piece_type(std::string_view first_bytes);

// The last path component, control characters and reserved characters replaced, at most 100
// bytes (whole UTF-8 characters), never empty nor a dot name; the extension of the sniffed type
// is kept or added ("scan.exe" sniffed as PDF becomes "scan.exe.pdf").
std::string safe_file_name(std::string_view given, const std::string& sniffed_type);

}  // namespace guichet::services
