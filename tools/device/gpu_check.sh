#!/usr/bin/env bash
# The device check for a lent NVIDIA machine (see the device tool's README):
# devices, verify --cpu-ref, bench, and the PyTorch peer on CUDA, in one call.
#
# Prepare here once (the Vulkan loader travels as Debian packages in .gl/):
#   echo /.gl/ >> .git/info/exclude; mkdir -p .gl /tmp/amd64/partial
#   o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
#   apt-get $o update; (cd .gl && apt-get $o download libvulkan1)
#   go build -tags nopreview -o bin/dcganvk ./cmd/dcganvk   (no X11/GL libraries needed there)
# then run it with carry [".gl", "bin"]: bash tools/device/gpu_check.sh
# It writes everything to $OUT (or ./gpu-check when OUT is unset).
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-gpu-check}
mkdir -p "$out"
for f in .gl/*.deb; do [ -e "$f" ] && dpkg -x "$f" /; done
ldconfig
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$out/nvidia-smi.txt"
bin/dcganvk devices 2>&1 | tee "$out/devices.txt"
bin/dcganvk verify --cpu-ref --batch 256 --json > "$out/verify.json" 2> "$out/verify.log"
echo "verify exit $?" | tee -a "$out/verify.log"
bin/dcganvk bench --batch 256 --steps 20 --json > "$out/bench.json" 2> "$out/bench.log"
echo "bench exit $?" | tee -a "$out/bench.log"
if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  PYTHONUNBUFFERED=1 python3 tools/peer/dcgan_torch.py --device cuda --batch 256 --steps 20 > "$out/torch_cuda.json" 2> "$out/torch_cuda.log"
else
  echo "no PyTorch with CUDA on this machine" | tee "$out/torch_cuda.log"
fi
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    try:
        return json.load(open(os.path.join(out, name)))
    except Exception:
        return None
bench, torch = load("bench.json"), load("torch_cuda.json")
if bench:
    s = bench["step"]
    print(f"dcganvk on {bench['device']}: {s['ms']:.2f} ms a step, {s['images_per_s']:.0f} images/s, "
          f"epoch of 60000 in {60000 / s['images_per_s']:.2f} s")
if torch:
    print(f"PyTorch CUDA: {torch['ms']:.2f} ms a step, {torch['images_per_s']:.0f} images/s")
if bench and torch:
    print(f"ratio dcganvk / PyTorch: {bench['step']['images_per_s'] / torch['images_per_s']:.3f}")
PY
