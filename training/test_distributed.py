"""Training on several processes is the same training: 2 processes under torchrun (gloo on this
machine's CPUs) end with the weights of 1 process on the same batches; a run killed mid-way resumes
from its last checkpoint, on another number of processes, and loses no step; gradient accumulation
and the ranks' shares add up to the whole batch's loss and gradients; the paper preset.

Run: /usr/bin/python3 -m unittest training.test_distributed
"""

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from contextlib import redirect_stdout

import numpy as np
import torch

from training import train
from training.decode import continuation_of
from training.model import NEG, ExLM, ModelConfig, make_batch, warmup_links
from training.test_train import TOKENIZER, write_toy_data

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEPS = 40
# A tiny ExLM through the recipe's three phases (single copy, link warm-up, free links) in 40 steps.
# Adam with eps 1 and no clipping steps along the gradient itself (update ~ lr * gradient), so that
# a loss normalised wrongly on the ranks (a factor 2, a count per rank) changes the weights; with
# the recipe's eps 1e-8 Adam would divide such a factor away, and would blow the rounding noise of
# gradients that are zero but for rounding (the transition head's key bias) up to whole steps.
ARGS = [
    "--hidden-size", "16", "--num-layers", "1", "--num-heads", "2", "--ffn-size", "32",
    "--max-positions", "32", "--tokens-per-batch", "256", "--expansion", "3",
    "--single-copy-steps", "2", "--link-warmup-steps", "2", "--warmup-steps", "2",
    "--max-steps", str(STEPS), "--eval-every", "1000", "--eval-sequences", "8", "--diag-sentences", "8",
    "--threads", "1", "--bf16", "off", "--lr", "0.1", "--adam-eps", "1", "--grad-clip", "0",
]  # fmt: skip
TOLERANCE = 1e-5  # largest weight difference allowed (seen: 2.5e-7); the weights move by more than 0.1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def torchrun(args, nproc, log_dir):
    """torchrun with `nproc` local processes, as docs/training-at-scale.md runs it. --redirects 1
    --tee 1: torch 1.13's torchrun cannot parse its own defaults under Python 3.11."""
    command = [
        sys.executable, "-m", "torch.distributed.run", "--redirects", "1", "--tee", "1", "--log_dir", log_dir,
        "--nnodes", "1", "--nproc_per_node", str(nproc), "--master_addr", "127.0.0.1",
        "--master_port", str(free_port()), "-m", "training.train", *args,
    ]  # fmt: skip
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def tokenizer_vocab():
    with open(TOKENIZER) as fh:
        return json.load(fh)["model"]["vocab"]


def run_in_process(args):
    out = io.StringIO()
    with redirect_stdout(out):
        train.main(args)
    return out.getvalue()


def weights(folder, name):
    return torch.load(os.path.join(folder, "checkpoints", name, "ckpt.pt"))["model"]


def largest_difference(a, b):
    return max((a[k] - b[k]).abs().max().item() for k in a)


def checkpoint_step(path):
    try:
        return torch.load(path)["step"]
    except (OSError, RuntimeError, EOFError, KeyError):
        return None  # not there yet


class TestDistributed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.vocab = len(tokenizer_vocab())
        write_toy_data(cls.tmp, cls.vocab)
        cls.args = ["--data-dir", cls.tmp, "--out-root", cls.tmp, *ARGS]
        run_in_process(cls.args + ["--name", "one"])  # the reference: one process, the plain step
        cls.reference = weights(cls.tmp, "one")
        torch.manual_seed(1234)
        start = ExLM(
            ModelConfig(
                cls.vocab, hidden_size=16, num_layers=1, num_heads=2, ffn_size=32, expansion=3, max_positions=32
            )
        )
        start = start.state_dict()  # the weights train.py starts from: same seed, same sizes
        cls.moved = largest_difference(start, cls.reference)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_two_processes_train_as_one(self):
        self.assertGreater(self.moved, 0.1)
        proc = torchrun(self.args + ["--name", "two"], 2, os.path.join(self.tmp, "logs-two"))
        out, _ = proc.communicate(timeout=300)
        self.assertEqual(proc.returncode, 0, out)
        self.assertIn("2 processes x 1 CPU threads", out)
        self.assertIn(f"after {STEPS} steps", out)
        self.assertLess(largest_difference(self.reference, weights(self.tmp, "two")), TOLERANCE)
        log_one, log_two = (self.log(name) for name in ("one", "two"))
        self.assertAlmostEqual(log_one[-1]["loss"], log_two[-1]["loss"], places=3)  # the whole batch's loss
        self.assertEqual(log_one[-1]["top1"], log_two[-1]["top1"])

    def test_a_killed_run_resumes_on_another_number_of_processes_without_losing_a_step(self):
        args = self.args + ["--name", "killed", "--checkpoint-every", "1"]
        ckpt = os.path.join(self.tmp, "checkpoints", "killed", "ckpt.pt")
        proc = torchrun(args, 2, os.path.join(self.tmp, "logs-killed"))
        try:
            killed = None
            deadline = time.time() + 240
            while killed is None and proc.poll() is None and time.time() < deadline:
                step = checkpoint_step(ckpt)
                if step is not None and step >= 2:
                    killed = self.kill_rank(proc.pid, 1)
                time.sleep(0.02)
            out, _ = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
        self.assertIsNotNone(killed, f"no rank was killed before the run ended:\n{out}")
        self.assertNotEqual(proc.returncode, 0)
        last = checkpoint_step(ckpt)
        self.assertLess(last, STEPS, "the run ended before the kill took effect")
        log = run_in_process(args)  # the same command on one process
        self.assertIn(f"resumed from {ckpt} at step {last}", log)
        self.assertIn(f"after {STEPS} steps", log)
        self.assertLess(largest_difference(self.reference, weights(self.tmp, "killed")), TOLERANCE)

    def log(self, name):
        with open(os.path.join(self.tmp, "checkpoints", name, "log.json")) as fh:
            return json.load(fh)

    @staticmethod
    def kill_rank(torchrun_pid, rank):
        """SIGKILL the worker of `rank` among torchrun's children; its pid, or None if not found."""
        children = []
        for task in os.listdir(f"/proc/{torchrun_pid}/task"):
            with open(f"/proc/{torchrun_pid}/task/{task}/children") as fh:
                children += [int(pid) for pid in fh.read().split()]
        for pid in children:
            try:
                with open(f"/proc/{pid}/environ", "rb") as fh:
                    env = dict(item.split(b"=", 1) for item in fh.read().split(b"\0") if b"=" in item)
            except OSError:
                continue
            if env.get(b"RANK") == str(rank).encode():
                os.kill(pid, signal.SIGKILL)
                return pid
        return None


class TestShares(unittest.TestCase):
    """In one process: the pieces a batch is cut into add up to the batch."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        vocab = tokenizer_vocab()
        write_toy_data(self.tmp, len(vocab))
        self.cfg = train.TrainConfig(expansion=3, max_positions=32, tokens_per_batch=256, copy_wta=0.5)
        data = [np.load(os.path.join(self.tmp, f"train.{e}.npy")) for e in ("tokens", "offsets", "docs")]
        self.stream = train.BatchStream(*data, self.cfg, continuation_of(vocab).numpy())
        torch.manual_seed(0)
        self.model = ExLM(
            ModelConfig(
                len(vocab), hidden_size=16, num_layers=1, num_heads=2, ffn_size=32, expansion=3, max_positions=32
            )
        )

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_loss_counts_are_the_loss_own_denominators(self):
        for step in (0, 3):
            inputs, targets = self.stream.get(step)
            batch = make_batch(inputs, targets, 3)
            links = warmup_links(batch["state_valid"], 3, "uniform")
            rows = int(((links.exp() * (links > NEG / 2)).sum(dim=-1) > 0.5).sum())
            counts = train.loss_counts(targets, 3)
            self.assertEqual(counts["sentences"], len(inputs))
            self.assertEqual(counts["masks"], int((batch["y_len"] - 2).sum()))
            self.assertEqual(counts["link_rows"], rows)

    def test_micro_batches_take_each_sequence_once(self):
        for n in (1, 5, 21):
            for world in (1, 2, 3):
                for micro in (0, 2):
                    passes = [p for r in range(world) for p in train.micro_batches(n, r, world, micro)]
                    self.assertEqual(sorted(i for p in passes for i in p), list(range(n)))
                    if micro:
                        self.assertTrue(all(len(p) <= micro for p in passes))

    def test_shares_add_up_to_the_whole_batch(self):
        """Two ranks' passes of 3 sequences each: the sum of their losses and gradients is the
        whole batch's, in each phase of the recipe (single copy, link warm-up, free links)."""
        cfg = self.cfg
        cfg.single_copy_steps, cfg.link_warmup_steps = 1, 1
        for step in (0, 1, 2):
            inputs, targets = self.stream.get(step)
            k = train.step_expansion(cfg, step)
            self.model.zero_grad(set_to_none=True)
            whole = train.forward_loss(self.model, make_batch(inputs, targets, k), cfg, step, False)
            whole.backward()
            expected = [None if p.grad is None else p.grad.clone() for p in self.model.parameters()]
            self.model.zero_grad(set_to_none=True)
            counts, total = train.loss_counts(targets, k), 0.0
            for rank in (0, 1):
                for idx in train.micro_batches(len(inputs), rank, 2, 3):
                    batch = make_batch([inputs[i] for i in idx], [targets[i] for i in idx], k)
                    loss = train.forward_loss(self.model, batch, cfg, step, False, norm=counts)
                    loss.backward()
                    total += loss.item()
            self.assertAlmostEqual(total, whole.item(), delta=1e-5 * abs(whole.item()))
            for (name, p), g in zip(self.model.named_parameters(), expected):
                self.assertEqual(p.grad is None, g is None, name)
                if g is not None and g.abs().max() > 1e-6:  # not zero but for rounding
                    self.assertLess(float((p.grad - g).abs().max() / g.abs().max()), 1e-4, (step, name))


class TestPreset(unittest.TestCase):
    def test_paper_preset_with_flags_that_override_it(self):
        cfg = train.parse_config(["--preset", "paper-base", "--lr", "1e-3", "--micro-batch", "16"])
        self.assertEqual((cfg.hidden_size, cfg.num_layers, cfg.num_heads, cfg.ffn_size), (768, 12, 12, 3072))
        self.assertEqual((cfg.max_positions, cfg.segment_tokens, cfg.batch_sequences), (128, 126, 2048))
        self.assertEqual((cfg.lr, cfg.micro_batch), (1e-3, 16))  # the flags given win
        self.assertEqual(train.parse_config([]), train.TrainConfig())  # no preset: the defaults
        self.assertAlmostEqual(train.lr_at(cfg.max_steps, cfg), 0.0)  # linear decay to 0
        self.assertAlmostEqual(train.lr_at(cfg.warmup_steps + (cfg.max_steps - cfg.warmup_steps) // 2, cfg), 5e-4)

    def test_batches_of_a_fixed_number_of_full_blocks(self):
        tmp = tempfile.mkdtemp()
        try:
            vocab = tokenizer_vocab()
            write_toy_data(tmp, len(vocab), n_sentences=400)
            cfg = train.TrainConfig(max_positions=32, segment_tokens=30, segment_min_tokens=30, batch_sequences=8)
            data = [np.load(os.path.join(tmp, f"train.{e}.npy")) for e in ("tokens", "offsets", "docs")]
            stream = train.BatchStream(*data, cfg, continuation_of(vocab).numpy())
            sizes = [len(b) for b in train.epoch_batches(stream.segments, 0, 1, 8)]
            self.assertEqual(sum(sizes), len(stream.segments))
            self.assertGreaterEqual(sizes.count(8), len(sizes) - 1)  # all full but the epoch's last
            # Segments run to 30 tokens unless the document (5 sentences here) ends first.
            lengths = [b - a for a, b in stream.segments]
            self.assertGreater(np.mean(lengths), 20)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
