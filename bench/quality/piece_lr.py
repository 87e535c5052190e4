#!/usr/bin/python3
"""What a linear model over the student's own tokens reaches on a classification task.

Diagnoses issue 11's gap: is the student limited by its tokenizer (the pieces it sees) or by learning
from few samples? Tokenizes the task's train and test inputs with a trained project's tokenizer
(`smolify-cli tokenize`), then fits L2-regularised logistic regression (PyTorch, LBFGS) on
  mean    token counts / length (what uniform attention over the input would average),
  binary  token presence,
  bigram  token presence plus hashed adjacent-pair presence,
for a few regularisation strengths, and prints test accuracy for each.

  /usr/bin/python3 bench/quality/piece_lr.py PROJECT.smolify bench/quality/data/man-section \
      --cli build/ci/app/smolify-cli
"""
import argparse, json, subprocess, sys

import torch


def tokens(cli, project, text):
    out = subprocess.run([cli, "tokenize", project, "--text", text, "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("piece_lr: smolify-cli tokenize failed: " + out.stderr.strip())
    return json.loads(out.stdout)["tokens"]


def fit(xtr, ytr, xte, yte, labels, wd):
    w = torch.zeros(xtr.shape[1], labels, requires_grad=True)
    b = torch.zeros(labels, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=300)

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(xtr @ w + b, ytr) + wd * (w * w).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return ((xte @ w + b).argmax(1) == yte).float().mean().item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("project")
    ap.add_argument("task_dir")
    ap.add_argument("--cli", default="build/ci/app/smolify-cli")
    ap.add_argument("--buckets", type=int, default=20000)
    a = ap.parse_args()
    torch.manual_seed(0)
    rows = {}
    for split in ("train", "test"):
        rows[split] = []
        for line in open(f"{a.task_dir}/{split}.jsonl", encoding="utf-8"):
            r = json.loads(line)
            rows[split].append((tokens(a.cli, a.project, r["input"]), r["output"]))
    vocab = 1 + max(t for s in rows.values() for ids, _ in s for t in ids)
    labels = sorted({y for s in rows.values() for _, y in s})

    def features(ids, mode):
        if mode == "bigram":
            x = torch.zeros(vocab + a.buckets)
            x[list(set(ids))] = 1
            pairs = {vocab + (p * 7919 + q) % a.buckets for p, q in zip(ids, ids[1:])}
            if pairs:
                x[list(pairs)] = 1
            return x
        x = torch.zeros(vocab)
        for t in ids:
            x[t] += 1
        return x / max(1, len(ids)) if mode == "mean" else (x > 0).float()

    print(f"{len(rows['train'])} train / {len(rows['test'])} test inputs, {vocab} pieces, {len(labels)} labels")
    grid = {"mean": [0, 1e-7, 1e-6, 1e-5], "binary": [1e-4, 1e-3, 1e-2], "bigram": [1e-4, 1e-3]}
    for mode, strengths in grid.items():
        xtr = torch.stack([features(ids, mode) for ids, _ in rows["train"]])
        xte = torch.stack([features(ids, mode) for ids, _ in rows["test"]])
        ytr = torch.tensor([labels.index(y) for _, y in rows["train"]])
        yte = torch.tensor([labels.index(y) for _, y in rows["test"]])
        for wd in strengths:
            print(f"{mode:7s} weight decay {wd:g}: test accuracy {fit(xtr, ytr, xte, yte, len(labels), wd):.3f}",
                  flush=True)


if __name__ == "__main__":
    main()
