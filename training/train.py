"""Train ExLM (k = 4) or its vanilla-MLM twin (k = 1) on the token files of training/data.py.

  /usr/bin/python3 -m training.train --name exlm-en-small --expansion 4
  /usr/bin/python3 -m training.train --name mlm-en-small --expansion 1

Both twins see the same batches in the same order with the same masks (everything derives from the
seed and the step), use the same optimizer and schedule, and stop after the same number of steps.
A checkpoint is written to checkpoints/<name>/ every few minutes; rerunning the same command resumes.
At the end the model is exported to models/<name>/ (float16 shards).

Training adds up in increments: `--init-from models/exlm-en-small` continues from a model folder's
weights on the batches after the ones it saw, and the export records the increment in the folder's
history (training/increment.py). Give both twins the same increment options.

The same code trains at any scale (docs/training-at-scale.md): on several processes with torchrun
(data parallel: gloo on CPUs, NCCL with --device cuda, one GPU per process)

  torchrun --standalone --nproc_per_node 4 -m training.train --name exlm-big --expansion 4 --device cuda

each process takes its share of every batch and the gradients are summed, so the run makes the same
updates as one process would; `--micro-batch N` accumulates gradients over forward passes of at
most N sequences; `--preset paper-base` sets the paper's sizes and batch (flags given override it).
"""

import argparse
import ctypes
import json
import math
import os
import platform
import random
import signal
import time
from dataclasses import asdict, dataclass, fields

import numpy as np
import torch
import torch.distributed as dist

from training.decode import continuation_of, decode_sentence, slot_vocabulary
from training.diagnostics import Tally
from training.export import export_model
from training.increment import history_of, load_start, with_increment
from training.model import CLS, MASK, MASK_RATIO, NUM_SPECIAL, SEP, ExLM, ModelConfig, make_batch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class TrainConfig:
    name: str = "exlm-en-small"  # checkpoints/<name>, models/<name>
    data_dir: str = "data"  # output of `python3 -m training.data`
    expansion: int = 4  # k; 1 trains the MLM twin
    hidden_size: int = 192  # a pilot's best size per CPU minute on 2 cores
    num_layers: int = 4
    num_heads: int = 4
    ffn_size: int = 768
    max_positions: int = 128  # [CLS] + up to 126 tokens + [SEP]
    segment_tokens: int = 38  # longest training segment; each segment's cap is drawn from 8..this
    segment_min_tokens: int = 8  # shortest cap drawn; = segment_tokens: full blocks (as long as the document allows)
    mask_ratio: float = MASK_RATIO  # share of words masked; each chosen word becomes one [MASK]
    # above mask_ratio: each training segment draws its own share uniformly from
    # [mask_ratio, mask_ratio_max], so the model also sees the higher ratios the evaluation scores
    # (validation stays at mask_ratio); 0 keeps one share for every segment
    mask_ratio_max: float = 0.0
    # ExLM only: for the first single_copy_steps steps the model trains as its own twin (every [MASK]
    # expanded to one copy, cross-entropy): the copies of k-fold expanded masks learn slowly from
    # scratch, while a single [MASK] state learns fast, and the weights carry over to k copies.
    single_copy_steps: int = 1500
    # ExLM only: then, for link_warmup_steps steps the DAG sums over fixed links from each
    # [MASK]'s copies to the next [MASK]'s ("uniform" or "diagonal", model.warmup_links) while the
    # states learn; the transition head takes over after that.
    link_warmup: str = "uniform"
    link_warmup_steps: int = 500
    link_warmup_stay: float = 0.7  # "diagonal": probability that copy c leads to copy c
    link_anchor: float = 0.5  # ExLM, after the warm-up: weight of the fixed-link DAG loss kept beside the learned one
    anchor: str = (
        ""  # the anchor's links: "" (as link_warmup), "uniform", "diagonal", or "readings" (model.best_reading_loss)
    )
    # ExLM: weight of the link prior (model.link_prior_loss) after the warm-up; > 0 also trains the
    # transition head on the prior, weight 1, during the warm-up, so that it starts aligned.
    link_prior: float = 1.0
    link_prior_links: str = "uniform"  # the links the prior pulls towards: "uniform" or "diagonal"
    tokens_per_batch: int = 3072  # source tokens per batch (B * longest), batches grouped by length
    batch_sequences: int = 0  # > 0: batches of this many sequences instead (grouped by length alike)
    # Sequences per forward pass of one process; a batch holds more: gradients accumulate over passes.
    # 0: a process's whole share of the batch at once. The updates are the same either way.
    micro_batch: int = 0
    max_steps: int = 5000  # length of the schedule; the same for both twins
    stop_step: int = 0  # > 0: stop here (the twin of an ExLM run cut short by its time budget)
    lr: float = 1e-3
    warmup_steps: int = 300
    min_lr_ratio: float = 0.1  # decay to lr * min_lr_ratio at max_steps
    lr_decay: str = "cosine"  # after the warm-up: "cosine", or "linear" (fairseq's polynomial_decay)
    weight_decay: float = 0.01
    adam_eps: float = 1e-8
    grad_clip: float = 1.0  # 0: no clipping
    seed: int = 1234
    threads: int = 2
    bf16: str = "auto"  # "auto": bfloat16 autocast where the CPU has AVX512-BF16; "on"; "off"
    device: str = "cpu"  # "cuda": a GPU (under torchrun, one per process: LOCAL_RANK)
    checkpoint_minutes: float = 5.0
    checkpoint_every: int = 0  # > 0: also checkpoint every this many steps
    eval_every: int = 500  # steps between validation reports
    eval_sequences: int = 300
    diag_sentences: int = 300  # single validation sentences for the DAG diagnostics (ExLM)
    time_budget_minutes: float = 0.0  # > 0: stop (and export) when exceeded, whatever max_steps says
    # An increment: start from a model folder's weights instead of random ones (same tokenizer as
    # data_dir, same k). The recipe's first phases are skipped (the folder is past them); the batch
    # stream continues where the folder's training stopped (first_batch -1) so that no batch is
    # repeated before its epoch comes round, and the export appends this increment to the history.
    init_from: str = ""
    first_batch: int = -1  # index of this run's first batch in the stream; -1: 0, or after init_from's steps
    # ExLM, after the warm-up: load balancing of the copies (model.copy_balance_loss) and the relaxed
    # per-slot winner-take-all term (model.slot_wta_loss) that moves the copies off their symmetric point.
    copy_balance: float = 0.0
    copy_wta: float = 0.0
    copy_wta_eps: float = 0.1
    out_root: str = ""  # where checkpoints/ and models/ go; empty: the repository root
    preset: str = ""  # a name of PRESETS: its values replace the defaults above (flags given still win)


# The paper's pre-training at its scale: the official base model's sizes (fairseq arch
# p_roberta_ext_denselink_base: 12 layers, d = 768, 12 heads, FFN 3072), 128-token blocks (here: up
# to 126 tokens of one document between [CLS] and [SEP]), 2,048 sequences per update, peak learning
# rate 2e-3, and the official command's schedule and optimizer: 1,380 warm-up steps, linear decay to
# 0 at 23,000, Adam betas (0.9, 0.98) (make_optimizer's), eps 1e-6, weight decay 0.01. The ExLM
# recipe's phases (single copy, link warm-up, link prior) and clipping stay as above.
# docs/training-at-scale.md says what it costs and what differs from the official run.
PRESETS = {
    "paper-base": dict(
        hidden_size=768,
        num_layers=12,
        num_heads=12,
        ffn_size=3072,
        max_positions=128,
        segment_tokens=126,
        segment_min_tokens=126,
        batch_sequences=2048,
        micro_batch=64,
        lr=2e-3,
        warmup_steps=1380,
        max_steps=23000,
        lr_decay="linear",
        min_lr_ratio=0.0,
        weight_decay=0.01,
        adam_eps=1e-6,
    ),
}


# ----------------------------------------------------------------------------------------------
# Data: segments of consecutive sentences of one document, batched by length


def require_data_file(path):
    if not os.path.exists(path):
        raise SystemExit(
            f"missing {path}: run `/usr/bin/python3 -m training.data` first "
            f"(`--text FILE ... --out DIR` for your own text, then --data-dir DIR)"
        )


def load_split(data_dir, split):
    def path(ext):
        return os.path.join(data_dir, f"{split}.{ext}.npy")

    for ext in ("tokens", "offsets", "docs"):
        require_data_file(path(ext))
    return np.load(path("tokens")), np.load(path("offsets")), np.load(path("docs"))


def make_segments(offsets, docs, max_len, seed, cap_max=None, cap_min=8):
    """Pack consecutive sentences of a document into segments (start, end) of token offsets. Each
    segment's length cap is drawn between cap_min (8) and cap_max (default max_len) so that the model
    sees short inputs like the playground's single sentences; overlong sentences are cut at max_len."""
    cap_max = max(8, min(cap_max or max_len, max_len))
    cap_min = min(cap_min, cap_max)
    rng = random.Random(seed)
    segments, start, cap = [], None, 0
    n = len(offsets) - 1
    for s in range(n):
        a, b = int(offsets[s]), int(offsets[s + 1])
        if start is not None and (docs[s] != docs[s - 1] or b - start > cap):
            segments.append((start, int(offsets[s])))
            start = None
        if start is None:
            start, cap = a, rng.randint(cap_min, cap_max)
        while b - start > max_len:  # a sentence longer than the model's limit: cut it
            segments.append((start, start + max_len))
            start += max_len
    if start is not None:
        segments.append((start, int(offsets[n])))
    return [(a, b) for a, b in segments if b - a >= 2]


def epoch_batches(segments, tokens_per_batch, seed, batch_sequences=0):
    """Shuffle, group neighbours of similar length (little padding), shuffle the batches. A batch
    holds up to tokens_per_batch tokens (B * longest), or batch_sequences segments when that is > 0."""
    rng = random.Random(seed)
    order = list(range(len(segments)))
    rng.shuffle(order)
    batches = []
    pool = 64 * max(1, tokens_per_batch // 32)  # sort within pools of this many segments
    if batch_sequences > 0:
        pool = 64 * batch_sequences
    for p in range(0, len(order), pool):
        chunk = sorted(order[p : p + pool], key=lambda i: segments[i][1] - segments[i][0])
        if batch_sequences > 0:
            batches += [chunk[i : i + batch_sequences] for i in range(0, len(chunk), batch_sequences)]
            continue
        batch, longest = [], 0
        for i in chunk:
            n = segments[i][1] - segments[i][0] + 2
            if batch and max(longest, n) * (len(batch) + 1) > tokens_per_batch:
                batches.append(batch)
                batch, longest = [], 0
            batch.append(i)
            longest = max(longest, n)
        if batch:
            batches.append(batch)
    rng.shuffle(batches)
    return batches


def maskable_words(ids, cont):
    """Positions of the words that can be masked as one [MASK], as the playground masks a word: a
    whole word that is a single piece (no "##" piece before or after it) and not a special token.
    A masked word starts a word, so its target is never a continuation piece."""
    n = len(ids)
    return [p for p in range(n) if ids[p] >= NUM_SPECIAL and not cont[ids[p]] and (p + 1 == n or not cont[ids[p + 1]])]


def mask_segment(ids, ratio, rng, cont):
    """Replace round(ratio * words) (at least one) maskable words by [MASK], one [MASK] each.
    Returns (input, target y)."""
    candidates = maskable_words(ids, cont)
    words = sum(1 for t in ids if not cont[t])
    m = min(len(candidates), max(1, int(round(ratio * words))))
    picked = sorted(rng.sample(candidates, m))
    x = list(ids)
    for p in picked:
        x[p] = MASK
    return [CLS] + x + [SEP], [CLS] + [int(ids[p]) for p in picked] + [SEP]


def segment_ratio(cfg, rng):
    """The masking share of one training segment: cfg.mask_ratio, or a uniform draw up to
    cfg.mask_ratio_max. A fixed share draws nothing from rng, so runs without a range keep the
    batches they always had."""
    if cfg.mask_ratio_max <= cfg.mask_ratio:
        return cfg.mask_ratio
    return rng.uniform(cfg.mask_ratio, cfg.mask_ratio_max)


class BatchStream:
    """Deterministic batches: batch j of the run depends only on the seed and j."""

    def __init__(self, tokens, offsets, docs, cfg, cont):
        self.tokens, self.cfg, self.cont = tokens, cfg, cont
        self.segments = make_segments(
            offsets, docs, cfg.max_positions - 2, cfg.seed, cfg.segment_tokens, cfg.segment_min_tokens
        )
        self.epoch, self.batches = -1, []
        self.start_of_epoch = 0

    def get(self, step):
        if step < self.start_of_epoch:  # asked for an earlier epoch: replay from the start
            self.epoch, self.batches, self.start_of_epoch = -1, [], 0
        while step >= self.start_of_epoch + len(self.batches) or self.epoch < 0:
            self.start_of_epoch += len(self.batches)
            self.epoch += 1
            self.batches = epoch_batches(
                self.segments, self.cfg.tokens_per_batch, self.cfg.seed + 1000 * self.epoch, self.cfg.batch_sequences
            )
        ids = self.batches[step - self.start_of_epoch]
        rng = random.Random(self.cfg.seed * 1_000_003 + step)
        pairs = [
            mask_segment(self.tokens[a:b].tolist(), segment_ratio(self.cfg, rng), rng, self.cont)
            for a, b in (self.segments[i] for i in ids)
        ]
        return [p[0] for p in pairs], [p[1] for p in pairs]


# ----------------------------------------------------------------------------------------------
# Validation: the same slot marginals the playground shows


def sentence_outputs(model, pairs, device, batch_size=32):
    """Run the model on (input, target) pairs; yields (pair, logprobs (L, V), links (L, L) with -inf
    off the DAG, or None for the twin) per sentence, on the CPU."""
    for i in range(0, len(pairs), batch_size):
        chunk = pairs[i : i + batch_size]
        batch = make_batch([p[0] for p in chunk], [p[1] for p in chunk], model.cfg.expansion)
        out = model(to_device(batch, device))
        for b, pair in enumerate(chunk):
            L = int(batch["state_valid"][b].sum())
            links = None
            if model.cfg.architecture == "exlm":
                edge = torch.ones(L, L).triu(1).bool()
                links = out["links"][b, :L, :L].cpu().masked_fill(~edge, float("-inf"))
            yield pair, out["logprobs"][b, :L].cpu(), links


@torch.no_grad()
def evaluate(model, tokens, offsets, docs, cfg, n_sequences, cont, ratio=None, batch_size=32):
    """Slot-marginal top-1 / top-5 accuracy and mean entropy on the first n segments of a split."""
    segs = make_segments(offsets, docs, cfg.max_positions - 2, cfg.seed + 7, cfg.segment_tokens, cfg.segment_min_tokens)
    segs = segs[:n_sequences]
    rng = random.Random(cfg.seed + 99)
    model.eval()
    top1 = top5 = total = 0
    ent = []
    pairs = [mask_segment(tokens[a:b].tolist(), ratio or cfg.mask_ratio, rng, cont) for a, b in segs]
    allowed = slot_vocabulary(model.cfg.vocab_size, cont)
    for (_x, y), logprobs, links in sentence_outputs(model, pairs, cfg.device, batch_size):
        M = len(y) - 2
        dec = decode_sentence(logprobs, links, M, model.cfg.architecture, allowed)
        best = dec["marginals"].topk(5, dim=1).indices
        gold = torch.tensor(y[1:-1])
        top1 += int((best[:, 0] == gold).sum())
        top5 += int((best == gold[:, None]).any(dim=1).sum())
        total += M
        ent += dec["entropy"].tolist()
    model.train()
    return dict(
        top1=top1 / max(total, 1), top5=top5 / max(total, 1), entropy=float(np.mean(ent)) if ent else 0.0, masks=total
    )


@torch.no_grad()
def diagnose(model, tokens, offsets, n_sentences, cont, device, ratio=MASK_RATIO, seed=5):
    """The DAG diagnostics of training/diagnostics.py on single sentences of a split (4..60 tokens):
    copy use and copy top-1 at `ratio` masking, joint gain on one pair of adjacent masked words per
    sentence that has one."""
    k = model.cfg.expansion
    rng = random.Random(seed)
    sentences = [tokens[a:b].tolist() for a, b in zip(offsets[:-1], offsets[1:]) if 4 <= b - a <= 60]
    sentences = sentences[:n_sentences]
    single = [mask_segment(ids, ratio, rng, cont) for ids in sentences]
    adjacent = []
    for ids in sentences:
        words = set(maskable_words(ids, cont))
        j = next((p for p in sorted(words) if p + 1 in words), None)
        if j is not None:
            x = list(ids)
            x[j] = x[j + 1] = MASK
            adjacent.append(([CLS] + x + [SEP], [CLS, ids[j], ids[j + 1], SEP]))
    tally = Tally(k, slot_vocabulary(model.cfg.vocab_size, cont))
    model.eval()
    for (_x, y), logprobs, links in sentence_outputs(model, single, device):
        tally.add_sentence(logprobs, links, y[1:-1])
    for (_x, y), logprobs, links in sentence_outputs(model, adjacent, device):
        tally.add_pair(logprobs, links, y[1:-1])
    model.train()
    return tally.summary()


# ----------------------------------------------------------------------------------------------


def to_device(batch, device):
    return {k: v.to(device) for k, v in batch.items()} if device != "cpu" else batch


def lr_at(step, cfg):
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    progress = min(1.0, (step - cfg.warmup_steps) / max(1, cfg.max_steps - cfg.warmup_steps))
    if cfg.lr_decay == "linear":
        return cfg.lr * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * (1 - progress))
    return cfg.lr * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress)))


def use_bf16(cfg):
    if cfg.bf16 == "on":
        return True
    if cfg.bf16 == "off":
        return False
    if cfg.device.startswith("cuda"):
        return True
    try:
        with open("/proc/cpuinfo") as fh:
            return "avx512_bf16" in fh.read()
    except OSError:
        return False


def step_expansion(cfg, step):
    """k of the batch at `step`: 1 while the ExLM trains as its own twin (and always for the twin)."""
    return 1 if step < cfg.single_copy_steps else cfg.expansion


def loss_options(cfg, step):
    """The keyword arguments of ExLM.loss at `step` of the recipe (docs/exlm-training.md)."""
    warm = step < cfg.single_copy_steps + cfg.link_warmup_steps
    return dict(
        fixed=cfg.link_warmup if warm else (cfg.anchor or cfg.link_warmup),
        stay=cfg.link_warmup_stay,
        learned_weight=0.0 if warm else 1.0,
        fixed_weight=1.0 if warm else cfg.link_anchor,
        prior_weight=(1.0 if warm else cfg.link_prior) if cfg.link_prior > 0 else 0.0,
        prior=cfg.link_prior_links,
        balance_weight=0.0 if warm else cfg.copy_balance,
        wta_weight=0.0 if warm else cfg.copy_wta,
        wta_eps=cfg.copy_wta_eps,
    )


def forward_loss(model, batch, cfg, step, bf16, norm=None):
    """The training loss of one step (bfloat16 autocast where `bf16`; the losses sum in float32);
    norm: the whole batch's counts when `batch` is a share of it (ExLM.loss)."""
    with torch.autocast(cfg.device.split(":")[0], dtype=torch.bfloat16, enabled=bf16):
        return model.loss(batch, **loss_options(cfg, step), norm=norm)


def backward_step(model, opt, loss, cfg):
    """Gradients, clipping and the optimizer step."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    clip_and_step(model, opt, cfg)


def clip_and_step(model, opt, cfg):
    if cfg.grad_clip > 0:
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
    opt.step()


def keep_freed_memory():
    """Have glibc keep the memory a step frees for the next step: by default it hands the top of
    the heap back to the system once more than a few MB are free there, and the next step maps it
    again page by page. An ExLM step frees some 100 MB at once (its LM head's logits, k states
    per slot) and took 10 to 30 thousand page faults per step, about 4% of its time on the
    development machine (training/bench_step.py); the twin none. Blocks under 32 MB come from
    the heap, and up to 256 MB of free heap stay mapped. False where the C library is not glibc."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 and mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1


# ----------------------------------------------------------------------------------------------
# Data parallel: each process (rank) takes a share of every batch; the gradients are summed


def start_ranks(cfg):
    """(rank, world size): (0, 1) for a plain run; under torchrun (RANK, WORLD_SIZE, LOCAL_RANK in
    the environment) this process's, after joining the process group: gloo on CPUs, NCCL on GPUs,
    with each process on the GPU of its LOCAL_RANK."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if cfg.device.startswith("cuda") and "LOCAL_RANK" in os.environ:
        torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))  # "cuda" now means this GPU
    if world == 1:
        return 0, 1
    dist.init_process_group("nccl" if cfg.device.startswith("cuda") else "gloo")
    return dist.get_rank(), dist.get_world_size()


def loss_counts(targets, k):
    """The counts that ExLM.loss divides by, over a whole batch of targets (its `norm`): sentences,
    masked slots, and the source states of the fixed links (the k copies of [CLS] and each [MASK]).
    At least 1 each, as the loss's own means clamp."""
    lengths = [len(y) for y in targets]  # M + 2 each
    return dict(
        sentences=max(1, len(lengths)),
        masks=max(1, sum(n - 2 for n in lengths)),
        link_rows=max(1, k * sum(n - 1 for n in lengths)),
    )


def micro_batches(n, rank, world, micro):
    """The sequences of a batch of n that this rank's forward passes take: rank r holds sequences
    r, r + world, r + 2 world, ... (a batch is sorted by length: every rank gets a like mix), in
    passes of at most `micro` (0: all at once). A rank may get none."""
    mine = list(range(rank, n, world))
    size = micro if micro > 0 else max(1, len(mine))
    return [mine[i : i + size] for i in range(0, len(mine), size)]


def sum_gradients(params, extra, world):
    """Sum the ranks' gradients in one collective, `extra` numbers riding along (summed too); returns
    the summed extras. Each rank's loss is already its share of the whole batch's (ExLM.loss's norm),
    so the sum is the whole batch's gradient. A parameter that no rank used (the transition head
    before the link warm-up) keeps grad None, as in one process, so that AdamW leaves it alone."""
    device = params[0].device
    grads = [p.grad.reshape(-1) if p.grad is not None else torch.zeros(p.numel(), device=device) for p in params]
    used = [float(p.grad is not None) for p in params]
    flat = torch.cat(grads + [torch.tensor(used + list(extra), device=device)])  # (parameters + P + extras,)
    if world > 1:
        dist.all_reduce(flat)  # sum over the ranks
    tail = flat[flat.numel() - len(used) - len(extra) :].tolist()
    offset = 0
    for p, n_used in zip(params, tail):
        p.grad = flat[offset : offset + p.numel()].view_as(p) if n_used > 0 else None
        offset += p.numel()
    return tail[len(used) :]


def make_optimizer(model, cfg):
    """AdamW, no weight decay on biases and LayerNorm gains."""
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    return torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr,
        betas=(0.9, 0.98),
        eps=cfg.adam_eps,
    )


def check_data_matches(model_cfg, vocab, tokens, data_dir):
    """Refuse a config that does not fit the tokenizer or the data, naming the mismatch."""
    if len(vocab) != model_cfg.vocab_size:
        raise SystemExit(
            f"config vocab_size {model_cfg.vocab_size} does not match the tokenizer "
            f"{data_dir}/tokenizer.json ({len(vocab)} entries)"
        )
    top = int(tokens.max()) if len(tokens) else 0
    if top >= model_cfg.vocab_size:
        raise SystemExit(
            f"token id {top} in {data_dir} is outside the vocabulary "
            f"({model_cfg.vocab_size}): the token files and tokenizer.json disagree"
        )


def validate(model, valid, cfg, cont):
    """The validation report of a step: slot-marginal scores and, for ExLM, the DAG diagnostics."""
    ev = evaluate(model, *valid, cfg, cfg.eval_sequences, cont)
    if model.cfg.architecture == "exlm":
        ev["dag"] = diagnose(model, valid[0], valid[1], cfg.diag_sentences, cont, cfg.device)
    return ev


def hardware(cfg, bf16, world=1):
    ranks = f"{world} processes x " if world > 1 else ""
    if cfg.device.startswith("cuda"):
        return f"{ranks}{torch.cuda.get_device_name()} (CUDA), bf16 autocast {bf16}"
    return f"{platform.processor() or platform.machine()}, {ranks}{cfg.threads} CPU threads, bf16 autocast {bf16}"


def parse_config(argv=None):
    """The run's TrainConfig: the defaults, then the preset's values, then the flags given."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for f in fields(TrainConfig):
        parser.add_argument(
            "--" + f.name.replace("_", "-"),
            type=type(f.default),
            default=argparse.SUPPRESS,  # so that a flag given is told from a default
            help=f"default {f.default!r}",
            **({"choices": ["", *PRESETS]} if f.name == "preset" else {}),
        )
    given = vars(parser.parse_args(argv))
    cfg = TrainConfig(**{**PRESETS.get(given.get("preset", ""), {}), **given})
    if cfg.mask_ratio_max and not cfg.mask_ratio < cfg.mask_ratio_max <= 1:
        parser.error(
            f"--mask-ratio-max {cfg.mask_ratio_max} must lie above --mask-ratio {cfg.mask_ratio} and at "
            "most 1 (or be 0 for one share for every segment)"
        )
    return cfg


def recorded_folder(path, out_root):
    """How a history names the folder an increment started from: relative to the out-root when it
    lies under it (runs/models/x trained with --out-root runs is recorded as models/x, the name it
    has once copied over the shipped folder), else relative to the repository. Paths are compared as
    given and with links resolved, so that a checkout whose folders are links still matches."""
    for resolve in (os.path.abspath, os.path.realpath):
        for base in (out_root, ROOT):
            rel = os.path.relpath(resolve(path), resolve(base))
            if not rel.startswith(".."):
                return rel
    return os.path.relpath(os.path.abspath(path), ROOT)


def main(argv=None):
    cfg = parse_config(argv)
    rank, world = start_ranks(cfg)
    try:
        run(cfg, rank, world)
    finally:
        if world > 1:
            dist.destroy_process_group()


def run(cfg, rank, world):
    """The run of one process: rank 0 of `world` alone validates, checkpoints, logs and exports."""
    master = rank == 0
    keep_freed_memory()
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    data_dir = os.path.join(ROOT, cfg.data_dir) if not os.path.isabs(cfg.data_dir) else cfg.data_dir
    tok_path = os.path.join(data_dir, "tokenizer.json")
    require_data_file(tok_path)
    with open(tok_path) as fh:
        vocab = json.load(fh)["model"]["vocab"]
    previous = None  # the init_from folder's "training" field
    if cfg.init_from:
        model, previous = load_start(cfg.init_from, cfg.expansion, vocab, tok_path)
        model_cfg = model.cfg
        # The folder is past the recipe's first phases; its sizes, not the defaults, hold.
        cfg.single_copy_steps = cfg.link_warmup_steps = 0
        cfg.hidden_size, cfg.num_layers, cfg.num_heads = (
            model_cfg.hidden_size,
            model_cfg.num_layers,
            model_cfg.num_heads,
        )
        cfg.ffn_size, cfg.max_positions = model_cfg.ffn_size, model_cfg.max_positions
        if cfg.first_batch < 0:
            cfg.first_batch = sum(r["steps"] for r in history_of(previous))
    else:
        model_cfg = ModelConfig(
            vocab_size=len(vocab),
            hidden_size=cfg.hidden_size,
            num_layers=cfg.num_layers,
            num_heads=cfg.num_heads,
            ffn_size=cfg.ffn_size,
            expansion=cfg.expansion,
            max_positions=cfg.max_positions,
        )
        model = ExLM(model_cfg)
    cfg.first_batch = max(cfg.first_batch, 0)
    train = load_split(data_dir, "train")
    valid = load_split(data_dir, "validation")
    check_data_matches(model_cfg, vocab, train[0], data_dir)
    cont = continuation_of(vocab).numpy()  # (V,) bool, for masking whole words
    stream = BatchStream(*train, cfg, cont)

    model = model.to(cfg.device)
    opt = make_optimizer(model, cfg)
    out_root = cfg.out_root or ROOT
    ckpt_dir = os.path.join(out_root, "checkpoints", cfg.name)
    ckpt_path = os.path.join(ckpt_dir, "ckpt.pt")
    if master:
        os.makedirs(ckpt_dir, exist_ok=True)
    step, elapsed, tokens_seen, sequences_seen, log, before = 0, 0.0, 0, 0, [], None
    if os.path.exists(ckpt_path):  # every rank resumes from the same file, whatever their number before
        ck = torch.load(ckpt_path, map_location="cpu")
        if ck["model_config"] != asdict(model_cfg):
            raise SystemExit(
                f"{ckpt_path} holds a different model config: {ck['model_config']}; move it away to start afresh"
            )
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        step, elapsed, tokens_seen, sequences_seen, log = (
            ck["step"],
            ck["elapsed"],
            ck["tokens_seen"],
            ck["sequences_seen"],
            ck["log"],
        )
        before = ck.get("before")
        if master:
            print(f"resumed from {ckpt_path} at step {step}")
    elif cfg.init_from and master:  # the increment's "before": validated exactly as its steps will be
        before = validate(model, valid, cfg, cont)
        print(
            f"  validation of {cfg.init_from} before this increment: top-1 {before['top1']:.3f} "
            f"top-5 {before['top5']:.3f} entropy {before['entropy']:.2f}",
            flush=True,
        )
    if world > 1:  # the same weights everywhere (they are already: same seed, same file)
        for p in model.parameters():
            dist.broadcast(p.data, 0)

    def save_checkpoint():
        if not master:
            return
        tmp = ckpt_path + ".tmp"
        torch.save(
            dict(
                model=model.state_dict(),
                optimizer=opt.state_dict(),
                step=step,
                elapsed=elapsed,
                tokens_seen=tokens_seen,
                sequences_seen=sequences_seen,
                log=log,
                before=before,
                model_config=asdict(model_cfg),
                train_config=asdict(cfg),
            ),
            tmp,
        )
        os.replace(tmp, ckpt_path)  # never leave a half-written checkpoint

    # A polite stop (kill, Ctrl-C) checkpoints before leaving, so a rerun resumes without loss.
    stop = {"signal": None}
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stop.update(signal=signum))

    bf16 = use_bf16(cfg)
    n_params = sum(p.numel() for p in model.parameters())
    if master:
        print(
            f"{cfg.name}: {model_cfg.architecture}, k={model_cfg.expansion}, {n_params / 1e6:.2f}M parameters, "
            f"{len(stream.segments)} training segments, {hardware(cfg, bf16, world)}"
        )
    model.train()
    params = list(model.parameters())
    last_ckpt = time.time()
    t0 = time.time() - elapsed
    last_step = cfg.stop_step or cfg.max_steps
    halt = (0.0, 0.0)  # after a step on several ranks: (signals, time budget) as the ranks saw them

    def over_budget():
        return cfg.time_budget_minutes > 0 and time.time() - t0 > cfg.time_budget_minutes * 60

    while step < last_step:
        signalled, over = (stop["signal"] is not None, over_budget()) if world == 1 else (halt[0] > 0, halt[1] > 0)
        if signalled:
            save_checkpoint()
            if world > 1:
                dist.barrier()  # no rank leaves (and has torchrun stop the others) before the checkpoint is written
            raise SystemExit(
                f"stopped by signal {stop['signal'] or 'on another rank'} at step {step}; checkpoint saved, "
                f"rerun the same command to resume"
            )
        if over:
            if master:
                print(f"time budget of {cfg.time_budget_minutes} min reached at step {step}")
            break
        inputs, targets = stream.get(cfg.first_batch + step)  # the whole batch, on every rank
        k = step_expansion(cfg, step)
        for g in opt.param_groups:
            g["lr"] = lr_at(step, cfg)
        passes = micro_batches(len(inputs), rank, world, cfg.micro_batch)
        if world == 1 and len(passes) == 1:  # one process, one pass: the plain step
            batch = to_device(make_batch(inputs, targets, k), cfg.device)
            loss = forward_loss(model, batch, cfg, step, bf16)
            loss_value = loss.item()
            if not math.isfinite(loss_value) or loss_value > 100:
                raise SystemExit(
                    f"loss {loss_value} at step {step}: stopping; the last good checkpoint ({ckpt_path}) is kept"
                )
            backward_step(model, opt, loss, cfg)
        else:  # this rank's share in passes; each pass's loss is its part of the whole batch's
            opt.zero_grad(set_to_none=True)
            counts = loss_counts(targets, k)
            local = torch.zeros((), device=cfg.device)
            for idx in passes:
                batch = to_device(make_batch([inputs[i] for i in idx], [targets[i] for i in idx], k), cfg.device)
                loss = forward_loss(model, batch, cfg, step, bf16, norm=counts)
                loss.backward()
                local += loss.detach().float()
            flags = [float(stop["signal"] is not None), float(master and over_budget())]
            loss_value, *halt = sum_gradients(params, [local.item(), *flags], world)
            if not math.isfinite(loss_value) or loss_value > 100:
                raise SystemExit(
                    f"loss {loss_value} at step {step}: stopping; the last good checkpoint ({ckpt_path}) is kept"
                )
            clip_and_step(model, opt, cfg)
        step += 1
        tokens_seen += sum(len(x) for x in inputs)
        sequences_seen += len(inputs)
        elapsed = time.time() - t0
        if not master:
            continue
        if step % 50 == 0:
            print(
                f"step {step} loss {loss_value:.4f} lr {lr_at(step, cfg):.2e} "
                f"{tokens_seen / elapsed:.0f} tok/s {elapsed / 60:.1f} min",
                flush=True,
            )
        if step % cfg.eval_every == 0 or step == last_step:
            ev = validate(model, valid, cfg, cont)
            log.append(dict(step=step, minutes=round(elapsed / 60, 2), loss=round(loss_value, 4), **ev))
            print(
                f"  validation at step {step}: top-1 {ev['top1']:.3f} top-5 {ev['top5']:.3f} "
                f"entropy {ev['entropy']:.2f} ({ev['masks']} masks)",
                flush=True,
            )
            if "dag" in ev:
                print(f"  dag at step {step}: {json.dumps(ev['dag'])}", flush=True)
        if time.time() - last_ckpt > cfg.checkpoint_minutes * 60 or (
            cfg.checkpoint_every > 0 and step % cfg.checkpoint_every == 0
        ):
            save_checkpoint()
            last_ckpt = time.time()
    if not master:
        return
    save_checkpoint()
    info = dict(
        data="see README.md (model card)",
        steps=step,
        sequences=sequences_seen,
        source_tokens=tokens_seen,
        minutes=round(elapsed / 60, 1),
        hardware=hardware(cfg, bf16, world),
        seed=cfg.seed,
        config={k: v for k, v in asdict(cfg).items() if k != "out_root"},  # where, not how
        validation=log[-1] if log else None,
        log=log,
    )
    if cfg.init_from:
        init_from = recorded_folder(cfg.init_from, out_root)
        info["config"]["init_from"] = init_from
        info = with_increment(
            previous,
            info,
            {**asdict(cfg), "init_from": init_from},
            init_from,
            before,
            time.strftime("%Y-%m-%d"),
        )
    out_dir = os.path.join(out_root, "models", cfg.name)
    size = export_model(model.float().cpu(), tok_path, out_dir, dtype="float16", training_info=info)
    with open(os.path.join(ckpt_dir, "log.json"), "w") as fh:
        json.dump(log, fh, indent=1)
    print(f"exported {out_dir} ({size / 1e6:.1f} MB of float16 weights) after {step} steps, {elapsed / 60:.1f} min")


if __name__ == "__main__":
    main()
