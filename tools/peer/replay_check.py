#!/usr/bin/python3
"""Replays an epoch of a `dcganvk train` run with PyTorch autograd and compares it with the run.

`make peer-check`'s step_check.py checks one step of `verify --dump` from the dump's own state.
This checks what spans steps, on the trainer's own path: from the run's checkpoint of epoch E it
rebuilds every input of epoch E+1 independently of dcganvk's code (the epoch's shuffle, Go's
math/rand/v2 PCG-DXSM Perm, ported here; the noise and the dropout masks, Philox4x32-10 keyed by
seed, step and stream, ported here), runs each step in float64 and compares:

- every step's losses with the run's losses.csv (absolute difference);
- what the epoch changed, checkpoint E+1 minus checkpoint E, with what the replay changed, for
  every parameter, Adam moment and batch-norm moving statistic (||dcganvk - torch|| / ||torch||).

--model keras steps with step_check.py's functional Keras definitions; --model peer with the
PyTorch peer's own modules, loop and optimiser (dcgan_torch.py, train_torch.py), the checkpoint
loaded into them: it checks the peer as much as dcganvk.

Kinks: a ReLU or LeakyReLU input within rounding of zero lies on either side in dcganvk and in
the replay, and one such unit moves a batch-norm column of the generator's gradient, by up to
about 1e-2 at small batches; over the steps that shows in the generator's Adam moments far more
than in the losses. The replay cannot take dcganvk's side (a training run keeps no activations),
so it models rounding instead: --floor-runs more replays add normal noise of --kink-noise times
each layer's RMS to every kink's input before picking its branch, and the largest difference
between them and the plain replay is a state row's floor ("kink floor"). A state row passes at
--tolerance or twice its floor; a loss row at --loss-tolerance, since losses hardly see a flipped
unit (dcganvk's stay within 2.3e-6). The losses catch a wrong step count, learning rate,
shuffle, noise or mask, state that changes between steps (anything the epoch's end does: the
sample grid, the evaluation, the checkpoint) and even the gap between Keras' Adam and PyTorch's
(torch.optim.Adam adds epsilon after the bias correction; --model peer --adam torch differs by
4e-5 to 1.1e-4 from the second step); the state rows catch faults of order one.

Run on a short run (a few steps an epoch), for example:
    bin/dcganvk train --limit 100 --batch 16 --epochs 2 --checkpoint-every 1 --eval-every 0 --out RUN
    /usr/bin/python3 tools/peer/replay_check.py RUN --epoch 1 --kink-noise 3e-5
"""
import argparse
import csv
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

from dcgan_torch import adam, discriminator, generator, train_step
from step_check import add_model_flags, adam_rate, forward_backward, keras_adam, nchw, nhwc, print_rows
from train_torch import load_images

# nn/dcgan's RNG streams.
STREAM_NOISE = 1
STREAM_MASKS = {"d/real/dropout1": 2, "d/real/dropout2": 3, "d/fake/dropout1": 4, "d/fake/dropout2": 5}
MASK_SHAPES = {"dropout1": (14, 14, 64), "dropout2": (7, 7, 128)}

M64 = (1 << 64) - 1


class GoPCG:
    """Go's math/rand/v2 PCG (128-bit LCG, DXSM output) with Rand.Perm on top."""

    MUL = (2549297995355413924 << 64) | 4865540595714422341
    INC = (6364136223846793005 << 64) | 1442695040888963407

    def __init__(self, seed1, seed2):
        self.state = (seed1 << 64) | seed2

    def uint64(self):
        self.state = (self.state * self.MUL + self.INC) & ((1 << 128) - 1)
        hi, lo = self.state >> 64, self.state & M64
        hi ^= hi >> 32
        hi = (hi * 0xDA942042E4DD58B5) & M64
        hi ^= hi >> 48
        return (hi * (lo | 1)) & M64

    def uint64n(self, n):
        """Lemire's unbiased reduction, as Rand.uint64n on 64-bit machines."""
        if n & (n - 1) == 0:
            return self.uint64() & (n - 1)
        x = self.uint64() * n
        if x & M64 < n:
            thresh = (-n) % n
            while x & M64 < thresh:
                x = self.uint64() * n
        return x >> 64

    def perm(self, n):
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.uint64n(i + 1)
            p[i], p[j] = p[j], p[i]
        return p


def philox(counter, key):
    """Philox4x32-10 of the counters (four uint64 arrays holding 32-bit words) under key (two
    ints): the four output words, vectorised over the counters."""
    c0, c1, c2, c3 = counter
    k0, k1 = np.uint64(key[0]), np.uint64(key[1])
    mask = np.uint64(0xFFFFFFFF)
    for r in range(10):
        if r > 0:
            k0, k1 = (k0 + np.uint64(0x9E3779B9)) & mask, (k1 + np.uint64(0xBB67AE85)) & mask
        p0, p1 = np.uint64(0xD2511F53) * c0, np.uint64(0xCD9E8D57) * c2
        c0, c1, c2, c3 = (p1 >> np.uint64(32)) ^ c1 ^ k0, p1 & mask, (p0 >> np.uint64(32)) ^ c3 ^ k1, p0 & mask
    return c0, c1, c2, c3


def stream_blocks(count, step, stream, seed):
    """Blocks 0..count-1 of a stream at a step: counter {i, step, stream, 0}, key {seed lo, hi}."""
    i = np.arange(count, dtype=np.uint64)
    full = lambda v: np.full(count, v, dtype=np.uint64)
    return philox((i, full(step), full(stream), full(0)), (seed & 0xFFFFFFFF, seed >> 32))


def noise(n, step, seed):
    """The step's generator noise [n, 100]: Box-Muller from each element's block."""
    w0, w1, _, _ = stream_blocks(n * 100, step, STREAM_NOISE, seed)
    u1 = ((w0 >> np.uint64(8)).astype(np.float64) + 1) / 2**24
    u2 = (w1 >> np.uint64(8)).astype(np.float64) / 2**24
    return torch.from_numpy((np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2)).reshape(n, 100))


def mask(n, step, stream, shape, seed, rate):
    """A dropout mask NHWC [n, *shape] as 0/1: element i keeps when the top 24 bits of word i%4
    of block i/4 reach round(rate * 2^24)."""
    count = n * int(np.prod(shape))
    words = np.stack(stream_blocks((count + 3) // 4, step, stream, seed), axis=1).reshape(-1)[:count]
    keep = (words >> np.uint64(8)) >= np.uint64(round(rate * 2**24))
    return torch.from_numpy(keep.astype(np.float64).reshape(n, *shape))


def load_safetensors(path):
    """A safetensors file of float32 tensors: (tensors by name as float64, metadata)."""
    with open(path, "rb") as f:
        raw = f.read()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, h in header.items():
        if h["dtype"] != "F32":
            sys.exit(f"{path}: {name} is {h['dtype']}, want F32")
        start, end = h["data_offsets"]
        a = np.frombuffer(raw[8 + size + start:8 + size + end], dtype="<f4").reshape(h["shape"])
        tensors[name] = torch.from_numpy(a.astype(np.float64))
    return tensors, meta


def step_inputs(images, order, b, t, meta, args, dtype):
    """Step t's inputs, the b-th batch of the epoch: the real batch NHWC, the noise and the
    dropout masks (NCHW, by layer name)."""
    seed, n = int(meta["seed"]), int(meta["batch"])
    real = images[order[b * n:(b + 1) * n]].to(dtype)
    masks = {k: nchw(mask(n, t, s, MASK_SHAPES[k.split("/")[-1]], seed, args.dropout_rate)).to(dtype)
             for k, s in STREAM_MASKS.items()}
    return real, noise(n, t, seed).to(dtype), masks


def rounding_jitter(sigma, seed):
    """A kink_input for forward_backward that adds to each ReLU/LeakyReLU input normal noise of
    sigma times the layer's RMS: rounding of that relative size, which decides the branch of the
    units it brings across zero."""
    gen = torch.Generator().manual_seed(seed)

    def kink_input(name, half, x):
        x = x.detach()
        return x + sigma * x.pow(2).mean().sqrt() * torch.randn(x.shape, generator=gen, dtype=x.dtype)
    return kink_input


def replay_keras(state, epoch, steps, images, meta, args, dtype, kink_input=None):
    """Runs the steps of an epoch from the state (a checkpoint's tensors) in dtype with
    step_check.py's functional Keras definitions (kink_input as there); returns the state after
    them and every step's losses (generator, discriminator)."""
    first = int(meta["step"])
    state = {k: v.to(dtype) for k, v in state.items()}
    order = GoPCG(int(meta["seed"]), epoch).perm(images.shape[0])
    names = [k for k in state if k.startswith(("generator/", "discriminator/")) and "moving_" not in k]
    eps, keep = float(args.bn_epsilon), 1 - float(args.dropout_rate)
    losses = []
    for b in range(steps):
        t = first + b + 1
        real, z, masks = step_inputs(images, order, b, t, meta, args, dtype)
        params = {k: state[k].clone().requires_grad_() for k in names}
        grads, step_losses, _, stats, _ = forward_backward(params, z, real, masks, eps, keep, kink_input)
        losses.append((step_losses["generator"], step_losses["discriminator_real"] + step_losses["discriminator_fake"]))
        lr_t = adam_rate(t, args)
        for k in names:
            net, layer = k.split("/", 1)
            m, v = f"optimizer/{net}/m/{layer}", f"optimizer/{net}/v/{layer}"
            state[k], state[m], state[v] = keras_adam(state[k], state[m], state[v], grads[k], lr_t, args)
        for layer, (mean, var) in stats.items():
            for key, batch in (("moving_mean", mean), ("moving_variance", var)):
                name = f"{layer}/{key}"
                state[name] = args.bn_momentum * state[name] + (1 - args.bn_momentum) * batch.reshape(state[name].shape)
    return state, losses


class FixedDropout(nn.Module):
    """Inverted dropout by given masks, one per call, in the order they are queued."""

    def __init__(self, keep):
        super().__init__()
        self.keep, self.masks = keep, []

    def forward(self, x):
        return x * self.masks.pop(0) / self.keep


def flatten_order(channels, size):
    """For each index of PyTorch's (c, h, w) flattening, the index of Keras' (h, w, c) one."""
    j = torch.arange(channels * size * size)
    return (j % (size * size)) * channels + j // (size * size)


def peer_tensors(g, d):
    """The peer's tensors by Keras name: (tensor, Keras layout to PyTorch's, PyTorch's to Keras')."""
    linear = [m for m in list(g) + list(d) if isinstance(m, nn.Linear)]
    bns = [m for m in g if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d))]
    convts = [m for m in g if isinstance(m, nn.ConvTranspose2d)]
    convs = [m for m in d if isinstance(m, nn.Conv2d)]
    g_order, d_order = flatten_order(256, 7), flatten_order(128, 7)

    def scatter(order, x):
        out = torch.empty_like(x)
        out[order] = x
        return out

    same = (lambda x: x, lambda x: x)
    kernel = (lambda k: k.permute(3, 2, 0, 1), lambda w: w.permute(2, 3, 1, 0))
    dense0 = (lambda x: x[g_order], lambda x: scatter(g_order, x))
    out = {"generator/dense/kernel": (linear[0].weight, lambda k: k[:, g_order].T, lambda w: scatter(g_order, w).T),
           "discriminator/dense/kernel": (linear[1].weight, lambda k: k[d_order].T, lambda w: scatter(d_order, w.T)),
           "discriminator/dense/bias": (linear[1].bias, *same)}
    for i, bn in enumerate(bns):
        layout = dense0 if i == 0 else same
        for key, tensor in (("gamma", bn.weight), ("beta", bn.bias), ("moving_mean", bn.running_mean),
                            ("moving_variance", bn.running_var)):
            out[f"generator/bn{i}/{key}"] = (tensor, *layout)
    for i, m in enumerate(convts):
        out[f"generator/convt{i + 1}/kernel"] = (m.weight, *kernel)
    for i, m in enumerate(convs):
        out[f"discriminator/conv{i + 1}/kernel"] = (m.weight, *kernel)
        out[f"discriminator/conv{i + 1}/bias"] = (m.bias, *same)
    return out


def replay_peer(state, epoch, steps, images, meta, args, dtype):
    """As replay_keras, with train_torch.py's own model, loop and optimiser: the checkpoint's
    tensors loaded into dcgan_torch.py's modules (TensorFlow's padding) and PyTorch's Adam, the
    masks fed to the discriminator's dropout layers."""
    first = int(meta["step"])
    g, d = generator("tf").to(dtype), discriminator("tf").to(dtype)
    drops = [i for i, m in enumerate(d) if isinstance(m, nn.Dropout)]
    for i in drops:
        d[i] = FixedDropout(1 - args.dropout_rate)
    g_opt, d_opt = adam(g, args.adam), adam(d, args.adam)
    tensors = peer_tensors(g, d)
    with torch.no_grad():
        for name, (tensor, to_torch, _) in tensors.items():
            tensor.copy_(to_torch(state[name]))
            net, layer = name.split("/", 1)
            if isinstance(tensor, nn.Parameter):
                opt = g_opt if net == "generator" else d_opt
                # Copies: the optimiser updates its moments in place.
                moment = lambda kind: to_torch(state[f"optimizer/{net}/{kind}/{layer}"]).to(dtype, copy=True).contiguous()
                opt.state[tensor] = {"step": torch.tensor(float(first)), "exp_avg": moment("m"), "exp_avg_sq": moment("v")}
    order = GoPCG(int(meta["seed"]), epoch).perm(images.shape[0])
    losses = []
    for b in range(steps):
        t = first + b + 1
        real, z, masks = step_inputs(images, order, b, t, meta, args, dtype)
        for layer, i in zip(("dropout1", "dropout2"), drops):
            d[i].masks = [masks[f"d/real/{layer}"], masks[f"d/fake/{layer}"]]
        gen_loss, disc_loss = train_step(g, d, g_opt, d_opt, nchw(real), z)
        losses.append((gen_loss.item(), disc_loss.item()))
    after = {}
    for name, (tensor, _, to_keras) in tensors.items():
        after[name] = to_keras(tensor.detach())
        net, layer = name.split("/", 1)
        if isinstance(tensor, nn.Parameter):
            st = (g_opt if net == "generator" else d_opt).state[tensor]
            after[f"optimizer/{net}/m/{layer}"] = to_keras(st["exp_avg"])
            after[f"optimizer/{net}/v/{layer}"] = to_keras(st["exp_avg_sq"])
    return after, losses


def read_losses(run):
    """losses.csv of the run: its rows by step."""
    with open(os.path.join(run, "losses.csv")) as f:
        return {int(r["step"]): r for r in csv.DictReader(f)}


def main():
    torch.set_default_dtype(torch.float64)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", help="the --out folder of a `dcganvk train` run with checkpoints of epochs E and E+1")
    ap.add_argument("--epoch", type=int, default=1, help="E: replay epoch E+1 from checkpoint E (default 1)")
    ap.add_argument("--data", default="data/mnist", help="folder holding train-images-idx3-ubyte.gz")
    ap.add_argument("--model", choices=("keras", "peer"), default="keras",
                    help="keras: step_check.py's functional Keras definitions; peer: train_torch.py's modules, "
                         "loop and optimiser (--adam)")
    ap.add_argument("--adam", choices=("keras", "torch"), default="keras",
                    help="the peer model's optimiser: dcgan_torch.py's KerasAdam or torch.optim.Adam")
    ap.add_argument("--loss-tolerance", type=float, default=1e-5,
                    help="largest absolute difference of a step's loss (1e-5)")
    ap.add_argument("--tolerance", type=float, default=1e-4,
                    help="largest relative difference of a state change, below the floor (1e-4)")
    ap.add_argument("--kink-noise", type=float, default=1e-6,
                    help="relative size of the rounding the floor runs add at each kink (1e-6, float32's; "
                         "3e-5 for dcganvk's Winograd kernels)")
    ap.add_argument("--floor-runs", type=int, default=3, help="replays with that rounding that make the floor (3)")
    add_model_flags(ap)
    args = ap.parse_args()
    before, meta = load_safetensors(os.path.join(args.run, f"ckpt-{args.epoch:04d}.safetensors"))
    after, meta_after = load_safetensors(os.path.join(args.run, f"ckpt-{args.epoch + 1:04d}.safetensors"))
    if float(meta["lr"]) != args.lr:
        sys.exit(f"the run's lr is {meta['lr']}; pass --lr {meta['lr']}")
    count, n = int(meta["images"]), int(meta["batch"])
    steps = int(meta_after["step"]) - int(meta["step"])
    if meta["batches_done"] != str(count // n) or steps != count // n:
        sys.exit(f"checkpoints {args.epoch} and {args.epoch + 1} must be at the ends of whole epochs")
    images = nhwc(load_images(args.data)[:count]).double()  # as dcganvk scales them, in float32
    replay = replay_peer if args.model == "peer" else replay_keras
    ours, losses = replay(before, args.epoch + 1, steps, images, meta, args, torch.float64)
    jittered = [replay_keras(before, args.epoch + 1, steps, images, meta, args, torch.float64,
                             rounding_jitter(args.kink_noise, seed))[0] for seed in range(args.floor_runs)]

    rows = []
    logged = read_losses(args.run)
    for b, (gen_loss, disc_loss) in enumerate(losses):
        t = int(meta["step"]) + b + 1
        row = logged[t]
        for key, got, want in (("gen_loss", float(row["gen_loss"]), gen_loss),
                               ("disc_loss", float(row["disc_loss"]), disc_loss)):
            diff = abs(got - want)
            rows.append((f"step {t}", key, abs(want), diff, None, diff <= args.loss_tolerance))
    for name in sorted(after):
        if name == "fixed_noise":
            continue
        change, want = after[name] - before[name], ours[name] - before[name]
        norm = torch.linalg.norm(want).item()
        rel = lambda x: torch.linalg.norm(x - want).item() / norm if norm > 0 else torch.linalg.norm(x - want).item()
        diff, floor = rel(change), max(rel(j[name] - before[name]) for j in jittered)
        rows.append((name, "epoch's change", norm, diff, floor, diff <= max(args.tolerance, 2 * floor)))

    print(f"epoch {args.epoch + 1} of {args.run} (steps {int(meta['step']) + 1} to {meta_after['step']}, batch {n}, "
          f"{count} images, seed {meta['seed']}) replayed with PyTorch {torch.__version__} autograd in float64 ({args.model} model)")
    failed, worst = print_rows(rows, "kink floor")
    print(f"\n{len(rows)} comparisons, largest difference {worst[3]:.2e} ({worst[0]} {worst[1]}): "
          f"{'FAIL' if failed else 'pass'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
