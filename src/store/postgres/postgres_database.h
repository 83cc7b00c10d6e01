// The PostgreSQL backend over libpqxx 6.4: a pool of connections that replaces broken ones, so a
// server restart gives DbError(kUnavailable) while it is down and recovers by itself afterwards.
// Internal to store/; libpqxx headers stay in postgres_database.cpp so other files compile fast.
#pragma once

#include <memory>

#include "store/database.h"

namespace haven::store {

// Connects once eagerly (so a wrong URL or a down server is reported at start) and opens the rest
// of the pool on demand. Throws DbError(kUnavailable) naming the masked URL and the server's
// reason.
std::unique_ptr<Database> open_postgres(const DatabaseUrl& url, const OpenOptions& options);

}  // namespace haven::store
