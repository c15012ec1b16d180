"""Tests of training/tokenizer.py. Run: /usr/bin/python3 -m unittest training.test_tokenizer (from the repo root)."""

import json
import random
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from training.tokenizer import (
    GOLDEN_PATH,
    MASK_ID,
    REPO_ROOT,
    SPECIAL_TOKENS,
    UNK_ID,
    WordPieceTokenizer,
    build_vocab_from_word_counts,
    build_wordpiece_vocab,
    normalize,
    pre_tokenize,
    words_of,
    write_tokenizer_json,
)

NLP_CORPUS_FILE = REPO_ROOT / "node_modules/nlp-corpus/builds/doc-0.json"
JS_TOKENIZERS = REPO_ROOT / "node_modules/@huggingface/tokenizers/dist/tokenizers.mjs"

# Simple sentences whose every character is common, so the small vocabulary covers them.
PLAIN_SENTENCES = [
    "the cat sat on the mat.",
    "she went to the store to buy some milk, and then she came home.",
    "what time is it? it is late!",
    "he didn't know what to say.",
    "see the [note] below (and the cat's hat).",
]


def sample_sentences() -> list[str]:
    sentences = json.loads(NLP_CORPUS_FILE.read_text(encoding="utf-8"))[:300]
    return sentences + PLAIN_SENTENCES * 3


class VocabularyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sentences = sample_sentences()
        cls.vocab = build_wordpiece_vocab(cls.sentences, vocab_size=600)

    def test_special_tokens_come_first_with_fixed_ids(self):
        self.assertEqual(self.vocab[:5], ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])

    def test_size_and_no_duplicates(self):
        self.assertEqual(len(self.vocab), 600)
        self.assertEqual(len(set(self.vocab)), 600)

    def test_every_character_seen_is_in_the_vocabulary(self):
        vocab = set(self.vocab)
        for sentence in self.sentences:
            for word in words_of(sentence):
                self.assertIn(word[0], vocab)
                for char in word[1:]:
                    self.assertIn("##" + char, vocab)

    def test_deterministic_whatever_the_order_of_texts(self):
        shuffled = list(self.sentences)
        random.Random(7).shuffle(shuffled)
        self.assertEqual(build_wordpiece_vocab(shuffled, vocab_size=600), self.vocab)

    def test_frequent_words_become_single_tokens(self):
        for word in ("the", "and", "to"):
            self.assertIn(word, self.vocab)

    def test_merges_most_frequent_pair_first_ties_by_string(self):
        counts = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
        vocab = build_vocab_from_word_counts(counts, vocab_size=100, min_frequency=2)
        alphabet = {"l", "n", "w", "##o", "##w", "##e", "##r", "##s", "##t", "##i", "##d"}
        first_merges = vocab[5 + len(alphabet) :][:3]
        # ("##e","##s") and ("##s","##t") both occur 9 times and "##e" sorts first; then "##es"+"##t" (9);
        # then ("##o","##w") and ("l","##o") tie at 7 and "#" sorts before "l".
        self.assertEqual(first_merges, ["##es", "##est", "##ow"])
        self.assertEqual(set(vocab[5 : 5 + len(alphabet)]), alphabet)

    def test_min_frequency_stops_merging(self):
        vocab = build_vocab_from_word_counts({"abc": 1, "xyz": 1}, vocab_size=100, min_frequency=2)
        self.assertEqual(len(vocab), 5 + 6)  # specials and the characters only: no pair occurs twice

    def test_too_small_vocab_size_is_refused(self):
        with self.assertRaisesRegex(ValueError, "vocab_size 10 is smaller"):
            build_wordpiece_vocab(["many different letters here"], vocab_size=10)


class EncodeDecodeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tokenizer = WordPieceTokenizer(build_wordpiece_vocab(sample_sentences(), vocab_size=600))

    def test_round_trip_of_lowercase_sentences(self):
        for sentence in PLAIN_SENTENCES[:4]:
            ids = self.tokenizer.encode(sentence)
            self.assertNotIn(UNK_ID, ids)
            self.assertEqual(self.tokenizer.decode(ids), sentence)
        # The HF WordPiece decoder only cleans spaces before . ? ! , and around ' : brackets keep them.
        ids = self.tokenizer.encode(PLAIN_SENTENCES[4])
        self.assertEqual(self.tokenizer.decode(ids), "see the [ note ] below ( and the cat's hat ).")

    def test_case_and_accents_are_normalized(self):
        self.assertEqual(self.tokenizer.encode("Café NAÏVE"), self.tokenizer.encode("cafe naive"))
        self.assertEqual(normalize("ÉCOLE"), "ecole")

    def test_literal_special_tokens_keep_their_ids(self):
        ids = self.tokenizer.encode("the [MASK] sat on [MASK][MASK].")
        self.assertEqual(ids.count(MASK_ID), 3)
        self.assertEqual(ids[1], MASK_ID)
        for i, token in enumerate(SPECIAL_TOKENS):
            self.assertEqual(self.tokenizer.encode(f"a {token} b")[1], i)

    def test_lowercase_mask_is_plain_text(self):
        self.assertNotIn(MASK_ID, self.tokenizer.encode("the [mask] sat"))
        self.assertEqual(self.tokenizer.tokenize("[mask]")[0], "[")

    def test_punctuation_and_whitespace_split_words(self):
        words = pre_tokenize(normalize("Hello,world!  a\tb\n$5"))
        self.assertEqual(words, ["hello", ",", "world", "!", "a", "b", "$", "5"])

    def test_unknown_characters_become_unk(self):
        unknown = "\u2603"  # a snowman: not in the sample corpus
        self.assertIsNone(self.tokenizer.token_to_id(unknown))
        self.assertEqual(self.tokenizer.encode(f"the {unknown} sat"), self.tokenizer.encode("the [UNK] sat"))
        # one unknown character makes the whole word one [UNK], as WordPiece does
        self.assertEqual(self.tokenizer.encode(f"ca{unknown}t"), [UNK_ID])

    def test_overlong_word_is_unk(self):
        self.assertEqual(self.tokenizer.encode("a" * 101), [UNK_ID])
        self.assertNotIn(UNK_ID, self.tokenizer.encode("a" * 100))

    def test_empty_and_blank_text(self):
        self.assertEqual(self.tokenizer.encode(""), [])
        self.assertEqual(self.tokenizer.encode(" \t\n "), [])
        self.assertEqual(self.tokenizer.decode([]), "")

    def test_decode_joins_continuations_and_cleans_punctuation(self):
        ids = [self.tokenizer.token_to_id(t) for t in ["the", "c", "##a", "##t", "'", "s", "?", "[MASK]", "!"]]
        self.assertEqual(self.tokenizer.decode(ids), "the cat's? [MASK]!")
        self.assertEqual(self.tokenizer.decode([2, *ids[:4], 3], skip_special_tokens=True), "the cat")

    def test_id_token_lookups(self):
        self.assertEqual(self.tokenizer.id_to_token(MASK_ID), "[MASK]")
        self.assertEqual(self.tokenizer.token_to_id("[UNK]"), UNK_ID)
        self.assertIsNone(self.tokenizer.id_to_token(self.tokenizer.vocab_size))
        self.assertEqual(self.tokenizer.vocab_size, 600)


class TokenizerJsonTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)
        self.vocab = build_wordpiece_vocab(PLAIN_SENTENCES, vocab_size=80)

    def test_write_then_load_keeps_the_vocabulary(self):
        path = self.dir / "tokenizer.json"
        write_tokenizer_json(self.vocab, path)
        loaded = WordPieceTokenizer.from_file(path)
        self.assertEqual(loaded.vocab, self.vocab)
        doc = json.loads(path.read_text(encoding="utf-8"))
        self.assertEqual([t["content"] for t in doc["added_tokens"]], SPECIAL_TOKENS)
        self.assertTrue(all(t["special"] and not t["normalized"] for t in doc["added_tokens"]))

    def test_other_tokenizer_shapes_are_refused(self):
        path = self.dir / "tokenizer.json"
        write_tokenizer_json(self.vocab, path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["normalizer"]["lowercase"] = False
        path.write_text(json.dumps(doc), encoding="utf-8")
        with self.assertRaisesRegex(ValueError, "normalizer must be"):
            WordPieceTokenizer.from_file(path)

    def test_vocabulary_without_specials_first_is_refused(self):
        with self.assertRaisesRegex(ValueError, "must start with"):
            write_tokenizer_json(["a", "b"] + SPECIAL_TOKENS, self.dir / "t.json")


class GoldenTest(unittest.TestCase):
    """The golden file is checked against @huggingface/tokenizers (vitest on the TS side, and below)."""

    @classmethod
    def setUpClass(cls):
        cls.golden = json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))
        cls.tokenizer = WordPieceTokenizer.from_file(REPO_ROOT / cls.golden["tokenizer"])

    def test_python_reproduces_the_golden_ids(self):
        self.assertGreaterEqual(len(self.golden["cases"]), 30)
        for case in self.golden["cases"]:
            self.assertEqual(self.tokenizer.encode(case["text"]), case["ids"], case["text"])
            self.assertEqual(self.tokenizer.decode(case["ids"]), case["decoded"], case["text"])

    @unittest.skipUnless(shutil.which("node") and JS_TOKENIZERS.is_file(), "needs node and @huggingface/tokenizers")
    def test_javascript_tokenizer_agrees_with_python(self):
        texts = [case["text"] for case in self.golden["cases"]] + json.loads(NLP_CORPUS_FILE.read_text("utf-8"))[:500]
        script = f"""
            import {{ readFileSync }} from "node:fs";
            import {{ Tokenizer }} from {json.dumps(JS_TOKENIZERS.as_uri())};
            const tok = new Tokenizer(JSON.parse(readFileSync(process.argv[1], "utf8")), {{}});
            const texts = JSON.parse(readFileSync(0, "utf8"));
            process.stdout.write(JSON.stringify(texts.map((t) => tok.encode(t, {{ add_special_tokens: false }}).ids)));
        """
        result = subprocess.run(
            ["node", "--input-type=module", "-e", script, str(REPO_ROOT / self.golden["tokenizer"])],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
        )
        for text, js_ids in zip(texts, json.loads(result.stdout), strict=True):
            self.assertEqual(self.tokenizer.encode(text), js_ids, text)


if __name__ == "__main__":
    unittest.main()
