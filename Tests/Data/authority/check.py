#!/usr/bin/env python3
"""Check Tests/Data/authority/{assignments,questions}.jsonl against the decree texts.

Usage: python3 Tests/Data/authority/check.py [--texts DIR] [--dir DIR] [--strict]

--texts  folder with the decree texts, one paragraph a line (default
         ../shared/data/legal/decrees-2025/texts, resolved against the current
         directory, then against the repository root).
--dir    folder holding assignments.jsonl / questions.jsonl (default: this script's folder).
--strict treat warnings as errors.

Python 3 standard library only. Exit status 0 when clean, 1 on errors.
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

HOLDERS = {
    # vocabulary given in the brief
    "hdnd_tinh": "Hội đồng nhân dân cấp tỉnh",
    "ubnd_tinh": "Ủy ban nhân dân cấp tỉnh",
    "chu_tich_ubnd_tinh": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
    "co_quan_chuyen_mon_tinh": "Cơ quan chuyên môn (đơn vị trực thuộc) Ủy ban nhân dân cấp tỉnh",
    "so_tu_phap": "Sở Tư pháp",
    "so_xay_dung": "Sở Xây dựng",
    "ubnd_xa": "Ủy ban nhân dân cấp xã",
    "chu_tich_ubnd_xa": "Chủ tịch Ủy ban nhân dân cấp xã",
    "cong_chuc_xa": "Công chức chuyên môn cấp xã (tư pháp - hộ tịch…)",
    "co_quan_chuyen_mon_xa": "Cơ quan chuyên môn thuộc Ủy ban nhân dân cấp xã",
    # added (see README.md)
    "ubnd_cac_cap": "Ủy ban nhân dân các cấp",
    "hdnd_xa": "Hội đồng nhân dân cấp xã",
    "cong_an_xa": "Công an cấp xã",
    "ubmttq_xa": "Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã",
    "so_nong_nghiep_moi_truong": "Sở Nông nghiệp và Môi trường",
    "van_phong_dang_ky_dat_dai": "Văn phòng / Chi nhánh Văn phòng đăng ký đất đai",
    "co_quan_trung_uong": "Bộ, cơ quan trung ương (Bộ Xây dựng, Cục Đường bộ Việt Nam…)",
    "co_quan_dai_dien_nuoc_ngoai": "Cơ quan đại diện ngoại giao, lãnh sự của Việt Nam ở nước ngoài",
    "cong_chung_vien": "Công chứng viên",
    "co_so_nuoi_duong": "Cơ sở nuôi dưỡng",
    "co_so_y_te": "Cơ sở y tế (bệnh viện, phòng khám đa khoa, Trung tâm y tế khu vực)",
    "hoi_dong_pbgdpl_tinh": "Hội đồng phối hợp phổ biến, giáo dục pháp luật cấp tỉnh",
    "khac": "Chủ thể khác (xem holder_text)",
}
MODES = {"phân định", "phân quyền", "phân cấp", "ủy quyền"}
FILES = {
    "118/2025/NĐ-CP": "118-2025-ND-CP.txt",
    "120/2025/NĐ-CP": "120-2025-ND-CP.txt",
    "139/2025/NĐ-CP": "139-2025-ND-CP.txt",
    "140/2025/NĐ-CP": "140-2025-ND-CP.txt",
    "144/2025/NĐ-CP": "144-2025-ND-CP.txt",
    "145/2025/NĐ-CP": "145-2025-ND-CP.txt",
    "146/2025/NĐ-CP": "146-2025-ND-CP.txt",
}
ASSIGNMENT_DOCS = {"120/2025/NĐ-CP", "140/2025/NĐ-CP", "118/2025/NĐ-CP", "139/2025/NĐ-CP"}
A_KEYS = ["id", "document", "article", "clause", "point", "power", "field", "holder", "holder_text",
          "previous_holder", "mode", "refers_to", "quote"]
A_OPTIONAL = {"condition", "note", "repealed_by", "in_annex"}
Q_KEYS = ["question", "holder", "basis", "answerable", "as_of"]
Q_OPTIONAL = {"note"}
ID_RE = re.compile(r"^(\d+)-(\w+)(?:-([\wđ]+))?(?:-([a-zđ]|\d+))?(?:#(\d+))?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def norm(s):
    """NFC + collapse whitespace."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def doc_key(number):
    return number.split("/")[0]


class Report:
    def __init__(self, strict):
        self.errors, self.warnings, self.strict = [], [], strict

    def err(self, where, msg):
        self.errors.append(f"ERROR {where}: {msg}")

    def warn(self, where, msg):
        (self.errors if self.strict else self.warnings).append(f"{'ERROR' if self.strict else 'WARN'} {where}: {msg}")


def find_texts(arg):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, "..", "..", ".."))
    cands = [arg] if os.path.isabs(arg) else [os.path.abspath(arg), os.path.join(repo, arg)]
    for c in cands:
        if os.path.isdir(c):
            return c
    sys.exit(f"texts folder not found: tried {', '.join(cands)}")


def load_texts(folder):
    texts = {}
    for number, name in FILES.items():
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            sys.exit(f"missing decree text {path}")
        with open(path, encoding="utf-8") as f:
            raw = unicodedata.normalize("NFC", f.read())
        lines = [l.strip() for l in raw.split("\n")]
        texts[number] = {"flat": norm(raw), "lines": lines}
    return texts


def article_lines(text, article):
    """Lines of the first 'Điều N.' article up to the next article header (None if absent)."""
    lines = text["lines"]
    head = re.compile(r"^Điều\s+(\d+)\.")
    start = None
    for i, l in enumerate(lines):
        m = head.match(l)
        if m and m.group(1) == str(article):
            start = i
            break
    if start is None:
        return None
    out = [lines[start]]
    for l in lines[start + 1:]:
        if head.match(l) or l.startswith("Chương ") or l.startswith("Nơi nhận") or l == "PHỤ LỤC":
            break
        out.append(l)
    return out


def clause_exists(lines, clause):
    pat = re.compile(r"^" + re.escape(str(clause)) + r"\.\s")
    return any(pat.match(l) for l in lines[1:])


def read_jsonl(path, rep):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                rep.err(f"{os.path.basename(path)}:{n}", f"invalid JSON: {e}")
    return rows


def check_assignments(rows, texts, rep):
    ids = collections.Counter(r.get("id") for _, r in rows)
    for n, r in rows:
        where = f"assignments:{n} {r.get('id')}"
        missing = [k for k in A_KEYS if k not in r]
        if missing:
            rep.err(where, f"missing keys {missing}")
            continue
        extra = set(r) - set(A_KEYS) - A_OPTIONAL
        if extra:
            rep.err(where, f"unknown keys {sorted(extra)}")
        if ids[r["id"]] > 1:
            rep.err(where, "duplicate id")
        doc = r["document"]
        if doc not in ASSIGNMENT_DOCS:
            rep.err(where, f"document {doc!r} not one of {sorted(ASSIGNMENT_DOCS)}")
            continue
        m = ID_RE.match(r["id"])
        if not m:
            rep.err(where, "id does not match document-article[-clause[-point]][#n]")
        else:
            want = [doc_key(doc), r["article"], r["clause"], r["point"]]
            got = [m.group(1), m.group(2), m.group(3), m.group(4)]
            if want != got:
                rep.err(where, f"id parts {got} disagree with fields {want}")
        if r["holder"] not in HOLDERS:
            rep.err(where, f"holder {r['holder']!r} not in vocabulary")
        if r["mode"] not in MODES:
            rep.err(where, f"mode {r['mode']!r} not in {sorted(MODES)}")
        if not isinstance(r["refers_to"], list):
            rep.err(where, "refers_to must be a list")
        for k in ("power", "field", "holder_text", "quote"):
            if not isinstance(r[k], str) or not r[k].strip():
                rep.err(where, f"{k} must be a non-empty string")
        quote = norm(r["quote"])
        text = texts[doc]
        if quote not in text["flat"]:
            rep.err(where, "quote not found verbatim in the decree text")
        for k in ("holder_text", "previous_holder", "condition"):
            v = r.get(k)
            if v and norm(v) not in quote:
                rep.err(where, f"{k} {v!r} does not occur in the quote")
        for ref in r["refers_to"]:
            # "as written"; a split citation may be elided with " … " (each part must occur in the quote)
            if any(norm(part) not in quote for part in ref.split(" … ")):
                rep.err(where, f"refers_to {ref!r} does not occur in the quote")
        if r["article"] == "PL":
            if not r.get("in_annex"):
                rep.err(where, "article PL requires in_annex: true")
        else:
            lines = article_lines(text, r["article"])
            if lines is None:
                rep.err(where, f"Điều {r['article']}. not found in {doc}")
            else:
                if r["clause"] is not None and not clause_exists(lines, r["clause"]):
                    rep.err(where, f"khoản {r['clause']} not found in Điều {r['article']}")
                body = norm(" ".join(lines))
                if quote not in body:
                    rep.warn(where, f"quote not inside Điều {r['article']} (multi-line quotes are joined by spaces)")


def check_questions(rows, texts, assignments, rep, label="questions"):
    seen = collections.Counter(norm(r.get("question", "")).lower() for _, r in rows)
    by_article = collections.defaultdict(set)
    for _, a in assignments:
        by_article[(a.get("document"), a.get("article"))].add(a.get("holder"))
    for n, r in rows:
        where = f"{label}:{n}"
        missing = [k for k in Q_KEYS if k not in r]
        if missing:
            rep.err(where, f"missing keys {missing}")
            continue
        extra = set(r) - set(Q_KEYS) - Q_OPTIONAL
        if extra:
            rep.err(where, f"unknown keys {sorted(extra)}")
        if seen[norm(r["question"]).lower()] > 1:
            rep.err(where, "duplicate question")
        if r["holder"] is not None and r["holder"] not in HOLDERS:
            rep.err(where, f"holder {r['holder']!r} not in vocabulary")
        if not isinstance(r["answerable"], bool):
            rep.err(where, "answerable must be true/false")
        if r["answerable"] and r["holder"] is None:
            rep.err(where, "answerable question needs a holder")
        if not r["answerable"] and r["holder"] is not None:
            rep.err(where, "unanswerable question must have holder null")
        if r["as_of"] is not None and not DATE_RE.match(str(r["as_of"])):
            rep.err(where, f"as_of {r['as_of']!r} is not YYYY-MM-DD")
        if r["answerable"] and not r["basis"]:
            rep.err(where, "answerable question needs a basis")
        for bsis in r["basis"]:
            doc = bsis.get("document")
            if doc not in FILES:
                rep.err(where, f"basis document {doc!r} unknown")
                continue
            lines = article_lines(texts[doc], bsis.get("article"))
            if lines is None:
                rep.err(where, f"basis Điều {bsis.get('article')}. not found in {doc}")
                continue
            if bsis.get("clause") is not None and not clause_exists(lines, bsis["clause"]):
                rep.err(where, f"basis khoản {bsis['clause']} not found in Điều {bsis['article']} of {doc}")
        if r["holder"] and r["basis"]:
            first = r["basis"][0]
            if first["document"] in ASSIGNMENT_DOCS:
                holders = by_article.get((first["document"], first["article"]), set())
                if r["holder"] not in holders:
                    rep.warn(where, f"holder {r['holder']} has no assignment record in {first['document']} Điều {first['article']} (fine if the holder is stated in a procedure clause)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", default="../shared/data/legal/decrees-2025/texts")
    ap.add_argument("--dir", default=here)
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    rep = Report(args.strict)
    texts = load_texts(find_texts(args.texts))

    a_rows = read_jsonl(os.path.join(args.dir, "assignments.jsonl"), rep)
    # Gold for NĐ 118 and 139 (fifth session) sits in its own file; checked with the rest.
    extra = os.path.join(args.dir, "assignments-118-139.jsonl")
    if os.path.exists(extra):
        a_rows += read_jsonl(extra, rep)
    q_rows = read_jsonl(os.path.join(args.dir, "questions.jsonl"), rep)
    check_assignments(a_rows, texts, rep)
    check_questions(q_rows, texts, a_rows, rep)
    # Every later question set (questions-fresh.jsonl, questions-set3-*.jsonl, …) is checked the same way.
    for name in sorted(os.listdir(args.dir)):
        if name.startswith("questions-") and name.endswith(".jsonl"):
            check_questions(read_jsonl(os.path.join(args.dir, name), rep), texts, a_rows, rep, name[:-len(".jsonl")])

    readme = os.path.join(args.dir, "README.md")
    if os.path.exists(readme):
        with open(readme, encoding="utf-8") as f:
            rd = f.read()
        for h in HOLDERS:
            if f"`{h}`" not in rd:
                rep.err("README.md", f"holder value `{h}` not documented")
    else:
        rep.err("README.md", "missing")

    A = [r for _, r in a_rows]
    Q = [r for _, r in q_rows]
    print(f"assignments: {len(A)}")
    for label, key in (("document", "document"), ("holder", "holder"), ("mode", "mode")):
        c = collections.Counter(r.get(key) for r in A)
        print(f"  by {label}: " + ", ".join(f"{k}={v}" for k, v in c.most_common()))
    print(f"  with previous_holder: {sum(1 for r in A if r.get('previous_holder'))}; "
          f"repealed_by: {sum(1 for r in A if r.get('repealed_by'))}; in_annex: {sum(1 for r in A if r.get('in_annex'))}")
    ascii_q = sum(1 for r in Q if all(ord(ch) < 128 for ch in r.get("question", "")))
    print(f"questions: {len(Q)}; answerable={sum(1 for r in Q if r.get('answerable'))}, "
          f"not answerable={sum(1 for r in Q if r.get('answerable') is False)}, "
          f"without diacritics={ascii_q}, with as_of={sum(1 for r in Q if r.get('as_of'))}")
    c = collections.Counter(b["document"] for r in Q for b in r.get("basis", [])[:1])
    print("  by first-basis document: " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    c = collections.Counter(r.get("holder") for r in Q)
    print("  by holder: " + ", ".join(f"{k}={v}" for k, v in c.most_common()))
    if len(Q) < 110:
        rep.err("questions", f"only {len(Q)} questions (need ≥ 110)")
    if sum(1 for r in Q if r.get("answerable") is False) < 12:
        rep.err("questions", "fewer than 12 unanswerable questions")
    for w in rep.warnings:
        print(w)
    for e in rep.errors:
        print(e)
    print(f"{len(rep.errors)} errors, {len(rep.warnings)} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
