#!/usr/bin/python3
"""Recomputes one dcganvk train step with PyTorch autograd and compares it with dcganvk's.

Reads the folder `dcganvk verify --dump DIR` writes (index.json and float32 .npy files: the
weights, Adam's moments and the batch-norm moving statistics before the step, the real batch, the
noise and the dropout masks; the losses, gradients and everything after the step) and recomputes
the step in float64 from TensorFlow/Keras' definitions, written here independently of dcganvk's
plan:

- images and activations NHWC as in Keras, moved to NCHW for PyTorch; conv kernels Keras'
  [kh, kw, in, out], Conv2DTranspose kernels Keras' [kh, kw, out, in]; Flatten and Reshape in
  NHWC order;
- 'same' padding as TensorFlow pads it: total max((out-1)*stride + k - in, 0), the smaller half
  before (1 before and 2 after for 5x5 at stride 2), through F.pad;
- Conv2DTranspose as the adjoint of that convolution: conv_transpose2d without padding over the
  padded image, then the padding cropped (checked here against autograd of the convolution);
- BatchNormalization in training mode: batch mean and biased variance, epsilon 1e-3; moving
  statistics moving*0.99 + batch*0.01, with the unbiased variance after the convolutions (TF's
  fused kernel) and the biased one after the Dense layer;
- LeakyReLU 0.3, inverted dropout x*mask/(1-0.3) with the dumped masks, the stable sigmoid
  cross-entropy (mean over the batch); gen_loss = BCE(D(fake), 1), disc_loss = BCE(D(real), 1) +
  BCE(D(fake), 0), both from the same forward pass;
- Keras' Adam: m = b1*m + (1-b1)*g, v = b2*v + (1-b2)*g^2,
  w -= lr_t*m/(sqrt(v) + 1e-7) with lr_t = lr*sqrt(1-b2^t)/(1-b1^t).

Every comparison is ||dcganvk - torch|| / ||torch|| (the absolute difference for a loss) and must
be at most --tolerance (1e-4): the losses, the generated batch, every gradient, every parameter
after the update (from PyTorch's own gradient), the moving statistics, and Adam on its own: from
dcganvk's gradient, the update (new - old, which the parameter's own size hides in the row
before; it may differ by as much as rounding each new value to float32 does, the floor column)
and the new moments. Prints a table; exits 1 when any row fails.

Kinks: a ReLU or LeakyReLU input within float32 rounding of zero may lie on one side in dcganvk
and on the other in float64 (PyTorch in float32 differs from float64 the same way), and at
batch 8 one such unit after batch norm moves the generator's gradients by 1e-3 to 1e-2. So the
dump carries dcganvk's own inputs of every ReLU and LeakyReLU (and D's logits); the recomputation
takes each kink on dcganvk's side, compares those inputs with its own (the "activation" rows) and
prints how many lay on the other side. D's dense bias gradient, a mean of sigmoids that nearly
cancels, gets as floor twice what dcganvk's logits instead of PyTorch's change it by.
"""
import argparse
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F


class Dump:
    """A `verify --dump` folder."""

    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "index.json")) as f:
            self.index = json.load(f)

    def load(self, rel, shape=None):
        a = np.load(os.path.join(self.folder, rel))
        if a.dtype != np.float32 or (shape is not None and list(a.shape) != list(shape)):
            sys.exit(f"{rel}: {a.dtype} {a.shape}, want float32 {shape}")
        return torch.from_numpy(a.astype(np.float64))


def same_padding(size, k, stride):
    """TensorFlow's 'same' padding of one dimension: (before, after)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    return total // 2, total - total // 2


def conv2d_same(x, kernel, stride):
    """Keras Conv2D, 'same', no bias: x NCHW, kernel [kh, kw, in, out]."""
    k = kernel.shape[0]
    top, bottom = same_padding(x.shape[2], k, stride)
    left, right = same_padding(x.shape[3], k, stride)
    return F.conv2d(F.pad(x, (left, right, top, bottom)), kernel.permute(3, 2, 0, 1), stride=stride)


def conv2d_transpose_same(x, kernel, stride, out_size):
    """Keras Conv2DTranspose, 'same', no bias: x NCHW, kernel [kh, kw, out, in]; the adjoint of
    conv2d_same(., kernel, stride) on out_size x out_size images."""
    k = kernel.shape[0]
    top, _ = same_padding(out_size, k, stride)
    y = F.conv_transpose2d(x, kernel.permute(3, 2, 0, 1), stride=stride)
    return y[:, :, top:top + out_size, top:top + out_size]


def check_adjoint():
    """<conv(a), b> = <a, conv_transpose(b)> for the generator's three layer shapes."""
    gen = torch.Generator().manual_seed(5)
    for size, stride, cin, cout in ((7, 1, 3, 4), (14, 2, 3, 4), (28, 2, 2, 3)):
        a = torch.randn(2, cin, size, size, generator=gen)
        w = torch.randn(5, 5, cin, cout, generator=gen)
        y = conv2d_same(a, w, stride)
        b = torch.randn(y.shape, generator=gen)
        lhs, rhs = (y * b).sum(), (a * conv2d_transpose_same(b, w, stride, size)).sum()
        if abs(lhs - rhs) > 1e-10 * abs(lhs):
            sys.exit(f"conv2d_transpose_same is not the adjoint at {size}/{stride}: {lhs} {rhs}")


def batch_norm(x, gamma, beta, eps):
    """Keras BatchNormalization in training mode over every dimension but the features (dim 1);
    returns y and, for the moving statistics, the batch mean and the variance they take: the
    unbiased one for 4-D input (after a convolution, TF's fused kernel), else the biased one."""
    dims = (0,) if x.dim() == 2 else (0, 2, 3)
    mean = x.mean(dim=dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
    shape = [1] * x.dim()
    shape[1] = -1
    y = (x - mean) / torch.sqrt(var + eps) * gamma.view(shape) + beta.view(shape)
    count = x.numel() // x.shape[1]
    moving_var = var * count / (count - 1) if x.dim() == 4 else var
    return y, mean.flatten().detach(), moving_var.flatten().detach()


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1)


def forward_backward(params, z, real, masks, eps, keep, kink_input=None):
    """One train step's forward and backward pass in Keras' definitions, from the parameters (by
    Keras name, each requiring grad), the noise [n, 100], the real batch NHWC and the dropout
    masks (NCHW, by layer name as in a dump). kink_input(name, half, x) gives the values whose
    sign picks the branch of each ReLU and LeakyReLU (x: this computation's input of the layer
    of that name, over the real (half 0) or the fake batch (half 1)); without it, x's own.
    Returns the gradients, the losses, the fake batch NHWC, the batch-norm statistics for the
    moving ones and this computation's kink inputs."""
    n = z.shape[0]
    g = lambda name: params["generator/" + name]
    dd = lambda name: params["discriminator/" + name]
    stats, ours = {}, {}

    def side(x, name, half):
        ours.setdefault(name, []).append(x)
        return (kink_input(name, half, x) if kink_input else x) > 0

    relu = lambda x, name: x * side(x, name, 0)
    leaky_relu = lambda x, name, half: torch.where(side(x, name, half), x, 0.3 * x)

    # Generator: Dense(no bias), BN, ReLU, Reshape(7,7,256), three Conv2DTranspose.
    h0 = z @ g("dense/kernel")
    a0, *stats["generator/bn0"] = batch_norm(h0, g("bn0/gamma"), g("bn0/beta"), eps)
    x = nchw(relu(a0, "generator/bn0").reshape(n, 7, 7, 256))
    h1 = conv2d_transpose_same(x, g("convt1/kernel"), 1, 7)
    a1, *stats["generator/bn1"] = batch_norm(h1, g("bn1/gamma"), g("bn1/beta"), eps)
    h2 = conv2d_transpose_same(relu(a1, "generator/bn1"), g("convt2/kernel"), 2, 14)
    a2, *stats["generator/bn2"] = batch_norm(h2, g("bn2/gamma"), g("bn2/beta"), eps)
    fake = torch.tanh(conv2d_transpose_same(relu(a2, "generator/bn2"), g("convt3/kernel"), 2, 28))

    def discriminator(img, pass_name, half):
        c1 = conv2d_same(img, dd("conv1/kernel"), 2) + dd("conv1/bias").view(1, -1, 1, 1)
        x1 = leaky_relu(c1, "discriminator/conv1", half) * masks[f"d/{pass_name}/dropout1"] / keep
        c2 = conv2d_same(x1, dd("conv2/kernel"), 2) + dd("conv2/bias").view(1, -1, 1, 1)
        x2 = leaky_relu(c2, "discriminator/conv2", half) * masks[f"d/{pass_name}/dropout2"] / keep
        return nhwc(x2).reshape(n, -1) @ dd("dense/kernel") + dd("dense/bias")

    real_logit, fake_logit = discriminator(nchw(real), "real", 0), discriminator(fake, "fake", 1)
    ours["discriminator/logit"] = [real_logit, fake_logit]
    ones, zeros = torch.ones_like(fake_logit), torch.zeros_like(fake_logit)
    losses = {"generator": F.binary_cross_entropy_with_logits(fake_logit, ones),
              "discriminator_real": F.binary_cross_entropy_with_logits(real_logit, ones),
              "discriminator_fake": F.binary_cross_entropy_with_logits(fake_logit, zeros)}
    gen = [k for k in params if k.startswith("generator/")]
    disc = [k for k in params if k.startswith("discriminator/")]
    grads = dict(zip(gen, torch.autograd.grad(losses["generator"], [params[k] for k in gen], retain_graph=True)))
    grads.update(zip(disc, torch.autograd.grad(losses["discriminator_real"] + losses["discriminator_fake"],
                                               [params[k] for k in disc])))
    ours = {k: torch.cat(v).detach() for k, v in ours.items()}
    return grads, {k: v.item() for k, v in losses.items()}, nhwc(fake).detach(), stats, ours


def keras_adam(w, m, v, g, lr_t, args):
    """Keras' Adam update of one tensor at the bias-corrected rate lr_t: the new w, m and v."""
    m = args.beta1 * m + (1 - args.beta1) * g
    v = args.beta2 * v + (1 - args.beta2) * g * g
    return w - lr_t * m / (torch.sqrt(v) + args.adam_epsilon), m, v


def adam_rate(t, args):
    """Keras Adam's bias-corrected rate of step t (from 1)."""
    return args.lr * math.sqrt(1 - args.beta2 ** t) / (1 - args.beta1 ** t)


def add_model_flags(ap):
    """The constants of the notebook's model, Keras' defaults where it sets none."""
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--beta1", type=float, default=0.9)
    ap.add_argument("--beta2", type=float, default=0.999)
    ap.add_argument("--adam-epsilon", type=float, default=1e-7)
    ap.add_argument("--bn-epsilon", type=float, default=1e-3)
    ap.add_argument("--bn-momentum", type=float, default=0.99)
    ap.add_argument("--dropout-rate", type=float, default=0.3)


def print_rows(rows, floor_name):
    """Prints comparison rows (tensor, what, norm, difference, floor or None, passed) as a table;
    returns the rows that failed and the one of the largest difference."""
    print(f"{'tensor':42} {'what':18} {'||torch||':>10} {'diff':>9} {floor_name:>10}  result")
    for name, kind, norm, diff, floor, ok in rows:
        floor = f"{floor:10.2e}" if floor is not None else ""
        print(f"{name:42} {kind:18} {norm:10.3e} {diff:9.2e} {floor:>10}  {'pass' if ok else 'FAIL'}")
    return [r for r in rows if not r[5]], max(rows, key=lambda r: r[3])


def step(d, args):
    """The dumped step recomputed: its parameters, then forward_backward's results."""
    ix = d.index
    n = ix["batch"]
    params = {p["name"]: d.load(p["value"]).requires_grad_() for p in ix["parameters"]}
    z = d.load(ix["inputs"]["noise"]["file"], [n, 100])
    real = d.load(ix["inputs"]["real"]["file"], [n, 28, 28, 1])
    masks = {k: nchw(d.load(v["file"])) for k, v in ix["masks"].items()}
    # dcganvk's own inputs of each ReLU and LeakyReLU (NCHW; D's with their bias, real batch
    # first): the kinks are taken on its side, where float32 rounding may differ from float64's.
    act = {k: d.load(v["file"]) for k, v in ix["activations"].items()}
    bias = lambda name: params[f"discriminator/{name}/bias"].detach().view(1, -1, 1, 1)
    act = {"discriminator/logit": act["discriminator/logit"], "generator/bn0": act["generator/bn0"],
           "generator/bn1": nchw(act["generator/bn1"]), "generator/bn2": nchw(act["generator/bn2"]),
           "discriminator/conv1": nchw(act["discriminator/conv1"]) + bias("conv1"),
           "discriminator/conv2": nchw(act["discriminator/conv2"]) + bias("conv2")}
    eps, keep = float(args.bn_epsilon), 1 - float(args.dropout_rate)
    dcganvk_side = lambda name, half, x: act[name][half * n:(half + 1) * n]
    return (params, *forward_backward(params, z, real, masks, eps, keep, dcganvk_side), act)


def main():
    torch.set_default_dtype(torch.float64)  # here, not at import: train_torch.py imports this file
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", help="the folder `dcganvk verify --dump` wrote")
    ap.add_argument("--tolerance", type=float, default=1e-4, help="largest relative difference (1e-4)")
    add_model_flags(ap)
    args = ap.parse_args()
    check_adjoint()
    d = Dump(args.dump)
    ix = d.index
    n, t = ix["batch"], ix["step"]
    params, grads, losses, fake, stats, ours, act = step(d, args)

    rows = []

    def compare(name, kind, got, want, floor=None):
        """One row: passes when the relative difference is at most the tolerance, or floor."""
        got, want = got.flatten(), want.flatten()
        norm = torch.linalg.norm(want).item()
        diff = torch.linalg.norm(got - want).item()
        rel = diff / norm if norm > 0 else diff
        rows.append((name, kind, norm, rel, floor, rel <= max(args.tolerance, floor or 0)))

    for k, v in losses.items():
        diff = abs(ix["losses"][k] - v)
        rows.append((k, "loss (abs diff)", abs(v), diff, None, diff <= args.tolerance))
    compare("fake batch", "output", d.load(ix["fake"]["file"]), fake)
    flipped = 0
    for name, x in ours.items():
        compare(name, "activation", act[name], x)
        if name != "discriminator/logit":
            flipped += int(((act[name] > 0) != (x > 0)).sum())
    # D's dense bias gradient, mean(sigmoid(real) - 1) + mean(sigmoid(fake)), nearly cancels: its
    # floor is how far it moves when taken from dcganvk's float32 logits instead of PyTorch's.
    def bias_grad(logits):
        return (torch.sigmoid(logits[:n]) - 1).mean(0) + torch.sigmoid(logits[n:]).mean(0)

    bias = "discriminator/dense/bias"
    bias_floor = torch.linalg.norm(bias_grad(act["discriminator/logit"]) - grads[bias]).item() / torch.linalg.norm(grads[bias]).item()
    lr_t = adam_rate(t, args)
    compare("lr_t", "adam", torch.tensor([ix["lr_t"]]), torch.tensor([lr_t]))
    adam = lambda w, m, v, g: keras_adam(w, m, v, g, lr_t, args)

    for p in ix["parameters"]:
        name = p["name"]
        w, m, v, updated = params[name].detach(), d.load(p["m"]), d.load(p["v"]), d.load(p["updated"])
        dcganvk_grad = d.load(p["gradient"])
        floor = 2 * bias_floor if name == bias else None
        compare(name, "gradient", dcganvk_grad, grads[name], floor=floor)
        compare(name, "updated", updated, adam(w, m, v, grads[name])[0], floor=floor)
        # Adam alone, from dcganvk's gradient, against its float32 results: the update (new - old,
        # which the parameter's own size hides above) from the new value rounded to float32 as
        # dcganvk and Keras store it, and the new moments.
        # A new value a few ulps off the rounding boundary rounds the other way, and a whole float32
        # ulp of a weight near 1 is a sizeable part of its update: the row may differ by as much as
        # storing each new value to half an ulp does (the floor column).
        new, new_m, new_v = adam(w, m, v, dcganvk_grad)
        stored = new.float().double()
        half_ulp = torch.from_numpy(np.spacing(np.abs(stored.numpy()).astype(np.float32)).astype(np.float64)) / 2
        compare(name, "adam: update", updated - w, stored - w,
                floor=torch.linalg.norm(half_ulp).item() / torch.linalg.norm(new - w).item())
        compare(name, "adam: m", d.load(p["m_updated"]), new_m)
        compare(name, "adam: v", d.load(p["v_updated"]), new_v)
    for bn in ix["batchnorm"]:
        mean, var = stats[bn["name"]]
        mom = args.bn_momentum
        compare(bn["name"], "moving_mean", d.load(bn["moving_mean_updated"]), mom * d.load(bn["moving_mean"]) + (1 - mom) * mean)
        compare(bn["name"], "moving_variance", d.load(bn["moving_variance_updated"]),
                mom * d.load(bn["moving_variance"]) + (1 - mom) * var)

    print(f"dcganvk step {t} (after {ix['warmup_steps']} warm-up steps) at batch {n} on {ix['device']}, "
          f"against PyTorch {torch.__version__} autograd in float64")
    failed, worst = print_rows(rows, "f32 floor")
    print(f"\n{flipped} ReLU/LeakyReLU inputs lie on the other side of zero in float64 than in dcganvk's "
          "float32; the gradients are taken on dcganvk's side of each")
    print(f"{len(rows)} comparisons, largest relative difference {worst[3]:.2e} ({worst[0]} {worst[1]}), "
          f"tolerance {args.tolerance:.0e}: {'FAIL' if failed else 'pass'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
