-- wrk script for bench/run.py. BENCH_MODE=get (default): GET the address given on
-- the command line, with BENCH_COOKIE as the Cookie header when set. BENCH_MODE=report:
-- POST the report form, each request with its own one-time form token (one per line
-- in BENCH_TOKENS, shared out between BENCH_THREADS threads) and its own client
-- address in X-Forwarded-For (the server runs with PORTAL_PROXY_HOPS=1, as behind a
-- proxy: every report comes from a different resident). BENCH_BODY holds the rest of
-- the form, URL-encoded; BENCH_COOKIE the CSRF cookie. Prints one JSON summary line.

local mode = os.getenv("BENCH_MODE") or "get"
local cookie = os.getenv("BENCH_COOKIE") or ""
local counter = 0

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end

init = function(args)
  if cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
  if mode ~= "report" then
    return
  end
  tokens = {}
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local line_number = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if line_number % threads == id then
      tokens[#tokens + 1] = line
    end
    line_number = line_number + 1
  end
  sent = 0
  body = os.getenv("BENCH_BODY")
end

-- Only the report mode defines request(): a plain GET stays wrk's static request.
if mode == "report" then
  request = function()
    sent = sent + 1
    local token = tokens[sent] or tokens[#tokens]
    local headers = {}
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d", id % 250, math.floor(sent / 250) % 250, sent % 250 + 1
    )
    return wrk.format("POST", nil, headers, body .. "&form_token=" .. token)
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, '
      .. '"p99_ms": %.3f, "status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
