#!/usr/bin/python3
"""Trains the notebook's DCGAN on MNIST with PyTorch: the independent run dcganvk's samples are scored against.

The model is dcgan_torch.py's (the layers, sizes, BatchNorm epsilon 1e-3 and momentum 0.01,
LeakyReLU 0.3, dropout 0.3) with TensorFlow's 'same' padding at stride 2, 1 before and 2 after,
and the transposed convolutions as its adjoint (--padding tf, the default, checked at start
against step_check.py's functional forms; --padding torch pads symmetrically, as the bench peer
does), with Keras' initial weights (Glorot uniform kernels, zero biases) and the
notebook's loop: images scaled to [-1, 1], reshuffled each epoch, batches of --batch with the
remainder left out (as dcganvk does), new normal noise each step, D run on the real and on the
fake batch with their own dropout masks, both gradients from one forward pass, Adam(1e-4, eps
1e-7) for each network: Keras' Adam (dcgan_torch.KerasAdam, --adam keras, the default) or PyTorch's
(--adam torch), which adds epsilon after the bias correction and so takes steps up to a few
percent larger than Keras' in the first hundred steps for the weights whose gradients are small.
replay_check.py --model peer checks this model, loop and optimiser against a dcganvk run.

After each epoch it writes into --out, in inference mode (BatchNorm's moving statistics):
  samples_epoch_NNNN.npy  --samples images, float32 [N, 28, 28, 1] in [-1, 1], from noise drawn
                          with --seed + 1000, to score with `dcganvk eval --images`;
  image_at_epoch_NNNN.png the 4x4 grid of 16 fixed noise vectors, as the notebook saves it;
  run.json                the flags, seconds and last losses of every epoch.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time
import zlib

import numpy as np
import torch
from torch import nn

from dcgan_torch import TFSameCrop, TFSamePad, adam, discriminator, generator, train_step
from step_check import conv2d_same, conv2d_transpose_same


def load_images(data_dir):
    """MNIST's 60000 training images as float32 [N, 1, 28, 28] in [-1, 1]."""
    path = os.path.join(data_dir, "train-images-idx3-ubyte.gz")
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", raw[:16])
    if magic != 2051 or rows != 28 or cols != 28 or len(raw) != 16 + n * 784:
        sys.exit(f"{path}: not MNIST's IDX image file")
    pixels = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, 1, 28, 28)
    return torch.from_numpy((pixels.astype(np.float32) - 127.5) / 127.5)


def keras_init(module):
    """Keras' defaults: Glorot uniform kernels (PyTorch's fan computation gives the same limit for
    every layer here), zero biases; BatchNorm keeps gamma 1 and beta 0."""
    if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


def check_tf_padding():
    """Exits unless the TF-padded layers equal step_check.py's Keras conv and its adjoint."""
    gen = torch.Generator().manual_seed(7)
    x = torch.randn(2, 3, 14, 14, generator=gen, dtype=torch.float64)
    kernel = torch.randn(5, 5, 3, 4, generator=gen, dtype=torch.float64)  # Keras [kh, kw, in, out]
    conv = nn.Conv2d(3, 4, 5, stride=2, bias=False).double()
    conv.weight.data = kernel.permute(3, 2, 0, 1).clone()
    got, want = conv(TFSamePad()(x)), conv2d_same(x, kernel, 2)
    y = torch.randn(2, 4, 7, 7, generator=gen, dtype=torch.float64)
    convt = nn.ConvTranspose2d(4, 3, 5, stride=2, bias=False).double()
    convt.weight.data = kernel.permute(3, 2, 0, 1).clone()  # [in=4, out=3, kh, kw]
    got_t, want_t = TFSameCrop()(convt(y)), conv2d_transpose_same(y, kernel, 2, 14)
    with torch.no_grad():
        if got.shape != want.shape or not torch.allclose(got, want, rtol=1e-12, atol=1e-12):
            sys.exit("TFSamePad and Conv2d differ from step_check.conv2d_same")
        if got_t.shape != want_t.shape or not torch.allclose(got_t, want_t, rtol=1e-12, atol=1e-12):
            sys.exit("ConvTranspose2d and TFSameCrop differ from step_check.conv2d_transpose_same")


def write_png(path, gray):
    """Writes a uint8 [H, W] array as an 8-bit greyscale PNG."""
    h, w = gray.shape
    rows = b"".join(b"\x00" + gray[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


def grid(images, cols=4, scale=4, gap=2):
    """A grid of [N, 1, 28, 28] images in [-1, 1], each scaled up, as uint8 [H, W]."""
    n = images.shape[0]
    rows = (n + cols - 1) // cols
    cell = 28 * scale + gap
    out = np.full((gap + rows * cell, gap + cols * cell), 255, dtype=np.uint8)
    pixels = ((images[:, 0].numpy() + 1) * 127.5).clip(0, 255).astype(np.uint8)
    for i in range(n):
        y, x = gap + (i // cols) * cell, gap + (i % cols) * cell
        out[y:y + 28 * scale, x:x + 28 * scale] = np.kron(pixels[i], np.ones((scale, scale), dtype=np.uint8))
    return out


@torch.no_grad()
def draw(g, noise, batch=500):
    """The generator's images of noise in inference mode."""
    g.eval()
    out = torch.cat([g(noise[i:i + batch]) for i in range(0, noise.shape[0], batch)])
    g.train()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="data/mnist", help="folder holding train-images-idx3-ubyte.gz")
    ap.add_argument("--out", required=True, help="folder for the samples, grids and run.json")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", type=int, default=10000, help="images drawn after each epoch for eval")
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads; 0 keeps PyTorch's default")
    ap.add_argument("--padding", choices=("tf", "torch"), default="tf",
                    help="stride-2 'same' padding: TensorFlow's (1 before, 2 after) or PyTorch's symmetric one")
    ap.add_argument("--adam", choices=("keras", "torch"), default="keras",
                    help="Keras' Adam (epsilon added before the bias correction) or torch.optim.Adam (after it)")
    args = ap.parse_args()
    if args.epochs < 1 or args.batch < 2 or args.samples < 2:
        sys.exit("--epochs must be at least 1, --batch and --samples at least 2")
    os.makedirs(args.out, exist_ok=True)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.padding == "tf":
        check_tf_padding()
    torch.manual_seed(args.seed)
    images = load_images(args.data)
    g, d = generator(args.padding), discriminator(args.padding)
    g.apply(keras_init)
    d.apply(keras_init)
    g_opt, d_opt = adam(g, args.adam), adam(d, args.adam)
    fixed = torch.randn(16, 100, generator=torch.Generator().manual_seed(args.seed + 2000))
    eval_noise = torch.randn(args.samples, 100, generator=torch.Generator().manual_seed(args.seed + 1000))
    steps = images.shape[0] // args.batch
    run = {"flags": vars(args), "torch": torch.__version__, "threads": torch.get_num_threads(), "epochs": []}
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(images.shape[0])
        for i in range(steps):
            real = images[order[i * args.batch:(i + 1) * args.batch]]
            gen_loss, disc_loss = train_step(g, d, g_opt, d_opt, real, torch.randn(args.batch, 100))
            if (i + 1) % 20 == 0 or i + 1 == steps:
                print(f"epoch {epoch} step {i + 1}/{steps} gen_loss {gen_loss.item():.4f} "
                      f"disc_loss {disc_loss.item():.4f}", file=sys.stderr)
        seconds = time.perf_counter() - start
        samples = draw(g, eval_noise).permute(0, 2, 3, 1).contiguous().numpy()
        np.save(os.path.join(args.out, f"samples_epoch_{epoch:04d}.npy"), samples)
        write_png(os.path.join(args.out, f"image_at_epoch_{epoch:04d}.png"), grid(draw(g, fixed)))
        run["epochs"].append({"epoch": epoch, "seconds": seconds, "gen_loss": gen_loss.item(),
                              "disc_loss": disc_loss.item()})
        with open(os.path.join(args.out, "run.json"), "w") as f:
            json.dump(run, f, indent=2)
        print(f"Time for epoch {epoch} is {seconds:.1f} sec", file=sys.stderr)


if __name__ == "__main__":
    main()
