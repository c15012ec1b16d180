"""The evaluation sample both implementations score: test-split sentences with their masked positions.

Writes one JSON object per line:
  {"index": sentence number in the split, "domain": "text" or "molecules",
   "ids": [token ids, no [CLS]/[SEP]], "masks": {"0.15": [positions], "0.3": [...], "0.5": [...]}}
Positions index `ids` (0-based; the model's source position is position + 1, after [CLS]). Each ratio
masks round(r * words) whole words (at least 1), chosen by a seeded RNG among the words that are one
piece, as training masks them (training.train.mask_segment): each masked word is one [MASK], never a
"##" piece. Because the
positions are in the file, the TypeScript evaluation (npm run eval) and the PyTorch one
(training.evaluate) see exactly the same inputs without sharing an RNG.

Molecules (a data folder whose tokenizer.json has "type": "smiles", docs/molecules.md): the rows of
the test split are canonical SMILES of molecules whose scaffolds no training molecule has, every
SMILES token (atom, bond, branch, ring closure) is a word, and a ratio masks round(r * tokens) of
them, as training does. "domain" says which models the sample is for, so that `npm run eval` can
refuse a text sample on a molecule model and the other way round.

Run: /usr/bin/python3 -m training.eval_sample [--n 1000] [--seed 7]          # data/eval-sample.jsonl
     /usr/bin/python3 -m training.eval_sample --data-dir data/smiles [--n 600]  # data/smiles/eval-sample.jsonl
The molecule sample is smaller: a molecule is twice as long as a sentence and has twice the masks,
and `npm run eval` of the two molecule models at three ratios takes some 800 ms per molecule on the
shared 2-core development machine, 8 minutes for 600 (2 of them CPU time). To score fewer, make a
smaller sample with --n rather than `npm run eval -- --limit`: the test split lists the molecules
source by source, so its first ones are all from one source.
Fixtures: --tokenizer models/tiny-random/tokenizer.json re-encodes the split's text with another
tokenizer (the tiny fixtures have their own 315-entry vocabulary) and --out writes elsewhere.
"""

import argparse
import json
import os
import random
import sys

import numpy as np

from training.decode import continuation_of
from training.model import MASK, NUM_SPECIAL
from training.smiles_tokenizer import TOKENIZER_TYPE as SMILES_TYPE
from training.smiles_tokenizer import SmilesTokenizer
from training.tokenizer import WordPieceTokenizer
from training.train import mask_segment, maskable_words

RATIOS = (0.15, 0.3, 0.5)  # mask ratios of the evaluation table
# Lengths kept, in tokens. Sentences: at least a few words, well inside 128 tokens. Molecules: every
# test molecule (training.smiles_data keeps 3..126 tokens), long ones included, so that the sample
# has the split's mix of sizes.
LENGTHS = {"text": (4, 60), "molecules": (3, 126)}
SIZES = {"text": 1000, "molecules": 600}  # sentences or molecules drawn when --n is not given


def domain_of(tokenizer_json):
    """ "molecules" for a SMILES tokenizer.json ("type": "smiles"), else "text" (WordPiece)."""
    return "molecules" if tokenizer_json.get("type") == SMILES_TYPE else "text"


def ratio_key(ratio):
    """The JSON key of a ratio: "0.15", "0.3", "0.5" (Python's repr of the float)."""
    return repr(float(ratio))


def read_split(data_dir, split, tokenizer_path=None):
    """The split's sentences as id lists: from <split>.tokens.npy, or, with tokenizer_path, by
    encoding <split>.txt (one sentence per line, the same order) with that tokenizer."""
    if tokenizer_path is not None:
        path = os.path.join(data_dir, f"{split}.txt")
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: run `npm run data` first.")
        with open(tokenizer_path) as fh:
            smiles = domain_of(json.load(fh)) == "molecules"
        tok = (SmilesTokenizer if smiles else WordPieceTokenizer).from_file(tokenizer_path)
        with open(path, encoding="utf-8") as fh:
            return [tok.encode(line) for line in fh.read().split("\n") if line.strip()]
    paths = [os.path.join(data_dir, f"{split}.{kind}.npy") for kind in ("tokens", "offsets")]
    for path in paths:
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: run `npm run data` first.")
    tokens, offsets = (np.load(p) for p in paths)
    if offsets[-1] != len(tokens):
        sys.exit(f"{paths[1]} ends at {offsets[-1]} but {paths[0]} holds {len(tokens)} ids: rerun `npm run data`.")
    return [tokens[a:b].tolist() for a, b in zip(offsets[:-1], offsets[1:])]


def eligible(ids, domain="text"):
    """Sentences worth scoring: LENGTHS[domain] tokens, no [UNK] (a masked [UNK] could never be
    guessed: the slot marginals exclude special tokens) and no other special id."""
    shortest, longest = LENGTHS[domain]
    return shortest <= len(ids) <= longest and min(ids) >= NUM_SPECIAL


def mask_positions(ids, ratio, rng, cont):
    """The positions mask_segment would mask in ids, sorted."""
    x, _ = mask_segment(ids, ratio, rng, cont)
    return [p - 1 for p in range(1, len(x) - 1) if x[p] == MASK]


def make_sample(sentences, n, seed, cont, ratios=RATIOS, domain="text"):
    """Up to n eligible sentences, drawn without replacement, in split order, with their masks.
    cont: (V,) bool, True for continuation pieces (none in a SMILES vocabulary: every token is a
    word)."""
    rng = random.Random(seed)
    candidates = [i for i, ids in enumerate(sentences) if eligible(ids, domain) and maskable_words(ids, cont)]
    chosen = sorted(rng.sample(candidates, min(n, len(candidates))))
    return [
        dict(
            index=i,
            domain=domain,
            ids=[int(t) for t in sentences[i]],
            masks={ratio_key(r): mask_positions(sentences[i], r, rng, cont) for r in ratios},
        )
        for i in chosen
    ], len(candidates)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=None, help="sentences to draw (default 1000; molecules 600)")
    ap.add_argument("--seed", type=int, default=7, help="RNG seed of the draw and the masks")
    ap.add_argument("--data-dir", default="data", help="output of `npm run data` (default data)")
    ap.add_argument("--split", default="test", choices=["test", "validation"])
    ap.add_argument(
        "--tokenizer",
        default=None,
        help="re-encode <split>.txt with this tokenizer.json (fixtures) instead of reading the ids",
    )
    ap.add_argument("--out", default=None, help="default <data-dir>/eval-sample.jsonl")
    args = ap.parse_args(argv)
    if args.n is not None and args.n < 1:
        ap.error(f"--n must be at least 1, got {args.n}")
    sentences = read_split(args.data_dir, args.split, args.tokenizer)
    tokenizer = args.tokenizer or os.path.join(args.data_dir, "tokenizer.json")
    with open(tokenizer) as fh:
        tokenizer_json = json.load(fh)
    domain = domain_of(tokenizer_json)
    n = SIZES[domain] if args.n is None else args.n
    cont = continuation_of(tokenizer_json["model"]["vocab"]).numpy()
    sample, n_eligible = make_sample(sentences, n, args.seed, cont, domain=domain)
    if not sample:
        shortest, longest = LENGTHS[domain]
        sys.exit(f"no {args.split} sentence has {shortest}..{longest} tokens without [UNK]: check {args.data_dir}.")
    out = args.out or os.path.join(args.data_dir, "eval-sample.jsonl")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as fh:
        for item in sample:
            fh.write(json.dumps(item, separators=(",", ":")) + "\n")
    masks = {k: sum(len(it["masks"][k]) for it in sample) for k in sample[0]["masks"]}
    what = "molecules" if domain == "molecules" else "sentences"
    print(
        f"{out}: {len(sample)} of {n_eligible} eligible {args.split} {what} "
        f"(of {len(sentences)}), seed {args.seed}, masks per ratio {masks}"
    )


if __name__ == "__main__":
    main()
