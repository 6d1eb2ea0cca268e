#!/usr/bin/python3
"""Scores dcganvk's training runs beside the PyTorch peer's, epoch by epoch, with `dcganvk eval`.

Each --dcganvk folder is a `dcganvk train` --out folder (its ckpt-NNNN.safetensors, so train with
--checkpoint-every 1); each --torch folder is a tools/peer/train_torch.py --out folder (its
samples_epoch_NNNN.npy). Every epoch found in all folders is scored with the same judge and the
same sample count, and the script prints, per epoch and implementation, each seed's FID, classifier
score and coverage, their mean and their spread (max - min), as a Markdown table, and writes all
reports to --json.

  tools/peer/quality_compare.py --dcganvk out/q-dcganvk-1 out/q-dcganvk-2 \\
      --torch out/q-torch-1 out/q-torch-2 --json out/quality-compare.json
"""
import argparse
import json
import os
import re
import subprocess
import sys


def epochs_in(folder, pattern):
    """The epochs whose files match pattern (one group: the epoch) in folder."""
    found = {}
    for name in os.listdir(folder):
        m = re.fullmatch(pattern, name)
        if m:
            found[int(m.group(1))] = os.path.join(folder, name)
    return found


def score(binary, data, flag, path, n):
    """One `dcganvk eval --json` report."""
    cmd = [binary, "eval", flag, path, "--data", data, "--json"]
    if flag == "--checkpoint":
        cmd += ["--n", str(n)]
    print("scoring", path, file=sys.stderr)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def row(epoch, name, reports):
    fids = [r["fid"] for r in reports]
    scores = [r["generated"]["classifier_score"] for r in reports]
    coverage = [r["generated"]["coverage"] for r in reports]
    each = " / ".join(f"{f:.1f}" for f in fids)
    return (f"| {epoch} | {name} | {each} | {sum(fids) / len(fids):.1f} | {max(fids) - min(fids):.1f} | "
            f"{' / '.join(f'{s:.2f}' for s in scores)} | {' / '.join(str(c) for c in coverage)} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dcganvk", nargs="+", required=True, help="dcganvk train --out folders, one a seed")
    ap.add_argument("--torch", nargs="+", required=True, help="train_torch.py --out folders, one a seed")
    ap.add_argument("--bin", default="bin/dcganvk")
    ap.add_argument("--data", default="data/mnist")
    ap.add_argument("--n", type=int, default=10000, help="samples a checkpoint draws (the peer's files hold theirs)")
    ap.add_argument("--json", help="write every report here")
    args = ap.parse_args()
    runs = {"dcganvk": [epochs_in(d, r"ckpt-(\d+)\.safetensors") for d in args.dcganvk],
            "PyTorch": [epochs_in(d, r"samples_epoch_(\d+)\.npy") for d in args.torch]}
    common = sorted(set.intersection(*(set(r) for rs in runs.values() for r in rs)))
    if not common:
        sys.exit("no epoch is present in every folder")
    flags = {"dcganvk": "--checkpoint", "PyTorch": "--images"}
    reports = {name: {e: [score(args.bin, args.data, flags[name], r[e], args.n) for r in rs] for e in common}
               for name, rs in runs.items()}
    floor = reports["dcganvk"][common[0]][0]["fid_real_floor"]
    print(f"FID of 10000-sample sets against MNIST's test set in the judge's features (real digits, "
          f"test half against half: {floor:.1f}); one value a seed, then mean and spread (max - min).\n")
    print("| epoch | trained by | FID each seed | FID mean | FID spread | classifier score | coverage |")
    print("| ---: | --- | --- | ---: | ---: | --- | --- |")
    for e in common:
        for name in reports:
            print(row(e, name, reports[name][e]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"folders": {"dcganvk": args.dcganvk, "torch": args.torch}, "reports": reports}, f, indent=2)


if __name__ == "__main__":
    main()
