#!/usr/bin/env bash
# Runs `dcganvk bench` and the PyTorch peer in alternation on this machine,
# ROUNDS times each, and prints images/s for each round, the medians and the
# ratio of the medians, dcganvk / PyTorch. Alternating spreads the noise of
# a shared machine over both sides.
# Usage: tools/peer/bench_peer.sh [BATCH] [STEPS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
batch=${1:-256}
steps=${2:-3}
rounds=${3:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds" >&2
  bin/dcganvk bench --batch "$batch" --steps "$steps" --json > "$out/dcganvk-$r.json"
  /usr/bin/python3 tools/peer/dcgan_torch.py --batch "$batch" --steps "$steps" > "$out/torch-$r.json"
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ours = [json.load(open(f"{out}/dcganvk-{r}.json")) for r in range(1, rounds + 1)]
peer = [json.load(open(f"{out}/torch-{r}.json")) for r in range(1, rounds + 1)]
for r, (o, p) in enumerate(zip(ours, peer), 1):
    print(f"round {r}: dcganvk {o['step']['images_per_s']:.1f} images/s ({o['step']['ms']:.0f} ms), "
          f"PyTorch {p['images_per_s']:.1f} images/s ({p['ms']:.0f} ms)")
a = statistics.median(o["step"]["images_per_s"] for o in ours)
b = statistics.median(p["images_per_s"] for p in peer)
print(f"dcganvk ({ours[0]['device']}): median {a:.1f} images/s, batch {ours[0]['step']['batch']}")
print(f"PyTorch {peer[0]['torch']} ({peer[0]['device']}, {peer[0]['threads']} threads): median {b:.1f} images/s")
print(f"ratio dcganvk / PyTorch (medians of {rounds} alternating rounds): {a / b:.3f}")
PY
