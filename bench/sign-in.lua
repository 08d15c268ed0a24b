-- wrk script for bench/sign-in-load: every request signs a customer in with a password, the customers
-- taken in turn. SIGN_IN_SETUP names the Lua file SignInLoadSetup wrote (user IDs, password, CSRF token).
dofile(os.getenv("SIGN_IN_SETUP"))

local counter = 0

request = function()
  counter = counter + 1
  local user = users[(counter % #users) + 1]
  local body = '{"userId":"' .. user .. '","password":"' .. password .. '"}'
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Accept-Language"] = "ja"
  headers["User-Agent"] = "wrk sign-in load"
  headers["Cookie"] = csrf_cookie
  headers[csrf_header] = csrf_token
  return wrk.format("POST", "/api/v1/customer/session", headers, body)
end

local reported = false
response = function(status, headers, body)
  if status ~= 200 and not reported then
    reported = true
    io.write("first refusal: " .. status .. " " .. body:sub(1, 200) .. "\n")
  end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f rate=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
