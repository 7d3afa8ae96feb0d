-- wrk (run with -t1): each request registers the next candidate, one bearer token per
-- account, so every request is a real first registration (a repeat would be a 409).
local tokens = {}
local next_index = 0
local body = '{"academy": "testia", "exam": "demo", "session": "2025", ' ..
             '"answers": {"speciality": "cuisine", "postal_code": "86000"}}'

init = function(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
end

request = function()
  next_index = next_index + 1
  local token = tokens[((next_index - 1) % #tokens) + 1]
  return wrk.format("POST", "/api/v1/registrations",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
