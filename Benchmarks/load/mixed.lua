-- wrk script for the soak: a shuffled mix of every kind of request of run.sh.
--   wrk ... -s mixed.lua http://127.0.0.1:PORT -- SPEC...
-- SPEC is "weight|mode|file|path|token" (modes as in rotate.lua); each request of FILE appears weight times in the mix.
local list, index = {}, 0

local function split(s)
  local out, start = {}, 1
  while true do
    local i = s:find("|", start, true)
    if not i then out[#out + 1] = s:sub(start); return out end
    out[#out + 1] = s:sub(start, i - 1)
    start = i + 1
  end
end

function init(args)
  for _, spec in ipairs(args) do
    local f = split(spec)
    local weight, mode, file, path, token = tonumber(f[1]), f[2], f[3], f[4], f[5]
    for line in io.lines(file) do
      if line ~= "" then
        local headers, req = {}, nil
        if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
        if mode == "get" then
          req = wrk.format("GET", line, headers)
        elseif mode == "post" then
          headers["Content-Type"] = "application/json"
          req = wrk.format("POST", path, headers, line)
        else
          local t, p, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
          headers["Authorization"] = "Bearer " .. t
          headers["Content-Type"] = "application/json"
          req = wrk.format("PUT", p, headers, body)
        end
        for _ = 1, weight do list[#list + 1] = req end
      end
    end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  for i = #list, 2, -1 do
    local j = math.random(i)
    list[i], list[j] = list[j], list[i]
  end
end

function request()
  index = index % #list + 1
  return list[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRKJSON {"requests":%d,"seconds":%.2f,"rps":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"p50":%.2f,"p99":%.2f,"max":%.2f}\n',
    summary.requests, seconds, summary.requests / seconds, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
