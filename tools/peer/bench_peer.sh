#!/usr/bin/env bash
# Runs `dcganvk bench` and the PyTorch peer one after the other on this
# machine and prints images/s for each and the ratio dcganvk / PyTorch.
# Usage: tools/peer/bench_peer.sh [BATCH] [STEPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
batch=${1:-256}
steps=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin/dcganvk bench --batch "$batch" --steps "$steps" --json > "$out/dcganvk.json"
/usr/bin/python3 tools/peer/dcgan_torch.py --batch "$batch" --steps "$steps" > "$out/torch.json"
/usr/bin/python3 - "$out/dcganvk.json" "$out/torch.json" <<'PY'
import json, sys
ours, peer = (json.load(open(p)) for p in sys.argv[1:3])
a, b = ours["step"]["images_per_s"], peer["images_per_s"]
print(f"dcganvk ({ours['device']}): {a:.1f} images/s ({ours['step']['ms']:.0f} ms a step, batch {ours['step']['batch']})")
print(f"PyTorch {peer['torch']} ({peer['device']}, {peer['threads']} threads): {b:.1f} images/s ({peer['ms']:.0f} ms a step)")
print(f"ratio dcganvk / PyTorch: {a / b:.3f}")
PY
