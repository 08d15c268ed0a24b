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

dofile("bench/wrk-report.lua")
