#!/usr/bin/env bash
# kill9.sh: kill -9 soak of `dcganvk train`. It trains a small run (--limit 256
# --batch 32, 8 steps an epoch, a checkpoint every 2) once without
# interruption, then TRIALS times with up to KILLS kill -9s, each followed by a
# --resume (or a fresh start when no checkpoint was written yet), the last run
# left to finish. Each kill waits for one or two more epochs to end, so that
# every run makes progress whatever the machine's speed, then kills within 1 s
# (while that epoch's grid, GIF, run.json and checkpoint are written) or at a
# random moment of the next epoch. It checks what the README's "Interrupting
# and recovering" promises of each interrupted run:
#   - the final checkpoint is byte-identical to the uninterrupted run's;
#   - losses.csv holds the same losses, each step once;
#   - run.json lists each epoch once, in order;
#   - no temporary file is left, every checkpoint stands at an epoch's end, and
#     dcgan.gif ends in a GIF trailer.
#
# usage: tools/soak/kill9.sh [TRIALS] [EPOCHS] [KILLS]
# Defaults: 5 trials of 4 epochs, up to 3 kills each (a run that ends first
# takes fewer). It needs bin/dcganvk (make build; DCGANVK=path runs another
# binary) and data/mnist (make data). Work goes to a temporary folder, kept and
# named when a trial fails. The exit status is the number of failed trials.
set -u
trials=${1:-5} epochs=${2:-4} max_kills=${3:-3}
here=$(cd "$(dirname "$0")/../.." && pwd)
bin=${DCGANVK:-$here/bin/dcganvk} data=$here/data/mnist
[ -x "$bin" ] || { echo "no $bin: run make build" >&2; exit 1; }
[ -e "$data/train-images-idx3-ubyte.gz" ] || { echo "no MNIST in $data: run make data" >&2; exit 1; }
work=$(mktemp -d)
flags=(--limit 256 --batch 32 --epochs "$epochs" --checkpoint-every 2 --eval-every 0 --data "$data")

# losses prints losses.csv without its timing column.
losses() { cut -d, -f1-4 "$1/losses.csv"; }
# run_epochs prints the epochs run.json records, on one line.
run_epochs() { grep -o '"epoch": [0-9]*' "$1/run.json" | grep -o '[0-9]*$' | tr '\n' ' '; }

echo "reference run into $work/ref"
"$bin" train "${flags[@]}" --out "$work/ref" >"$work/ref.log" 2>&1 || { echo "the reference run failed: $work/ref.log" >&2; exit 1; }
last=$(printf 'ckpt-%04d.safetensors' "$epochs")
epoch_s=$(grep -m1 -o 'Time for epoch 1 is [0-9.]*' "$work/ref.log" | awk '{ print $NF }')
want_epochs=$(seq -s ' ' 1 "$epochs")' '

failed=0
for trial in $(seq 1 "$trials"); do
	out=$work/trial-$trial log=$work/trial-$trial.log kills=0
	: >"$log"
	while :; do
		resume=()
		ls "$out"/ckpt-*.safetensors >/dev/null 2>&1 && resume=(--resume)
		"$bin" train "${flags[@]}" "${resume[@]}" --out "$out" >>"$log" 2>&1 &
		pid=$!
		if [ "$kills" -lt "$max_kills" ]; then
			# Wait for one or two more epoch ends in the log, then a moment.
			ends=$(($(grep -c 'Time for epoch' "$log") + 1 + RANDOM % 2))
			while kill -0 "$pid" 2>/dev/null && [ "$(grep -c 'Time for epoch' "$log")" -lt "$ends" ]; do sleep 0.02; done
			span=1
			[ $((RANDOM % 2)) = 0 ] && span=$epoch_s
			delay=$(awk -v m="$span" -v s="$RANDOM" 'BEGIN { srand(s); printf "%.3f", rand() * m }')
			when="${delay}s after an epoch's end"
			sleep "$delay"
		fi
		if [ "$kills" -lt "$max_kills" ] && kill -9 "$pid" 2>/dev/null; then
			wait "$pid" 2>/dev/null
			kills=$((kills + 1))
			echo "--- kill -9 $when" >>"$log"
			continue
		fi
		wait "$pid" && break
		echo "trial $trial: train exited with an error; see $log" >&2
		break
	done
	problems=()
	cmp -s "$work/ref/$last" "$out/$last" || problems+=("$last differs from the reference")
	[ "$(losses "$work/ref")" = "$(losses "$out")" ] || problems+=("losses.csv differs")
	[ "$(run_epochs "$out")" = "$want_epochs" ] || problems+=("run.json epochs: $(run_epochs "$out")")
	tmps=$(find "$out" -name '.*.tmp*')
	[ -z "$tmps" ] || problems+=("temporary files left: $tmps")
	[ "$(tail -c 1 "$out/dcgan.gif" | od -An -tx1 | tr -d ' ')" = 3b ] || problems+=("dcgan.gif has no trailer")
	for ck in "$out"/ckpt-*.safetensors; do
		head -c 4096 "$ck" | grep -aq '"batches_done":"8"' || problems+=("$(basename "$ck") stands mid-epoch")
	done
	if [ ${#problems[@]} -eq 0 ]; then
		echo "trial $trial: $kills kills, ok"
		rm -rf "$out" "$log"
	else
		failed=$((failed + 1))
		echo "trial $trial: $kills kills, FAILED: ${problems[*]} (kept in $out, $log)"
	fi
done
[ "$failed" -eq 0 ] && rm -rf "$work"
echo "$((trials - failed)) of $trials trials ok"
exit "$failed"
