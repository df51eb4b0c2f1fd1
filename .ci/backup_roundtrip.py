#!/usr/bin/env python3
"""The robots and the checks of .ci/backup-roundtrip.sh: a backup taken while
robots submit, restored, and compared with the installation it came from.

    backup_roundtrip.py robots --base URL --out DIR [--residents N] [--officer "EMAIL PASSWORD SECRET"]
        Residents without an account apply for "Звернення громадян" in Bucha over
        plain HTTP (the pages' forms, their CSRF token and cookies), each from an
        address of its own (X-Forwarded-For: the server must trust one proxy),
        uploading files of their own content and mostly removing one again a
        moment later; an officer signs in (password, TOTP code), takes their cases
        on and answers them, which signs a document. They run until DIR/stop
        exists, keep DIR/progress.json up to date, and write every request that
        changed something, with when it ran, to DIR/robots.json. Exit 1 if one failed.

    backup_roundtrip.py compare --live DB --restored DB --robots FILE --window T0 T1 --uploads DIR --summary FILE
        The restored database against the live one (DB: a SQLite file or a
        postgres:// URL; T0..T1: when `hromada backup` ran, Unix seconds; DIR: the
        restored data folder's uploads). Exit 1 naming every difference.

    backup_roundtrip.py served --base URL --hromada BIN --db DB --robots FILE --out DIR --summary FILE
        On the restored installation's server: its documents against its published
        keys (`hromada document verify`), a few online by their code, and the
        robots' cases and files as their residents see them. Exit 1 if one failed.

Standard library only (Python 3.11): urllib for HTTP, sqlite3 for SQLite, psql
(CSV) for PostgreSQL. Why Python and not Node: no npm install, and the checks
read both databases, which Python's sqlite3 does without a package.
"""

import argparse
import base64
import csv
import datetime
import hashlib
import hmac
import html.parser
import http.cookiejar
import io
import json
import os
import queue
import random
import re
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zlib
import zoneinfo

COMMUNITY = "buchanska"
SERVICE = "zvernennia-hromadian"


# ---------------------------------------------------------------------------
# HTTP as a browser without JavaScript does it: forms, cookies, 303s followed


class Form:
    def __init__(self, attrs):
        self.action = attrs.get("action", "")
        self.method = attrs.get("method", "get").lower()
        self.enctype = attrs.get("enctype", "application/x-www-form-urlencoded")
        self.fields = []  # (name, type, value, checked)
        self.buttons = []  # (name, value, text)


class Page(html.parser.HTMLParser):
    """The forms, title and error summary of a page."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._button, self._textarea = [], None, None, None
        self.title, self._in_title, self.errors, self._in_errors = "", False, [], 0
        self.links = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a)
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None:
            self._form.fields.append((a.get("name", ""), a.get("type", "text"), a.get("value", ""), "checked" in a))
        elif tag == "textarea" and self._form is not None:
            self._textarea = a.get("name", "")
            self._form.fields.append((self._textarea, "textarea", "", False))
        elif tag == "button" and self._form is not None:
            self._button = [a.get("name", ""), a.get("value", ""), ""]
        elif tag == "title":
            self._in_title = True
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        if self._in_errors or ("class" in a and "error-summary" in a["class"].split()):
            self._in_errors += 1

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "button" and self._button is not None and self._form is not None:
            self._form.buttons.append(tuple(self._button))
            self._button = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "title":
            self._in_title = False
        if self._in_errors:
            self._in_errors -= 1

    def handle_data(self, data):
        if self._button is not None:
            self._button[2] += data.strip()
        if self._in_title:
            self.title += data
        if self._in_errors and data.strip():
            self.errors.append(data.strip())

    def form(self, action_prefix):
        for f in self.forms:
            if f.action.startswith(action_prefix):
                return f
        raise RobotError(f"no form posting to {action_prefix}… on the page \"{self.title.strip()}\"")


class RobotError(Exception):
    pass


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """303 → GET as browsers do, but each hop is ours to see (for the case id)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Visitor:
    """One browser: its own cookies, and its own address when `address` is given
    (as the proxy in front of the server says it: X-Forwarded-For, with the
    server's proxy_hops at 1), so that each resident's drafts and uploads count
    against their own address's limits, as in life."""

    def __init__(self, base, address=None):
        self.base = base.rstrip("/")
        self.address = address
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c.value
        return None

    def request(self, method, path, body=None, content_type=None, expect=(200,)):
        """Follows redirects; returns (final path, status, text)."""
        url = path if path.startswith("http") else self.base + path
        for _ in range(10):
            req = urllib.request.Request(url, data=body, method=method)
            if self.address:
                req.add_header("X-Forwarded-For", self.address)
            if content_type:
                req.add_header("Content-Type", content_type)
            try:
                with self.opener.open(req, timeout=60) as res:
                    status, data, location = res.status, res.read(), None
            except urllib.error.HTTPError as e:
                status, data, location = e.code, e.read(), e.headers.get("Location")
            if status in (301, 302, 303, 307, 308) and location:
                url = urllib.parse.urljoin(url, location)
                if status in (301, 302, 303):
                    method, body, content_type = "GET", None, None
                continue
            path_now = urllib.parse.urlsplit(url).path
            if status not in expect:
                text = data.decode("utf-8", "replace")
                page = Page(text) if "html" in text[:200].lower() else None
                said = " / ".join(page.errors[:6]) if page and page.errors else text[:300]
                raise RobotError(f"{method} {path_now}: status {status} (expected {expect}): {said}")
            return path_now, status, data
        raise RobotError(f"{method} {path}: too many redirects")

    def get(self, path, expect=(200,)):
        p, s, d = self.request("GET", path, expect=expect)
        return p, Page(d.decode("utf-8", "replace"))

    def get_bytes(self, path):
        return self.request("GET", path)[2]

    def submit(self, form, values, files=()):
        """Sends `form` with its hidden fields and `values` ({name: value or [values]}), and `files` [(name, filename, type, bytes)]."""
        pairs = [(n, v) for n, t, v, _ in form.fields if t == "hidden" and n]
        for name, value in values.items():
            for v in value if isinstance(value, list) else [value]:
                pairs.append((name, v))
        if form.enctype == "multipart/form-data":
            body, ctype = multipart(pairs, files)
        else:
            body, ctype = urllib.parse.urlencode(pairs).encode(), "application/x-www-form-urlencoded"
        p, s, d = self.request("POST", form.action, body, ctype)
        return p, Page(d.decode("utf-8", "replace"))


def multipart(pairs, files):
    boundary = "----roundtrip" + uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in pairs:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode("utf-8") + b"\r\n")
    for name, filename, ctype, data in files:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


# ---------------------------------------------------------------------------
# Files to upload: real PDFs and PNGs, each of content of its own


def pdf(text):
    content = f"BT /F1 14 Tf 24 60 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 120] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for i, o in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{o}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin1")


def png(seed):
    """A 48×32 RGB PNG whose colours come from `seed` (so its bytes are its own)."""
    digest = hashlib.sha256(seed.encode()).digest()
    top, bottom = digest[:3], digest[3:6]

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + (top if y < 16 else bottom) * 48 for y in range(32))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 48, 32, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def totp(secret, at):
    key = base64.b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret) % 8))
    h = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    o = h[19] & 15
    return f"{(struct.unpack('>I', h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000:06d}"


# ---------------------------------------------------------------------------
# The robots


class Log:
    """Every request that changed something: what, on which case, and when (Unix seconds, start and end)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []
        self.submitted = 0
        self.approved = 0
        self.failures = []

    def add(self, **row):
        with self.lock:
            self.rows.append(row)
            if row["what"] == "submit":
                self.submitted += 1
            elif row["what"] == "approve":
                self.approved += 1


CASE_PAGE = re.compile(r"^/applications/(\d+)/page/([a-z_]+)$")


def resident(base, n, log, stop, submitted):
    rng = random.Random(f"resident-{n}-{os.getpid()}")
    i = 0
    while not stop.is_set():
        i += 1
        try:
            apply_once(base, f"r{n}-{i}", rng, log, submitted)
        except Exception as e:  # noqa: BLE001 — every failure is reported, then the run fails
            log.failures.append(f"resident {n}, application {i}: {e}")
            return


def apply_once(base, tag, rng, log, submitted):
    """One application without an account, from the start page to the confirmation."""
    v = Visitor(base, address=f"198.18.{rng.randrange(256)}.{rng.randrange(1, 255)}")
    _, page = v.get(f"/{COMMUNITY}/{SERVICE}/apply")
    t0 = time.time()
    path, page = v.submit(page.form(f"/{COMMUNITY}/{SERVICE}/apply"), {})
    m = CASE_PAGE.match(path)
    if not m:
        raise RobotError(f"Start led to {path}, not the application's first page")
    case = int(m.group(1))
    token = v.cookie("hromada_case")
    log.add(what="create", case=case, t0=t0, t1=time.time(), token=token)
    kind = rng.choice(["proposal", "statement", "complaint"])
    uploaded = []
    for _ in range(12):
        m = CASE_PAGE.match(path)
        if not m:
            break
        step = m.group(2)
        form = page.form(f"/applications/{case}/page/{step}")
        answers, files = {"_action": "continue"}, []
        if step == "kind":
            answers["appeal_kind"] = kind
        elif step == "content":
            answers["appeal_subject"] = f"Не працює освітлення ({tag})"
            answers["appeal_text"] = f"На вулиці Енергетиків не світять ліхтарі вже тиждень. Робот {tag}, {uuid.uuid4()}."
        elif step == "complaint":
            answers["complained_decision"] = f"Відмова відділу благоустрою, лист № {rng.randint(1, 999)} ({tag})"
        elif step == "files":
            # One or two files kept, and one more removed again after a moment's
            # thought: so that a backup's copy is likely to hold a file row that
            # is removed while the backup runs (its content must be in the backup).
            for k in range(rng.choice([1, 2])):
                up = upload(v, form, case, f"{tag}-{k}", rng, log)
                uploaded.append(up)
                _, page = v.get(path)
                form = page.form(f"/applications/{case}/page/{step}")
            if rng.random() < 0.9:
                spare = upload(v, form, case, f"{tag}-spare", rng, log)
                _, page = v.get(path)
                time.sleep(rng.uniform(0.5, 1.5))
                remove = page.form(f"/applications/{case}/files/{spare['file']}/remove")
                t0 = time.time()
                v.submit(remove, {})
                log.add(what="remove", case=case, file=spare["file"], t0=t0, t1=time.time())
                _, page = v.get(path)
                form = page.form(f"/applications/{case}/page/{step}")
        elif step == "contact":
            answers.update(full_name=f"Робот Тестовий {tag}", address="м. Буча, вул. Енергетиків, 7, кв. 12",
                           email=f"robot-{tag}@example.org", phone="", answer_channel="email")
        elif step == "declaration":
            answers.update(signed="yes", personal_data_consent="yes")
        else:
            raise RobotError(f"case {case}: an unexpected page \"{step}\"")
        t0 = time.time()
        path, page = v.submit(form, answers, files)
        log.add(what="page", case=case, step=step, t0=t0, t1=time.time())
    if path != f"/applications/{case}/check":
        raise RobotError(f"case {case}: after the last page came {path}, not the check page")
    t0 = time.time()
    path, page = v.submit(page.form(f"/applications/{case}/submit"), {})
    if path != f"/applications/{case}/done":
        raise RobotError(f"case {case}: submitting led to {path}, not the confirmation")
    log.add(what="submit", case=case, t0=t0, t1=time.time(), files=uploaded, token=token)
    submitted.put(case)


def upload(v, form, case, tag, rng, log):
    """Uploads a file of its own content on the files page; returns {file, sha256, name}."""
    seed = f"{tag} {uuid.uuid4()}"
    if rng.random() < 0.5:
        name, ctype, data = f"dokument-{tag}.pdf", "application/pdf", pdf(f"Robot upload {seed}")
    else:
        name, ctype, data = f"foto-{tag}.png", "image/png", png(seed)
    t0 = time.time()
    path, page = v.submit(form, {"_action": "upload"}, [("attachments", name, ctype, data)])
    ids = [int(x) for x in re.findall(rf"/applications/{case}/files/(\d+)/remove", " ".join(f.action for f in page.forms))]
    if not ids:
        raise RobotError(f"case {case}: after uploading {name} the page offers no file to remove (at {path}: {' / '.join(page.errors)})")
    row = {"file": max(ids), "sha256": hashlib.sha256(data).hexdigest(), "name": name, "size": len(data)}
    log.add(what="upload", case=case, t0=t0, t1=time.time(), **row)
    return row


def officer(base, who, log, stop, submitted):
    email, password, secret = who.split()
    v = Visitor(base, address="198.19.0.1")
    try:
        _, page = v.get("/account/sign-in")
        path, page = v.submit(page.form("/account/sign-in"), {"email": email, "password": password})
        if path != "/account/sign-in/code":
            raise RobotError(f"the officer's password led to {path}, not the code form")
        path, page = v.submit(page.form("/account/sign-in/code"), {"code": totp(secret, time.time())})
        if path.startswith("/account/sign-in"):
            raise RobotError(f"the officer's code was refused: {' / '.join(page.errors)}")
        v.get("/staff")
        n = 0
        while not stop.is_set():
            try:
                case = submitted.get(timeout=0.2)
            except queue.Empty:
                continue
            n += 1
            _, page = v.get(f"/staff/cases/{case}")
            t0 = time.time()
            v.submit(page.form(f"/staff/cases/{case}/claim"), {})
            log.add(what="claim", case=case, t0=t0, t1=time.time())
            _, page = v.get(f"/staff/cases/{case}/act/approve")
            form = page.form(f"/staff/cases/{case}/act/approve")
            answer = pdf(f"Answer {case} {uuid.uuid4()}")
            t0 = time.time()
            path, page = v.submit(form, {"outcome": "explained", "reply_text": f"Роз’яснення до звернення ({n}, {uuid.uuid4()})."},
                                  [("reply_files", f"vidpovid-{case}.pdf", "application/pdf", answer)])
            if path != f"/staff/cases/{case}":
                raise RobotError(f"approving case {case} led to {path}: {' / '.join(page.errors)}")
            log.add(what="approve", case=case, t0=t0, t1=time.time(), sha256=hashlib.sha256(answer).hexdigest())
    except Exception as e:  # noqa: BLE001
        log.failures.append(f"officer: {e}")


def robots(args):
    log, stop, submitted = Log(), threading.Event(), queue.Queue()
    threads = [threading.Thread(target=resident, args=(args.base, n, log, stop, submitted), daemon=True) for n in range(args.residents)]
    if args.officer:
        threads.append(threading.Thread(target=officer, args=(args.base, args.officer, log, stop, submitted), daemon=True))
    for t in threads:
        t.start()
    stop_file, progress = os.path.join(args.out, "stop"), os.path.join(args.out, "progress.json")
    while not os.path.exists(stop_file) and not log.failures:
        write_json(progress, {"submitted": log.submitted, "approved": log.approved, "failures": len(log.failures)})
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join(timeout=60)
    write_json(progress, {"submitted": log.submitted, "approved": log.approved, "failures": len(log.failures)})
    with log.lock:
        write_json(os.path.join(args.out, "robots.json"), {"rows": log.rows, "failures": log.failures})
    for f in log.failures:
        print(f"FAIL robot: {f}", file=sys.stderr)
    print(f"robots: {log.submitted} applications submitted, {log.approved} answered by the officer, "
          f"{sum(r['what'] == 'upload' for r in log.rows)} uploads, {sum(r['what'] == 'remove' for r in log.rows)} removed again")
    return 1 if log.failures else 0


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(value, f)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------
# Reading a database: SQLite by its module, PostgreSQL by psql's CSV

# Each table: its primary key. Every column is compared.
TABLES = {
    "cases": "id",
    "case_events": "id",
    "case_files": "id",
    "audit_log": "seq",
    "documents": "id",
    "signing_keys": "id",
}


def read_table(db, table, key):
    """{key: row (a tuple of text)} and the column names."""
    if db.startswith("postgres://") or db.startswith("postgresql://"):
        sql = f"COPY (SELECT * FROM {table} ORDER BY {key}) TO STDOUT WITH (FORMAT csv, HEADER true, NULL '\\N')"
        out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", db, "-c", sql], check=True, capture_output=True, text=True).stdout
        reader = csv.reader(io.StringIO(out))
        columns = next(reader)
        rows = [tuple(None if v == "\\N" else v for v in r) for r in reader]
    else:
        import sqlite3

        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        cur = con.execute(f"SELECT * FROM {table} ORDER BY {key}")
        columns = [d[0] for d in cur.description]
        rows = [tuple(None if v is None else str(v) for v in r) for r in cur]
        con.close()
    k = columns.index(key)
    return {(r[k] if table == "signing_keys" else int(r[k])): r for r in rows}, columns


# ---------------------------------------------------------------------------
# compare


def compare(args):
    problems = []
    live = {t: read_table(args.live, t, k) for t, k in TABLES.items()}
    restored = {t: read_table(args.restored, t, k) for t, k in TABLES.items()}
    with open(args.robots) as f:
        rows = json.load(f)["rows"]
    t0, t1 = args.window
    # Cases a robot or the officer wrote to after the backup started may differ:
    # the copy holds them as they were at its moment.
    touched_after = {r["case"] for r in rows if r["t1"] >= t0}
    created = {r["case"]: r for r in rows if r["what"] == "create"}
    in_flight = {c for c, r in created.items() if r["t1"] >= t0 and r["t0"] <= t1}
    removed_after = {r["file"] for r in rows if r["what"] == "remove" and r["t1"] >= t0}

    gone_since = []
    for table, (lrows, lcols) in live.items():
        rrows, rcols = restored[table]
        if lcols != rcols:
            problems.append(f"{table}: the restored table's columns {rcols} are not the live one's {lcols}")
            continue
        case_col = lcols.index("case_id") if "case_id" in lcols else None
        own = None  # the restore's own audit row, appended after the copy
        if table == "audit_log" and rrows and rrows[max(rrows)][lcols.index("action")] == "backup.restored":
            own = max(rrows)
        for key, rrow in rrows.items():
            if key == own:
                continue
            lrow = lrows.get(key)
            case = key if table == "cases" else (int(rrow[case_col]) if case_col is not None else None)
            if lrow is None:
                if table == "case_files" and key in removed_after:
                    gone_since.append(key)  # removed from its draft by a robot after the backup started
                    continue
                problems.append(f"{table} {key}: in the restored database, not in the live one")
            elif lrow != rrow:
                if table == "cases" and case in touched_after:
                    # Written to after the backup started: what a case never changes, or
                    # keeps once set (its reference, when it was submitted), must agree.
                    for c in ("community_slug", "service_slug", "service_version", "created_at", "channel", "reference", "submitted_at"):
                        i = lcols.index(c)
                        if rrow[i] is not None and rrow[i] != lrow[i]:
                            problems.append(f"cases {key}: {c} is {rrow[i]!r} in the copy but {lrow[i]!r} live (it never changes once set)")
                    continue
                diff = [f"{c}: live {a!r}, restored {b!r}" for c, a, b in zip(lcols, lrow, rrow) if a != b]
                problems.append(f"{table} {key} (case {case}) differs: {'; '.join(diff)}")
        # A consistent moment: every live row up to the copy's last is in it, but
        # for rows of cases that were being made while the backup ran (on
        # PostgreSQL, a transaction that took its id first may commit after one
        # that took a later id).
        copied = [k for k in rrows if k != own]
        if table != "signing_keys" and copied:
            top = max(copied)
            for key, lrow in lrows.items():
                if key > top or key in rrows:
                    continue
                case = key if table == "cases" else (int(lrow[case_col]) if case_col is not None else None)
                if case in in_flight or (table != "cases" and case in touched_after):
                    continue
                problems.append(f"{table} {key} (case {case}): the live database has it, made before the copy's last row {top}, but the copy lacks it")
    # The audit trail: the live one's first rows exactly, then the restore's own.
    raudit = restored["audit_log"][0]
    rkeys = sorted(raudit)
    if rkeys != list(range(1, len(rkeys) + 1)):
        problems.append("audit_log: the restored rows are not numbered 1..N without gaps")
    if not rkeys or raudit[rkeys[-1]][live["audit_log"][1].index("action")] != "backup.restored":
        problems.append("audit_log: the restored trail does not end with the restore's own row (backup.restored)")

    # Mid-load: the copy holds cases the robots made, and the live installation has later ones.
    rcases, lcases = restored["cases"][0], live["cases"][0]
    submitted = {r["case"]: r for r in rows if r["what"] == "submit"}
    in_copy = [c for c in submitted if c in rcases and rcases[c][lcols_index(live, "cases", "reference")]]
    after = [c for c in lcases if c not in rcases]
    if not in_copy:
        problems.append("the copy holds no application the robots submitted: the backup was not taken under load")
    if not after:
        problems.append("the live installation has no case the copy lacks: the robots did not go on after the backup")
    robot_files = [f for c in in_copy for f in submitted[c]["files"]]
    approved = [r["case"] for r in rows if r["what"] == "approve"]
    docs_during = [k for k, r in restored["documents"][0].items() if int(r[lcols_index(live, "documents", "case_id")]) in set(approved)]
    if not docs_during:
        problems.append("the copy holds no document signed during the load (the officer answered no robot's case before the backup)")

    # Every file row's content is in the restored uploads, under its SHA-256.
    fcols = live["case_files"][1]
    sha_i, size_i = fcols.index("sha256"), fcols.index("size")
    on_disk = 0
    for key, r in restored["case_files"][0].items():
        path = os.path.join(args.uploads, r[sha_i][:2], r[sha_i])
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            problems.append(f"case_files {key}: its content {path} is not in the restored data folder ({e.strerror})")
            continue
        if hashlib.sha256(data).hexdigest() != r[sha_i] or len(data) != int(r[size_i]):
            problems.append(f"case_files {key}: {path} is not the content the row names (SHA-256 or size differ)")
        else:
            on_disk += 1
    # …and the robots' uploads in the copy are the bytes they sent.
    rfiles = restored["case_files"][0]
    for f in robot_files:
        if f["file"] in rfiles and rfiles[f["file"]][sha_i] != f["sha256"]:
            problems.append(f"case_files {f['file']}: restored SHA-256 {rfiles[f['file']][sha_i]}, the robot uploaded {f['sha256']}")

    for p in problems[:60]:
        print(f"FAIL: {p}")
    if len(problems) > 60:
        print(f"… and {len(problems) - 60} more")
    counts = {t: (len(live[t][0]), len(restored[t][0])) for t in TABLES}
    print("rows live/restored: " + ", ".join(f"{t} {a}/{b}" for t, (a, b) in counts.items()))
    print(f"robots' applications in the copy: {len(in_copy)} of {len(submitted)} submitted; live cases after the copy: {len(after)}; "
          f"documents signed during the load in the copy: {len(docs_during)}; file rows {len(rfiles)}, their content on disk by its SHA-256: {on_disk}, "
          f"of which removed from their drafts live after the backup started: {len(gone_since)}")
    with open(args.summary, "w") as f:
        f.write(f"cases live {len(lcases)}, restored {len(rcases)} ({len(in_copy)} of the robots' {len(submitted)} applications); "
                f"file rows {len(rfiles)}, {on_disk} of them on disk by their SHA-256; ")
    return 1 if problems else 0


def lcols_index(tables, table, column):
    return tables[table][1].index(column)


# ---------------------------------------------------------------------------
# served: the restored installation as its server shows it


def served(args):
    problems = []
    v = Visitor(args.base)
    keys_json = v.get_bytes("/.well-known/hromada-keys.json")
    keys_file = os.path.join(args.out, "keys.json")
    with open(keys_file, "wb") as f:
        f.write(keys_json)
    published = {k["id"] for k in json.loads(keys_json)["keys"]}
    docs, cols = read_table(args.db, "documents", "id")
    keys, _ = read_table(args.db, "signing_keys", "id")
    if published != set(keys):
        problems.append(f"the keys file publishes {sorted(published)}, the database holds {sorted(keys)}")
    ci = {c: i for i, c in enumerate(cols)}
    with open(args.robots) as f:
        robot = json.load(f)
    approved = {r["case"] for r in robot["rows"] if r["what"] == "approve"}
    # Every document signed during the load, every revoked one, and a spread of the rest.
    ids = sorted(docs)
    chosen = set(ids[:: max(1, len(ids) // args.sample)])
    chosen |= {k for k, r in docs.items() if int(r[ci["case_id"]]) in approved or r[ci["revoked_at"]]}
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Kyiv")).date().isoformat()  # as `document verify` takes it
    verdicts = {}
    for k in sorted(chosen):
        r = docs[k]
        res = subprocess.run([args.hromada, "document", "verify", "--keys", keys_file, r[ci["payload"]]], capture_output=True, text=True)
        head = (res.stdout or res.stderr).splitlines()[0] if (res.stdout or res.stderr) else ""
        word = head.split(" ")[0]
        verdicts[word] = verdicts.get(word, 0) + 1
        expected = "REVOKED" if r[ci["revoked_at"]] else ("EXPIRED" if r[ci["expires_on"]] and r[ci["expires_on"]][:10] < today else "GENUINE")
        if word != expected or (res.returncode == 0) != (expected == "GENUINE") or r[ci["number"]] not in res.stdout:
            problems.append(f"document {r[ci['number']]} (id {k}): `hromada document verify` said {head!r} (exit {res.returncode}), expected {expected}")
    # A few online, by their verification code, from the restored database.
    for k in sorted(chosen)[: args.online]:
        r = docs[k]
        text = v.get_bytes(f"/verify?code={urllib.parse.quote(r[ci['code']])}").decode("utf-8", "replace")
        if r[ci["number"]] not in text:
            problems.append(f"document {r[ci['number']]}: /verify?code={r[ci['code']]} does not show it")
    # The robots' residents, by their tracking links: their cases and files as uploaded.
    cases, _ = read_table(args.db, "cases", "id")
    seen_cases = seen_files = 0
    for r in [r for r in robot["rows"] if r["what"] == "submit" and r["case"] in cases][: args.residents]:
        resident_v = Visitor(args.base)
        path, page = resident_v.get(f"/track/{r['token']}")
        if path != f"/applications/{r['case']}/status":
            problems.append(f"case {r['case']}: its tracking link leads to {path}, not its status page")
            continue
        seen_cases += 1
        for f in r["files"]:
            data = resident_v.get_bytes(f"/applications/{r['case']}/files/{f['file']}")
            if hashlib.sha256(data).hexdigest() != f["sha256"]:
                problems.append(f"case {r['case']}: file {f['file']} downloads as other bytes than were uploaded")
            seen_files += 1
    for p in problems:
        print(f"FAIL: {p}")
    print(f"documents verified offline against the restored keys file: {len(chosen)} of {len(docs)} "
          f"({', '.join(f'{n} {w}' for w, n in sorted(verdicts.items()))}); online by code: {min(args.online, len(chosen))}; "
          f"robots' cases opened by their tracking link: {seen_cases}, files downloaded as uploaded: {seen_files}")
    with open(args.summary, "a") as f:
        f.write(f"documents verified {len(chosen)} of {len(docs)}; ")
    return 1 if problems else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("robots")
    r.add_argument("--base", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--residents", type=int, default=6)
    r.add_argument("--officer", default="")
    c = sub.add_parser("compare")
    c.add_argument("--live", required=True)
    c.add_argument("--restored", required=True)
    c.add_argument("--robots", required=True)
    c.add_argument("--window", nargs=2, type=float, required=True)
    c.add_argument("--uploads", required=True)
    c.add_argument("--summary", required=True)
    s = sub.add_parser("served")
    s.add_argument("--base", required=True)
    s.add_argument("--hromada", required=True)
    s.add_argument("--db", required=True)
    s.add_argument("--robots", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--summary", required=True)
    s.add_argument("--sample", type=int, default=150)
    s.add_argument("--online", type=int, default=5)
    s.add_argument("--residents", type=int, default=8)
    args = p.parse_args()
    return {"robots": robots, "compare": compare, "served": served}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
