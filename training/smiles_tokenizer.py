"""Atom-level SMILES tokenizer: one token per atom, bond, branch, ring closure or dot.

The same tokenizer runs in the browser (src/model/smilesTokenizer.ts); both follow these rules, and
the golden file src/model/testdata/smiles-sample.json (`python3 -m training.smiles_tokenizer golden`)
holds them to each other:

  1. special tokens ([PAD] [UNK] [CLS] [SEP] [MASK], ids 0-4 as in every model) are cut out of the
     raw text first, so a typed "[MASK]" is the mask id and not a bracket atom;
  2. the rest is read left to right with SMILES_PATTERN (the usual regex of Schwaller et al., "Molecular
     Transformer", 2019): a bracket atom [..] is one token, Br and Cl are one token, every other atom
     letter (aliphatic B C N O S P F I, aromatic b c n o s p), bond (- = # $ : / \\), branch ( ), dot,
     ring closure digit or %nn, and + @ * ~ ? > is a token of its own;
  3. whitespace between tokens is skipped; any other character the pattern does not start at is one
     [UNK]; a matched token that the vocabulary lacks is [UNK] too.

Decoding joins the tokens without spaces, so the tokens of a SMILES joined give it back.

tokenizer.json keeps the Hugging Face layout where it can (added_tokens, model.vocab token -> id,
which training/train.py reads) and says what it is with a top-level "type": "smiles"; the pattern is
fixed by that type (a file whose pattern differs is refused, never compiled).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from training.tokenizer import SPECIAL_TOKENS, UNK_ID, split_special, write_golden_cases

TOKENIZER_TYPE = "smiles"
SMILES_PATTERN = r"\[[^\]]+\]|Br?|Cl?|N|O|S|P|F|I|b|c|n|o|s|p|\(|\)|\.|=|#|-|\+|\\|/|:|~|@|\?|>|\*|\$|%[0-9]{2}|[0-9]"
_TOKEN_RE = re.compile(SMILES_PATTERN)
# JavaScript's \s set (the TypeScript side skips what its \s matches; Python's \s differs).
_WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def smiles_pieces(text: str) -> list[str]:
    """The token strings of text (rules 1-3 above), before the vocabulary: special tokens as they
    are, every character the pattern cannot start at as "[UNK]"."""
    pieces: list[str] = []
    for section, is_special in split_special(text):
        if is_special:
            pieces.append(section)
            continue
        position = 0
        while position < len(section):
            match = _TOKEN_RE.match(section, position)
            if match:
                pieces.append(match.group())
                position = match.end()
            else:
                if section[position] not in _WHITESPACE:
                    pieces.append(SPECIAL_TOKENS[UNK_ID])
                position += 1
    return pieces


def build_smiles_vocab(smiles: Iterable[str]) -> list[str]:
    """Special tokens at ids 0-4, then every token of the given SMILES, most frequent first (ties in
    code point order), so the same molecules always give the same ids."""
    counts: Counter[str] = Counter()
    for s in smiles:
        counts.update(p for p in smiles_pieces(s) if p not in SPECIAL_TOKENS)
    return SPECIAL_TOKENS + sorted(counts, key=lambda token: (-counts[token], token))


def smiles_tokenizer_json(vocab: list[str]) -> dict:
    """The tokenizer.json of a SMILES vocabulary (vocab[i] has id i; the first five are SPECIAL_TOKENS)."""
    if vocab[: len(SPECIAL_TOKENS)] != SPECIAL_TOKENS:
        raise ValueError(f"a SMILES vocabulary starts with {SPECIAL_TOKENS}, got {vocab[:5]}")
    return {
        "type": TOKENIZER_TYPE,
        "version": "1.0",
        "added_tokens": [
            {"id": i, "content": token, "special": True, "normalized": False} for i, token in enumerate(SPECIAL_TOKENS)
        ],
        "pre_tokenizer": {"type": "Split", "pattern": {"Regex": SMILES_PATTERN}, "behavior": "Isolated"},
        "model": {
            "type": "WordLevel",
            "unk_token": SPECIAL_TOKENS[UNK_ID],
            "vocab": {t: i for i, t in enumerate(vocab)},
        },
    }


def write_smiles_tokenizer_json(vocab: list[str], path: str | Path) -> None:
    Path(path).write_text(
        json.dumps(smiles_tokenizer_json(vocab), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


class SmilesTokenizer:
    """Ids of SMILES text over a fixed vocabulary (vocab[i] has id i)."""

    def __init__(self, vocab: list[str]):
        if vocab[: len(SPECIAL_TOKENS)] != SPECIAL_TOKENS:
            raise ValueError(f"a SMILES vocabulary starts with {SPECIAL_TOKENS}, got {vocab[:5]}")
        if len(set(vocab)) != len(vocab):
            raise ValueError("a SMILES vocabulary holds every token once")
        self.vocab = list(vocab)
        self.ids = {token: i for i, token in enumerate(vocab)}

    @classmethod
    def from_file(cls, path: str | Path) -> SmilesTokenizer:
        """Load a tokenizer.json that write_smiles_tokenizer_json wrote; refuse any other."""
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ValueError(f"cannot read tokenizer {path}: {error}") from error
        if not isinstance(doc, dict) or doc.get("type") != TOKENIZER_TYPE:
            raise ValueError(
                f"{path}: not a SMILES tokenizer (type {doc.get('type') if isinstance(doc, dict) else None!r})"
            )
        pattern = doc.get("pre_tokenizer", {}).get("pattern", {}).get("Regex")
        if pattern != SMILES_PATTERN:
            raise ValueError(f"{path}: pre_tokenizer pattern must be {SMILES_PATTERN!r}, got {pattern!r}")
        token_ids = doc.get("model", {}).get("vocab", {})
        vocab = sorted(token_ids, key=token_ids.__getitem__)
        if [token_ids[t] for t in vocab] != list(range(len(vocab))):
            raise ValueError(f"{path}: model.vocab ids must be 0..{len(vocab) - 1} without gaps")
        return cls(vocab)

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def tokenize(self, text: str) -> list[str]:
        """The vocabulary strings of encode(text): a token the vocabulary lacks reads "[UNK]"."""
        return [self.vocab[i] for i in self.encode(text)]

    def encode(self, text: str) -> list[int]:
        """Token ids of text, without [CLS]/[SEP]."""
        return [self.ids.get(piece, UNK_ID) for piece in smiles_pieces(text)]

    def decode(self, ids: Iterable[int], skip_special_tokens: bool = False) -> str:
        """The tokens of ids joined without spaces (an id outside the vocabulary reads "[UNK]")."""
        tokens = [self.vocab[i] if 0 <= i < len(self.vocab) else SPECIAL_TOKENS[UNK_ID] for i in ids]
        return "".join(t for t in tokens if not (skip_special_tokens and t in SPECIAL_TOKENS))


# ---------------------------------------------------------------------------------------------------
# Golden file for the TypeScript tokenizer test
# ---------------------------------------------------------------------------------------------------

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLDEN_PATH = REPO_ROOT / "src/model/testdata/smiles-sample.json"
GOLDEN_TOKENIZER_PATH = REPO_ROOT / "src/model/testdata/smiles-sample.tokenizer.json"

# The vocabulary of the golden tokenizer: built from these molecules only, so that the cases below
# also meet tokens it lacks ([UNK]).
GOLDEN_VOCAB_SMILES = [
    "CC(=O)Oc1ccccc1C(=O)O",  # aspirin
    "CN1C=NC2=C1C(=O)N(C(=O)N2C)C",  # caffeine
    "C[C@@H](C(=O)O)N",  # L-alanine
    "OC[C@H]1OC(O)[C@H](O)[C@@H](O)[C@@H]1O",  # glucose
    "c1ccc2[nH]ccc2c1",  # indole
    "ClC(Cl)Cl.BrCBr",
    "C1CC2CCC1CC2",
    "[Na+].[Cl-]",
    "F/C=C\\F",
    "N#Cc1ccccc1",
]
GOLDEN_TEXTS = [
    "CC(=O)Oc1ccccc1C(=O)O",
    "CC(=O)Oc1ccccc1C([MASK])O",
    "[MASK][MASK]c1ccccc1",
    "[CLS]CC[SEP] and [PAD][UNK]",
    "[mask] is not special",
    "[[MASK]]",
    "C[C@@H](C(=O)O)N",
    "OC[C@H]1OC(O)[C@H](O)[C@@H](O)[C@@H]1O",
    "c1ccc2[nH]ccc2c1",
    "ClC(Cl)Cl.BrCBr",
    "ClCCl Br Cl",
    "C%12CC%12",
    "C1CC2CCC1CC2",
    "C12CC3CC(C1)CC(C2)C3",
    "[Na+].[Cl-]",
    "[2H]C([2H])([2H])O",
    "[Se]1C=CC=C1",
    "c1cc[se]c1",
    "F/C=C\\F",
    "F\\C=C\\F",
    "N#Cc1ccccc1",
    "O=[N+]([O-])c1ccccc1",
    "C$C",
    "C:C",
    "*C~C",
    "CC>>CO",
    "Xx1",
    "C[C@@H](Q)é",
    "[C",
    "C]",
    "",
    "   ",
    " C C\tO\n",
    "CC😀C",
    "Zn",
    "[Zn+2]",
    "Li",
    "%1",
    "%%12",
    "C12",
    "[nH+]",
]


def write_golden() -> None:
    """Write the golden tokenizer and, for each of GOLDEN_TEXTS, its ids, tokens and decoded text."""
    vocab = build_smiles_vocab(GOLDEN_VOCAB_SMILES)
    GOLDEN_TOKENIZER_PATH.parent.mkdir(parents=True, exist_ok=True)
    write_smiles_tokenizer_json(vocab, GOLDEN_TOKENIZER_PATH)
    about = (
        "ids WITHOUT [CLS]/[SEP]; tokens = the vocabulary strings of the ids; decoded = decode(ids). "
        "Written by `python3 -m training.smiles_tokenizer golden`."
    )
    write_golden_cases(SmilesTokenizer(vocab), GOLDEN_TEXTS, about, GOLDEN_TOKENIZER_PATH, GOLDEN_PATH)
    print(f"wrote {GOLDEN_TOKENIZER_PATH.relative_to(REPO_ROOT)} ({len(vocab)} tokens)")


if __name__ == "__main__":
    if sys.argv[1:] == ["golden"]:
        write_golden()
    else:
        raise SystemExit("usage: python3 -m training.smiles_tokenizer golden")
