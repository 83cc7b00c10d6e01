-- The mixed load of bench/load/run_load.sh: what a municipality's caseworkers do on a Monday
-- morning, as wrk connections (one per wrk thread, -t64 -c64, so a thread's request and response
-- alternate and each answer can be timed and counted by its type). Weights per 1,000 requests:
--   case page 300     GET /cases/{id} (HTML, the session cookie), one of the worker's cases
--   dashboard 150     GET / (My work: open cases by urgency, tasks, approvals)
--   search 200        GET /api/v1/search/children?q=… (a generated child's name, some misspelt)
--   task list 150     GET /api/v1/tasks
--   case update 195   POST /api/v1/cases/{id}/notes (a note: a write, its history and audit)
--   sign-in 5         POST /api/v1/auth/login (Argon2id; a user signs in once, then works)
-- The data (tokens, case ids, names) comes from the Lua file named by HAVEN_LOAD_DATA, written by
-- run_load.sh; each thread logs its answers to HAVEN_LOAD_OUT/thread-NN.log for summarize.py.
-- HAVEN_LOAD_ONLY="case page" (a kind's name) sends only that kind (LOAD_MODE=cpu of run_load.sh).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } haven_timespec;
  int clock_gettime(int clk_id, haven_timespec *tp);
]]
local ts = ffi.new("haven_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local data = dofile(os.getenv("HAVEN_LOAD_DATA"))
local kinds = {
  { name = "case page", weight = 300 },
  { name = "dashboard", weight = 150 },
  { name = "search", weight = 200 },
  { name = "task list", weight = 150 },
  { name = "case update", weight = 195 },
  { name = "sign-in", weight = 5 },
}
local only = os.getenv("HAVEN_LOAD_ONLY")
if only and only ~= "" then
  for _, k in ipairs(kinds) do
    if k.name ~= only then k.weight = 0 end
  end
end
local total_weight = 0
for _, k in ipairs(kinds) do total_weight = total_weight + k.weight end

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local api = { ["Authorization"] = "Bearer " .. data.token }
local page = { ["Cookie"] = "haven_session=" .. data.session }
local json = { ["Authorization"] = "Bearer " .. data.token, ["Content-Type"] = "application/json" }
local plain_json = { ["Content-Type"] = "application/json" }

-- Per thread: the kind in flight, when it left, and a log of "kind<TAB>µs<TAB>status" lines. (wrk
-- cannot copy nested tables between threads, so the log goes to a file per thread, flushed at exit,
-- and run_load.sh summarizes the files.)
current, started, seq, log = nil, 0, 0, nil

function init(args)
  math.randomseed(id * 7919)
  log = assert(io.open(string.format("%s/thread-%02d.log", os.getenv("HAVEN_LOAD_OUT"), id), "w"))
  log:setvbuf("full", 65536)
end

local function pick(list) return list[math.random(#list)] end

local function build(kind)
  if kind == "case page" then
    return wrk.format("GET", "/cases/" .. pick(data.cases), page)
  elseif kind == "dashboard" then
    return wrk.format("GET", "/", page)
  elseif kind == "search" then
    return wrk.format("GET", "/api/v1/search/children?q=" .. pick(data.queries), api)
  elseif kind == "task list" then
    return wrk.format("GET", "/api/v1/tasks", api)
  elseif kind == "case update" then
    seq = seq + 1
    local body = string.format('{"text":"Load note %d-%d: spoke with the school."}', id, seq)
    return wrk.format("POST", "/api/v1/cases/" .. pick(data.cases) .. "/notes", json, body)
  else
    local body = string.format('{"username":"%s","password":"%s"}', pick(data.signin_users), data.password)
    return wrk.format("POST", "/api/v1/auth/login", plain_json, body)
  end
end

function request()
  local r, acc = math.random(total_weight), 0
  for _, k in ipairs(kinds) do
    acc = acc + k.weight
    if r <= acc then current = k.name break end
  end
  started = now_us()
  return build(current)
end

function response(status, headers, body)
  log:write(current, "\t", string.format("%.0f", now_us() - started), "\t", status, "\n")
end
