#!/usr/bin/env python3
"""Writes the request lists of the load test into Benchmarks/load/data/ (committed; rerun after the test data change).

  citizen.jsonl    bodies for POST /api/v1/assistant/procedures  (Tests/Data/assistant-eval.jsonl, with and without diacritics)
  authority.jsonl  bodies for POST /api/v1/assistant/authority   (Tests/Data/authority/questions.jsonl, with and without diacritics)
  search.txt       paths  GET /api/v1/procedures?q=…             (words of the bundled procedure names)
  pages.txt        paths  GET /thu-tuc/{code} and /thu-tuc/danh-muc?q=…
Run from the repository root: python3 Benchmarks/load/make-data.py
"""
import json, pathlib, unicodedata, urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Benchmarks/load/data"


def strip(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def unique(items):
    seen, out = set(), []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def questions(path):
    qs = [json.loads(line)["question"] for line in open(path, encoding="utf-8") if line.strip()]
    return unique(qs + [strip(q) for q in qs])


def write_lines(name, lines):
    (OUT / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{name}: {len(lines)} requests")


OUT.mkdir(parents=True, exist_ok=True)
write_lines("citizen.jsonl", [json.dumps({"question": q}, ensure_ascii=False) for q in questions(ROOT / "Tests/Data/assistant-eval.jsonl")])
write_lines("authority.jsonl", [json.dumps({"question": q}, ensure_ascii=False) for q in questions(ROOT / "Tests/Data/authority/questions.jsonl")])

codes, names = [], []
for f in ["national-db-records.jsonl", "curated.jsonl"]:
    for line in open(ROOT / "Sources/HaiCapData/Resources/procedures" / f, encoding="utf-8"):
        row = json.loads(line)
        codes.append(row["thu_tuc_id"])
        names.append(row["metadata"].get("tên_thủ_tục") or "")
terms = []
for name in names:
    words = [w for w in name.replace(",", " ").split() if w.lower() not in {"thủ", "tục"}]
    if len(words) >= 2:
        terms.append(" ".join(words[:2]).lower())
    if len(words) >= 4:
        terms.append(" ".join(words[2:4]).lower())
terms = unique(terms + [strip(t) for t in terms])
q = lambda t: urllib.parse.quote(t, safe="")
write_lines("search.txt", [f"/api/v1/procedures?q={q(t)}" for t in terms])
write_lines("pages.txt", unique([f"/thu-tuc/{urllib.parse.quote(c)}" for c in codes]) + [f"/thu-tuc/danh-muc?q={q(t)}" for t in terms[:150]] + ["/thu-tuc/danh-muc", "/thu-tuc"])
