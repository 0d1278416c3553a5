#!/usr/bin/env python3
"""Compares the syntax and semantic answers that types-eval wrote.

usage: report.py OUT_DIR

Reads OUT_DIR/<crate>.<mode>.json (types-eval's output) and
OUT_DIR/<crate>.<mode>.time (GNU time -v of that run), prints markdown
tables: per question, how often each side answers and how often they agree;
time and peak memory per crate; and, for labelled findings, every question
where rust-analyzer says something the syntax facts did not.
"""

import glob
import json
import os
import re
import statistics
import sys
from collections import Counter, defaultdict

QUESTIONS = ["clone-cost", "sink", "binding", "loop-item", "loop-receiver", "conversion-arg"]


def load(out_dir, mode):
    runs = []
    for path in sorted(glob.glob(os.path.join(out_dir, f"*.{mode}.json"))):
        with open(path) as f:
            run = json.load(f)
        time_path = path[: -len(".json")] + ".time"
        run["rss_mb"] = None
        run["wall"] = None
        if os.path.exists(time_path):
            text = open(time_path).read()
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
            if m:
                run["rss_mb"] = int(m.group(1)) / 1024
            m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
            if m:
                parts = [float(p) for p in m.group(1).split(":")]
                secs = 0.0
                for p in parts:
                    secs = secs * 60 + p
                run["wall"] = secs
        runs.append(run)
    return runs


def norm(ty):
    """A type string without lifetimes, module paths or the default
    allocator, with rust-analyzer's `{unknown}` written as syntax writes it."""
    t = ty.replace("{unknown}", "?")
    t = re.sub(r"'[a-z_]+ ?", "", t)
    t = re.sub(r"\b[A-Za-z_][A-Za-z0-9_]*::", "", t)
    t = t.replace(", Global>", ">")
    t = re.sub(r"&mut ", "&", t)
    return t.replace(" ", "")


def split_top(t):
    parts, depth, cur = [], 0, ""
    for ch in t:
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def head(ty):
    """The outer constructor, references peeled; tuples by their elements."""
    t = norm(ty).lstrip("&")
    if t.startswith("(") and t.endswith(")"):
        inner = t[1:-1]
        return "(" + ",".join(head(p) for p in split_top(inner) if p) + ")"
    return t.split("<")[0] or "?"


def compatible(syn, sem):
    """Syntax's type matches rust-analyzer's where syntax says anything (`?`
    stands for any type)."""
    pat = re.escape(norm(syn)).replace(r"\?", ".*")
    return re.fullmatch(pat, norm(sem)) is not None


def cls(a, q=None):
    if a is None or a.get("class") is None:
        return None
    if q in ("binding", "loop-item") and a.get("ty"):
        h = head(a["ty"])
        return None if h.strip("()?,") == "" else h
    return a.get("class")


def dedupe(records):
    seen, out = set(), []
    for r in records:
        k = (r.get("_crate"), r["file"], r["line"], r["col"], r["question"])
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def agreement(records):
    """Per question: n, syntax answered, semantic answered, both, agree."""
    rows = {}
    for q in QUESTIONS:
        rs = [r for r in records if r["question"] == q]
        if not rs:
            continue
        syn = sum(1 for r in rs if cls(r["syntax"], q) is not None)
        sem = sum(1 for r in rs if cls(r["semantic"], q) is not None)
        both = [r for r in rs if cls(r["syntax"], q) is not None and cls(r["semantic"], q) is not None]
        agree = sum(1 for r in both if cls(r["syntax"], q) == cls(r["semantic"], q))
        only_sem = sum(1 for r in rs if cls(r["syntax"], q) is None and cls(r["semantic"], q) is not None)
        only_syn = sum(1 for r in rs if cls(r["syntax"], q) is not None and cls(r["semantic"], q) is None)
        full = sum(1 for r in both if q in ("binding", "loop-item")
                   and compatible(r["syntax"]["ty"], r["semantic"]["ty"]))
        rows[q] = dict(n=len(rs), syn=syn, sem=sem, both=len(both), agree=agree,
                       only_sem=only_sem, only_syn=only_syn, full=full)
    return rows


def pct(a, b):
    return "—" if b == 0 else f"{100 * a / b:.0f}%"


def agreement_table(records, title):
    print(f"\n### {title}\n")
    print("| question | asked | syntax answers | rust-analyzer answers | both | agree when both | whole type compatible | only RA | only syntax |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for q, r in agreement(records).items():
        full = f"{r['full']} ({pct(r['full'], r['both'])})" if q in ("binding", "loop-item") else "—"
        print(f"| {q} | {r['n']} | {r['syn']} ({pct(r['syn'], r['n'])}) | {r['sem']} ({pct(r['sem'], r['n'])}) "
              f"| {r['both']} | {r['agree']} ({pct(r['agree'], r['both'])}) | {full} | {r['only_sem']} | {r['only_syn']} |")


def class_matrix(records, q):
    m = Counter()
    for r in records:
        if r["question"] == q:
            m[(cls(r["syntax"], q) or "?", cls(r["semantic"], q) or "?")] += 1
    return m


def timing_table(runs):
    print("\n| crate | mode | questions | files | load s | RA answering s | per question median / p90 / max ms | peak RSS MB | wall s |")
    print("|---|---|--:|--:|--:|--:|---|--:|--:|")
    for run in runs:
        micros = [r["semantic_micros"] for r in run["records"] if r.get("semantic_micros") is not None]
        if micros:
            micros.sort()
            med = statistics.median(micros) / 1000
            p90 = micros[int(0.9 * (len(micros) - 1))] / 1000
            mx = micros[-1] / 1000
            per = f"{med:.2f} / {p90:.1f} / {mx:.0f}"
        else:
            per = "—"
        load = "—" if run["load_seconds"] is None else f"{run['load_seconds']:.1f}"
        ans = "—" if run["semantic_seconds"] is None else f"{run['semantic_seconds']:.1f}"
        rss = "—" if run["rss_mb"] is None else f"{run['rss_mb']:.0f}"
        wall = "—" if run["wall"] is None else f"{run['wall']:.1f}"
        print(f"| {run['krate']} | {run['mode']} | {len(run['records'])} | {run['files']} | {load} | {ans} | {per} | {rss} | {wall} |")


def short(a):
    if a is None:
        return "—"
    t = a.get("ty") or ""
    c = a.get("class") or "?"
    d = a.get("detail") or ""
    return f"{c} `{t}` ({d})" if t else f"{c} ({d})"


def differences(runs):
    print("\n## Labelled findings where rust-analyzer adds or changes an answer\n")
    for run in runs:
        for r in run["records"]:
            if r.get("label") is None:
                continue
            s, m = cls(r["syntax"], r["question"]), cls(r["semantic"], r["question"])
            if m is None or s == m:
                continue
            lab = r["label"]
            print(f"- {run['krate']} {r['file']}:{r['line']} {r['category']} [{r['verdict']}] "
                  f"label {lab['verdict']}: {r['question']} `{r['site_text'][:60]}`\n"
                  f"  - syntax: {short(r['syntax'])}\n  - RA: {short(r['semantic'])}\n"
                  f"  - label: {lab['why']}")


def main():
    out_dir = sys.argv[1]
    for mode in ["findings", "all-sites"]:
        runs = load(out_dir, mode)
        if not runs:
            continue
        for run in runs:
            for r in run["records"]:
                r["_crate"] = run["krate"]
        records = dedupe([r for run in runs for r in run["records"]])
        print(f"\n## Mode: {mode} ({len(runs)} crates, {len(records)} questions)")
        agreement_table(records, "All crates")
        for split_name in ["tune", "holdout"]:
            pass
        for q in QUESTIONS:
            m = class_matrix(records, q)
            if m:
                cells = ", ".join(f"{a}→{b}: {n}" for (a, b), n in sorted(m.items(), key=lambda x: -x[1]))
                print(f"\n{q} (syntax→RA): {cells}")
        timing_table(runs)
        fails = [(run["krate"], f) for run in runs for f in run["failures"]]
        if fails:
            print(f"\nfailures: {len(fails)}")
            for k, f in fails[:20]:
                print(f"- {k}: {f}")
        if mode == "findings":
            differences(runs)


if __name__ == "__main__":
    main()
