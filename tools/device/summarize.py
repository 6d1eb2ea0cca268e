#!/usr/bin/env python3
"""Summarizes a device check's results folder (tools/device/gpu_check.sh) in plain text.

Reads what each stage left there (NAME.out, NAME.status, bench-N.kernels, run.json) and prints
the device, verify's verdict, the step time of every kernel setting, the kernels of the fastest
one beside the expected times in tools/device/expected.json (written by expected.py), the PyTorch peer in both precisions with both ratios,
the two-epoch run, and the issue's targets. Uses only the standard library.
Usage: summarize.py RESULTS_DIR
"""
import glob
import json
import os
import sys

EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")


def load(path):
    """The JSON in path, or None when it is missing or not JSON."""
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def text(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return ""


def outcome(res, name):
    """Why a stage left no result: its timeout, a skip, or the last line of its log."""
    status = text(os.path.join(res, f"{name}.status")).split()
    if not status:
        return "not run"
    if status[0] in ("124", "137"):
        return "timed out"
    if status[0] == "skipped":
        return "skipped, the budget was spent"
    last = text(os.path.join(res, f"{name}.log")).splitlines()
    return f"exit {status[0]}: {last[-1] if last else ''}"


def verdict(res, name, what):
    """Prints a verify stage's verdict: failed kernels, the worst NMSE, the whole step."""
    v = load(os.path.join(res, f"{name}.out"))
    print(f"\n== verify --cpu-ref --batch {v['batch'] if v else '?'}, {what}")
    if not v:
        print("no result: " + outcome(res, name))
        return
    failed = [k for k in v["kernels"] if not k["pass"]]
    worst = max(v["kernels"], key=lambda k: k["nmse"])
    print(f"{'PASS' if v['pass'] else 'FAIL'}: {len(v['kernels'])} kernel/shape pairs, {len(failed)} failed; "
          f"worst NMSE {worst['nmse']:.2e} ({worst['name']} {worst['shape']})")
    for k in failed[:10]:
        print(f"  failed: {k['name']} {k['shape']}: NMSE {k['nmse']:.2e}, same bits {k.get('deterministic')}")
    s = v.get("step") or {}
    if s:
        print(f"  whole step: max_rel_diff_same_branches {s.get('max_rel_diff_same_branches', 0):.2e}, "
              f"branch flips {s.get('branch_flips')}, pass {s.get('pass')}")


def main():
    res = sys.argv[1]
    print("\n== device")
    smi = text(os.path.join(res, "nvidia-smi.out")).splitlines()
    print(smi[-1] if smi else "nvidia-smi: nothing recorded")
    devices = load(os.path.join(res, "devices.out"))
    if devices:
        d = devices["devices"][devices["chosen"]]
        f = d.get("features") or {}
        print(f"Vulkan device {d['index']}: {d['name']}, {d['type']}, Vulkan {d['api_version']}, driver {d['driver_version']}")
        print(f"  shared memory {d['limits']['max_compute_shared_memory_size']} bytes, subgroup {d['subgroup_size']} "
              f"({f.get('min_subgroup_size')}..{f.get('max_subgroup_size')}), texel elements {d['limits']['max_texel_buffer_elements']}")
        print("  next-step extensions: " + ", ".join(e for e, ok in sorted(d.get("next_step_extensions", {}).items()) if ok))
        shapes = f.get("cooperative_matrix_shapes") or []
        print(f"  cooperative matrix shapes: {len(shapes)}: " + ", ".join(
            f"{s['m']}x{s['n']}x{s['k']} {s['a']}*{s['b']}+{s['c']}->{s['result']}" for s in shapes[:12]))

    for name, what in (("verify", "the default kernels"), ("verify-direct", "the kernels GPUs no longer run by default")):
        verdict(res, name, what)

    print("\n== bench, one run per kernel setting")
    runs = []
    for path in sorted(glob.glob(os.path.join(res, "bench-*.kernels")), key=lambda p: int(p.split("-")[-1].split(".")[0])):
        base = path[:-len(".kernels")]
        rep = load(base + ".out")
        setting = text(path)
        if rep:
            s = rep["step"]
            runs.append((setting, rep))
            print(f"  {setting:55s} batch {s['batch']} {s['ms']:8.2f} ms a step {s['images_per_s']:9.0f} images/s  "
                  f"epoch of 60000: {60000 / s['images_per_s']:6.2f} s")
            if isinstance(rep.get("variants"), dict):
                print("      ran: " + ", ".join(f"{k} {v}" for k, v in rep["variants"].items()))
        else:
            print(f"  {setting:55s} no result: {outcome(res, os.path.basename(base))}")
    best = max(runs, key=lambda r: r[1]["step"]["images_per_s"]) if runs else None
    if best:
        expected = load(EXPECTED) or {}
        print(f"\nkernels of the fastest setting ({best[0]}), by share, beside the expected ms a call of "
              "today's direct kernel and of the planned variant (docs/perf-notes.md, tools/device/expected.json):")
        print(f"  {'kernel':30s} {'shape':42s} {'calls':>5s} {'ms':>8s} {'GFLOP/s':>9s} {'GB/s':>8s} {'share':>6s} "
              f"{'direct':>8s} {'planned':>8s}")
        for k in sorted(best[1]["kernels"], key=lambda k: -k["share"])[:25]:
            e = expected.get(f"{k['name']}|{k['shape']}")
            d, p = (f"{e['direct_ms']:.3f}", f"{e['planned_ms']:.3f}") if e else ("-", "-")
            print(f"  {k['name']:30s} {k['shape']:42s} {k['calls']:5d} {k['ms']:8.3f} {k['gflops']:9.1f} "
                  f"{k['gb_per_s']:8.1f} {100 * k['share']:5.1f}% {d:>8s} {p:>8s}")
        total = sum(k["ms"] * k["calls"] for k in best[1]["kernels"])
        print(f"  summed kernel time {total:.2f} ms; whole step {best[1]['step']['ms']:.2f} ms")
        known = [(k, expected[f"{k['name']}|{k['shape']}"]) for k in best[1]["kernels"]
                 if f"{k['name']}|{k['shape']}" in expected]
        if known:
            print(f"  expected for the {len(known)} kernels the model knows: direct "
                  f"{sum(k['calls'] * e['direct_ms'] for k, e in known):.2f} ms, planned "
                  f"{sum(k['calls'] * e['planned_ms'] for k, e in known):.2f} ms; measured "
                  f"{sum(k['calls'] * k['ms'] for k, e in known):.2f} ms")

    print("\n== PyTorch peer on CUDA")
    peers = {}
    for p in ("tf32", "fp32"):
        r = load(os.path.join(res, f"torch-{p}.out"))
        if r:
            peers[p] = r
            print(f"  {p}: {r['ms']:.2f} ms a step at batch {r['batch']}, {r['images_per_s']:.0f} images/s "
                  f"(torch {r['torch']}, TF32 allowed: {r.get('tf32')})")
        else:
            print(f"  {p}: no result: {outcome(res, f'torch-{p}')}")
    if best:
        ours = best[1]["step"]["images_per_s"]
        default = runs[0][1]["step"]["images_per_s"]
        for p, r in peers.items():
            print(f"  ratio dcganvk / PyTorch {p}: {ours / r['images_per_s']:.3f} with the fastest setting, "
                  f"{default / r['images_per_s']:.3f} with {runs[0][0]}")

    print("\n== train --epochs 2 on data/mnist")
    run = load(os.path.join(res, "run.json"))
    if run:
        for e in run["epochs"]:
            print(f"  epoch {e['epoch']}: {e['seconds']:.2f} s, {e['images_per_s']:.0f} images/s, "
                  f"gen_loss {e['gen_loss']:.3f}, disc_loss {e['disc_loss']:.3f}")
    else:
        print("  no run.json: " + outcome(res, "train"))

    print("\n== targets (issue 11)")
    if best:
        ms, b = best[1]["step"]["ms"], best[1]["step"]["batch"]
        print(f"  step at batch 256 <= 4 ms: {ms:.2f} ms at batch {b}, {'met' if ms <= 4 and b == 256 else 'not met'}")
    if run and run["epochs"]:
        sec = min(e["seconds"] for e in run["epochs"])
        print(f"  an epoch of 60000 <= 1 s (real train epoch): {sec:.2f} s for {run['images']} images, "
              f"{'met' if sec <= 1 and run['images'] == 60000 else 'not met'}")
    if best and "fp32" in peers:
        print(f"  faster than PyTorch strict FP32: {'met' if best[1]['step']['images_per_s'] > peers['fp32']['images_per_s'] else 'not met'}")
    if best and "tf32" in peers:
        print(f"  within 1.5x of PyTorch TF32: {'met' if 1.5 * best[1]['step']['images_per_s'] >= peers['tf32']['images_per_s'] else 'not met'}")


if __name__ == "__main__":
    main()
