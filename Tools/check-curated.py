#!/usr/bin/env python3
"""Check the curated procedure records (and optionally the assistant question sets).

Usage (from the repository root):

    python3 Tools/check-curated.py
    python3 Tools/check-curated.py --legal-root ../shared/data \
        --file Sources/HaiCapData/Resources/procedures/curated.jsonl \
        --questions Sources/HaiCapData/Resources/assistant/questions-train.jsonl \
        --questions Tests/Data/assistant-eval.jsonl

What is checked, for every record of curated.jsonl:
  * the line is a JSON object with the national-database keys (thu_tuc_id, metadata, content, tables)
    and the "haicap" extension (curated, code_is_national, cases, facts, sources, unknown,
    valid_from, valid_to, keywords);
  * every source names a file that exists under --legal-root, and its quote occurs in that file
    after collapsing runs of whitespace to one space (no other normalisation: the quote must be
    a verbatim copy);
  * every "source" / "also" index in facts, case documents, fee notes and validity_sources points at an
    existing source; "pending" OCR passages (kept out of the facts until an official checks them)
    must occur in their file as given;
  * every non-empty factual value in content / tables is backed by at least one fact of the
    matching field (e.g. thoi_han_giai_quyet -> time_limit, phi_le_phi -> fee);
  * a field listed in "unknown" has no fact, and a table value for it is empty;
  * thu_tuc_id is unique and equals metadata.mã_thủ_tục.

For question files: each line has question/intent/procedure/kind with allowed values, procedure is
null or a curated thu_tuc_id, not_found/out_of_scope lines have procedure null; and when two files
are given, no question of the second appears (after normalising) in the first.

Prints a summary; exits 1 when any problem is found. Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys
import unicodedata

REQUIRED_TOP = ["thu_tuc_id", "metadata", "content", "tables", "haicap"]
REQUIRED_META = ["mã_thủ_tục", "tên_thủ_tục", "số_quyết_định", "cấp_thực_hiện", "loại_thủ_tục", "lĩnh_vực"]
REQUIRED_CONTENT = ["trình_tự_thực_hiện", "cách_thức_thực_hiện", "đối_tượng_thực_hiện", "cơ_quan_thực_hiện",
                    "cơ_quan_có_thẩm_quyền", "cơ_quan_được_ủy_quyền", "cơ_quan_phối_hợp", "địa_chỉ_tiếp_nhận_hs",
                    "kết_quả_thực_hiện", "yêu_cầu_điều_kiện_thực_hiện", "từ_khóa", "mô_tả"]
REQUIRED_TABLES = ["hinh_thuc_nop", "thanh_phan_ho_so", "can_cu_phap_ly"]
REQUIRED_HAICAP = ["curated", "code_is_national", "cases", "facts", "sources", "unknown", "valid_from",
                   "valid_to", "keywords"]
FACT_FIELDS = {"documents", "time_limit", "fee", "agency", "steps", "conditions", "result", "channel", "subjects"}
# content key -> fact field that must back a non-empty value
CONTENT_BACKING = {
    "trình_tự_thực_hiện": "steps",
    "cách_thức_thực_hiện": "channel",
    "đối_tượng_thực_hiện": "subjects",
    "cơ_quan_thực_hiện": "agency",
    "cơ_quan_có_thẩm_quyền": "agency",
    "cơ_quan_được_ủy_quyền": "agency",
    "cơ_quan_phối_hợp": "agency",
    "địa_chỉ_tiếp_nhận_hs": "agency",
    "kết_quả_thực_hiện": "result",
    "yêu_cầu_điều_kiện_thực_hiện": "conditions",
}
EMPTY_VALUES = {"", "Không có thông tin", None}
INTENTS = {"documents", "fee", "time_limit", "place", "steps", "online", "conditions", "result", "legal_basis",
           "overview"}
KINDS = {"answer", "not_found", "out_of_scope"}


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def fold(text):
    """Lower-case, strip diacritics and punctuation: used only to compare questions."""
    t = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    t = "".join(c for c in t if unicodedata.category(c) != "Mn")
    t = re.sub(r"[^a-z0-9 ]+", " ", t)
    return collapse(t)


class Report:
    def __init__(self):
        self.problems = []
        self.warnings = []

    def error(self, where, msg):
        self.problems.append(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: {msg}")


def resolve_root(root):
    if os.path.isabs(root) and os.path.isdir(root):
        return root
    for base in (os.getcwd(), os.path.dirname(os.path.dirname(os.path.abspath(__file__)))):
        cand = os.path.normpath(os.path.join(base, root))
        if os.path.isdir(cand):
            return cand
    return os.path.normpath(os.path.join(os.getcwd(), root))


def check_records(path, legal_root, rep):
    cache = {}
    ids = set()
    stats = {"records": 0, "sources": 0, "facts": 0, "quotes_ok": 0, "unknown": {}}
    if not os.path.isfile(path):
        rep.error(path, "file not found")
        return ids, stats
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for n, line in enumerate(lines, 1):
        where = f"{os.path.basename(path)}:{n}"
        if not line.strip():
            rep.error(where, "empty line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            rep.error(where, f"invalid JSON: {e}")
            continue
        if not isinstance(rec, dict):
            rep.error(where, "not a JSON object")
            continue
        stats["records"] += 1
        missing = [k for k in REQUIRED_TOP if k not in rec]
        if missing:
            rep.error(where, f"missing keys {missing}")
            continue
        rid = rec["thu_tuc_id"]
        where = f"{where} [{rid}]"
        if rid in ids:
            rep.error(where, "duplicate thu_tuc_id")
        ids.add(rid)
        meta, content, tables, hc = rec["metadata"], rec["content"], rec["tables"], rec["haicap"]
        for k in REQUIRED_META:
            if k not in meta:
                rep.error(where, f"metadata.{k} missing")
        if meta.get("mã_thủ_tục") != rid:
            rep.error(where, "metadata.mã_thủ_tục differs from thu_tuc_id")
        if not meta.get("tên_thủ_tục"):
            rep.error(where, "empty tên_thủ_tục")
        for k in REQUIRED_CONTENT:
            if k not in content:
                rep.error(where, f"content.{k} missing")
        for k in REQUIRED_TABLES:
            if not isinstance(tables.get(k), list):
                rep.error(where, f"tables.{k} missing or not a list")
        for k in REQUIRED_HAICAP:
            if k not in hc:
                rep.error(where, f"haicap.{k} missing")
        if hc.get("curated") is not True:
            rep.error(where, "haicap.curated must be true")
        sources = hc.get("sources") or []
        facts = hc.get("facts") or []
        nsrc = len(sources)
        stats["sources"] += nsrc
        stats["facts"] += len(facts)
        if nsrc == 0:
            rep.error(where, "no sources")
        # sources and quotes
        for i, s in enumerate(sources):
            sw = f"{where} source[{i}]"
            for k in ("document", "citation", "file", "quote"):
                if not s.get(k):
                    rep.error(sw, f"{k} missing or empty")
            f = s.get("file")
            q = s.get("quote")
            if not f or not q:
                continue
            full = os.path.join(legal_root, f)
            if f not in cache:
                if os.path.isfile(full):
                    with open(full, encoding="utf-8") as fh:
                        cache[f] = collapse(fh.read())
                else:
                    cache[f] = None
            text = cache[f]
            if text is None:
                rep.error(sw, f"file not found: {full}")
                continue
            cq = collapse(q)
            if len(cq) < 15:
                rep.warn(sw, "very short quote")
            if cq in text:
                stats["quotes_ok"] += 1
            elif unicodedata.normalize("NFC", cq) in unicodedata.normalize("NFC", text):
                rep.error(sw, "quote matches only after Unicode normalisation: copy it byte for byte")
            else:
                rep.error(sw, f"quote not found in {f}: {cq[:90]}...")
        used = set()

        def check_index(idx, w):
            if not isinstance(idx, int) or idx < 0 or idx >= nsrc:
                rep.error(w, f"source index {idx!r} out of range (0..{nsrc - 1})")
            else:
                used.add(idx)

        fact_fields = set()
        for j, fa in enumerate(facts):
            fw = f"{where} fact[{j}]"
            if fa.get("field") not in FACT_FIELDS:
                rep.error(fw, f"unknown field {fa.get('field')!r}")
            if not fa.get("value"):
                rep.error(fw, "empty value")
            check_index(fa.get("source"), fw)
            for extra in fa.get("also") or []:
                check_index(extra, fw + " also")
            fact_fields.add(fa.get("field"))
        for c, case in enumerate(hc.get("cases") or []):
            cw = f"{where} case[{c}]"
            if not case.get("name"):
                rep.error(cw, "case without name")
            for d, doc in enumerate(case.get("documents") or []):
                dw = f"{cw} doc[{d}]"
                if not doc.get("name"):
                    rep.error(dw, "document without name")
                check_index(doc.get("source"), dw)
                if "documents" not in fact_fields:
                    rep.error(dw, "case documents but no 'documents' fact")
            if "source" in case and case["source"] is not None:
                check_index(case["source"], cw)
        fee = hc.get("fee")
        if isinstance(fee, dict) and fee.get("source") is not None:
            check_index(fee["source"], f"{where} fee")
        for idx in hc.get("validity_sources") or []:
            check_index(idx, f"{where} validity_sources")
        for idx in hc.get("note_sources") or []:
            check_index(idx, f"{where} note_sources")
        # OCR passages kept aside until an official checks them: the raw OCR text must exist
        for k, pend in enumerate(hc.get("pending") or []):
            pw = f"{where} pending[{k}]"
            pf, pq = pend.get("file"), pend.get("ocr_text")
            if not pf or not pq:
                rep.error(pw, "file/ocr_text missing")
                continue
            full = os.path.join(legal_root, pf)
            if pf not in cache:
                cache[pf] = collapse(open(full, encoding="utf-8").read()) if os.path.isfile(full) else None
            if cache[pf] is None or collapse(pq) not in cache[pf]:
                rep.error(pw, f"ocr_text not found in {pf}")
            if pend.get("field") in fact_fields:
                rep.warn(pw, f"pending field {pend.get('field')!r} also has a verified fact")
        for i in range(nsrc):
            if i not in used:
                rep.warn(where, f"source[{i}] is not referenced by any fact or document")
        unknown = hc.get("unknown") or []
        for u in unknown:
            stats["unknown"][u] = stats["unknown"].get(u, 0) + 1
            if u not in FACT_FIELDS:
                rep.error(where, f"unknown lists {u!r}, not a fact field")
            if u in fact_fields:
                rep.error(where, f"{u!r} listed as unknown but has a fact")
        # backing of content values
        for k, field in CONTENT_BACKING.items():
            v = content.get(k)
            if v not in EMPTY_VALUES and field not in fact_fields:
                rep.error(where, f"content.{k} states something but there is no '{field}' fact")
        for r, row in enumerate(tables.get("hinh_thuc_nop") or []):
            rw = f"{where} hinh_thuc_nop[{r}]"
            if row.get("hinh_thuc") not in EMPTY_VALUES and "channel" not in fact_fields:
                rep.error(rw, "hinh_thuc without a 'channel' fact")
            if row.get("thoi_han_giai_quyet") not in EMPTY_VALUES and "time_limit" not in fact_fields:
                rep.error(rw, "thoi_han_giai_quyet without a 'time_limit' fact")
            if row.get("phi_le_phi") not in EMPTY_VALUES and "fee" not in fact_fields:
                rep.error(rw, "phi_le_phi without a 'fee' fact")
            if "time_limit" in unknown and row.get("thoi_han_giai_quyet") not in EMPTY_VALUES:
                rep.error(rw, "time_limit unknown but thoi_han_giai_quyet filled")
            if "fee" in unknown and row.get("phi_le_phi") not in EMPTY_VALUES:
                rep.error(rw, "fee unknown but phi_le_phi filled")
        if (tables.get("thanh_phan_ho_so") or []) and "documents" not in fact_fields:
            rep.error(where, "thanh_phan_ho_so filled but no 'documents' fact")
        if not (tables.get("can_cu_phap_ly") or []):
            rep.error(where, "can_cu_phap_ly is empty")
        for k in ("valid_from",):
            v = hc.get(k)
            if not (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)):
                rep.error(where, f"{k} must be YYYY-MM-DD")
        v = hc.get("valid_to")
        if v is not None and not (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)):
            rep.error(where, "valid_to must be null or YYYY-MM-DD")
        if not hc.get("keywords"):
            rep.warn(where, "no keywords")
    return ids, stats


def check_questions(paths, ids, rep):
    seen_sets = []
    summary = []
    for path in paths:
        counts = {"lines": 0, "intent": {}, "kind": {}}
        folded = set()
        if not os.path.isfile(path):
            rep.error(path, "file not found")
            continue
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh.read().splitlines(), 1):
                where = f"{os.path.basename(path)}:{n}"
                try:
                    q = json.loads(line)
                except json.JSONDecodeError as e:
                    rep.error(where, f"invalid JSON: {e}")
                    continue
                counts["lines"] += 1
                for k in ("question", "intent", "procedure", "kind"):
                    if k not in q:
                        rep.error(where, f"missing {k}")
                if not q.get("question"):
                    rep.error(where, "empty question")
                if q.get("intent") not in INTENTS:
                    rep.error(where, f"bad intent {q.get('intent')!r}")
                if q.get("kind") not in KINDS:
                    rep.error(where, f"bad kind {q.get('kind')!r}")
                p = q.get("procedure")
                if q.get("kind") == "answer":
                    if p not in ids:
                        rep.error(where, f"procedure {p!r} is not a curated thu_tuc_id")
                elif p is not None:
                    rep.error(where, "not_found/out_of_scope must have procedure null")
                counts["intent"][q.get("intent")] = counts["intent"].get(q.get("intent"), 0) + 1
                counts["kind"][q.get("kind")] = counts["kind"].get(q.get("kind"), 0) + 1
                fq = fold(q.get("question", ""))
                if fq in folded:
                    rep.warn(where, f"duplicate question in file: {q.get('question')}")
                folded.add(fq)
                for prev_path, prev in seen_sets:
                    if fq in prev:
                        rep.error(where, f"question also in {os.path.basename(prev_path)}: {q.get('question')}")
        seen_sets.append((path, folded))
        summary.append((path, counts))
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--legal-root", default="../shared/data",
                    help="folder the 'file' paths of the sources are relative to (default ../shared/data)")
    ap.add_argument("--file", default="Sources/HaiCapData/Resources/procedures/curated.jsonl")
    ap.add_argument("--questions", action="append", default=[],
                    help="question-set JSONL to check (repeatable; later files are checked for overlap "
                         "with earlier ones)")
    ap.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = ap.parse_args()
    rep = Report()
    legal_root = resolve_root(args.legal_root)
    path = args.file
    if not os.path.isabs(path) and not os.path.exists(path):
        alt = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), path)
        if os.path.exists(alt):
            path = alt
    ids, stats = check_records(path, legal_root, rep)
    qpaths = []
    for qp in args.questions:
        if not os.path.isabs(qp) and not os.path.exists(qp):
            alt = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), qp)
            qp = alt if os.path.exists(alt) else qp
        qpaths.append(qp)
    qsum = check_questions(qpaths, ids, rep) if qpaths else []

    print(f"legal root: {legal_root}")
    print(f"records: {stats['records']}  sources: {stats['sources']}  quotes found: {stats['quotes_ok']}  "
          f"facts: {stats['facts']}")
    if stats["unknown"]:
        print("fields left unknown: " + ", ".join(f"{k}={v}" for k, v in sorted(stats["unknown"].items())))
    for p, c in qsum:
        print(f"{os.path.basename(p)}: {c['lines']} questions; kind " +
              ", ".join(f"{k}={v}" for k, v in sorted(c["kind"].items(), key=str)) + "; intent " +
              ", ".join(f"{k}={v}" for k, v in sorted(c["intent"].items(), key=str)))
    if rep.warnings and not args.quiet:
        print(f"\n{len(rep.warnings)} warning(s):")
        for w in rep.warnings:
            print("  WARN " + w)
    if rep.problems:
        print(f"\n{len(rep.problems)} problem(s):")
        for p in rep.problems:
            print("  FAIL " + p)
        sys.exit(1)
    print("\nOK: no problems")


if __name__ == "__main__":
    main()
