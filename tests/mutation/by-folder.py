#!/usr/bin/env python3
"""Sums a Stryker JSON report (mutation-report.json) per folder of src/Trust.

Usage: python3 tests/mutation/by-folder.py StrykerOutput/<run>/reports/mutation-report.json [--survivors]
With --survivors, also lists every surviving and uncovered mutant as file:line, mutator, replacement.
Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker computes it;
compile errors and ignored mutants do not count.
"""
import json
import sys
from collections import defaultdict

COUNTED = ("Killed", "Survived", "NoCoverage", "Timeout")


def folder_of(path):
    parts = path.replace("\\", "/").split("/")
    if "Trust" in parts:
        parts = parts[len(parts) - 1 - parts[::-1].index("Trust") + 1:]
    return parts[0] if len(parts) > 1 else "(root files)"


def main(report_path):
    report = json.load(open(report_path, encoding="utf-8"))
    totals = defaultdict(lambda: defaultdict(int))
    for path, file in report["files"].items():
        for mutant in file["mutants"]:
            totals[folder_of(path)][mutant["status"]] += 1
            totals["TOTAL"][mutant["status"]] += 1
    print("| folder | killed | survived | no coverage | timeout | score |")
    print("|---|---:|---:|---:|---:|---:|")
    for folder in sorted(totals, key=lambda f: (f == "TOTAL", f)):
        t = totals[folder]
        detected = t["Killed"] + t["Timeout"]
        valid = detected + t["Survived"] + t["NoCoverage"]
        score = f"{100.0 * detected / valid:.1f}%" if valid else "n/a"
        name = f"**{folder}**" if folder == "TOTAL" else folder
        print(f"| {name} | {t['Killed']} | {t['Survived']} | {t['NoCoverage']} | {t['Timeout']} | {score} |")


def survivors(report_path):
    report = json.load(open(report_path, encoding="utf-8"))
    for path, file in sorted(report["files"].items()):
        short = path.replace("\\", "/").split("/src/Trust/")[-1]
        for mutant in sorted(file["mutants"], key=lambda m: m["location"]["start"]["line"]):
            if mutant["status"] in ("Survived", "NoCoverage"):
                replacement = (mutant.get("replacement") or "").replace("\n", " ")[:90]
                print(f"{mutant['status']:10} {short}:{mutant['location']['start']['line']} {mutant['mutatorName']}: {replacement}")


if __name__ == "__main__":
    main(sys.argv[1])
    if "--survivors" in sys.argv:
        survivors(sys.argv[1])
