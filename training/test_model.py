"""The model reference against first principles: the DAG loss against brute-force enumeration of
every path, the twin's loss against plain cross-entropy, decoding against enumeration.

Run: /usr/bin/python3 -m unittest training.test_model
"""

import itertools
import math
import random
import unittest

import torch
import torch.nn.functional as F

from training.decode import decode_sentence, non_special_log
from training.model import (
    CLS,
    MASK,
    NEG,
    SEP,
    ExLM,
    ModelConfig,
    best_reading_loss,
    copy_balance_loss,
    dag_loss,
    expand,
    gather_emissions,
    link_prior_loss,
    make_batch,
    mlm_loss,
    project,
    slot_wta_loss,
    target_logprobs,
    warmup_links,
)


def paths(L, M):
    """Every path S[0] < a_1 < .. < a_M < S[L-1]."""
    for inner in itertools.combinations(range(1, L - 1), M):
        yield (0, *inner, L - 1)


def brute_logp(logprobs, links, y):
    """log sum over paths of prod emissions * prod transitions, by enumeration (float64)."""
    L, M = logprobs.shape[0], len(y) - 2
    terms = []
    for a in paths(L, M):
        s = sum(logprobs[u, t] for u, t in zip(a, y))
        s += sum(links[u, v] for u, v in zip(a, a[1:]))
        terms.append(s)
    return torch.logsumexp(torch.stack(terms), dim=0) if terms else torch.tensor(float("-inf"))


def random_links(L, gen):
    raw = torch.randn(L, L, generator=gen, dtype=torch.float64)
    edge = torch.ones(L, L).triu(1).bool()
    links = raw.masked_fill(~edge, float("-inf")).log_softmax(dim=1)
    links[L - 1] = float("-inf")  # the last state has no successor
    return links


def tiny_config(k, **kw):
    return ModelConfig(
        vocab_size=40, hidden_size=16, num_layers=2, num_heads=2, ffn_size=32, expansion=k, max_positions=24, **kw
    )


class TestExpansion(unittest.TestCase):
    def test_expand_positions_and_states(self):
        ids = [CLS, 7, MASK, MASK, 9, SEP]
        tok, p1, p2, st = expand(ids, 3)
        self.assertEqual(len(tok), 6 + 2 * 4)  # T = N + (k-1)|X|
        self.assertEqual(len(st), 3 * (2 + 2))  # L = k(M+2)
        self.assertEqual(p1, [0, 0, 0, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5, 5])
        self.assertEqual(p2, [1, 2, 3, 0, 1, 2, 3, 1, 2, 3, 0, 1, 2, 3])
        self.assertEqual(st, [0, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13])
        self.assertTrue(all(tok[s] in (CLS, SEP, MASK) for s in st))

    def test_twin_keeps_pos2_one_on_specials(self):
        tok, p1, p2, st = expand([CLS, 7, MASK, SEP], 1)
        self.assertEqual((tok, p1, p2, st), ([CLS, 7, MASK, SEP], [0, 1, 2, 3], [1, 0, 1, 1], [0, 2, 3]))


class TestDagLoss(unittest.TestCase):
    def test_matches_brute_force_on_small_cases(self):
        gen = torch.Generator().manual_seed(0)
        V = 11
        for k in (1, 2, 3, 4):
            for M in (0, 1, 2, 3):
                L = k * (M + 2)
                logprobs = torch.randn(L, V, generator=gen, dtype=torch.float64).log_softmax(-1)
                links = random_links(L, gen)
                y = [CLS] + torch.randint(5, V, (M,), generator=gen).tolist() + [SEP]
                expected = brute_logp(logprobs, links, y)
                emit = gather_emissions(logprobs[None].float(), torch.tensor([y]))
                loss = dag_loss(
                    emit, links.clamp(min=NEG)[None].float(), torch.tensor([M + 2]), torch.ones(1, L, dtype=torch.bool)
                )
                self.assertAlmostEqual(loss.item(), -expected.item() / (M + 2), places=4, msg=f"k={k} M={M}")

    def test_batch_with_padding_equals_per_sentence(self):
        gen = torch.Generator().manual_seed(1)
        k, V = 3, 9
        cases = []
        for M in (0, 2, 1):
            L = k * (M + 2)
            lp = torch.randn(L, V, generator=gen).log_softmax(-1)
            cases.append((lp, random_links(L, gen).float(), [CLS] + [5 + M] * M + [SEP]))
        Lmax, Ymax = max(c[0].shape[0] for c in cases), max(len(c[2]) for c in cases)
        lp_b = torch.zeros(3, Lmax, V)
        links_b = torch.full((3, Lmax, Lmax), NEG)
        y_b = torch.zeros(3, Ymax, dtype=torch.long)
        valid = torch.zeros(3, Lmax, dtype=torch.bool)
        for b, (lp, links, y) in enumerate(cases):
            L = lp.shape[0]
            lp_b[b, :L], links_b[b, :L, :L], y_b[b, : len(y)], valid[b, :L] = (
                lp,
                links.clamp(min=NEG),
                torch.tensor(y),
                True,
            )
        y_len = torch.tensor([len(c[2]) for c in cases])
        batched = dag_loss(gather_emissions(lp_b, y_b), links_b, y_len, valid)
        singles = [brute_logp(lp.double(), links.double(), y) / len(y) for lp, links, y in cases]
        self.assertAlmostEqual(batched.item(), -sum(s.item() for s in singles) / 3, places=4)

    def test_model_loss_gradients_finite(self):
        torch.manual_seed(0)
        model = ExLM(tiny_config(4))
        inputs = [[CLS, 7, MASK, 9, SEP], [CLS, MASK, MASK, 8, 11, 12, SEP], [CLS, 6, SEP]]
        targets = [[CLS, 8, SEP], [CLS, 10, 13, SEP], [CLS, SEP]]
        loss = model.loss(make_batch(inputs, targets, 4))
        loss.backward()
        self.assertTrue(math.isfinite(loss.item()))
        for name, p in model.named_parameters():
            self.assertTrue(torch.isfinite(p.grad).all(), name)

    def test_model_loss_equals_brute_force_per_sentence(self):
        torch.manual_seed(2)
        model = ExLM(tiny_config(2)).eval()
        x, y = [CLS, 7, MASK, MASK, 9, SEP], [CLS, 8, 10, SEP]
        batch = make_batch([x], [y], 2)
        with torch.no_grad():
            out = model(batch)
            loss = model.loss(batch)
        links = out["links"][0].double().masked_fill(out["links"][0] <= NEG / 2, float("-inf"))
        expected = brute_logp(out["logprobs"][0].double(), links, y)
        self.assertAlmostEqual(loss.item(), -expected.item() / 4, places=4)


class TestCopyTerms(unittest.TestCase):
    """The terms that move the copies of a [MASK] off their symmetric point, against plain loops."""

    def setUp(self):
        # Two sentences, k = 2: 2 masks (L = 8) and 1 mask (L = 6, padded to 8).
        self.k = 2
        self.batch = make_batch(
            [[CLS, MASK, 7, MASK, SEP], [CLS, 6, MASK, SEP]], [[CLS, 8, 9, SEP], [CLS, 5, SEP]], self.k
        )

    def test_copy_balance_is_zero_for_uniform_links_and_kl_otherwise(self):
        valid, y_len = self.batch["state_valid"], self.batch["y_len"]
        uniform = warmup_links(valid, self.k, "uniform")
        self.assertAlmostEqual(copy_balance_loss(uniform, y_len, self.k).item(), 0.0, places=6)
        gen = torch.Generator().manual_seed(0)
        links = torch.randn(2, 8, 8, generator=gen)
        # Plainly: each state of group g, its links to group g + 1 (a mask group) renormalised.
        rows = []
        for b in range(2):
            M = int(y_len[b]) - 2
            for g in range(M):
                for s in range(g * 2, g * 2 + 2):
                    rows.append(links[b, s, (g + 1) * 2 : (g + 2) * 2].softmax(dim=0))
        u = torch.stack(rows).mean(dim=0)
        expected = (u * (u * 2).log()).sum()
        self.assertAlmostEqual(copy_balance_loss(links, y_len, self.k).item(), expected.item(), places=5)

    def test_slot_wta_weights_the_best_own_copy(self):
        gen = torch.Generator().manual_seed(1)
        emit = torch.randn(2, 4, 8, generator=gen).log_softmax(dim=-1).requires_grad_()
        y_len = self.batch["y_len"]
        loss = slot_wta_loss(emit, y_len, self.k, eps=0.2)
        terms = []
        for b in range(2):
            for i in range(1, int(y_len[b]) - 1):
                own = emit[b, i, i * 2 : i * 2 + 2]
                w = torch.where(own == own.max(), torch.tensor(0.8), torch.tensor(0.2))
                terms.append(-(w * own).sum())
        self.assertAlmostEqual(loss.item(), torch.stack(terms).mean().item(), places=5)
        loss.backward()
        self.assertEqual(float(emit.grad[1, 2].abs().sum()), 0.0)  # sentence 2 has one slot only

    def test_model_loss_with_both_terms_has_finite_gradients(self):
        torch.manual_seed(0)
        model = ExLM(tiny_config(2))
        loss = model.loss(self.batch, balance_weight=1.0, wta_weight=1.0, wta_eps=0.1)
        loss.backward()
        self.assertTrue(math.isfinite(loss.item()))
        self.assertTrue(all(torch.isfinite(p.grad).all() for p in model.parameters()))
        self.assertGreater(float(model.link_query.weight.grad.abs().sum()), 0.0)


def reference_links(model, hs, state_pos, state_valid):
    """The transition head written out plainly: three linear layers on [h; Pos], no shared matmul."""
    B, L, d = hs.shape
    H = model.cfg.num_heads
    c = d // H
    f = torch.cat([hs, model.link_pos(state_pos).to(hs.dtype)], dim=-1)
    q = model.link_query(f).view(B, L, H, c).transpose(1, 2)
    k = model.link_key(f).view(B, L, H, c).transpose(1, 2)
    gate = model.link_gate(f).float().log_softmax(dim=-1)
    scores = (q @ k.transpose(-1, -2)).float() / math.sqrt(c)
    idx = torch.arange(L)
    edge = (idx[None, :] > idx[:, None])[None] & state_valid[:, None, :] & state_valid[:, :, None]
    logattn = scores.masked_fill(~edge[:, None], NEG).log_softmax(dim=-1)
    links = torch.logsumexp(logattn + gate.transpose(1, 2)[..., None], dim=1)
    return links.masked_fill(~edge, NEG)


def reference_loss(
    model, batch, fixed=None, stay=0.7, learned_weight=1.0, fixed_weight=0.0, prior_weight=0.0, prior="uniform"
):
    """ExLM.loss computed the plain way: (B, L, V) log-probabilities of every state (padding too),
    gathered; one transition head per use (hs.detach() for the prior); one DAG programme per loss."""
    h, _ = model.encode(batch["tokens"], batch["pos1"], batch["pos2"], batch["key_valid"])
    hs = model.gather_states(h, batch["states"])
    emit = gather_emissions(model.state_logprobs(hs), batch["y"])
    if model.cfg.expansion == 1 or emit.shape[1] == emit.shape[2]:
        return mlm_loss(emit, batch["y_len"])
    valid, y_len, k, total = batch["state_valid"], batch["y_len"], model.cfg.expansion, 0.0
    if learned_weight > 0:
        total = total + learned_weight * dag_loss(
            emit, reference_links(model, hs, batch["states"], valid), y_len, valid
        )
    if fixed_weight > 0 and fixed == "readings":
        total = total + fixed_weight * best_reading_loss(emit, y_len, valid, k)
    elif fixed_weight > 0:
        total = total + fixed_weight * dag_loss(emit, warmup_links(valid, k, fixed, stay), y_len, valid)
    if prior_weight > 0:
        links = reference_links(model, hs.detach(), batch["states"], valid)
        total = total + prior_weight * link_prior_loss(links, warmup_links(valid, k, prior, stay))
    return total


class TestTrainingStepAgainstReference(unittest.TestCase):
    """The training loss skips work (the encoder's row-wise layers and the LM head on valid
    positions only, target log-probabilities without the (B, L, V) table, one projection for the
    DAG's and the prior's links with its position half made once per position, the DAG losses in
    one programme): loss and every gradient must equal the plain computation."""

    INPUTS = [
        [CLS, 7, MASK, 9, SEP],
        [CLS, MASK, MASK, 8, 11, 12, SEP],
        [CLS, 6, SEP],
        [CLS, MASK, 5, MASK, MASK, 30, 31, MASK, SEP],
    ]
    TARGETS = [[CLS, 8, SEP], [CLS, 10, 13, SEP], [CLS, SEP], [CLS, 20, 21, 21, 39, SEP]]
    OPTIONS = [
        dict(),  # learned links only
        dict(fixed="uniform", learned_weight=0.0, fixed_weight=1.0, prior_weight=1.0),  # link warm-up
        dict(fixed="uniform", fixed_weight=0.5, prior_weight=1.0),  # the recipe after the warm-up
        dict(fixed="diagonal", fixed_weight=0.5, prior_weight=0.1, prior="diagonal"),
        dict(fixed="readings", fixed_weight=0.5, prior_weight=1.0),
    ]

    def loss_and_grads(self, model, fn, batch, opts, bf16):
        model.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = fn(model, batch, **opts)
        loss.backward()
        return loss.item(), {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}

    def check(self, k, opts, bf16, inputs=INPUTS, targets=TARGETS, seed=7):
        torch.manual_seed(seed)
        model = ExLM(tiny_config(k))
        batch = make_batch(inputs, targets, k)
        new, new_grads = self.loss_and_grads(model, ExLM.loss, batch, opts, bf16)
        ref, ref_grads = self.loss_and_grads(model, reference_loss, batch, opts, bf16)
        self.assertEqual(set(new_grads), set(ref_grads))
        scale = max(g.abs().max().item() for g in ref_grads.values())
        # float32: equal to rounding; bfloat16 autocast: the matmuls round their outputs to 8 bits,
        # and the two computations round at different places
        rtol, atol = (1e-3, 2e-2 * scale) if bf16 else (1e-5, 1e-6 * scale)
        self.assertAlmostEqual(new, ref, delta=(1e-3 if bf16 else 1e-5) * abs(ref), msg=f"k={k} {opts}")
        for name in ref_grads:
            torch.testing.assert_close(
                new_grads[name],
                ref_grads[name],
                rtol=rtol,
                atol=atol,
                msg=lambda m, name=name: f"k={k} {opts} bf16={bf16} {name}: {m}",
            )

    def test_float32(self):
        for opts in self.OPTIONS:
            self.check(4, opts, bf16=False)
        self.check(1, self.OPTIONS[2], bf16=False)

    def test_bfloat16_autocast(self):
        for opts in (self.OPTIONS[1], self.OPTIONS[2]):
            self.check(4, opts, bf16=True)
        self.check(1, self.OPTIONS[2], bf16=True)

    def test_random_batches(self):
        """Random sentences and masks, every batch with the edge cases: a sentence without masks,
        a mask right after [CLS], one right before [SEP], adjacent masks, every word masked, and
        sentences of different lengths (padding of the tokens and of the states)."""
        rng = random.Random(11)
        for trial in range(3):
            inputs, targets = [], []
            for kind in ("none", "first", "last", "adjacent", "all", "random", "random"):
                n = rng.randint(2, 9)
                words = [rng.randrange(5, 40) for _ in range(n)]
                start = rng.randrange(n - 1)
                masked = {
                    "none": set(),
                    "first": {0},
                    "last": {n - 1},
                    "adjacent": {start, start + 1},
                    "all": set(range(n)),
                    "random": {i for i in range(n) if rng.random() < 0.3},
                }[kind]
                inputs.append([CLS] + [MASK if i in masked else w for i, w in enumerate(words)] + [SEP])
                targets.append([CLS] + [words[i] for i in sorted(masked)] + [SEP])
            order = list(range(len(inputs)))
            rng.shuffle(order)
            inputs, targets = [inputs[i] for i in order], [targets[i] for i in order]
            for opts in (self.OPTIONS[0], self.OPTIONS[1], self.OPTIONS[2]):
                self.check(4, opts, False, inputs, targets, seed=trial)
            self.check(1, self.OPTIONS[2], False, inputs, targets, seed=trial)

    def test_encode_states_equal_padded_encoder(self):
        torch.manual_seed(5)
        model = ExLM(tiny_config(4))
        batch = make_batch(self.INPUTS, self.TARGETS, 4)
        h, _ = model.encode(batch["tokens"], batch["pos1"], batch["pos2"], batch["key_valid"])
        want = model.gather_states(h, batch["states"])
        got = model.encode_states(batch)
        torch.testing.assert_close(got, want)
        g = torch.randn_like(want)
        params = [p for n, p in model.named_parameters() if not n.startswith(("link_", "lm_"))]
        got_grads = torch.autograd.grad(got, params, g)
        want_grads = torch.autograd.grad(want, params, g)
        scale = max(w.abs().max().item() for w in want_grads)
        for a, b in zip(got_grads, want_grads):  # sums over other numbers of rows: equal to rounding
            torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6 * scale)

    def test_target_logprobs_equal_log_softmax_gather(self):
        gen = torch.Generator().manual_seed(3)
        R, d, V = 300, 6, 11  # more rows than one block, so blocks and chunks meet
        z = torch.randn(R, d, generator=gen, dtype=torch.float64, requires_grad=True)
        weight = torch.randn(V, d, generator=gen, dtype=torch.float64, requires_grad=True)
        bias = torch.randn(V, generator=gen, dtype=torch.float64, requires_grad=True)
        y = torch.randint(0, V, (R, 4), generator=gen)
        y[0] = torch.tensor([2, 2, 5, 2])  # a target repeated within a row
        g = torch.randn(R, 4, generator=gen, dtype=torch.float64)
        got = target_logprobs(z, weight, bias, y)
        want = F.linear(z, weight, bias).log_softmax(dim=-1).gather(1, y)
        torch.testing.assert_close(got, want)
        for a, b in zip(
            torch.autograd.grad(got, (z, weight, bias), g), torch.autograd.grad(want, (z, weight, bias), g)
        ):
            torch.testing.assert_close(a, b)

    def test_target_logprobs_backward_runs_once(self):
        z = torch.randn(5, 4, requires_grad=True)
        out = target_logprobs(z, torch.randn(7, 4), torch.zeros(7), torch.zeros(5, 2, dtype=torch.long))
        out.sum().backward(retain_graph=True)
        with self.assertRaises(RuntimeError):  # its saved logits became the gradient
            out.sum().backward()

    def test_projection_copy_stops_gradient_at_x(self):
        gen = torch.Generator().manual_seed(4)
        x = torch.randn(9, 8, generator=gen, dtype=torch.float64, requires_grad=True)
        weight = torch.randn(5, 8, generator=gen, dtype=torch.float64, requires_grad=True)
        a = torch.randn(9, 5, generator=gen, dtype=torch.float64, requires_grad=True)
        g1, g2 = torch.randn(2, 9, 5, generator=gen, dtype=torch.float64)
        y1, y2 = project(x, weight, a)
        want1 = F.linear(x, weight) + a
        want2 = F.linear(x.detach(), weight) + a
        torch.testing.assert_close((y1, y2), (want1, want2))
        got = torch.autograd.grad((y1, y2), (x, weight, a), (g1, g2))
        want = torch.autograd.grad((want1, want2), (x, weight, a), (g1, g2))
        for a, b in zip(got, want):
            torch.testing.assert_close(a, b)


class TestMlmTwin(unittest.TestCase):
    def test_loss_is_cross_entropy_over_masked_positions(self):
        torch.manual_seed(3)
        model = ExLM(tiny_config(1)).eval()
        self.assertFalse(hasattr(model, "link_query"))
        inputs = [[CLS, 7, MASK, 9, MASK, SEP], [CLS, MASK, 8, SEP]]
        targets = [[CLS, 11, 12, SEP], [CLS, 13, SEP]]
        batch = make_batch(inputs, targets, 1)
        with torch.no_grad():
            loss = model.loss(batch)
            h, _ = model.encode(batch["tokens"], batch["pos1"], batch["pos2"], batch["key_valid"])
            z = model.lm_ln(F.gelu(model.lm_dense(h)))
            logits = z @ model.embed.weight.t() + model.lm_bias  # every position, no gather
        picked = torch.stack([logits[0, 2], logits[0, 4], logits[1, 1]])
        expected = F.cross_entropy(picked, torch.tensor([11, 12, 13]))
        self.assertAlmostEqual(loss.item(), expected.item(), places=5)


class TestDecode(unittest.TestCase):
    def test_marginals_and_viterbi_match_enumeration(self):
        gen = torch.Generator().manual_seed(4)
        V = 12
        for k, M in ((2, 1), (3, 2), (4, 2), (2, 3), (3, 0)):
            L = k * (M + 2)
            lp = torch.randn(L, V, generator=gen, dtype=torch.float64).log_softmax(-1)
            links = random_links(L, gen)
            got = decode_sentence(lp, links, M, "exlm")
            # enumeration: path weight = prod transitions (inner emissions sum to 1)
            weights = {a: sum(links[u, v] for u, v in zip(a, a[1:])).exp() for a in paths(L, M)}
            z = sum(weights.values())
            for i in range(M):
                g = torch.zeros(L, dtype=torch.float64)
                for a, w in weights.items():
                    g[a[i + 1]] += w / z
                torch.testing.assert_close(got["gamma"][i], g)
            best_lp = non_special_log(lp).max(dim=1).values
            best = max(
                paths(L, M), key=lambda a: sum(links[u, v] for u, v in zip(a, a[1:])) + sum(best_lp[u] for u in a[1:-1])
            )
            self.assertEqual(got["path"], list(best), msg=f"k={k} M={M}")
            if M:
                torch.testing.assert_close(got["marginals"].sum(1), torch.ones(M, dtype=torch.float64))
                self.assertTrue((got["marginals"][:, :5] == 0).all())


if __name__ == "__main__":
    unittest.main()
