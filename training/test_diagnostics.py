"""The DAG diagnostics against brute-force enumeration of paths on tiny cases.

Run: /usr/bin/python3 -m unittest training.test_diagnostics
"""

import itertools
import math
import unittest

import torch

from training.diagnostics import Tally, copy_divergence, copy_usage, joint_gain, slot_emissions
from training.model import NUM_SPECIAL

V = NUM_SPECIAL + 6


def random_case(L, seed):
    gen = torch.Generator().manual_seed(seed)
    logprobs = torch.randn(L, V, generator=gen, dtype=torch.float64).log_softmax(dim=1)
    scores = torch.randn(L, L, generator=gen, dtype=torch.float64) * 2
    edge = torch.ones(L, L, dtype=torch.bool).triu(1)
    links = scores.masked_fill(~edge, float("-inf")).log_softmax(dim=1)
    links[-1] = float("-inf")  # the last state has no successor
    return logprobs, links


def paths(L, M):
    """Every path 0 < a_1 < .. < a_M < L - 1 with its inner vertices."""
    return list(itertools.combinations(range(1, L - 1), M))


def prior(links, path):
    full = (0,) + path + (links.shape[0] - 1,)
    return math.exp(sum(float(links[a, b]) for a, b in zip(full, full[1:])))


class TestDiagnostics(unittest.TestCase):
    def test_joint_gain_matches_enumeration(self):
        k, M = 2, 2
        L = k * (M + 2)
        for seed in range(5):
            logprobs, links = random_case(L, seed)
            y = [NUM_SPECIAL + 1, NUM_SPECIAL + 3]
            emit = slot_emissions(logprobs).exp()
            z = sum(prior(links, p) for p in paths(L, M))
            joint = sum(prior(links, p) * emit[p[0], y[0]] * emit[p[1], y[1]] for p in paths(L, M)) / z
            gamma = [[sum(prior(links, p) for p in paths(L, M) if p[i] == u) / z for u in range(L)] for i in range(M)]
            marg = [sum(gamma[i][u] * emit[u, y[i]] for u in range(L)) for i in range(M)]
            gain, got_joint, got_sum = joint_gain(logprobs, links, y)
            self.assertAlmostEqual(got_joint, math.log(joint), places=9)
            self.assertAlmostEqual(got_sum, math.log(marg[0]) + math.log(marg[1]), places=9)
            self.assertAlmostEqual(gain, math.log(joint) - math.log(marg[0] * marg[1]), places=9)

    def test_a_fixed_path_gains_nothing_and_uses_one_copy(self):
        k, M = 3, 2
        L = k * (M + 2)
        logprobs, _ = random_case(L, 0)
        links = torch.full((L, L), float("-inf"), dtype=torch.float64)
        route = [0, k + 2, 2 * k + 2, L - 1]  # the last copy of each mask
        for a, b in zip(route, route[1:]):
            links[a, b] = 0.0
        gain, _, _ = joint_gain(logprobs, links, [NUM_SPECIAL, NUM_SPECIAL + 1])
        self.assertAlmostEqual(gain, 0.0, places=12)
        mass, ent, own, _ = copy_usage(links, M, k)
        self.assertEqual(mass.tolist(), [1.0, 1.0])
        self.assertEqual(ent.tolist(), [0.0, 0.0])
        self.assertEqual(own.tolist(), [[0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])

    def test_two_readings_gain(self):
        # Copy 1 of both masks says "hot coffee", copy 2 "iced tea"; links keep a reading: the
        # DAG puts the pairs together, the slot marginals cannot (log 2 nats better on each pair).
        k, M = 2, 2
        L = k * (M + 2)
        hot, coffee, iced, tea = NUM_SPECIAL, NUM_SPECIAL + 1, NUM_SPECIAL + 2, NUM_SPECIAL + 3
        logprobs = torch.full((L, V), -30.0, dtype=torch.float64)
        for u, w in ((2, hot), (3, iced), (4, coffee), (5, tea)):
            logprobs[u, w] = 0.0
        logprobs = logprobs.log_softmax(dim=1)
        links = torch.full((L, L), float("-inf"), dtype=torch.float64)
        links[0, 2] = links[0, 3] = math.log(0.5)
        links[2, 4] = links[3, 5] = 0.0
        links[4, L - 1] = links[5, L - 1] = 0.0
        gain, _, _ = joint_gain(logprobs, links, [hot, coffee])
        self.assertAlmostEqual(gain, math.log(2), places=6)
        tally = Tally(k)
        tally.add_sentence(logprobs, links, [hot, coffee])
        tally.add_pair(logprobs, links, [hot, coffee])
        summary = tally.summary()
        self.assertEqual(summary["own_copy_mass"], 1.0)
        self.assertAlmostEqual(summary["copy_entropy"], round(math.log(2), 4))
        self.assertEqual(summary["copy_top1"], [1.0, 0.0])  # copy 1 holds the true reading
        self.assertEqual(summary["slot_top1"], 1.0)  # ties go to the lower id: hot, coffee
        # Each mask's two copies are sure of different words: divergence ln 2, all disagree.
        self.assertAlmostEqual(summary["copy_divergence"], round(math.log(2), 4), places=4)
        self.assertEqual(summary["copies_disagree"], 1.0)

    def test_identical_copies_do_not_diverge(self):
        k, M = 3, 2
        L = k * (M + 2)
        row = torch.randn(V, generator=torch.Generator().manual_seed(3), dtype=torch.float64).log_softmax(dim=0)
        js, differ = copy_divergence(row.expand(L, V).clone(), M, k)
        self.assertTrue(torch.allclose(js, torch.zeros(M, dtype=torch.float64), atol=1e-12))
        self.assertFalse(differ.any())


if __name__ == "__main__":
    unittest.main()
