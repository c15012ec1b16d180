"""The first-sentences test set: well formed, tokenised as written, never in the training corpus.

Run: /usr/bin/python3 -m unittest training.test_first_sentences
"""

import json
import os
import tempfile
import unittest

from training import data, first_sentences
from training.data import Document, drop_first_sentences
from training.tokenizer import WordPieceTokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED_TOKENIZER = os.path.join(ROOT, "models", "exlm-en-small", "tokenizer.json")


class TestFirstSentences(unittest.TestCase):
    def test_enough_sentences_on_every_topic_the_playground_is_tried_on(self):
        entries = first_sentences.load()
        self.assertGreaterEqual(len(entries), 40)
        topics = {e["topic"] for e in entries}
        for topic in (
            "bank",
            "capitals",
            "days and months",
            "agreement",
            "collocations",
            "pronouns",
            "prepositions",
            "two masks",
        ):
            self.assertIn(topic, topics)
        self.assertTrue(any("[MASK] [MASK]" in e["text"] for e in entries))
        self.assertEqual(len({e["text"] for e in entries}), len(entries))

    @unittest.skipUnless(os.path.exists(SHIPPED_TOKENIZER), "no shipped model")
    def test_every_answer_is_one_word_the_model_can_guess(self):
        tokenizer = WordPieceTokenizer.from_file(SHIPPED_TOKENIZER)
        for entry in first_sentences.load():
            self.assertEqual(tokenizer.encode(entry["text"]).count(4), len(entry["answers"]), entry["text"])
            for answer in (w for a in entry["answers"] for w in a):
                self.assertEqual(len(tokenizer.encode(answer)), 1, f"{entry['text']}: {answer!r}")

    def test_load_refuses_answers_that_do_not_match_the_masks(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.json")
            for answers in ([], [["a"], ["b"]], [[]]):
                json.dump({"sentences": [{"topic": "t", "text": "a [MASK] b", "answers": answers}]}, open(path, "w"))
                with self.assertRaises(ValueError) as err:
                    first_sentences.load(path)
                self.assertIn("one non-empty answer list per [MASK]", str(err.exception))

    def test_leaks_are_whole_sentences_whatever_the_case_and_punctuation(self):
        entries = [{"topic": "t", "text": "the capital of france is [MASK] .", "answers": [["paris"]]}]
        corpus = ["The capital of France is Paris.", "The capital of France is Paris, of course.", "Paris is lovely."]
        self.assertEqual(first_sentences.corpus_leaks(corpus, entries), corpus[:1])
        docs = [Document(source="s", doc_id="1", sentences=list(corpus))]
        self.assertEqual(drop_first_sentences(docs, entries), 1)
        self.assertEqual(docs[0].sentences, corpus[1:])

    @unittest.skipUnless(os.path.isdir(os.path.join(ROOT, "node_modules", "nlp-corpus")), "corpus not installed")
    def test_the_corpus_holds_none_of_them(self):
        # The data step drops them anyway; this says which sentence to rewrite when a source brings one in.
        config = data.DataConfig()
        sentences = [s for reader in data.READERS.values() for d in reader(config.node_modules) for s in d.sentences]
        self.assertEqual(first_sentences.corpus_leaks(sentences, first_sentences.load()), [])


if __name__ == "__main__":
    unittest.main()
