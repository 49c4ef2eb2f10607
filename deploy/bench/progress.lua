-- wrk script: progress reports round the topics listed in $TOPICS (one id a line).
local topics = {}
for line in io.lines(os.getenv("TOPICS")) do topics[#topics + 1] = line end
local n = 0
request = function()
  n = n + 1
  local t = topics[(n % #topics) + 1]
  return wrk.format("POST", "/api/topics/" .. t .. "/progress", nil, '{"percent":' .. (n % 100) .. ',"note":"wrk ' .. n .. '"}')
end
