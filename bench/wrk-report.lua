-- Shared by the sign-in load scripts: one RESULT line per run, and the first refused request's answer.
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
