#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""sarif_check.py - check a SARIF log against what SARIF 2.1.0 requires, and GitHub.

Usage: sarif_check.py FILE [--results N] [--self-test]

Written by hand from the SARIF 2.1.0 specification (OASIS, sarif-v2.1.0-os), no
schema download: the properties the spec makes required for the objects a
code-scanning upload uses (sarifLog, run, tool, toolComponent, reportingDescriptor,
multiformatMessageString, result, message, location, physicalLocation,
artifactLocation, region), the value constraints on them (version "2.1.0",
level's enumeration, 1-based lines and columns, ruleIndex pointing at the rule
with that id), and what GitHub code scanning also needs (a rule for every
ruleId, a relative URI for every location, help text on rules). Prints one line
per problem and exits 1 when there is any; --self-test checks that broken logs
are refused.
"""
import copy
import json
import re
import sys

LEVELS = {"none", "note", "warning", "error"}


def is_uri(s):
    return isinstance(s, str) and s != "" and not any(c.isspace() for c in s)


def check_mfms(obj, where, errs, need_text=True):
    """multiformatMessageString: "text" is required (3.12.3)."""
    if not isinstance(obj, dict):
        errs.append(f"{where}: not an object")
        return
    if need_text and not isinstance(obj.get("text"), str):
        errs.append(f"{where}.text: required string missing")


def check_message(obj, where, errs):
    """message: "text" or "id" is required (3.11.2/3.11.10)."""
    if not isinstance(obj, dict):
        errs.append(f"{where}: message object missing")
        return
    if not isinstance(obj.get("text"), str) and not isinstance(obj.get("id"), str):
        errs.append(f"{where}: neither text nor id")
    elif isinstance(obj.get("text"), str) and not obj["text"].strip():
        errs.append(f"{where}.text: empty")


def check_region(obj, where, errs):
    if not isinstance(obj, dict):
        errs.append(f"{where}: not an object")
        return
    has_text_region = any(k in obj for k in ("startLine", "charOffset", "byteOffset"))
    if not has_text_region:
        errs.append(f"{where}: neither startLine, charOffset nor byteOffset")
    for k in ("startLine", "startColumn", "endLine", "endColumn"):
        if k in obj and (not isinstance(obj[k], int) or isinstance(obj[k], bool) or obj[k] < 1):
            errs.append(f"{where}.{k}: must be an integer >= 1, is {obj[k]!r}")
    if "endLine" in obj and "startLine" in obj and obj["endLine"] < obj["startLine"]:
        errs.append(f"{where}: endLine before startLine")


def check_artifact_location(obj, where, errs):
    if not isinstance(obj, dict):
        errs.append(f"{where}: not an object")
        return
    uri = obj.get("uri")
    if not is_uri(uri):
        errs.append(f"{where}.uri: missing or not a URI ({uri!r})")
        return
    # GitHub resolves relative URIs against the repository root; a temporary
    # directory or an absolute path would point nowhere.
    if uri.startswith("/") or re.match(r"^[a-z]+:", uri) or "kmapcheck-gate-" in uri:
        errs.append(f"{where}.uri: not a path relative to the repository ({uri})")


def check_location(obj, where, errs):
    if not isinstance(obj, dict):
        errs.append(f"{where}: not an object")
        return
    pl = obj.get("physicalLocation")
    if pl is None:
        errs.append(f"{where}.physicalLocation: missing (GitHub needs one)")
        return
    if not isinstance(pl, dict):
        errs.append(f"{where}.physicalLocation: not an object")
        return
    # physicalLocation: artifactLocation or address is required (3.29.2).
    if "artifactLocation" not in pl and "address" not in pl:
        errs.append(f"{where}.physicalLocation: neither artifactLocation nor address")
    if "artifactLocation" in pl:
        check_artifact_location(pl["artifactLocation"], f"{where}.physicalLocation.artifactLocation", errs)
    if "region" in pl:
        check_region(pl["region"], f"{where}.physicalLocation.region", errs)
    else:
        errs.append(f"{where}.physicalLocation.region: missing (GitHub needs a line)")


def check_log(log, want_results=None):
    errs = []
    if not isinstance(log, dict):
        return ["sarifLog: not an object"]
    # sarifLog: version and runs are required (3.13.2).
    if log.get("version") != "2.1.0":
        errs.append(f"sarifLog.version: must be \"2.1.0\", is {log.get('version')!r}")
    if "$schema" in log and not is_uri(log["$schema"]):
        errs.append("sarifLog.$schema: not a URI")
    runs = log.get("runs")
    if not isinstance(runs, list):
        errs.append("sarifLog.runs: required array missing")
        return errs
    if len(runs) != 1:
        errs.append(f"sarifLog.runs: GitHub takes one run per tool, found {len(runs)}")
    nresults = 0
    for ri, run in enumerate(runs):
        w = f"runs[{ri}]"
        if not isinstance(run, dict):
            errs.append(f"{w}: not an object")
            continue
        # run: tool is required (3.14.2).
        tool = run.get("tool")
        if not isinstance(tool, dict):
            errs.append(f"{w}.tool: required object missing")
            continue
        # tool: driver is required (3.18.2).
        driver = tool.get("driver")
        if not isinstance(driver, dict):
            errs.append(f"{w}.tool.driver: required object missing")
            continue
        # toolComponent: name is required (3.19.2).
        if not isinstance(driver.get("name"), str) or not driver["name"]:
            errs.append(f"{w}.tool.driver.name: required string missing")
        if "informationUri" in driver and not is_uri(driver["informationUri"]):
            errs.append(f"{w}.tool.driver.informationUri: not a URI")
        rules = driver.get("rules", [])
        if not isinstance(rules, list):
            errs.append(f"{w}.tool.driver.rules: not an array")
            rules = []
        ids = []
        for k, rule in enumerate(rules):
            rw = f"{w}.tool.driver.rules[{k}]"
            if not isinstance(rule, dict):
                errs.append(f"{rw}: not an object")
                ids.append(None)
                continue
            # reportingDescriptor: id is required (3.49.3).
            if not isinstance(rule.get("id"), str) or not rule["id"]:
                errs.append(f"{rw}.id: required string missing")
            ids.append(rule.get("id"))
            for key in ("shortDescription", "fullDescription"):
                if key in rule:
                    check_mfms(rule[key], f"{rw}.{key}", errs)
            if "shortDescription" not in rule:
                errs.append(f"{rw}.shortDescription: missing (GitHub shows it)")
            if "help" in rule:
                check_mfms(rule["help"], f"{rw}.help", errs)
            else:
                errs.append(f"{rw}.help: missing (GitHub shows it)")
            if "helpUri" in rule and not is_uri(rule["helpUri"]):
                errs.append(f"{rw}.helpUri: not a URI")
        if len(set(i for i in ids if i)) != len([i for i in ids if i]):
            errs.append(f"{w}.tool.driver.rules: duplicate ids")
        results = run.get("results")
        if results is None:
            errs.append(f"{w}.results: missing (an empty array says nothing was found)")
            continue
        if not isinstance(results, list):
            errs.append(f"{w}.results: not an array")
            continue
        for k, res in enumerate(results):
            nresults += 1
            rw = f"{w}.results[{k}]"
            if not isinstance(res, dict):
                errs.append(f"{rw}: not an object")
                continue
            # result: message is required (3.27.11).
            check_message(res.get("message"), f"{rw}.message", errs)
            rid = res.get("ruleId")
            if rid is None and "rule" not in res:
                errs.append(f"{rw}: neither ruleId nor rule")
            if rid is not None and rid not in ids:
                errs.append(f"{rw}.ruleId: {rid!r} is not among the driver's rules")
            if "ruleIndex" in res:
                ix = res["ruleIndex"]
                if not isinstance(ix, int) or ix < 0 or ix >= len(ids):
                    errs.append(f"{rw}.ruleIndex: {ix!r} out of range")
                elif rid is not None and ids[ix] != rid:
                    errs.append(f"{rw}.ruleIndex: points at {ids[ix]!r}, ruleId is {rid!r}")
            if "level" in res and res["level"] not in LEVELS:
                errs.append(f"{rw}.level: {res['level']!r} is not one of {sorted(LEVELS)}")
            locs = res.get("locations")
            if not isinstance(locs, list) or not locs:
                errs.append(f"{rw}.locations: GitHub needs at least one")
                continue
            for li, loc in enumerate(locs):
                check_location(loc, f"{rw}.locations[{li}]", errs)
            pf = res.get("partialFingerprints")
            if pf is not None and (not isinstance(pf, dict) or
                                   not all(isinstance(v, str) for v in pf.values())):
                errs.append(f"{rw}.partialFingerprints: must map names to strings")
    if want_results is not None and nresults != want_results:
        errs.append(f"{nresults} results, want {want_results}")
    return errs


def self_test(log):
    """Every one of these breakages must be found, and the log itself must pass."""
    def drop(path):
        def f(x):
            o = x
            for p in path[:-1]:
                o = o[p]
            del o[path[-1]]
        return f

    def put(path, v):
        def f(x):
            o = x
            for p in path[:-1]:
                o = o[p]
            o[path[-1]] = v
        return f

    r0 = ["runs", 0, "results", 0]
    loc = r0 + ["locations", 0, "physicalLocation"]
    breakages = {
        "no version": drop(["version"]),
        "version 2.0.0": put(["version"], "2.0.0"),
        "no runs": drop(["runs"]),
        "no tool": drop(["runs", 0, "tool"]),
        "no driver": drop(["runs", 0, "tool", "driver"]),
        "no driver name": drop(["runs", 0, "tool", "driver", "name"]),
        "rule without id": drop(["runs", 0, "tool", "driver", "rules", 0, "id"]),
        "help without text": put(["runs", 0, "tool", "driver", "rules", 0, "help"], {}),
        "result without message": drop(r0 + ["message"]),
        "message without text": put(r0 + ["message"], {}),
        "unknown ruleId": put(r0 + ["ruleId"], "no-such-rule"),
        "bad level": put(r0 + ["level"], "fatal"),
        "empty physicalLocation": put(loc, {}),
        "absolute uri": put(loc + ["artifactLocation", "uri"], "/tmp/kmapcheck-gate-x/new/a.c"),
        "line 0": put(loc + ["region", "startLine"], 0),
        "column 0": put(loc + ["region", "startColumn"], 0),
        "no region": drop(loc + ["region"]),
    }
    bad = []
    if check_log(log):
        bad.append("the log itself does not pass")
    for name, f in breakages.items():
        broken = copy.deepcopy(log)
        try:
            f(broken)
        except (KeyError, IndexError):
            bad.append(f"{name}: the log has no such part to break")
            continue
        if not check_log(broken):
            bad.append(f"{name}: not detected")
    return bad


def main():
    args = sys.argv[1:]
    want = None
    selftest = "--self-test" in args
    if "--results" in args:
        want = int(args[args.index("--results") + 1])
    path = args[0]
    try:
        with open(path) as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: not JSON: {e}")
        return 1
    errs = self_test(log) if selftest else check_log(log, want)
    for e in errs:
        print(f"{path}: {e}")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
