"""bench_step's FLOP count against the FLOPs written out from the shapes.

Run: /usr/bin/python3 -m unittest training.test_bench_step
"""

import os
import unittest

import torch
import torch.nn as nn

from training import model as model_module
from training.bench_step import (
    RANDOM_LENGTHS,
    MatmulFlops,
    first_batches,
    flops_over,
    load_baseline,
    phase_step,
    recipe_stream,
    set_threads,
    step_flops,
)
from training.model import CLS, MASK, SEP, ExLM, ModelConfig, make_batch
from training.train import ROOT, TrainConfig, loss_options

INPUTS = [[CLS, 7, MASK, 9, SEP], [CLS, MASK, MASK, 8, 11, 12, SEP], [CLS, 6, SEP]]
TARGETS = [[CLS, 8, SEP], [CLS, 10, 13, SEP], [CLS, SEP]]


def tiny(k):
    torch.manual_seed(0)
    cfg = ModelConfig(vocab_size=40, hidden_size=16, num_layers=2, num_heads=2, ffn_size=32, expansion=k)
    return ExLM(cfg), cfg


class TestMatmulFlops(unittest.TestCase):
    def test_linear_forward_and_backward(self):
        layer = nn.Linear(6, 5)
        x = torch.randn(4, 6, requires_grad=True)
        with MatmulFlops() as counter:
            y = layer(x)
        self.assertEqual(counter.flops, 2 * 4 * 6 * 5)
        with MatmulFlops() as counter:
            y.sum().backward()
        self.assertEqual(counter.flops, 2 * (2 * 4 * 6 * 5))  # the input's and the weight's gradients

    def test_batched_products(self):
        a, b = torch.randn(3, 4, 5), torch.randn(3, 5, 2)
        with MatmulFlops() as counter:
            a @ b
            torch.baddbmm(torch.zeros(3, 4, 2), a, b)
            torch.zeros(4, 2).addmm_(a[0], b[0])
        self.assertEqual(counter.flops, 2 * (2 * 3 * 4 * 5 * 2) + 2 * 4 * 5 * 2)

    def test_twin_loss_forward_from_the_shapes(self):
        model, cfg = tiny(1)
        batch = make_batch(INPUTS, TARGETS, 1)
        with torch.no_grad(), MatmulFlops() as counter:
            model.loss(batch)
        d, f, V = cfg.hidden_size, cfg.ffn_size, cfg.vocab_size
        B, T = batch["tokens"].shape
        tokens = int(batch["key_valid"].sum())  # the row-wise layers skip the padding
        states = int(batch["state_valid"].sum())  # the LM head runs on the valid states
        per_layer = 2 * tokens * d * (4 * d + 2 * f) + 2 * (2 * B * T * T * d)  # projections, FFN; attention
        head = 2 * states * d * (d + V)  # dense, then the tied output layer
        self.assertEqual(counter.flops, cfg.num_layers * per_layer + head)

    def test_step_about_three_times_the_forward(self):
        for k in (1, 4):
            model, _ = tiny(k)
            batch = make_batch(INPUTS, TARGETS, k)
            with torch.no_grad(), MatmulFlops() as counter:
                model.loss(batch)
            step = step_flops(model, batch, {}, bf16=False)
            # backward: two products per forward one, and the LM head's bias gradient as a column
            self.assertGreater(step, 3 * counter.flops)
            self.assertLess(step, 3.1 * counter.flops, f"k={k}")
            self.assertTrue(all(p.grad is None for p in model.parameters()))


class TestFlopsOver(unittest.TestCase):
    BATCHES = [(INPUTS, TARGETS), (INPUTS[1:], TARGETS[1:]), (INPUTS[:1], TARGETS[:1])]

    def models(self, mod):
        """{name: (module, tiny model, train config)} for the ExLM and its twin of `mod`."""
        out = {}
        for name, k in (("exlm", 4), ("twin", 1)):
            torch.manual_seed(0)
            cfg = mod.ModelConfig(vocab_size=40, hidden_size=16, num_layers=2, num_heads=2, ffn_size=32, expansion=k)
            out[name] = (mod, mod.ExLM(cfg), TrainConfig(expansion=k))
        return out

    def test_totals_are_the_steps_summed(self):
        step = phase_step(TrainConfig(), "learned")
        models = self.models(model_module)
        totals = flops_over(models, iter(self.BATCHES), step, bf16=False)
        for name, (_, m, run_cfg) in models.items():
            k = run_cfg.expansion
            each = [step_flops(m, make_batch(x, y, k), loss_options(run_cfg, step), False) for x, y in self.BATCHES]
            self.assertEqual(totals[name], sum(each), name)
        self.assertGreater(totals["exlm"], 2 * totals["twin"])  # 3 copies more per mask, 4 LM-head rows per slot

    def test_the_single_copy_phase_steps_as_the_twin(self):
        models = self.models(model_module)
        totals = flops_over(models, iter(self.BATCHES), phase_step(TrainConfig(), "twin"), bf16=False)
        self.assertEqual(totals["exlm"], totals["twin"])

    def test_each_model_file_makes_its_own_batches(self):
        # the same model.py loaded as a variant file counts the same as the module itself
        step = phase_step(TrainConfig(), "learned")
        variant = load_baseline(os.path.join(ROOT, "training", "model.py"))
        self.assertIsNot(variant, model_module)
        ours = flops_over(self.models(model_module), iter(self.BATCHES), step, bf16=False)
        theirs = flops_over(self.models(variant), iter(self.BATCHES), step, bf16=False)
        self.assertEqual(ours, theirs)

    def test_first_batches_without_data_are_random_tokens(self):
        batches, vocab_size, label = first_batches(TrainConfig(data_dir="no-such-dir"), 5)
        batches = list(batches)
        self.assertEqual((len(batches), vocab_size, label), (5, 8192, "5 batches of random tokens"))
        for j, (x, y) in enumerate(batches):
            self.assertEqual({len(s) for s in x}, {RANDOM_LENGTHS[j % 4]})
            self.assertEqual(len(x), len(y))
            self.assertTrue(all(s[0] == CLS and s[-1] == SEP for s in x))
        self.assertEqual(batches, list(first_batches(TrainConfig(data_dir="no-such-dir"), 5)[0]))

    @unittest.skipUnless(
        any(os.path.exists(os.path.join(ROOT, "data", f"{s}.tokens.npy")) for s in ("train", "validation", "test")),
        "no token files in data/",
    )
    def test_first_batches_are_the_recipes_first_steps(self):
        stream, _, _ = recipe_stream(TrainConfig())
        batches, _, label = first_batches(TrainConfig(), 3)
        self.assertEqual(list(batches), [stream.get(j) for j in range(3)])
        self.assertTrue(label.endswith("batches 0-2"), label)


class TestThreads(unittest.TestCase):
    def test_blas_pool_follows_torch(self):
        before = torch.get_num_threads()
        try:
            blas = set_threads(1)
            self.assertEqual(torch.get_num_threads(), 1)
            if blas is not None:  # an OpenBLAS is there: its pool is bounded too
                self.assertEqual(blas, 1)
        finally:
            set_threads(before)


if __name__ == "__main__":
    unittest.main()
