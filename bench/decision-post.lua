-- wrk script: POST /api/v1/decisions/route as edge node edge-1, cycling through the demo's call mix.
-- Pacing: each connection waits PACE_MS (default 2) between requests, so 3 connections give ~1,000+/s.
local calls = {"9011442071234567", "914165550123", "918005550100", "93125550199", "82001", "901133142685300"}
local n = 0
local pace = tonumber(os.getenv("PACE_MS") or "2")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic ZWRnZS0xOmVkZ2UtMQ=="

request = function()
  n = n + 1
  local body = '{"callId":"wrk-' .. n .. '","source":"hq-cucm","calling":"2001","called":"' .. calls[(n % #calls) + 1] .. '"}'
  return wrk.format(nil, nil, nil, body)
end

delay = function()
  return pace
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s = %.0f/s, errors %d (status %d, timeout %d); latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
