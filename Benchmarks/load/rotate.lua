-- wrk script: rotates through a list of requests so that no single cached answer decides the figure.
--   wrk ... -s rotate.lua http://127.0.0.1:PORT -- LABEL MODE FILE [PATH] [TOKEN]   (LABEL is for the reader of the command line)
-- MODE get:   FILE has one path per line                        (GET path)
--      post:  FILE has one JSON body per line                   (POST PATH with the body)
--      tsv:   FILE has lines "token<TAB>path<TAB>json body"      (PUT path with that token: report saves)
-- TOKEN, when given, is sent as "Authorization: Bearer TOKEN".
-- done() prints one JSON line "WRKJSON {...}": requests, errors by kind (status = responses >= 400), rps, p50/p90/p99/max (ms).

local label, mode, items, path, token = "?", "get", {}, "/", nil
local index = 0

function init(args)
  label, mode = args[1], args[2]
  path, token = args[4], args[5]
  if token == "" then token = nil end
  for line in io.lines(args[3]) do
    if line ~= "" then items[#items + 1] = line end
  end
  if #items == 0 then error("no requests in " .. args[3]) end
  -- Threads start at different places of the list.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  index = math.random(#items) - 1
end

function request()
  index = index % #items + 1
  local line = items[index]
  local headers = {}
  if token then headers["Authorization"] = "Bearer " .. token end
  if mode == "get" then
    return wrk.format("GET", line, headers)
  elseif mode == "post" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", path, headers, line)
  else
    local t, p, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    headers["Authorization"] = "Bearer " .. t
    headers["Content-Type"] = "application/json"
    return wrk.format("PUT", p, headers, body)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRKJSON {"requests":%d,"seconds":%.2f,"rps":%.1f,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f,"mean":%.2f}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
end
