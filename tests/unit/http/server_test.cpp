// The HTTP server as a client and an operator meet it: probes, request ids, security headers,
// problem+json for every error, limits, hostile clients, metrics, the access log and graceful stop.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <future>
#include <regex>
#include <set>
#include <thread>

#include "core/id.h"
#include "core/version.h"
#include "http/request_context.h"
#include "server_fixture.h"

namespace haven::http::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kCsp =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

nlohmann::json body_json(const httplib::Result& r) {
  return nlohmann::json::parse(r->body, nullptr, false);
}

void expect_problem(const httplib::Result& r, int status) {
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, status);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json");
  auto j = body_json(r);
  ASSERT_TRUE(j.is_object()) << r->body;
  EXPECT_EQ(j["status"], status);
  EXPECT_TRUE(j["title"].is_string());
  EXPECT_TRUE(j["type"].is_string());
  EXPECT_EQ(j["request_id"], r->get_header_value("X-Request-Id"));
}

bool healthy(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(5);
  auto r = c.Get("/healthz");
  return r && r->status == 200;
}

// ---- probes ----

TEST(ServerThreads, AConfiguredCountIsKeptAndZeroMeansAtLeast64) {
  EXPECT_EQ(worker_threads(12), 12u);
  EXPECT_EQ(worker_threads(1), 1u);
  const size_t hw = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(worker_threads(0), std::max<size_t>(64, 8 * hw));
}

TEST_F(ServerTest, HealthzAnswersOk) {
  start();
  auto r = client()->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(body_json(r), nlohmann::json({{"status", "ok"}}));
}

TEST_F(ServerTest, ReadyzIsReadyOnAMigratedDatabase) {
  start();
  auto r = client()->Get("/readyz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r), nlohmann::json({{"status", "ready"}, {"database", "sqlite"}}));
}

TEST_F(ServerTest, ReadyzIsUnavailableWithTheReasonBeforeMigrations) {
  ServerSetup unmigrated;
  unmigrated.migrate = false;
  start(unmigrated);
  auto r = client()->Get("/readyz");
  expect_problem(r, 503);
  auto j = body_json(r);
  EXPECT_NE(j["detail"].get<std::string>().find("not applied"), std::string::npos) << j["detail"];
  EXPECT_EQ(j["type"], "https://haven.example/problems/unavailable");
  // Liveness does not depend on the database.
  EXPECT_EQ(client()->Get("/healthz")->status, 200);
}

TEST_F(ServerTest, HeadAnswersLikeGetWithoutABody) {
  start();
  auto r = client()->Head("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->body.empty());
}

// ---- request ids and security headers ----

TEST_F(ServerTest, EveryAnswerCarriesTheSecurityHeaders) {
  start();
  for (const char* path : {"/healthz", "/no/such/page", "/metrics"}) {
    auto r = client()->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->get_header_value("Content-Security-Policy"), kCsp) << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store") << path;
  }
}

TEST_F(ServerTest, GeneratesAUuidV7RequestIdWhenNoneIsSent) {
  start();
  auto a = client()->Get("/healthz");
  auto b = client()->Get("/healthz");
  ASSERT_TRUE(a && b);
  std::string id = a->get_header_value("X-Request-Id");
  EXPECT_TRUE(core::is_valid_id(id)) << id;
  EXPECT_EQ(id[14], '7');
  EXPECT_NE(id, b->get_header_value("X-Request-Id"));
}

TEST_F(ServerTest, EchoesASaneIncomingRequestIdInTheAnswerAndTheLog) {
  start();
  auto r = client()->Get("/healthz", {{"X-Request-Id", "lb-7f3a.42_x:1"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("X-Request-Id"), "lb-7f3a.42_x:1");
  auto line = log().wait_for([](const nlohmann::json& j) {
    return j.value("msg", "") == "request" && j.value("request_id", "") == "lb-7f3a.42_x:1";
  });
  EXPECT_TRUE(line.has_value());
}

TEST_F(ServerTest, ReplacesAnOverlongRequestId) {
  start();
  auto r = client()->Get("/healthz", {{"X-Request-Id", std::string(500, 'a')}});
  ASSERT_TRUE(r);
  EXPECT_TRUE(core::is_valid_id(r->get_header_value("X-Request-Id")));
}

TEST_F(ServerTest, ReplacesARequestIdThatTriesToInjectAHeader) {
  start();
  RawConnection raw(port());
  ASSERT_TRUE(raw.connected());
  raw.send(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "X-Request-Id: abc\rSet-Cookie: pwned=1\r\n\r\n");
  std::string response = raw.read_until_closed(5s);
  EXPECT_EQ(raw_status(response), 200) << response;
  EXPECT_EQ(response.find("pwned"), std::string::npos) << response;
  EXPECT_TRUE(core::is_valid_id(raw_header(response, "X-Request-Id"))) << response;
}

// ---- problem+json for every error ----

TEST_F(ServerTest, UnknownPathIsA404ProblemNamingThePathWithoutTheQuery) {
  start();
  auto r = client()->Get("/api/v1/nothing-here?name=Anna");
  expect_problem(r, 404);
  auto j = body_json(r);
  EXPECT_EQ(j["instance"], "/api/v1/nothing-here");
  EXPECT_EQ(r->body.find("Anna"), std::string::npos);
}

TEST_F(ServerTest, WrongMethodIsA405ProblemWithAllow) {
  start();
  auto r = client()->Post("/healthz", "{}", "application/json");
  expect_problem(r, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "GET, HEAD");
  EXPECT_TRUE(healthy(port()));
}

TEST_F(ServerTest, AHandlerExceptionIsAGeneric500AndIsLoggedWithTheRequestId) {
  start(with_routes([](Router& r) {
    r.get("/test/throw", "testThrow",
          [](RequestContext&) -> void { throw std::runtime_error("secret detail 1234"); });
  }));
  auto r = client()->Get("/test/throw");
  expect_problem(r, 500);
  EXPECT_EQ(r->body.find("secret detail"), std::string::npos) << r->body;
  const std::string id = r->get_header_value("X-Request-Id");
  auto line = log().wait_for([&](const nlohmann::json& j) {
    return j.value("msg", "") == "unhandled exception" && j.value("request_id", "") == id;
  });
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ((*line)["exception"], "secret detail 1234");
  EXPECT_EQ((*line)["level"], "error");
  EXPECT_TRUE(healthy(port()));
}

TEST_F(ServerTest, HandlerProblemsKeepTheirStatusAndFields) {
  start(with_routes([](Router& r) {
    r.post("/test/json", "testJson", [](RequestContext& ctx) {
      auto body = ctx.json_body();
      if (!body.ok()) return ctx.send_problem(body.error());
      if (!body->contains("name"))
        return ctx.send_problem(core::Error::invalid("Check the fields.", {{"name", "Required."}}));
      ctx.send_json(200, {{"hello", (*body)["name"]}});
    });
  }));
  auto ok = client()->Post("/test/json", R"({"name":"Bērziņa"})", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(body_json(ok)["hello"], "Bērziņa");

  auto malformed = client()->Post("/test/json", R"({"name":)", "application/json");
  expect_problem(malformed, 400);

  auto not_json = client()->Post("/test/json", "name=x", "application/x-www-form-urlencoded");
  expect_problem(not_json, 400);

  auto fields = client()->Post("/test/json", R"({"other":1})", "application/json");
  expect_problem(fields, 422);
  auto j = body_json(fields);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["field"], "name");
  EXPECT_EQ(j["instance"], "/test/json");
}

// ---- limits and hostile clients ----

ServerSetup echo_server(size_t max_body) {
  ServerSetup s;
  s.options.max_body_bytes = max_body;
  s.extra_routes = [](Router& r) {
    r.post("/test/echo", "testEcho", [](RequestContext& ctx) {
      ctx.send_json(200, {{"bytes", ctx.body().size()}});
    });
  };
  return s;
}

TEST_F(ServerTest, ABodyWithinTheLimitIsRead) {
  start(echo_server(1024));
  auto r = client()->Post("/test/echo", std::string(1024, 'x'), "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r)["bytes"], 1024);
}

TEST_F(ServerTest, ABodyOverTheLimitIsA413ProblemAndTheServerKeepsServing) {
  start(echo_server(1024));
  auto r = client()->Post("/test/echo", std::string(1025, 'x'), "text/plain");
  expect_problem(r, 413);
  EXPECT_EQ(body_json(r)["type"], "https://haven.example/problems/too_large");
  // A body far over the limit is refused before it is read; the client still gets the answer.
  auto big = client()->Post("/test/echo", std::string(4 * 1024 * 1024, 'x'), "text/plain");
  expect_problem(big, 413);
  EXPECT_TRUE(healthy(port()));
}

TEST_F(ServerTest, AChunkedBodyIsRefusedWith411) {
  start(echo_server(1024));
  RawConnection raw(port());
  raw.send(
      "POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
      "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  std::string response = raw.read_until_closed(5s);
  EXPECT_EQ(raw_status(response), 411) << response;
  EXPECT_EQ(raw_header(response, "Content-Type"), "application/problem+json");
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_TRUE(healthy(port()));
}

TEST_F(ServerTest, AMalformedRequestLineIsA400ProblemAndTheServerKeepsServing) {
  start();
  RawConnection raw(port());
  raw.send("THIS IS NOT HTTP\r\n\r\n");
  std::string response = raw.read_until_closed(5s);
  EXPECT_EQ(raw_status(response), 400) << response;
  EXPECT_EQ(raw_header(response, "Content-Type"), "application/problem+json");
  auto j = nlohmann::json::parse(raw_body(response), nullptr, false);
  EXPECT_EQ(j["request_id"], raw_header(response, "X-Request-Id"));
  EXPECT_EQ(raw_header(response, "X-Frame-Options"), "DENY");
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_TRUE(healthy(port()));
}

TEST_F(ServerTest, HeadersOverTheLimitAreA431ProblemAndTheServerKeepsServing) {
  ServerSetup s;
  s.options.max_header_bytes = 4096;
  start(s);
  RawConnection raw(port());
  std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 100; ++i)
    request += "X-Filler-" + std::to_string(i) + ": " + std::string(100, 'a') + "\r\n";
  request += "\r\n";
  raw.send(request);
  std::string response = raw.read_until_closed(5s);
  EXPECT_EQ(raw_status(response), 431) << response.substr(0, 200);
  EXPECT_EQ(raw_header(response, "Content-Type"), "application/problem+json");
  EXPECT_TRUE(healthy(port()));
}

TEST_F(ServerTest, AnEndlessRequestLineIsCutOffWith431) {
  ServerSetup s;
  s.options.max_header_bytes = 4096;
  start(s);
  RawConnection raw(port());
  raw.send("GET /" + std::string(64 * 1024, 'a'));  // never ends: no CRLF
  std::string response = raw.read_until_closed(5s);
  EXPECT_EQ(raw_status(response), 431) << response.substr(0, 200);
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_TRUE(healthy(port()));
}

TEST_F(ServerTest, ASlowClientDoesNotBlockOthersAndIsCutOffAtTheReadTimeout) {
  ServerSetup s;
  s.options.read_timeout_s = 1;
  start(s);
  RawConnection slow(port());
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));  // half a request, then nothing

  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(healthy(port()));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 900ms)
      << "a slow client blocked another request";

  // The slow client's head deadline passes: it gets 408 and the connection is closed.
  std::string response = slow.read_until_closed(5s);
  EXPECT_TRUE(slow.closed_by_server());
  EXPECT_EQ(raw_status(response), 408) << response;
}

TEST_F(ServerTest, IdleKeepAliveConnectionsMakeWayForWaitingClients) {
  ServerSetup s;
  s.options.threads = 1;
  s.options.idle_timeout_s = 30;
  start(s);
  auto first = client();
  first->set_keep_alive(true);
  ASSERT_EQ(first->Get("/healthz")->status, 200);  // its idle connection holds the only worker

  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(healthy(port()));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s) << "waited for the 30 s idle timeout";
  // The first client reconnects transparently.
  auto again = first->Get("/healthz");
  ASSERT_TRUE(again) << httplib::to_string(again.error());
  EXPECT_EQ(again->status, 200);
}

// 64 clients, each on its own keep-alive connection that it keeps busy (a request, its answer, a
// short pause, the next request), as the load test and a Monday morning do. Returns, per client,
// how long its first answer took, or nullopt if it got none within 20 s.
std::vector<std::optional<std::chrono::milliseconds>> busy_keep_alive_clients(int port) {
  constexpr int kClients = 64;
  std::vector<std::optional<std::chrono::milliseconds>> first(kClients);
  std::atomic<int> answered{0};
  const auto t0 = std::chrono::steady_clock::now();
  const auto deadline = t0 + 20s;
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      c.set_connection_timeout(20);
      c.set_read_timeout(20);
      // Every client keeps its connection busy until all have been answered (or time is up), so a
      // server that lets the first connections keep their workers starves the others.
      while (answered.load() < kClients && std::chrono::steady_clock::now() < deadline) {
        auto r = c.Get("/healthz");
        if (r && r->status == 200 && !first[i]) {
          first[i] = std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::steady_clock::now() - t0);
          answered.fetch_add(1);
        }
        std::this_thread::sleep_for(10ms);
      }
    });
  }
  for (auto& t : threads) t.join();
  return first;
}

void expect_every_client_answered_promptly(
    const std::vector<std::optional<std::chrono::milliseconds>>& first) {
  for (size_t i = 0; i < first.size(); ++i) {
    ASSERT_TRUE(first[i].has_value()) << "client " << i << " got no answer in 20 s";
    // Generous: an answer takes well under a millisecond; a starved client waits for other
    // connections' whole keep-alive budget (100 requests each, 8 s and more for the last ones).
    EXPECT_LT(*first[i], 5s) << "client " << i << " waited for a worker";
  }
}

TEST_F(ServerTest, SixtyFourBusyKeepAliveClientsAreAllAnsweredWithTheDefaultThreads) {
  ServerSetup s;
  s.automatic_threads = true;
  s.options.idle_timeout_s = 30;
  start(s);
  expect_every_client_answered_promptly(busy_keep_alive_clients(port()));
}

TEST_F(ServerTest, BusyKeepAliveConnectionsTakeTurnsWhenClientsOutnumberTheWorkers) {
  ServerSetup s;
  s.options.threads = 8;  // [server] threads set well below the connections
  s.options.idle_timeout_s = 30;
  start(s);
  expect_every_client_answered_promptly(busy_keep_alive_clients(port()));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  RawConnection raw(port());
  raw.send(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: first\r\n\r\n"
      "GET /nothing HTTP/1.1\r\nHost: x\r\nX-Request-Id: second\r\nConnection: close\r\n\r\n");
  std::string response = raw.read_until_closed(5s);
  size_t second = response.find("HTTP/1.1 404");
  ASSERT_NE(second, std::string::npos) << response;
  EXPECT_EQ(raw_status(response), 200);
  EXPECT_EQ(raw_header(response, "X-Request-Id"), "first");
  EXPECT_EQ(raw_header(response.substr(second - 2), "X-Request-Id"), "second");
}

// ---- metrics and the access log ----

// One exposition line: a comment (# HELP / # TYPE) or a sample `name{labels} value`.
bool valid_exposition_line(const std::string& line) {
  static const std::regex comment(R"(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+)");
  static const std::regex sample(
      R"([a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? -?[0-9.e+-]+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? [+-]Inf)");
  return std::regex_match(line, comment) || std::regex_match(line, sample);
}

TEST_F(ServerTest, MetricsCountRequestsByRouteTemplateInValidExpositionFormat) {
  start(with_routes([](Router& r) {
    r.get("/test/items/{item_id}", "testItem", [](RequestContext& ctx) {
      ctx.send_json(200, {{"id", std::string(ctx.param("item_id"))}});
    });
  }));
  auto c = client();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(c->Get("/healthz")->status, 200);
  ASSERT_EQ(c->Get("/test/items/one")->status, 200);
  ASSERT_EQ(c->Get("/test/items/two")->status, 200);
  ASSERT_EQ(c->Get("/nope")->status, 404);
  // The metric, then the access line, is recorded just after each answer is written, possibly on
  // another thread than the next request's: wait for all six access lines before scraping.
  for (const char* path : {"/test/items/one", "/test/items/two", "/nope"}) {
    ASSERT_TRUE(log().wait_for([path](const nlohmann::json& j) {
      return j.value("path", "") == path && j.contains("status");
    })) << path;
  }
  for (int waited = 0; waited < 500; ++waited) {
    int healthz = 0;
    for (const std::string& line : log().lines()) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_discarded() && j.value("path", "") == "/healthz" && j.contains("status")) ++healthz;
    }
    if (healthz >= 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  auto r = c->Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = r->body;
  EXPECT_NE(
      text.find("haven_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 3\n"),
      std::string::npos)
      << text;
  // Raw paths never become labels: both item requests count under the template.
  EXPECT_NE(text.find("haven_http_requests_total{route=\"/test/items/"
                      "{item_id}\",method=\"GET\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("/test/items/one"), std::string::npos);
  EXPECT_NE(
      text.find("haven_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("haven_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 3\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("haven_http_request_duration_seconds_count{route=\"/healthz\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("haven_http_in_flight_requests 1\n"), std::string::npos);  // this scrape
  EXPECT_NE(text.find("haven_db_pool_connections{state=\"in_use\"}"), std::string::npos);
  EXPECT_NE(text.find("haven_db_pool_connections{state=\"idle\"}"), std::string::npos);
  EXPECT_NE(text.find("haven_db_pool_waiting "), std::string::npos);
  // Test binaries never link jemalloc (only the release `haven` does): glibc's malloc serves them.
  EXPECT_NE(text.find(std::string("haven_build_info{version=\"") + core::kVersion +
                      "\",allocator=\"glibc\"} 1\n"),
            std::string::npos);

  std::istringstream lines(text);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_TRUE(valid_exposition_line(line)) << "bad exposition line: " << line;
  }
  EXPECT_GT(count, 20);
  EXPECT_EQ(text.back(), '\n');
}

TEST_F(ServerTest, TheAccessLogHasOneJsonLinePerRequestWithoutQueryOrSecrets) {
  start();
  auto r = client()->Get("/healthz?name=Anna+Kowalska", {{"Cookie", "haven_session=SECRET-COOKIE"},
                                                         {"Authorization", "Bearer SECRET-TOKEN"},
                                                         {"X-Request-Id", "access-log-test"}});
  ASSERT_TRUE(r);
  auto line = log().wait_for([](const nlohmann::json& j) {
    return j.value("request_id", "") == "access-log-test" && j.value("msg", "") == "request";
  });
  ASSERT_TRUE(line.has_value());
  const nlohmann::json& j = *line;
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["method"], "GET");
  EXPECT_EQ(j["route"], "/healthz");
  EXPECT_EQ(j["path"], "/healthz");
  EXPECT_EQ(j["status"], 200);
  EXPECT_TRUE(j["duration_ms"].is_number());
  EXPECT_EQ(j["bytes"], r->body.size());
  EXPECT_TRUE(j["ts"].is_string());
  for (const std::string& l : log().lines()) {
    EXPECT_EQ(l.find("Anna"), std::string::npos) << l;
    EXPECT_EQ(l.find("SECRET"), std::string::npos) << l;
  }
}

// ---- listening and stopping ----

TEST_F(ServerTest, APortInUseIsAClearError) {
  start();
  auto other_db = store::Database::open(*store::DatabaseUrl::parse("sqlite::memory:"));
  service::App other_app(*other_db, core::SystemClock::instance());
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = port();
  options.log = std::make_shared<spdlog::logger>("second", sink_);
  Server second(options, other_app);
  auto status = second.listen();
  ASSERT_FALSE(status.ok());
  const std::string& message = status.error().message;
  EXPECT_NE(message.find("127.0.0.1:" + std::to_string(port())), std::string::npos) << message;
  EXPECT_NE(message.find("address already in use"), std::string::npos) << message;
  EXPECT_NE(message.find("--listen"), std::string::npos) << message;
  second.serve();  // returns at once: it never listened
  EXPECT_TRUE(healthy(port()));
}

ServerSetup slow_server(std::atomic<int>* started) {
  ServerSetup s;
  s.extra_routes = [started](Router& r) {
    r.get("/test/slow", "testSlow", [started](RequestContext& ctx) {
      ++*started;
      std::this_thread::sleep_for(300ms);
      ctx.send_json(200, {{"done", true}});
    });
  };
  return s;
}

TEST_F(ServerTest, StopLetsAnInFlightRequestFinish) {
  std::atomic<int> started{0};
  start(slow_server(&started));
  auto answer = std::async(std::launch::async, [this] {
    auto c = client();
    auto r = c->Get("/test/slow");
    return r ? r->status : -1;
  });
  while (started == 0) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(server().in_flight(), 1);

  server().stop();
  EXPECT_EQ(answer.get(), 200);
  serve_thread_.join();  // serve() returned
  EXPECT_EQ(server().in_flight(), 0);
  // No longer accepting.
  EXPECT_FALSE(healthy(port()));
}

TEST_F(ServerTest, StopDoesNotWaitForIdleKeepAliveConnections) {
  ServerSetup s;
  s.options.idle_timeout_s = 30;
  start(s);
  auto c = client();
  c->set_keep_alive(true);
  ASSERT_EQ(c->Get("/healthz")->status, 200);  // the connection stays open, idle
  const auto t0 = std::chrono::steady_clock::now();
  server().stop();
  serve_thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
}

TEST_F(ServerTest, StopBeforeServeMakesServeReturn) {
  start();
  server().stop();
  serve_thread_.join();
  EXPECT_FALSE(healthy(port()));
}

TEST_F(ServerTest, SigtermStopsGracefully) {
  // Block the signal before any helper thread exists, so only the watcher can take it.
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, &old);

  std::atomic<int> started{0};
  ServerSetup s = slow_server(&started);
  // Serve on this thread through serve_until_signal instead of the fixture's thread.
  auto url = store::DatabaseUrl::parse("sqlite::memory:");
  auto db = store::Database::open(*url);
  ASSERT_TRUE(store::Migrator(*db).apply_pending().ok());
  service::App app(*db, core::SystemClock::instance());
  auto sink = std::make_shared<CaptureSink>();
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.log = std::make_shared<spdlog::logger>("signal-test", sink);
  Server srv(options, app);
  s.extra_routes(srv.router());
  ASSERT_TRUE(srv.listen().ok());

  const int p = srv.port();
  auto answer = std::async(std::launch::async, [p, &started] {
    httplib::Client c("127.0.0.1", p);
    c.set_read_timeout(10);
    auto pending = std::async(std::launch::async, [&c] {
      auto r = c.Get("/test/slow");
      return r ? r->status : -1;
    });
    while (started == 0) std::this_thread::sleep_for(1ms);
    ::kill(::getpid(), SIGTERM);
    return pending.get();
  });
  const int sig = serve_until_signal(srv);
  EXPECT_EQ(sig, SIGTERM);
  EXPECT_EQ(answer.get(), 200);
  EXPECT_TRUE(sink->wait_for(
      [](const nlohmann::json& j) {
        return j.value("msg", "") == "shutdown signal received; draining" &&
               j.value("signal", "") == "SIGTERM";
      },
      1s));

  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

}  // namespace
}  // namespace haven::http::testing
