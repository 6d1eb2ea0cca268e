#!/usr/bin/env python3
"""The expected time of each kernel of the train step on an H100/H200, before any was measured.

Reads a `dcganvk bench --json` report from any device (only each kernel's FLOPs and bytes are used,
as gflops·ms and gb_per_s·ms; the batch must be the one to model) and applies the roofline model of
docs/perf-notes.md ("Expected GPU time") to every kernel and shape, for today's direct kernels
and for the planned GPU variants. Prints the markdown table of the notes and, with --json FILE,
writes {"kernel|shape": {...}} for tools/device/summarize.py to print beside measured times.
Usage: expected.py BENCH_JSON [--json FILE] [--tiled FRACTION] [--splitk FRACTION]
"""
import argparse
import json
import math
import re

PEAK = 60e12  # FP32 FLOP/s without tensor cores (the datasheet says 67; clocks sag under load)
HBM = 4.0e12  # bytes/s a streaming kernel reaches (4.3 TB/s was measured for a device-to-device copy)
LAUNCH = 5e-6  # s a dispatch costs with the barrier after it, in one recorded command buffer
LOOP_LIMIT = 60000  # nn/vkexec/conv2d.go: the filter gradient's per-dispatch loop limit

CONV = re.compile(r"(adjoint of )?n(\d+) (\d+)x(\d+)x(\d+)->(\d+)x(\d+)x(\d+) k(\d+) s(\d+)")
MATRIX = re.compile(r"^(\d+)x(\d+)(?:x(\d+))?")


def valid_taps(size, out, stride, k):
    """The fraction of taps along one dimension that fall inside the image (TF 'same' padding)."""
    pad = max((out - 1) * stride + k - size, 0) // 2
    inside = sum(1 for o in range(out) for t in range(k) if 0 <= o * stride + t - pad < size)
    return inside / (out * k)


def model(name, shape, flops, nbytes, tiled=0.50, splitk=0.45):
    """(direct seconds, its bound, planned seconds, its bound, planned variant) for one call;
    tiled and splitk are the planned convolutions' and filter gradients' fractions of peak."""
    def roof(useful_flops, eff, traffic, bw, dispatches):
        parts = {"compute": useful_flops / (eff * PEAK), "memory": traffic / bw, "launch": dispatches * LAUNCH}
        bound = max(parts, key=parts.get)
        return parts[bound], bound

    m = CONV.search(shape)
    if m:
        n, h, w, cin, oh, ow, cout, k, s = (int(g) for g in m.groups()[1:])
        useful = flops * valid_taps(h, oh, s, k) * valid_taps(w, ow, s, k)
        one_channel = min(cin, cout) == 1
        if name.endswith("bwd_filter"):
            # Direct: one invocation walks the whole batch for its block of about 32 filter
            # elements. The 1-channel layers have 80 invocations on the card (5 workgroups of 16),
            # each a serial chain of about 49k iterations: model 80 threads at 0.25 FMA a cycle at
            # 1.98 GHz. The others get one warp per 1024 filter elements (conv2: 200 warps for
            # 528 schedulers) and reach 10% of peak only from 2 warps a scheduler up. A batch
            # past the loop limit takes one dispatch more per chunk (lavapipe's split, also run
            # on GPUs today).
            chunks = math.ceil(n / max(1, LOOP_LIMIT // ((oh + 1) * (ow + 2))))
            if one_channel:
                direct = (useful / (80 * 0.25 * 2 * 1.98e9), "serial threads")
                direct = (max(direct[0], chunks * LAUNCH), direct[1])
            else:
                warps = k * k * cin * cout / 1024
                direct = roof(useful, 0.10 * min(1, warps / 1056), nbytes, HBM, chunks)
                direct = (direct[0], "parallelism" if direct[1] == "compute" else direct[1])
            # Split-K: many workgroups over batch·pixels, partial sums to a buffer, then a
            # fixed-order merge (one more dispatch, partials written and read once).
            splits = 64
            partials = 2 * 4 * splits * k * k * cin * cout
            eff = 0.15 if one_channel else splitk
            planned = roof(flops, eff, nbytes + partials, HBM, 2)
            return direct + planned + ("split-K",)
        # Forward and input gradient: direct skips the padding taps but reaches 10% of peak (the
        # issue's 5-20%: no shared memory, a warp's loads touch 32 lines). Tiled implicit GEMM
        # computes every tap at 50% (128x128x8 tiles, 8x8 a thread), 20% for 1-channel layers
        # whose GEMM K is 25.
        direct = roof(useful, 0.10, nbytes, HBM, 1)
        planned = roof(flops, 0.20 if one_channel else tiled, nbytes, HBM, 1)
        return direct + planned + ("tiled implicit GEMM",)

    m = MATRIX.match(shape)
    rows, cols = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    if name == "matmul":
        inner = int(m.group(3))
        if cols == 1 and inner > 1000:
            # D's logit, 6272->1: one workgroup of 64 invocations, each 4 rows of 6272 serial FMAs.
            direct = (rows / 64 * inner / (0.25 * 1.98e9), "serial threads")
            return direct + roof(flops, 0.2, nbytes, HBM, 1) + ("per-image reduction",)
        direct = roof(flops, 0.20, nbytes, HBM, 1)
        return direct + direct + ("unchanged",)
    if name.startswith("batchnorm") or name == "bias_grad":
        # Column reductions: X is rows x cols floats; the planned two-stage form is for the long,
        # narrow ones (at most 128 columns, at least 4096 rows). batchnorm_train_fwd reduces X, then
        # normalizes (reads X, writes Y); batchnorm_bwd reduces X and dY, then writes dX;
        # bias_grad reduces dY. Direct: 16-32 workgroups when the columns are few, so the
        # reduction streams at about 0.3 TB/s; the wide bn0 (12544 columns) streams at 2 TB/s.
        x = 4 * rows * cols
        reduced = {"batchnorm_train_fwd": x, "batchnorm_bwd": 2 * x, "bias_grad": x}.get(name, 0)
        streamed = {"batchnorm_train_fwd": 2 * x, "batchnorm_bwd": 3 * x}.get(name, 0)
        dispatches = 1 if name == "bias_grad" else 2
        slow = 0.3e12 if cols <= 128 else 2e12
        t = reduced / slow + streamed / HBM
        direct = (max(t, dispatches * LAUNCH), "memory" if t > dispatches * LAUNCH else "launch")
        if cols > 128 or rows < 4096:  # enough workgroups already, or too little to split
            return direct + direct + ("unchanged",)
        t = reduced / (0.75 * HBM) + streamed / HBM
        planned = (max(t, (dispatches + 1) * LAUNCH), "memory" if t > (dispatches + 1) * LAUNCH else "launch")
        return direct + planned + ("two-stage reduction",)
    # Elementwise kernels (activations, dropout, bias_add, adam, random, gather, bce, tanh) stream
    # at HBM speed or cost one dispatch.
    direct = roof(flops, 0.5, nbytes, HBM, 1)
    return direct + direct + ("unchanged",)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench")
    ap.add_argument("--json", help="also write the expected times here")
    ap.add_argument("--tiled", type=float, default=0.50, help="planned tiled convolutions' fraction of FP32 peak")
    ap.add_argument("--splitk", type=float, default=0.45, help="planned split-K filter gradients' fraction of peak")
    args = ap.parse_args()
    with open(args.bench) as f:
        rep = json.load(f)
    rows, out = [], {}
    for k in rep["kernels"]:
        flops = k["gflops"] * k["ms"] * 1e6
        nbytes = k["gb_per_s"] * k["ms"] * 1e6
        d, dbound, p, pbound, variant = model(k["name"], k["shape"], flops, nbytes, args.tiled, args.splitk)
        rows.append((k, flops, nbytes, d, dbound, p, pbound, variant))
        out[f"{k['name']}|{k['shape']}"] = {"direct_ms": round(d * 1e3, 4), "direct_bound": dbound,
                                            "planned_ms": round(p * 1e3, 4), "planned_bound": pbound, "variant": variant}
    rows.sort(key=lambda r: -r[3] * r[0]["calls"])
    print("| kernel | shape | calls | GFLOP | MB | direct µs | bound | planned variant | planned µs | bound |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |")
    total_d = total_p = total_f = 0
    for k, flops, nbytes, d, dbound, p, pbound, variant in rows:
        c = k["calls"]
        total_d, total_p, total_f = total_d + c * d, total_p + c * p, total_f + c * flops
        print(f"| {k['name']} | {k['shape']} | {c} | {flops / 1e9:.3f} | {nbytes / 1e6:.1f} | {d * 1e6:.0f} | {dbound} "
              f"| {variant} | {p * 1e6:.0f} | {pbound} |")
    calls = sum(k["calls"] for k in rep["kernels"])
    print(f"| **step** | batch {rep['step']['batch']} | {calls} | {total_f / 1e9:.1f} | | **{total_d * 1e3:.2f} ms** | "
          f"| | **{total_p * 1e3:.2f} ms** | |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
