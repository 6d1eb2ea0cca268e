#!/usr/bin/env bash
# Runs `dcganvk bench` and the PyTorch peer in alternation on this machine,
# ROUNDS times each. The peer runs at two settings, 1 thread and one thread
# per core (nproc), since on a small machine PyTorch can be faster with one.
# It prints images/s for each round and setting, the medians, and the ratio
# of dcganvk's median to the FASTER peer setting's median. Alternating
# spreads the noise of a shared machine over every side.
# Every JSON it reads stays in OUTDIR (default out/bench-peer), with
# summary.json holding the medians and the ratio.
# Usage: tools/peer/bench_peer.sh [BATCH] [STEPS] [ROUNDS] [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
batch=${1:-256}
steps=${2:-3}
rounds=${3:-3}
out=${4:-out/bench-peer}
threads=(1)
cores=$(nproc)
if [ "$cores" -gt 1 ]; then threads+=("$cores"); fi
rm -rf "$out"
mkdir -p "$out"
# The load averages before and after say how busy the machine was (other tenants count too).
cut -d' ' -f1-3 /proc/loadavg > "$out/load-before.txt"
for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds: dcganvk" >&2
  bin/dcganvk bench --batch "$batch" --steps "$steps" --json > "$out/dcganvk-$r.json"
  for t in "${threads[@]}"; do
    echo "round $r of $rounds: PyTorch, $t thread(s)" >&2
    /usr/bin/python3 tools/peer/dcgan_torch.py --batch "$batch" --steps "$steps" --threads "$t" \
      > "$out/torch-t$t-$r.json"
  done
done
cut -d' ' -f1-3 /proc/loadavg > "$out/load-after.txt"
/usr/bin/python3 - "$out" "$rounds" "$cores" "${threads[@]}" <<'PY'
import json, statistics, sys
out, rounds, cores, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), [int(t) for t in sys.argv[4:]]
load = lambda name: json.load(open(f"{out}/{name}"))
loads = [open(f"{out}/load-{w}.txt").read().split() for w in ("before", "after")]
print(f"{cores} cores; load averages (1, 5, 15 min) before {' '.join(loads[0])}, after {' '.join(loads[1])}")
ours = [load(f"dcganvk-{r}.json") for r in range(1, rounds + 1)]
peer = {t: [load(f"torch-t{t}-{r}.json") for r in range(1, rounds + 1)] for t in threads}
for r in range(rounds):
    o = ours[r]["step"]
    line = f"round {r + 1}: dcganvk {o['images_per_s']:.1f} images/s ({o['ms']:.0f} ms)"
    for t in threads:
        p = peer[t][r]
        line += f", PyTorch {t} thread(s) {p['images_per_s']:.1f} images/s ({p['ms']:.0f} ms)"
    print(line)
a = statistics.median(o["step"]["images_per_s"] for o in ours)
print(f"dcganvk ({ours[0]['device']}): median {a:.1f} images/s, batch {ours[0]['step']['batch']}")
medians = {}
for t in threads:
    medians[t] = statistics.median(p["images_per_s"] for p in peer[t])
    p0 = peer[t][0]
    print(f"PyTorch {p0['torch']} ({p0['device']}, {p0['threads']} thread(s)): median {medians[t]:.1f} images/s, "
          f"ratio dcganvk / this setting {a / medians[t]:.3f}")
best = max(threads, key=lambda t: medians[t])
print(f"ratio dcganvk / PyTorch at its faster setting ({best} thread(s)), "
      f"medians of {rounds} alternating rounds: {a / medians[best]:.3f}")
json.dump({"rounds": rounds, "batch": ours[0]["step"]["batch"], "device": ours[0]["device"],
           "dcganvk_images_per_s": [o["step"]["images_per_s"] for o in ours], "dcganvk_median": a,
           "peer": {str(t): {"images_per_s": [p["images_per_s"] for p in peer[t]], "median": medians[t]}
                    for t in threads},
           "best_threads": best, "ratio": a / medians[best], "cores": cores,
           "load_before": [float(v) for v in loads[0]], "load_after": [float(v) for v in loads[1]]},
          open(f"{out}/summary.json", "w"), indent=2)
print(f"JSON: {out}/", file=sys.stderr)
PY
