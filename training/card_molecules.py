"""The parts of a model card (training/model_card.py) that differ for a molecule model: one whose
tokenizer.json has "type": "smiles" (docs/molecules.md). Its data are RDKit's example molecule sets
(data/smiles/stats.json, written by training.smiles_data), split by scaffold; its masks hide SMILES
tokens; its evaluation also says how many of its joint fills are molecules (npm run eval, RDKit).

Every function takes what the card is made from (config.json, stats.json, the evaluation results)
and returns Markdown; nothing here reads files.
"""

SHARE_ALIKE = "CC BY-SA 3.0"  # ChEMBL's licence, as training.smiles_data records it per source
CHEMBL_CREDIT = "ChEMBL (EMBL-EBI, https://www.ebi.ac.uk/chembl/)"


def pct(x):
    return f"{100 * x:.1f}%"


def kind_text(cfg):
    """What the model is, after "<name> is"."""
    if cfg["architecture"] == "exlm":
        return (
            f"a small ExLM for molecules written as SMILES (k = {cfg['expansion']} expanded states per [MASK], "
            "transition DAG) that guesses hidden atoms, bonds, branches and ring closures"
        )
    return (
        "the vanilla masked-LM twin for molecules written as SMILES (k = 1, no transition head) that guesses "
        "hidden atoms, bonds, branches and ring closures"
    )


def vocabulary_text(cfg):
    return (
        f"{cfg['vocab_size']:,} SMILES tokens (atoms and bracket atoms, bonds, branches, ring closures; "
        "docs/molecules.md)"
    )


INTENDED_USE = """Teaching and exploring masked language models on molecules in the playground's Molecules mode:
which atom or bond could stand in a gap, how sure the model is, whether its joint fill is still a
molecule, and how ExLM's expanded states and transition DAG compare with a plain MLM of the same
size. A research toy. It is not meant for drug design, property prediction, synthesis planning or
any decision about real compounds: many of its fills are not molecules, and a valid fill is only a
string that RDKit can read, not a compound that can be made, is safe or does anything."""


def masking_line(tc, share):
    """The training section's line on masking and inputs; `share` says how much was masked."""
    return (
        f"- masking: {share} of the SMILES tokens, each masked token one [MASK]; every "
        "input is one molecule (its own sequence, never packed with another), rows of similar length batched "
        f"together up to {tc.get('tokens_per_batch', '?')} tokens"
    )


def sources_with_share_alike(stats):
    return [name for name, s in stats["sources"].items() if SHARE_ALIKE in s.get("terms", "")]


def data_section(stats, cfg):
    """Sources and their terms, the scaffold split and the augmentation, from data/smiles/stats.json."""
    c = stats.get("config", {})
    t = stats["totals"]
    mismatch = ""
    if cfg["vocab_size"] != stats["vocab_size"]:
        mismatch = (
            f"**This model's vocabulary ({cfg['vocab_size']:,} entries) is not the one of this data "
            f"({stats['vocab_size']:,}): it was not trained on it.**\n\n"
        )
    sources = [
        "| source | origin | terms | train | validation | test |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in stats["sources"].items():
        kept = s.get("kept", {})
        sources.append(
            f"| `{name}` | {s['origin']} | {s['terms']} | {kept.get('train', 0):,} | "
            f"{kept.get('validation', 0):,} | {kept.get('test', 0):,} |"
        )
    sources.append(
        f"| **total** | | | {t['train']['molecules']:,} | {t['validation']['molecules']:,} | {t['test']['molecules']:,} |"
    )
    splits = [
        "| split | molecules | scaffolds | rows (SMILES) | tokens | tokens per row (mean / max) |",
        "|---|---|---|---|---|---|",
    ]
    for split in ("train", "validation", "test"):
        s = t[split]
        per_row = s.get("tokens_per_row", {})
        splits.append(
            f"| {split} | {s['molecules']:,} | {s['scaffolds']:,} | {s['rows']:,} | {s['tokens']:,} | "
            f"{per_row.get('mean', '?')} / {per_row.get('max', '?')} |"
        )
    molecules = sum(t[split]["molecules"] for split in ("train", "validation", "test"))
    augment = c.get("augment", "?")
    return mismatch + (
        f"{molecules:,} molecules from {len(stats['sources'])} example sets that Debian's rdkit-data package "
        f"ships (under {c.get('rdkit_data', '/usr/share/RDKit')}; `training.smiles_data`, docs/molecules.md): "
        "each parsed with RDKit and written as its canonical isomeric SMILES (stereo, charges and isotopes "
        f"kept), kept at {c.get('min_tokens', '?')} to {c.get('max_tokens', '?')} tokens, duplicates across "
        "sets dropped. The number of molecules each set gives to each split:\n\n" + "\n".join(sources) + "\n\n"
        "**Split by scaffold.** Molecules go to train, validation and test (about "
        f"{1 - c.get('validation_fraction', 0.1) - c.get('test_fraction', 0.1):.0%} / "
        f"{c.get('validation_fraction', 0.1):.0%} / {c.get('test_fraction', 0.1):.0%}) by their Bemis-Murcko "
        "scaffold, whole scaffold groups at a time (chemprop's balanced scaffold split, seed "
        f"`{c.get('seed', '?')}`): no validation or test molecule has the ring system of a training molecule, "
        "so the held-out scores are on chemistry the model has not seen, a harder test than a random split. "
        f"**Augmentation**: each training molecule is read as its canonical SMILES and up to {augment} "
        "randomized ones (the same molecule written from another atom order), so that the model learns the "
        "molecule rather than one way of writing it; validation and test hold canonical SMILES only. Tokens are "
        f"this folder's tokenizer.json ({stats['vocab_size']:,} entries, built from the train split).\n\n"
        + "\n".join(splits)
        + "\n\n"
        + licence_text(stats)
    )


def licence_text(stats):
    """What the sources' terms ask of the model: ChEMBL's share-alike licence carries over."""
    chembl = sources_with_share_alike(stats)
    if not chembl:
        return "No source's terms ask for more than the credit given above."
    names = ", ".join(f"`{n}`" for n in chembl)
    return (
        f"**Licence of these weights.** Molecules from {CHEMBL_CREDIT} are licensed {SHARE_ALIKE} "
        f"(attribution, share-alike); the sets {names} hold them. This model was "
        f"trained on them: it credits ChEMBL as their source, and its weights are shared under the same "
        f"terms, {SHARE_ALIKE}, whatever the licence of the code around them. The other sets' terms are in "
        "the table."
    )


def evaluation_intro(results, storage):
    sentences = results["sentences"]
    references = ""
    if "valid_references" in results:
        references = f" ({results['valid_references']:,} of the {sentences:,} test molecules themselves pass it)"
    return f"""Masked-token prediction on {sentences:,} test-split molecules (canonical SMILES of molecules whose
scaffolds no training molecule has; no [UNK]; `training.eval_sample --data-dir data/smiles`, seed 7).
Each ratio hides round(r * tokens) SMILES tokens of a molecule (at least one), chosen at random as in
training; one molecule per input. Scores come from the slot marginals p_i over the slot vocabulary
(no special tokens; for ExLM, summed over the DAG paths by forward-backward): top-1 and top-5
accuracy of the hidden tokens and the mean entropy of p_i. **Valid** is the share of inputs whose
best joint fill (for ExLM the DAG's most probable path, Viterbi; for the twin each slot's first
guess), put back into the molecule, is a molecule: RDKit ({results.get("validity_checker", "RDKit")},
src/node/rdkit.ts) parses and sanitizes it (valences, aromaticity, ring closures) into at least one
atom, the rule of training/smiles_validity.py{references}. **Exact** is the share whose fill gives
back the test molecule token for token. A slot can be right while the molecule is not: every slot of a fill must fit
the others.{n_best_intro(results)} Computed by `npm run eval`, the TypeScript runtime on these {storage} files (tfjs
{results.get("backend", "?")} backend in Node, route `{results.get("route", "?")}`), one molecule at a time; ms / molecule is
the mean analysis time on the shared 2-core machine that ran it."""


def n_best_intro(results):
    """The definition of the N-best columns, for results that have them (npm run eval since it
    lists each input's N best joint fills); empty for older results."""
    n = results.get("best_fills")
    if n is None:
        return ""
    return (
        f" **Valid among the {n} best** is the share of inputs for which one of the model's {n} most "
        "probable joint fills (ranked by the score the best fill maximizes) is a molecule, the first such "
        "fill taken; **its exact** is the share where that fill is the test molecule. The best fill, and "
        "so the valid and exact columns, are the same as without them."
    )


def validity_comparison(exlm, mlm, n=None):
    """One line per ratio on the joint fills of ExLM against its twin; with `n` (results'
    "best_fills"), also the first valid fill among their n best."""
    lines = []
    for re_, rb in zip(exlm["ratios"], mlm["ratios"]):
        more = (
            "more"
            if re_["validity"] > rb["validity"]
            else ("as many" if re_["validity"] == rb["validity"] else "fewer")
        )
        n_best = ""
        if n is not None and "validity_n_best" in re_ and "validity_n_best" in rb:
            n_best = (
                f"; among the {n} best joint fills a molecule for {pct(re_['validity_n_best'])} against "
                f"{pct(rb['validity_n_best'])} of the inputs, the first one the test molecule for "
                f"{pct(re_['exact_n_best'])} against {pct(rb['exact_n_best'])}"
            )
        lines.append(
            f"- {re_['ratio']:.0%} masked: {more} of {exlm['model']}'s joint fills are molecules than of "
            f"{mlm['model']}'s ({pct(re_['validity'])} against {pct(rb['validity'])}; the test molecule itself "
            f"{pct(re_['exact'])} against {pct(rb['exact'])}{n_best})."
        )
    return "\n".join(lines)


def known_limits(cfg, params, where, stats):
    molecules = stats["totals"]["train"]["molecules"]
    return f"""- Small ({params / 1e6:.2f} M parameters) and trained briefly on {where}, on {molecules:,} molecules:
  far below the chemical language models of the literature.
- SMILES only, at most {cfg["max_positions"] - 2} tokens; a token outside its {cfg["vocab_size"]:,}-entry
  vocabulary (an element or charge the training molecules lack) is [UNK] and cannot be guessed.
- Each [MASK] is exactly one token: it cannot add or remove atoms, and it has no chemistry of its own;
  whether a fill is a molecule is RDKit's answer, not the model's.
- Trained on a few public example sets (the table under Data), mostly small drug-like and screening
  compounds: its guesses reflect those sets, not chemistry at large, and say nothing about whether a
  compound can be made or is safe.
- Scored on canonical SMILES; it was trained on canonical and randomized ones, so other spellings
  of a molecule are read too, but were not scored."""


def reproduce_commands(train_cmd, folders, carded, exlm, sentences, parity):
    """The commands that rebuild the data, the weights, the evaluation, the diagnostics and the card."""
    models = " ".join(f"--model {f}" for f in carded)
    card_inputs = "--eval data/eval-results-smiles.json --stats data/smiles/stats.json"
    if parity:
        card_inputs += " --parity data/eval-parity-smiles.json"
    return (
        "```sh\nnpm ci\n"
        "apt-get install python3-rdkit rdkit-data   # or npm run setup\n"
        "/usr/bin/python3 -m training.smiles_data   # data/smiles/: molecules, scaffold split, tokenizer.json, stats.json\n"
        f"{train_cmd}\n"
        f"/usr/bin/python3 -m training.eval_sample --data-dir data/smiles --n {sentences}   "
        f"# data/smiles/eval-sample.jsonl: {sentences:,} test molecules, seed 7\n"
        f"npm run eval -- --models {','.join(folders)}   # data/eval-results-smiles.json\n"
        "/usr/bin/python3 -m training.evaluate --compare data/eval-results-smiles.json --json data/eval-parity-smiles.json\n"
        f"/usr/bin/python3 -m training.diagnostics --model {exlm} --data-dir data/smiles "
        "--out data/dag-diagnostics-smiles.json\n"
        f"/usr/bin/python3 -m training.model_card {models} {card_inputs} --dag data/dag-diagnostics-smiles.json\n```"
    )
