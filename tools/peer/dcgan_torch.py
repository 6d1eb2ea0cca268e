#!/usr/bin/python3
"""The notebook's DCGAN train step in PyTorch, timed: the peer dcganvk is measured against.

Same layers, sizes and optimiser as dcganvk (Keras semantics where PyTorch allows: BatchNorm
epsilon 1e-3 and momentum 0.01, LeakyReLU slope 0.3, Adam epsilon 1e-7, dropout 0.3 in both
discriminator passes, both gradients from one forward pass). PyTorch pads 'same' convolutions
symmetrically (padding 2, output_padding 1) where TensorFlow pads 1 before and 2 after: the
work is the same (generator() and discriminator() build TensorFlow's padding too, for
train_torch.py). The timed step is train_step() with torch.optim.Adam, the optimiser a PyTorch
user runs (adam() also gives KerasAdam, which train_torch.py trains with: the same work, epsilon
added before the bias correction). Prints one JSON object: {"batch", "steps", "ms", "images_per_s", "threads",
"device", "precision", "tf32", "torch"}.

--threads sets torch.set_num_threads (default: PyTorch's own choice). --precision matters on CUDA
only: tf32 leaves PyTorch's defaults (cuDNN convolutions may use TF32 tensor cores; matmuls stay
FP32), fp32 turns TF32 off for both cuDNN and matmul (fp32_precision "ieee" from PyTorch 2.9,
allow_tf32 False before). "tf32" in the JSON says what PyTorch reports it allows.
"""
import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn


class TFSamePad(nn.Module):
    """TensorFlow's 'same' padding of a 5x5 stride-2 convolution on an even size: 1 before, 2 after."""

    def forward(self, x):
        return F.pad(x, (1, 2, 1, 2))


class TFSameCrop(nn.Module):
    """Crops an unpadded 5x5 stride-2 ConvTranspose2d (2n+3 wide) to TensorFlow's 'same' output,
    1 before and 2 after: the adjoint of TFSamePad and the convolution."""

    def forward(self, x):
        return x[:, :, 1:-2, 1:-2]


class KerasBatchNorm1d(nn.BatchNorm1d):
    """BatchNorm1d whose moving variance takes the batch's biased variance, as Keras' does after a
    Dense layer (PyTorch's takes the unbiased one; after a convolution both do, through TF's fused
    kernel)."""

    def forward(self, x):
        if not self.training:
            return super().forward(x)
        with torch.no_grad():
            self.running_mean.lerp_(x.mean(0), self.momentum)
            self.running_var.lerp_(x.var(0, unbiased=False), self.momentum)
        return F.batch_norm(x, None, None, self.weight, self.bias, True, 0.0, self.eps)


def strided_conv(cin, cout, padding):
    """Conv2d 5x5, stride 2, 'same': PyTorch's symmetric padding, or TensorFlow's with padding "tf"."""
    if padding == "tf":
        return [TFSamePad(), nn.Conv2d(cin, cout, 5, stride=2)]
    return [nn.Conv2d(cin, cout, 5, stride=2, padding=2)]


def strided_conv_transpose(cin, cout, padding):
    """ConvTranspose2d 5x5, stride 2, 'same', no bias: PyTorch's symmetric padding, or the adjoint
    of TensorFlow's with padding "tf"."""
    if padding == "tf":
        return [nn.ConvTranspose2d(cin, cout, 5, stride=2, bias=False), TFSameCrop()]
    return [nn.ConvTranspose2d(cin, cout, 5, stride=2, padding=2, output_padding=1, bias=False)]


def generator(padding="torch"):
    """The notebook's generator; padding "torch" or "tf" picks the stride-2 layers' padding."""
    return nn.Sequential(
        nn.Linear(100, 7 * 7 * 256, bias=False),
        KerasBatchNorm1d(7 * 7 * 256, eps=1e-3, momentum=0.01),
        nn.ReLU(),
        nn.Unflatten(1, (256, 7, 7)),
        nn.ConvTranspose2d(256, 128, 5, stride=1, padding=2, bias=False),
        nn.BatchNorm2d(128, eps=1e-3, momentum=0.01),
        nn.ReLU(),
        *strided_conv_transpose(128, 64, padding),
        nn.BatchNorm2d(64, eps=1e-3, momentum=0.01),
        nn.ReLU(),
        *strided_conv_transpose(64, 1, padding),
        nn.Tanh(),
    )


def discriminator(padding="torch"):
    """The notebook's discriminator; padding "torch" or "tf" picks the convolutions' padding."""
    return nn.Sequential(
        *strided_conv(1, 64, padding),
        nn.LeakyReLU(0.3),
        nn.Dropout(0.3),
        *strided_conv(64, 128, padding),
        nn.LeakyReLU(0.3),
        nn.Dropout(0.3),
        nn.Flatten(),
        nn.Linear(6272, 1),
    )


def train_step(g, d, g_opt, d_opt, real, noise):
    """One step of the notebook's loop: G's batch from the noise, D on the real (NCHW) and on the
    fake batch, both losses and both gradients from that one forward pass, then both Adam steps.
    Returns the generator's and the discriminator's loss."""
    fake = g(noise)
    real_out, fake_out = d(real), d(fake)
    bce = nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones_like(real_out), torch.zeros_like(real_out)
    gen_loss = bce(fake_out, ones)
    disc_loss = bce(real_out, ones) + bce(fake_out, zeros)
    g_grads = torch.autograd.grad(gen_loss, list(g.parameters()), retain_graph=True)
    d_grads = torch.autograd.grad(disc_loss, list(d.parameters()))
    for p, grad in zip(list(g.parameters()) + list(d.parameters()), g_grads + d_grads):
        p.grad = grad
    g_opt.step()
    d_opt.step()
    return gen_loss, disc_loss


class KerasAdam(torch.optim.Optimizer):
    """Keras' Adam: m = b1*m + (1-b1)*g, v = b2*v + (1-b2)*g^2, w -= lr_t*m/(sqrt(v) + eps) with
    lr_t = lr*sqrt(1-b2^t)/(1-b1^t). PyTorch's Adam adds eps to the bias-corrected sqrt(v)
    instead, which makes Keras' epsilon in effect eps/sqrt(1-b2^t): larger early in training, by
    a factor of 10 at step 10, where it shrinks the updates of the weights whose gradients are
    small (the generator's dense layer and its batch norm) by about 1%. The state has PyTorch
    Adam's keys: step, exp_avg, exp_avg_sq."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.999), eps=1e-7):
        super().__init__(params, {"lr": lr, "betas": betas, "eps": eps})

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            (b1, b2), eps = group["betas"], group["eps"]
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    state.update(step=0, exp_avg=torch.zeros_like(p), exp_avg_sq=torch.zeros_like(p))
                state["step"] = t = int(state["step"]) + 1
                lr_t = group["lr"] * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
                state["exp_avg"].mul_(b1).add_(p.grad, alpha=1 - b1)
                state["exp_avg_sq"].mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
                p.addcdiv_(state["exp_avg"], state["exp_avg_sq"].sqrt().add_(eps), value=-lr_t)


def adam(module, kind="keras"):
    """The notebook's optimiser for one network, Adam(1e-4) with Keras' betas and epsilon: Keras'
    own (kind "keras") or PyTorch's (kind "torch")."""
    make = KerasAdam if kind == "keras" else torch.optim.Adam
    return make(module.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-7)


# PyTorch 2.9 and later set TF32 through fp32_precision attributes (torch.backends has one too);
# the allow_tf32 flags before them.
NEW_TF32_API = hasattr(torch.backends, "fp32_precision")


def strict_fp32():
    """Turns TF32 off for matmuls and cuDNN convolutions, through the API the PyTorch has."""
    if NEW_TF32_API:
        torch.backends.cuda.matmul.fp32_precision = "ieee"
        torch.backends.cudnn.conv.fp32_precision = "ieee"
    else:
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False


def tf32_flags():
    """Whether matmuls and cuDNN convolutions may use TF32, as PyTorch reports it. The new API is
    read when it was set (PyTorch refuses to mix the two), else the old one."""
    try:
        matmul = torch.backends.cuda.matmul.fp32_precision if NEW_TF32_API else "none"
        if matmul != "none":
            return {"matmul": matmul == "tf32", "cudnn": torch.backends.cudnn.conv.fp32_precision == "tf32"}
        return {"matmul": torch.backends.cuda.matmul.allow_tf32, "cudnn": torch.backends.cudnn.allow_tf32}
    except (RuntimeError, AttributeError, AssertionError) as e:
        return {"error": str(e)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--steps", type=int, default=5, help="timed steps after one warm-up step")
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--threads", type=int, default=0,
                    help="CPU threads (torch.set_num_threads); 0 keeps PyTorch's default")
    ap.add_argument("--precision", choices=("tf32", "fp32"), default="tf32",
                    help="tf32: PyTorch's defaults (cuDNN may use TF32); fp32: TF32 off for cuDNN and matmul")
    args = ap.parse_args()
    if args.batch < 2 or args.steps < 1 or args.threads < 0:
        sys.exit("--batch must be at least 2, --steps at least 1 and --threads at least 0")
    torch.manual_seed(1)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.precision == "fp32":
        strict_fp32()
    dev = torch.device(args.device)
    g, d = generator().to(dev), discriminator().to(dev)
    # PyTorch's own Adam, the optimiser a PyTorch user runs (the same work as Keras').
    g_opt, d_opt = adam(g, "torch"), adam(d, "torch")
    images = torch.rand(4 * args.batch, 1, 28, 28, device=dev) * 2 - 1

    def step(i):
        real = images[(i % 4) * args.batch:(i % 4 + 1) * args.batch]
        train_step(g, d, g_opt, d_opt, real, torch.randn(args.batch, 100, device=dev))
        if dev.type == "cuda":
            torch.cuda.synchronize()

    times = []
    for i in range(args.steps + 1):
        start = time.perf_counter()
        step(i)
        if i > 0:
            times.append(time.perf_counter() - start)
        print(f"peer: step {i} of {args.steps} (+1 warm-up)", file=sys.stderr)
    ms = statistics.median(times) * 1000
    print(json.dumps({"batch": args.batch, "steps": args.steps, "ms": ms,
                      "images_per_s": args.batch / (ms / 1000), "threads": torch.get_num_threads(),
                      "device": args.device, "precision": args.precision,
                      "tf32": tf32_flags(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
