-- wrk script of bench/submit.sh: every request submits a draft of its own.
--
--   wrk ... -s bench/submit.lua URL -- FIRST_ID LAST_ID THREADS SESSION CSRF
--
-- The drafts FIRST_ID..LAST_ID are split into one range per wrk thread (each
-- thread has its own Lua state). A thread that has used up its range asks for
-- draft 0, which does not exist: those answers are 404s, which wrk counts as
-- "Non-2xx or 3xx responses", so a run never counts a draft twice.

local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  local first, last, count = tonumber(args[1]), tonumber(args[2]), tonumber(args[3])
  local per = math.floor((last - first + 1) / count)
  next_id = first + tid * per
  stop_id = next_id + per - 1
  headers = {
    ["Cookie"] = "hromada_session=" .. args[4] .. "; hromada_csrf=" .. args[5],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  body = "_csrf=" .. args[5]
end

function request()
  local id = next_id
  if id > stop_id then
    id = 0
  else
    next_id = next_id + 1
  end
  return wrk.format("POST", "/applications/" .. id .. "/submit", headers, body)
end
