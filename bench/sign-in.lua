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

dofile("bench/wrk-report.lua")
