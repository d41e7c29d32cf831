"""PyTorch reference for TrainingStepBenchmark: the same U-Net (depth 3, base width 16, 1 -> 3 classes),
the same batch (8x1x128x128), softmax cross-entropy, one Adam step; warm-up, then the median of repeats.
Usage: /usr/bin/python3 scripts/bench_training_torch.py [threads=2] [batch=8] [size=128] [warmup=3] [repeat=7]
Prints 'RESULT step_ms=... forward_ms=... step_min_ms=... forward_min_ms=...' last."""
import statistics
import sys
import time

import torch
import torch.nn as nn


def block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, cin=1, classes=3, depth=3, width=16):
        super().__init__()
        self.enc, self.ups, self.dec = nn.ModuleList(), nn.ModuleList(), nn.ModuleList()
        c, w = cin, width
        for _ in range(depth):
            self.enc.append(block(c, w))
            c, w = w, 2 * w
        self.bottleneck = block(c, w)
        c = w
        for _ in range(depth):
            w //= 2
            self.ups.append(nn.ConvTranspose2d(c, w, 2, stride=2))
            self.dec.append(block(2 * w, w))
            c = w
        self.head = nn.Conv2d(c, classes, 1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
            x = self.pool(x)
        x = self.bottleneck(x)
        for up, d in zip(self.ups, self.dec):
            x = d(torch.cat([skips.pop(), up(x)], 1))
        return self.head(x)


def main():
    opts = dict(threads=2, batch=8, size=128, warmup=3, repeat=7)
    for a in sys.argv[1:]:
        k, v = a.split("=", 1)
        opts[k] = int(v)
    torch.set_num_threads(opts["threads"])
    torch.manual_seed(42)
    net = UNet()
    x = torch.randn(opts["batch"], 1, opts["size"], opts["size"])
    t = torch.randint(0, 3, (opts["batch"], opts["size"], opts["size"]))
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = loss_fn(net(x), t)
        loss.backward()
        opt.step()
        return loss.item()

    net.train()
    for _ in range(opts["warmup"]):
        step()
    times = []
    for _ in range(opts["repeat"]):
        t0 = time.perf_counter()
        loss = step()
        times.append((time.perf_counter() - t0) * 1e3)
    net.eval()
    fwd = []
    with torch.no_grad():
        net(x)
        for _ in range(opts["repeat"]):
            t0 = time.perf_counter()
            net(x)
            fwd.append((time.perf_counter() - t0) * 1e3)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, batch {opts['batch']}x1x{opts['size']}x{opts['size']}, "
          f"warm-up {opts['warmup']}, repeats {opts['repeat']} (median)")
    print(f"training step: median {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f}), last loss {loss:.5f}")
    print(f"forward (inference, no_grad): median {statistics.median(fwd):.1f} ms")
    print(f"RESULT step_ms={statistics.median(times):.2f} forward_ms={statistics.median(fwd):.2f} "
          f"step_min_ms={min(times):.2f} forward_min_ms={min(fwd):.2f}")


if __name__ == "__main__":
    main()
