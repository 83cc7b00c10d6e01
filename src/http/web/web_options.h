// How the pages are set up for this instance; kept apart from site.h so that routes.cpp, which only
// passes it on, does not include the template engine.
#pragma once

namespace haven::http::web {

struct WebOptions {
  bool demo = false;  // a demo instance: every page shows "Demo data — not real children"
};

}  // namespace haven::http::web
