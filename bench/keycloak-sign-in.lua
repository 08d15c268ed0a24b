-- wrk script for bench/keycloak-sign-in-load: every request is a password login (OAuth direct grant)
-- of one of the benchmark realm's users, taken in turn. KEYCLOAK_USERS is their number.
local users = tonumber(os.getenv("KEYCLOAK_USERS"))
local password = os.getenv("KEYCLOAK_USER_PASSWORD")
local counter = 0

local function encode(value)
  return (value:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  counter = counter + 1
  local body = "grant_type=password&client_id=bench&username=load" .. (counter % users) .. "&password=" .. encode(password)
  local headers = {}
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  return wrk.format("POST", "/realms/bench/protocol/openid-connect/token", headers, body)
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
