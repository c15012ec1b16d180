"""How an ExLM uses its expanded [MASK] states: the numbers that show an alignment collapse or a
single-copy path, measured at every validation and written to the model card.

For one sentence with M masks, the states are [CLS] x k, mask 1 x k, .., mask M x k, [SEP] x k (group
g holds states g*k .. g*k + k - 1). From the links alone (the path prior, before any emission):

  slot top-1       top-1 accuracy of the slot marginals p_i, as the playground shows them.
  own-copy mass    sum of gamma_i(u) over the k copies of mask i: 1 when slot i is read from its own
                   [MASK]; a collapsed DAG reads every slot from the same late states.
  copy entropy     entropy (nats) of gamma_i restricted to mask i's copies and renormalised: 0 when one
                   copy does all the work, ln k when all copies share it.
  copy use         mean gamma_i on copy c of mask i, for c = 1..k.
  copy top-1       top-1 accuracy of copy c of mask i on mask i's own token, for c = 1..k.
  copy divergence  how different the k copies' distributions of a mask are: their generalised
                   Jensen-Shannon divergence H(mean of the p_c) - mean of H(p_c), in nats; 0 when the
                   copies are identical, at most ln k.
  copies disagree  share of masks whose k copies do not all put the same word first.
  joint gain       on two adjacent masked words: log P(y_1, y_2) under the DAG (sum over the paths with
                   exactly two inner vertices, weighted by their prior) minus log p_1(y_1) + log p_2(y_2),
                   the slot marginals. Exactly 0 when the path is fixed or the slots are independent;
                   positive when the DAG couples the two slots and the coupling fits real text.

Emissions here are each state's distribution over the slot vocabulary (decode.slot_vocabulary), renormalised, so that the
joint and the marginals are built from the same numbers (and a deterministic path gives a gain of 0).
Everything is float64.
"""

import math

import torch

from training.decode import entropy, non_special_log, path_tables, slot_marginals
from training.model import MASK_RATIO


def slot_emissions(logprobs, allowed=None):
    """(L, V) log P_u -> (L, V) log P_u renormalised over the slot vocabulary (-inf outside)."""
    lp = non_special_log(logprobs.double(), allowed)
    return lp - torch.logsumexp(lp, dim=1, keepdim=True)


def copy_usage(links, M, k):
    """Per slot: own-copy mass (M,), copy entropy (M,), gamma on each own copy (M, k), and gamma
    itself (M, L)."""
    links = links.double()
    alpha, beta, logz = path_tables(links, M)
    gamma = (alpha[1 : M + 1] + beta[1 : M + 1] - logz).exp()  # (M, L)
    own = torch.stack([gamma[i, k * (i + 1) : k * (i + 2)] for i in range(M)]) if M else gamma.new_zeros(0, k)
    mass = own.sum(dim=1)  # (M,)
    share = own / mass.clamp(min=1e-300)[:, None]
    ent = -(share * torch.where(share > 0, share.log(), torch.zeros_like(share))).sum(dim=1)
    return mass, ent, own, gamma


def copy_top1(logprobs, targets, k, allowed=None):
    """Hits (M, k): does copy c of mask i put its top guess (slot vocabulary) on targets[i]?"""
    lp = non_special_log(logprobs, allowed)
    M = len(targets)
    best = lp[k : k * (M + 1)].argmax(dim=1).view(M, k)  # states of the mask groups
    return best == torch.as_tensor(targets)[:, None]


def copy_divergence(logprobs, M, k, allowed=None):
    """Per mask (M,): the generalised Jensen-Shannon divergence of its k copies' distributions over
    the slot vocabulary, and whether their first guesses differ (M,) bool."""
    p = slot_emissions(logprobs[k : k * (M + 1)], allowed).exp().view(M, k, -1)  # (M, k, V)
    js = entropy(p.mean(dim=1)) - entropy(p).mean(dim=1)  # (M,)
    firsts = p.argmax(dim=-1)  # (M, k)
    return js, (firsts != firsts[:, :1]).any(dim=1)


def joint_gain(logprobs, links, targets, allowed=None):
    """log P(y_1, y_2) under the DAG minus the slot marginals' log p_1(y_1) + log p_2(y_2), for a
    sentence with exactly two masks; targets = [y_1, y_2]. Returns (gain, joint, marginal sum)."""
    assert len(targets) == 2, "the joint gain is defined on two masks"
    links = links.double()
    emit = slot_emissions(logprobs, allowed)
    e1, e2 = emit[:, targets[0]], emit[:, targets[1]]  # (L,)
    alpha, beta, logz = path_tables(links, 2)
    # joint: S[0] -> a_1 (emits y_1) -> a_2 (emits y_2) -> S[L-1], over all a_1 < a_2
    first = alpha[1] + e1  # (L,) log weight of reaching a_1 having emitted y_1
    second = torch.logsumexp(first[:, None] + links, dim=0) + e2  # (L,)
    joint = float(torch.logsumexp(second + beta[2], dim=0) - logz)
    gamma = (alpha[1:3] + beta[1:3] - logz).exp()  # (2, L)
    m1 = float(torch.logsumexp(gamma[0].log() + e1, dim=0))
    m2 = float(torch.logsumexp(gamma[1].log() + e2, dim=0))
    return joint - (m1 + m2), joint, m1 + m2


class Tally:
    """Running means of the diagnostics over many sentences."""

    def __init__(self, k, allowed=None):
        self.k, self.allowed = k, allowed
        self.slots = 0
        self.slot_hits = 0
        self.own = 0.0
        self.ent = 0.0
        self.use = torch.zeros(k, dtype=torch.float64)
        self.hits = torch.zeros(k, dtype=torch.float64)
        self.pairs = 0
        self.gain = 0.0
        self.divergence = 0.0
        self.disagree = 0

    def add_sentence(self, logprobs, links, targets):
        M = len(targets)
        if M == 0:
            return
        mass, ent, own, gamma = copy_usage(links, M, self.k)
        marginals = slot_marginals(logprobs.double(), gamma, self.allowed)  # (M, V), what the playground shows
        self.slot_hits += int((marginals.argmax(dim=1) == torch.as_tensor(targets)).sum())
        self.own += float(mass.sum())
        self.ent += float(ent.sum())
        self.use += own.sum(dim=0)
        self.hits += copy_top1(logprobs, targets, self.k, self.allowed).double().sum(dim=0)
        js, differ = copy_divergence(logprobs, M, self.k, self.allowed)
        self.divergence += float(js.sum())
        self.disagree += int(differ.sum())
        self.slots += M

    def add_pair(self, logprobs, links, targets):
        self.gain += joint_gain(logprobs, links, targets, self.allowed)[0]
        self.pairs += 1

    def summary(self):
        n = max(self.slots, 1)
        return dict(
            slot_top1=round(self.slot_hits / n, 4),
            own_copy_mass=round(self.own / n, 4),
            copy_entropy=round(self.ent / n, 4),
            copy_entropy_max=round(math.log(self.k), 4),
            copy_use=[round(float(v) / n, 4) for v in self.use],
            copy_top1=[round(float(v) / n, 4) for v in self.hits],
            copy_divergence=round(self.divergence / n, 4),
            copies_disagree=round(self.disagree / n, 4),
            joint_gain=round(self.gain / max(self.pairs, 1), 4),
            pairs=self.pairs,
            slots=self.slots,
        )


def main(argv=None):
    """Diagnostics of a model folder on single test sentences: JSON to stdout and --out."""
    import argparse
    import json
    import os

    import numpy as np

    from training.decode import continuation_of
    from training.export import load_model_folder
    from training.train import diagnose

    ap = argparse.ArgumentParser(
        description="DAG diagnostics (own-copy mass, copy entropy and use, "
        "copy top-1, joint gain) of an ExLM folder on test sentences"
    )
    ap.add_argument("--model", required=True, help="ExLM model folder, e.g. models/exlm-en-small")
    ap.add_argument("--data-dir", default="data", help="output of `npm run data` (default data)")
    ap.add_argument("--split", default="test", choices=["test", "validation"])
    ap.add_argument("--sentences", type=int, default=1000, help="single sentences of 4..60 tokens")
    ap.add_argument("--ratio", type=float, default=MASK_RATIO, help="share of words masked")
    ap.add_argument("--out", default=None, help="also write the JSON here")
    args = ap.parse_args(argv)
    model, cfg = load_model_folder(args.model)
    if cfg.architecture != "exlm":
        ap.error(f"{args.model} is an {cfg.architecture} (k = 1): it has no DAG to diagnose")
    paths = [os.path.join(args.data_dir, f"{args.split}.{kind}.npy") for kind in ("tokens", "offsets")]
    for path in paths:
        if not os.path.exists(path):
            ap.error(f"{path} is missing: run `npm run data` first")
    tokens, offsets = (np.load(p) for p in paths)
    with open(os.path.join(args.model, "tokenizer.json")) as fh:
        cont = continuation_of(json.load(fh)["model"]["vocab"]).numpy()
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    result = dict(
        model=os.path.basename(os.path.normpath(args.model)),
        split=args.split,
        ratio=args.ratio,
        **diagnose(model.float(), tokens, offsets, args.sentences, cont, "cpu", ratio=args.ratio),
    )
    text = json.dumps(result)
    print(text)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
