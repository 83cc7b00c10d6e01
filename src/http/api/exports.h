// What the export API and the /exports page share: reading an export request, and answering with
// an export file (streamed, then gone) or a subject-access bundle (JSON or HTML).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/request_context.h"
#include "service/export/list_export.h"

namespace haven::http::api {

// Answers 200 with the file as an attachment, streamed from disk (the file is unlinked as soon as
// it is open). False after answering 500 when it cannot be read.
bool send_export_file(RequestContext& ctx, service::ExportFile file);

// The list, format and the query's filters (status, risk, worker, overdue); nullopt after a 422.
std::optional<service::ListExportRequest> export_request(RequestContext& ctx, std::string_view list,
                                                         std::string_view format);

// Answers 200 with the bundle: JSON as an attachment, or the HTML summary inline (format "html").
void send_subject_access(RequestContext& ctx, const nlohmann::json& bundle,
                         const std::string& format, const std::string& day);

}  // namespace haven::http::api
