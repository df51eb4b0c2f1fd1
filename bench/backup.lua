-- wrk script of bench/backup.sh: bench/submit.lua (every request submits a
-- draft of its own), plus a count of the submissions answered in each second,
-- printed at the end as lines `SECOND <unix time> <submissions>`, so that a
-- stall while a backup runs shows even when the run's average hides it.
--
--   wrk ... -s bench/backup.lua URL -- FIRST_ID LAST_ID THREADS SESSION CSRF
--
-- Run from the repository's root (bench/lib.sh moves there).

dofile("bench/submit.lua")

local submit_setup = setup
local all_threads = {}

function setup(thread)
  submit_setup(thread)
  table.insert(all_threads, thread)
end

-- Per thread (each has its own Lua state): second -> submissions answered (3xx).
per_second = {}

function response(status, headers, body)
  if status >= 300 and status < 400 then
    local now = os.time()
    per_second[now] = (per_second[now] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, seconds = {}, {}
  for _, thread in ipairs(all_threads) do
    for second, n in pairs(thread:get("per_second")) do
      if total[second] == nil then
        table.insert(seconds, second)
      end
      total[second] = (total[second] or 0) + n
    end
  end
  table.sort(seconds)
  for _, second in ipairs(seconds) do
    io.write(string.format("SECOND %d %d\n", second, total[second]))
  end
end
