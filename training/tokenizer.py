"""Lowercase WordPiece tokenizer: vocabulary building, tokenizer.json writing, encoding and decoding.

One tokenizer.json serves training (this file) and the browser (@huggingface/tokenizers 0.2.0, pure JS).
The encoder below mirrors that JS package step by step, so both give the same ids:

  1. added tokens: the 5 special tokens are cut out of the raw text first (longest match, left to right),
     so a literal "[MASK]" typed by a user becomes id 4 (they are "normalized": false in the JSON);
  2. BertNormalizer on every other section: drop control characters, every whitespace character -> " ",
     spaces around CJK ideographs (BMP only: the JS code tests UTF-16 units), lowercase, NFD and drop
     non-spacing marks (strip accents);
  3. BertPreTokenizer: trim, then split into runs of non-space non-punctuation characters and single
     punctuation characters (Unicode P* plus all ASCII symbols, as in BERT);
  4. WordPiece model: greedy longest match first, continuation pieces prefixed "##", a word of more than
     100 characters or with an unmatchable piece becomes one [UNK].

Character classes come from Python's unicodedata (Unicode 14 on this machine; Node 20 uses Unicode 17):
the two agree on every character assigned up to Unicode 14, which covers any English corpus.

Run `python3 -m training.tokenizer golden` to rebuild the cross-implementation golden file
src/model/testdata/tokenizer-sample.json (see write_golden).
"""

from __future__ import annotations

import functools
import heapq
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

# Special tokens and their ids are fixed by docs/design.md for every model.
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD_ID, UNK_ID, CLS_ID, SEP_ID, MASK_ID = range(5)
UNK_TOKEN = "[UNK]"
CONTINUATION_PREFIX = "##"
MAX_INPUT_CHARS_PER_WORD = 100  # WordPiece default in HF tokenizers and in BERT

# JavaScript's \s (and String.prototype.trim) set; Python's \s differs (\x1c-\x1f, \x85 are in it,
# \ufeff is not), so the JS set is spelled out.
_JS_WHITESPACE = "\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_WHITESPACE_CHARS = (  # the same set as plain characters, for str.strip (JS trim)
    "\t\n\x0b\x0c\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
# ASCII symbols that BERT treats as punctuation although Unicode calls them symbols (e.g. $ + < = > ^ ` | ~).
_ASCII_PUNCTUATION = "\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e"
# CJK ideograph blocks of BertNormalizer.tokenize_chinese_chars that lie in the BMP; the astral blocks
# never match in the JS code because it walks UTF-16 code units, so they are left out here too.
_CJK_RE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_SPECIAL_RE = re.compile("|".join(re.escape(t) for t in sorted(SPECIAL_TOKENS, key=len, reverse=True)))


def _class_of_categories(categories: frozenset[str]) -> str:
    """Regex character-class body (ranges, no brackets) of all code points in the given categories."""
    ranges: list[tuple[int, int]] = []
    start = -1
    for cp in range(sys.maxunicode + 2):
        inside = cp <= sys.maxunicode and unicodedata.category(chr(cp)) in categories
        if inside and start < 0:
            start = cp
        elif not inside and start >= 0:
            ranges.append((start, cp - 1))
            start = -1
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" if hi > lo else f"\\U{lo:08x}" for lo, hi in ranges)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(control, whitespace, non-spacing mark, pre-token) regexes; built once (~1 s) on first use."""
    control = _class_of_categories(frozenset({"Cc", "Cf", "Co", "Cs"}))
    # \t \n \r are Cc but BertNormalizer keeps them (as whitespace); U+FFFD is dropped like NUL.
    control_re = re.compile(f"(?![\t\n\r])[{control}\ufffd]")
    whitespace_re = re.compile(f"[{_JS_WHITESPACE}]")
    mark_re = re.compile(f"[{_class_of_categories(frozenset({'Mn'}))}]")
    punct = _class_of_categories(frozenset({"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"})) + _ASCII_PUNCTUATION
    pretoken_re = re.compile(f"[^{_JS_WHITESPACE}{punct}]+|[{punct}]")
    return control_re, whitespace_re, mark_re, pretoken_re


def normalize(text: str) -> str:
    """BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents) as in the JS package."""
    control_re, whitespace_re, mark_re, _ = _patterns()
    text = control_re.sub("", text)
    text = whitespace_re.sub(" ", text)
    text = _CJK_RE.sub(r" \g<0> ", text)
    text = text.lower()
    if not text.isascii():  # NFD of ASCII is ASCII: skip the costly part for most sentences
        text = mark_re.sub("", unicodedata.normalize("NFD", text))
    return text


def pre_tokenize(normalized: str) -> list[str]:
    """BertPreTokenizer: words and single punctuation characters of normalized text."""
    return _patterns()[3].findall(normalized.strip(_JS_WHITESPACE_CHARS))


def split_special(text: str) -> Iterator[tuple[str, bool]]:
    """Sections of raw text: (special token, True) or (ordinary text, False), empty sections skipped."""
    position = 0
    for match in _SPECIAL_RE.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(text):
        yield text[position:], False


def words_of(text: str) -> Iterator[str]:
    """The pre-tokenized words the WordPiece model sees for raw text (special tokens left out)."""
    for section, is_special in split_special(text):
        if not is_special:
            yield from pre_tokenize(normalize(section))


# ---------------------------------------------------------------------------------------------------
# Vocabulary building.
#
# Choice: the BPE-style merge procedure that Hugging Face's own WordPieceTrainer runs. Start from all
# characters (a word's first character plain, later ones "##c"), then repeatedly merge the most frequent
# adjacent pair of symbols summed over the word counts, adding the merged symbol to the vocabulary,
# until the vocabulary is full or no pair occurs min_frequency times. Frequent whole words come out of
# this on their own (they merge all the way up), frequent stems and suffixes ("##ing", "##ly") too.
# The vocabulary is then used with WordPiece's greedy longest-match encoding, as HF does. Ties are broken
# by the pair's strings (smallest first), so the result depends only on the word counts.
# ---------------------------------------------------------------------------------------------------


def _merge_symbol(left: str, right: str) -> str:
    return left + right[len(CONTINUATION_PREFIX) :]  # right is never a word start, so it has "##"


def build_wordpiece_vocab(texts: Iterable[str], vocab_size: int, min_frequency: int = 2) -> list[str]:
    """Vocabulary (index = id) of lowercase WordPiece tokens learned from texts; specials first."""
    word_counts: Counter[str] = Counter()
    for text in texts:
        word_counts.update(words_of(text))
    return build_vocab_from_word_counts(word_counts, vocab_size, min_frequency)


def build_vocab_from_word_counts(word_counts: dict[str, int], vocab_size: int, min_frequency: int = 2) -> list[str]:
    """As build_wordpiece_vocab, from counts of pre-tokenized (normalized) words."""
    if min_frequency < 1:
        raise ValueError(f"min_frequency must be at least 1, got {min_frequency}")
    # Words sorted so that every later step is independent of the order texts came in.
    words = [(list(w[:1]) + [CONTINUATION_PREFIX + c for c in w[1:]], n) for w, n in sorted(word_counts.items())]
    alphabet = sorted({s for symbols, _ in words for s in symbols}, key=lambda s: (s.startswith("##"), s))
    vocab = SPECIAL_TOKENS + [s for s in alphabet if s not in SPECIAL_TOKENS]
    if vocab_size < len(vocab):
        raise ValueError(
            f"vocab_size {vocab_size} is smaller than the 5 special tokens plus the {len(alphabet)} characters "
            f"seen in the texts ({len(vocab)}): ask for a larger vocabulary"
        )
    known = set(vocab)

    pair_counts: defaultdict[tuple[str, str], int] = defaultdict(int)
    pair_words: defaultdict[tuple[str, str], set[int]] = defaultdict(set)  # may hold stale word indices
    for index, (symbols, count) in enumerate(words):
        for pair in zip(symbols, symbols[1:]):
            pair_counts[pair] += count
            pair_words[pair].add(index)
    heap = [(-count, pair) for pair, count in pair_counts.items()]
    heapq.heapify(heap)

    while len(vocab) < vocab_size and heap:
        negative_count, pair = heapq.heappop(heap)
        if pair_counts.get(pair, 0) != -negative_count:
            continue  # stale heap entry: the pair's count changed since it was pushed
        if -negative_count < min_frequency:
            break  # the heap's best pair is too rare, so every other one is too
        merged = _merge_symbol(*pair)
        if merged not in known:  # two different pairs can spell the same symbol
            known.add(merged)
            vocab.append(merged)
        changed: set[tuple[str, str]] = set()
        for index in pair_words.pop(pair):
            symbols, count = words[index]
            new_symbols = _merge_pair_in(symbols, pair, merged)
            if new_symbols is None:
                continue
            for old in zip(symbols, symbols[1:]):
                pair_counts[old] -= count
                changed.add(old)
            for new in zip(new_symbols, new_symbols[1:]):
                pair_counts[new] += count
                pair_words[new].add(index)
                changed.add(new)
            words[index] = (new_symbols, count)
        pair_counts.pop(pair, None)
        changed.discard(pair)
        for other in changed:
            count = pair_counts[other]
            if count > 0:
                heapq.heappush(heap, (-count, other))
            else:
                del pair_counts[other]
    return vocab


def _merge_pair_in(symbols: list[str], pair: tuple[str, str], merged: str) -> list[str] | None:
    """symbols with every non-overlapping occurrence of pair (left to right) merged; None if absent."""
    left, right = pair
    out: list[str] = []
    i, found = 0, False
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == left and symbols[i + 1] == right:
            out.append(merged)
            i += 2
            found = True
        else:
            out.append(symbols[i])
            i += 1
    return out if found else None


# ---------------------------------------------------------------------------------------------------
# tokenizer.json
# ---------------------------------------------------------------------------------------------------


def _check_vocab(vocab: list[str]) -> None:
    if vocab[: len(SPECIAL_TOKENS)] != SPECIAL_TOKENS:
        raise ValueError(f"vocabulary must start with {SPECIAL_TOKENS} (ids 0-4), got {vocab[:5]}")
    if len(set(vocab)) != len(vocab):
        duplicates = sorted(t for t, n in Counter(vocab).items() if n > 1)
        raise ValueError(f"vocabulary has duplicate tokens: {duplicates[:10]}")


def tokenizer_json(vocab: list[str]) -> dict:
    """The Hugging Face tokenizers document for a lowercase BERT-style WordPiece vocabulary."""
    _check_vocab(vocab)

    def special(token: str, type_id: int = 0) -> dict:
        return {"SpecialToken": {"id": token, "type_id": type_id}}

    def sequence(name: str, type_id: int) -> dict:
        return {"Sequence": {"id": name, "type_id": type_id}}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": i,
                "content": token,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,  # matched in the raw text, before lowercasing
                "special": True,
            }
            for i, token in enumerate(SPECIAL_TOKENS)
        ],
        "normalizer": {
            "type": "BertNormalizer",
            "clean_text": True,
            "handle_chinese_chars": True,
            "strip_accents": True,
            "lowercase": True,
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]"), sequence("A", 0), special("[SEP]")],
            "pair": [special("[CLS]"), sequence("A", 0), special("[SEP]"), sequence("B", 1), special("[SEP]", 1)],
            "special_tokens": {
                token: {"id": token, "ids": [vocab.index(token)], "tokens": [token]} for token in ("[CLS]", "[SEP]")
            },
        },
        "decoder": {"type": "WordPiece", "prefix": CONTINUATION_PREFIX, "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": UNK_TOKEN,
            "continuing_subword_prefix": CONTINUATION_PREFIX,
            "max_input_chars_per_word": MAX_INPUT_CHARS_PER_WORD,
            "vocab": {token: i for i, token in enumerate(vocab)},
        },
    }


def write_tokenizer_json(vocab: list[str], path: str | Path) -> None:
    """Write vocab as a tokenizer.json loadable by @huggingface/tokenizers and HF tokenizers."""
    text = json.dumps(tokenizer_json(vocab), ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# Encoding and decoding
# ---------------------------------------------------------------------------------------------------


def _clean_up_tokenization(text: str) -> str:
    """clean_up_tokenization of the JS package (same replacements, same order)."""
    for before, after in (
        (" .", "."),
        (" ?", "?"),
        (" !", "!"),
        (" ,", ","),
        (" ' ", "'"),
        (" n't", "n't"),
        (" 'm", "'m"),
        (" 's", "'s"),
        (" 've", "'ve"),
        (" 're", "'re"),
    ):
        text = text.replace(before, after)
    return text


class WordPieceTokenizer:
    """Lowercase WordPiece tokenizer with the ids of @huggingface/tokenizers on the same tokenizer.json."""

    def __init__(self, vocab: list[str]):
        _check_vocab(vocab)
        self.vocab = list(vocab)
        self.ids = {token: i for i, token in enumerate(vocab)}
        self._word_cache: dict[str, list[int]] = {}  # word -> ids; corpora repeat words a lot

    @classmethod
    def from_file(cls, path: str | Path) -> WordPieceTokenizer:
        """Load a tokenizer.json of the shape write_tokenizer_json writes; refuse any other shape."""
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ValueError(f"cannot read tokenizer {path}: {error}") from error
        expected = tokenizer_json(SPECIAL_TOKENS)  # the fixed parts, with a placeholder vocabulary
        model = doc.get("model", {})
        for key in ("normalizer", "pre_tokenizer", "decoder"):
            if doc.get(key) != expected[key]:
                raise ValueError(f"{path}: {key} must be {expected[key]}, got {doc.get(key)}")
        for key in ("type", "unk_token", "continuing_subword_prefix", "max_input_chars_per_word"):
            if model.get(key) != expected["model"][key]:
                raise ValueError(f"{path}: model.{key} must be {expected['model'][key]!r}, got {model.get(key)!r}")
        token_ids = model.get("vocab", {})
        vocab = sorted(token_ids, key=token_ids.__getitem__)
        if [token_ids[t] for t in vocab] != list(range(len(vocab))):
            raise ValueError(f"{path}: model.vocab ids must be 0..{len(vocab) - 1} without gaps")
        added = [(t.get("id"), t.get("content")) for t in doc.get("added_tokens", [])]
        if added != list(enumerate(SPECIAL_TOKENS)):
            raise ValueError(f"{path}: added_tokens must be the special tokens {SPECIAL_TOKENS} with ids 0-4")
        return cls(vocab)

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    def token_to_id(self, token: str) -> int | None:
        return self.ids.get(token)

    def id_to_token(self, token_id: int) -> str | None:
        return self.vocab[token_id] if 0 <= token_id < len(self.vocab) else None

    def encode_word(self, word: str) -> list[int]:
        """WordPiece ids of one pre-tokenized word: greedy longest match, [UNK] if any piece fails."""
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        ids: list[int] = []
        if len(word) > MAX_INPUT_CHARS_PER_WORD:
            ids = [UNK_ID]
        else:
            start = 0
            while start < len(word):
                end = len(word)
                piece_id = None
                while start < end:
                    piece = word[start:end] if start == 0 else CONTINUATION_PREFIX + word[start:end]
                    piece_id = self.ids.get(piece)
                    if piece_id is not None:
                        break
                    end -= 1
                if piece_id is None:
                    ids = [UNK_ID]
                    break
                ids.append(piece_id)
                start = end
        self._word_cache[word] = ids
        return ids

    def encode(self, text: str) -> list[int]:
        """Token ids of text, without [CLS]/[SEP]; literal special tokens ("[MASK]") keep their ids."""
        ids: list[int] = []
        for section, is_special in split_special(text):
            if is_special:
                ids.append(self.ids[section])
            else:
                for word in pre_tokenize(normalize(section)):
                    ids.extend(self.encode_word(word))
        return ids

    def tokenize(self, text: str) -> list[str]:
        return [self.vocab[i] for i in self.encode(text)]

    def decode(self, ids: Iterable[int], skip_special_tokens: bool = False) -> str:
        """Text of ids as Tokenizer.decode of the JS package: WordPiece decoder with cleanup, then cleanup."""
        tokens = [self.vocab[i] if 0 <= i < len(self.vocab) else UNK_TOKEN for i in ids]
        if skip_special_tokens:
            tokens = [t for t in tokens if t not in SPECIAL_TOKENS]
        pieces = []
        for i, token in enumerate(tokens):
            if i > 0:
                token = token[2:] if token.startswith(CONTINUATION_PREFIX) else " " + token
            pieces.append(_clean_up_tokenization(token))
        return _clean_up_tokenization("".join(pieces))


# ---------------------------------------------------------------------------------------------------
# Golden file for the TypeScript tokenizer test
# ---------------------------------------------------------------------------------------------------

REPO_ROOT = Path(__file__).resolve().parent.parent
GOLDEN_PATH = REPO_ROOT / "src/model/testdata/tokenizer-sample.json"
GOLDEN_TOKENIZER_PATH = REPO_ROOT / "src/model/testdata/tokenizer-sample.tokenizer.json"
GOLDEN_VOCAB_SIZE = 2000
GOLDEN_CORPUS_FILES = 10  # nlp-corpus builds/doc-0..9.json: 10,000 sentences

# Varied inputs: punctuation, numbers, accents, case, emoji, CJK, special tokens, odd whitespace, HTML.
GOLDEN_TEXTS = [
    "She [MASK] to the store to buy some milk.",
    "The quick brown fox jumps over the lazy dog.",
    "[MASK] [MASK] went home early, didn't they?",
    "[CLS] already here [SEP] and [PAD] [UNK] too",
    "[mask] in lower case is just text, but [MASK]x[MASK] is not.",
    "[[MASK]] and [MASK[MASK]]",
    "Café, naïve résumé, coöperate, São Paulo and Zürich.",
    "ÉCOLE NORMALE SUPÉRIEURE",
    "He paid $1,234.56 for 3 tickets on 12/05/2019 at 7:30pm.",
    "Call 555-0199 or e-mail jane.doe@example.com!!!",
    "   lots   of\tspaces\n\nand   newlines   ",
    "",
    "   ",
    "I love it 😀👍🏽 so much!",
    "東京は日本の首都です。",
    "Mixed 中文 and English words",
    '<p class="intro">Hello, <b>world</b>!</p>',
    "&amp; &lt;tag&gt; &#39;quoted&#39;",
    "\"Well,\" he said, 'it's fine' -- isn't it?",
    "Antidisestablishmentarianism is a very long word.",
    "supercalifragilisticexpialidocious" * 4,
    "Über-cool straße Ωmega ΣΊΣΥΦΟΣ",
    "naïve\u0301 combining marks: e\u0301 a\u0300 o\u0308",
    "zero\u200bwidth and soft\u00adhyphen and nbsp\u00a0here",
    "tab\tseparated\tvalues\r\nwindows line",
    "Mr. Smith went to Washington, D.C., in 1999; he stayed (briefly).",
    "The U.S.A. ratified the treaty in 1787... or did it?",
    "50% of #hashtags & @mentions ~ ^ | `code` {braces} [brackets]",
    "He said: «bonjour» — and left… „quotes“ ‘single’",
    "Call me Ishmael. Some years ago--never mind how long precisely--having little money.",
    "Mr. Speaker, the state of our Union is strong.",
    "Ξ control\x07chars\x00and\ufffdreplacement",
]


def write_golden(corpus_dir: Path | None = None) -> None:
    """Build the sample tokenizer from a slice of nlp-corpus and write it and the golden cases."""
    corpus_dir = corpus_dir or REPO_ROOT / "node_modules/nlp-corpus/builds"
    sentences: list[str] = []
    for i in range(GOLDEN_CORPUS_FILES):
        path = corpus_dir / f"doc-{i}.json"
        if not path.is_file():
            raise SystemExit(f"nlp-corpus: expected {path} (a JSON list of sentences); run npm install")
        sentences.extend(json.loads(path.read_text(encoding="utf-8")))
    vocab = build_wordpiece_vocab(sentences, GOLDEN_VOCAB_SIZE)
    GOLDEN_TOKENIZER_PATH.parent.mkdir(parents=True, exist_ok=True)
    write_tokenizer_json(vocab, GOLDEN_TOKENIZER_PATH)
    about = (
        "ids WITHOUT [CLS]/[SEP] (JS: tokenizer.encode(text, {add_special_tokens: false}).ids); "
        "decoded = tokenizer.decode(ids) with default options. Written by `python3 -m training.tokenizer golden`."
    )
    write_golden_cases(WordPieceTokenizer(vocab), GOLDEN_TEXTS, about, GOLDEN_TOKENIZER_PATH, GOLDEN_PATH)
    print(f"wrote {GOLDEN_TOKENIZER_PATH.relative_to(REPO_ROOT)} ({len(vocab)} tokens)")


def write_golden_cases(tokenizer, texts, about: str, tokenizer_path: Path, golden_path: Path) -> None:
    """Write a golden sample for the TypeScript tokenizer tests: for each text its ids (without
    [CLS]/[SEP]), tokens and decoded text, one case per line (readable diffs without one line per id)."""
    cases = []
    for text in texts:
        ids = tokenizer.encode(text)
        cases.append({"text": text, "ids": ids, "tokens": tokenizer.tokenize(text), "decoded": tokenizer.decode(ids)})
    case_lines = ",\n".join("  " + json.dumps(case, ensure_ascii=False) for case in cases)
    head = {"about": about, "tokenizer": str(tokenizer_path.relative_to(REPO_ROOT))}
    head_text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    golden_path.write_text(f'{head_text},\n "cases": [\n{case_lines}\n ]\n}}\n', encoding="utf-8")
    print(f"wrote {golden_path.relative_to(REPO_ROOT)} ({len(cases)} cases)")


if __name__ == "__main__":
    if sys.argv[1:] == ["golden"]:
        write_golden()
    else:
        raise SystemExit("usage: python3 -m training.tokenizer golden")
