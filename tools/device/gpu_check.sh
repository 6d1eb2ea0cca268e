#!/usr/bin/env bash
# The device check for a lent NVIDIA machine, in one call of at most 5 minutes.
# README.md's "The device check on a lent GPU" says how to prepare and run it.
#
# Stages, each under its own timeout and all under one deadline (CHECK_BUDGET_S,
# default 280 s, so the call ends inside 5 minutes with the transfers):
#   nvidia-smi; devices --json; bench --json for each line of
#   tools/device/variants.txt; the PyTorch CUDA peer as shipped (TF32 allowed
#   for cuDNN) and in strict FP32; verify --cpu-ref --batch 256 --json;
#   train --epochs 2 on the carried data/mnist (into out/gpu-check-train,
#   where the checkpoints stay); verify of the CPU-shaped kernels, as time allows.
# A stage that fails or times out is recorded and the next one runs.
# To try it on lavapipe first, shrink it: CHECK_BATCH=16 CHECK_STEPS=2
# CHECK_VERIFY_BATCH=4 CHECK_TRAIN_FLAGS='--limit 512 --batch 64' (the peer needs CUDA).
# Outputs, in $OUT (or out/gpu-check): summary.txt (also printed) and
# gpu-check.tar.gz with every log, JSON, run.json, losses.csv and the last grid.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=${OUT:-$root/out/gpu-check}
budget=${CHECK_BUDGET_S:-280}
batch=${CHECK_BATCH:-256}
steps=${CHECK_STEPS:-20}
verify_batch=${CHECK_VERIFY_BATCH:-256}
read -r -a train_flags <<< "${CHECK_TRAIN_FLAGS:-}"
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
res="$work/gpu-check"
mkdir -p "$out" "$res"
summary="$out/summary.txt"
: > "$summary"

# note prints a line and keeps it in the summary.
note() { echo "$*" | tee -a "$summary"; }

# stage NAME CAP_S CMD...: runs CMD with stdout to $res/NAME.out and
# stderr to $res/NAME.log, under a timeout of CAP_S seconds or what is left
# of the budget (less 15 s kept for the summary), whichever is less.
stage() {
  local name=$1 cap=$2
  shift 2
  local left=$((start + budget - 15 - $(date +%s)))
  local limit=$((cap < left ? cap : left))
  if [ "$limit" -lt 5 ]; then
    note "stage $name: skipped, the budget is spent"
    echo skipped > "$res/$name.status"
    return 1
  fi
  local t0 rc secs
  t0=$(date +%s%N)
  timeout -k 5 "$limit" "$@" > "$res/$name.out" 2> "$res/$name.log"
  rc=$?
  secs=$((($(date +%s%N) - t0) / 100000000))
  secs="$((secs / 10)).$((secs % 10))"
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    note "stage $name: TIMED OUT after ${limit} s"
  elif [ "$rc" != 0 ]; then
    note "stage $name: exit $rc after $secs s: $(tail -n 1 "$res/$name.log" | cut -c1-200)"
  else
    note "stage $name: ok, $secs s"
  fi
  echo "$rc $secs" > "$res/$name.status"
  return "$rc"
}

note "device check, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), budget ${budget} s"

# The Vulkan loader travels as Debian packages in .gl/; the NVIDIA driver's ICD is mounted.
for f in .gl/*.deb; do [ -e "$f" ] && dpkg -x "$f" /; done
ldconfig
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
if [ ! -x bin/dcganvk ]; then
  note "no bin/dcganvk: build it with go build -tags nopreview -o bin/dcganvk ./cmd/dcganvk and carry bin"
fi

note "binary: $(bin/dcganvk version 2>&1)"
stage nvidia-smi 20 bash -c 'nvidia-smi && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm,power.limit --format=csv'
stage devices 30 bin/dcganvk devices --json

# bench, one run per line of variants.txt. A binary without --kernels
# rejects the flag; then one plain bench runs instead, labelled default.
n=0
while IFS= read -r line; do
  line=${line%%#*}
  line=$(echo "$line" | tr -d '[:space:]')
  [ -z "$line" ] && continue
  n=$((n + 1))
  echo "$line" > "$res/bench-$n.kernels"
  if ! stage "bench-$n" 45 bin/dcganvk bench --batch "$batch" --steps "$steps" --json --kernels "$line"; then
    if [ "$n" = 1 ] && grep -q 'flag provided but not defined' "$res/bench-1.log"; then
      note "this binary has no --kernels: one plain bench instead"
      echo default > "$res/bench-1.kernels"
      stage bench-1 45 bin/dcganvk bench --batch "$batch" --steps "$steps" --json
      break
    fi
  fi
done < tools/device/variants.txt

# The PyTorch peer on CUDA (python3 there is the one that holds PyTorch).
if python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2> "$res/torch-probe.log"; then
  for p in tf32 fp32; do
    stage "torch-$p" 60 env PYTHONUNBUFFERED=1 python3 tools/peer/dcgan_torch.py --device cuda --batch "$batch" --steps 100 --precision "$p"
  done
else
  note "no PyTorch with CUDA here ($(tail -n 1 "$res/torch-probe.log")): the peer is skipped"
fi

stage verify 120 bin/dcganvk verify --cpu-ref --batch "$verify_batch" --json

# A real run on the carried MNIST; its checkpoints are too big to return.
train="$root/out/gpu-check-train"
rm -rf "$train"
stage train 110 bin/dcganvk train --epochs 2 --data data/mnist --out "$train" "${train_flags[@]}"
cp "$train"/run.json "$train"/losses.csv "$train"/losses.png "$res"/ 2>/dev/null
last=$(ls "$train"/image_at_epoch_*.png 2>/dev/null | tail -n 1)
[ -n "$last" ] && cp "$last" "$res"/
ls -l "$train" > "$res/train-files.txt" 2>&1

# Last, as time allows: verify of the kernels that GPUs no longer run by default.
stage verify-direct 90 bin/dcganvk verify --cpu-ref --batch "$verify_batch" --json \
  --kernels conv=direct,filter=direct,reduce=lanes,params=host,matvec=columns

python3 tools/device/summarize.py "$res" 2>&1 | tee -a "$summary"
cp "$summary" "$res"/
tar -czf "$out/gpu-check.tar.gz" -C "$work" gpu-check
note "outputs: $out/summary.txt and $out/gpu-check.tar.gz ($(du -h "$out/gpu-check.tar.gz" | cut -f1)), $(( $(date +%s) - start )) s in all"
