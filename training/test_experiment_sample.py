"""Tests of training/experiment_sample.py. Run: /usr/bin/python3 -m unittest training.test_experiment_sample"""

import json
import unittest

import numpy as np

from training.experiment_sample import MAX_BYTES, OUT, PACKAGES, TOKENIZER, words_of_pieces
from training.tokenizer import REPO_ROOT, SPECIAL_TOKENS, WordPieceTokenizer
from training.train import maskable_words


class WordsOfPieces(unittest.TestCase):
    def test_joins_continuation_pieces_into_their_word(self):
        tok = WordPieceTokenizer(SPECIAL_TOKENS + ["the", "play", "##ing", "cat", "."])
        ids = tok.encode("the cat playing.")
        words, word_of_piece = words_of_pieces(ids, tok)
        self.assertEqual(words, ["the", "cat", "playing", "."])
        self.assertEqual(word_of_piece, [0, 1, 2, 2, 3])
        self.assertEqual(tok.encode(" ".join(words)), ids)
        cont = np.array([t.startswith("##") for t in tok.vocab])
        # "play ##ing" is two pieces: not maskable as one [MASK].
        self.assertEqual(sorted({word_of_piece[p] for p in maskable_words(ids, cont)}), [0, 1, 3])


class ShippedSample(unittest.TestCase):
    """The file the page ships: small, from redistributable packages, maskable words single pieces."""

    def test_shipped_file(self):
        path = REPO_ROOT / OUT
        if not path.exists():
            self.skipTest(f"{OUT} not written")
        text = path.read_text(encoding="utf-8")
        self.assertLess(len(text.encode("utf-8")), MAX_BYTES)
        doc = json.loads(text)
        self.assertEqual(doc["source"]["split"], "test")
        self.assertLessEqual(set(doc["source"]["packages"]), set(PACKAGES))
        tok = WordPieceTokenizer.from_file(REPO_ROOT / TOKENIZER)
        for item in doc["sentences"]:
            self.assertIn(item["package"], PACKAGES)
            self.assertTrue(item["maskable"])
            for i in item["maskable"]:
                pieces = tok.encode(item["words"][i])
                self.assertEqual(len(pieces), 1, item["words"][i])
                self.assertGreaterEqual(pieces[0], len(SPECIAL_TOKENS))


if __name__ == "__main__":
    unittest.main()
