#!/usr/bin/env python3
"""What the answers would change on the realness labels.

usage: effects.py OUT_DIR

For every labelled finding (OUT_DIR/<crate>.findings.json), applies one
decision per answer, the way a Validator rule would use it, once with the
syntax answers and once with rust-analyzer's:

- clone-cost copy/cheap on an UNNECESSARY_CLONE finding: REJECT (no heap copy);
- sink owned (an owned parameter, a constructor, a collection insert),
  converts (`Into`/`ToString`/`Display`) or diverges (`-> !`) on a finding
  that proposes reusing or hoisting the value: REJECT (the value escapes,
  the callee copies anyway, or the call is an exit path);
- conversion-arg owned (`PathBuf::from(String)`): REJECT (no allocation);
- loop-receiver once (`Option::map`): REJECT (not a loop).

A REJECT is right on a WRONG or TRIVIAL label and costs a REAL one. Prints
the tally per side and each finding where the sides differ. Holdout labels
are counted, never listed (their crates' code is not read while rules are
tuned).
"""

import glob
import json
import os
import sys
from collections import Counter, defaultdict

HOLDOUT = {"quick-xml", "du-dust", "minijinja"}
REUSE = {"ALLOCATION_LOOP", "HEAP_AVOIDABLE", "ARENA_CANDIDATE", "LIFETIME_EXTENSION"}


def decide(q, answer, category):
    """The rule a type answer feeds: a reason to reject, or None."""
    if answer is None:
        return None
    c = answer.get("class")
    if c is None:
        return None
    if q == "clone-cost" and category == "UNNECESSARY_CLONE" and c in ("copy", "cheap"):
        return f"clone is {c} ({answer.get('ty')})"
    if q == "sink" and category in REUSE and c in ("owned", "converts", "diverges"):
        return f"callee {c}: {answer.get('detail')} ({answer.get('ty')})"
    if q == "conversion-arg" and c == "owned":
        return f"conversion of an owned {answer.get('ty')} does not allocate"
    if q == "loop-receiver" and c == "once":
        return f"adaptor on {answer.get('ty')} runs at most once"
    return None


def main():
    out_dir = sys.argv[1]
    findings = defaultdict(lambda: {"records": []})
    for path in sorted(glob.glob(os.path.join(out_dir, "*.findings.json"))):
        run = json.load(open(path))
        for r in run["records"]:
            if r.get("label") is None:
                continue
            key = (run["krate"], r["finding"])
            f = findings[key]
            f["records"].append(r)
            f.update(crate=run["krate"], file=r["file"], line=r["finding_line"],
                     category=r["category"], verdict=r["verdict"], label=r["label"],
                     code=r["code_line"])
    tally = {side: Counter() for side in ("syntax", "semantic", "either")}
    rows = []
    for key, f in sorted(findings.items()):
        reasons = {"syntax": [], "semantic": []}
        for r in f["records"]:
            for side in ("syntax", "semantic"):
                why = decide(r["question"], r.get(side), f["category"])
                if why:
                    reasons[side].append(f"{r['question']}: {why}")
        lab = f["label"]["verdict"]
        for side in ("syntax", "semantic", "either"):
            rej = bool(reasons["syntax"] or reasons["semantic"]) if side == "either" else bool(reasons[side])
            if rej:
                ok = lab in ("WRONG", "TRIVIAL")
                already = f["verdict"] == "REJECTED"
                tally[side]["reject " + ("right" if ok else "loses a REAL")] += 1
                if not already:
                    tally[side]["new reject " + ("right" if ok else "loses a REAL")] += 1
        if bool(reasons["syntax"]) != bool(reasons["semantic"]):
            rows.append((f, reasons))
    labelled = len(findings)
    print(f"labelled findings with at least one question: {labelled}")
    print("| answers from | REJECT right (WRONG/TRIVIAL) | of which not REJECTED today | REJECT on a REAL |")
    print("|---|--:|--:|--:|")
    for side, name in (("syntax", "syntax facts"), ("semantic", "rust-analyzer"), ("either", "both")):
        t = tally[side]
        print(f"| {name} | {t['reject right']} | {t['new reject right']} | {t['reject loses a REAL']} |")
    print("\n## Findings where the two sides decide differently\n")
    hidden = 0
    for f, reasons in rows:
        if f["crate"] in HOLDOUT:
            hidden += 1
            continue
        print(f"- {f['crate']} {f['file']}:{f['line']} {f['category']} [{f['verdict']}] "
              f"label {f['label']['verdict']} — `{f['code'][:70]}`")
        for side in ("syntax", "semantic"):
            for why in reasons[side] or ["—"]:
                print(f"  - {side}: {why}")
        print(f"  - label: {f['label']['why']}")
    if hidden:
        print(f"\n({hidden} holdout findings differ; counted above, not listed)")


if __name__ == "__main__":
    main()
