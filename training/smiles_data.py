"""Molecules for ExLM: SMILES from RDKit's example data sets, split by Bemis-Murcko scaffold, tokenized.

    /usr/bin/python3 -m training.smiles_data [--out data/smiles] [--rdkit-data /usr/share/RDKit]
        [--augment 4] [--seed exlm-smiles-v1]

Sources: the molecule sets of Debian's rdkit-data (`apt-get install rdkit-data`, in
scripts/build/apt-packages.txt), read under --rdkit-data; SOURCES below lists each file, where its
molecules come from and its terms (docs/molecules.md has the table).

Every molecule is parsed with RDKit (failures dropped), written as RDKit's canonical isomeric SMILES,
kept when that has min_tokens..max_tokens atom-level tokens (max_tokens = 126: [CLS] + 126 + [SEP]
fill the models' 128 positions), and deduplicated by canonical SMILES (the first source keeps it).
Molecules go to train, validation and test (about 80/10/10) by Bemis-Murcko scaffold, whole scaffold
groups at a time (assign_splits), so that the held-out molecules have ring systems the model never saw.
The train split also holds up to `augment` randomized (non-canonical) SMILES of each molecule beside
its canonical one, so that the model learns the molecule rather than one spelling; validation and
test are canonical only. Everything depends on the canonical SMILES and the seed alone: the same
command writes the same files.

Output under --out (data/ is git-ignored), the layout training/train.py reads (training/data.py):
  tokenizer.json            atom-level SMILES vocabulary of the train split (training/smiles_tokenizer.py)
  {split}.tokens.npy        uint16 (n_tokens,): every row's ids concatenated, no [CLS]/[SEP]
  {split}.offsets.npy       int64 (n_rows + 1,): row i is tokens[offsets[i]:offsets[i + 1]]
  {split}.docs.npy          int32 (n_rows,): 0..n_rows-1: every row is its own document, so training
                            never packs two SMILES into one sequence
  {split}.molecules.npy     int32 (n_rows,): the molecule (line of {split}.molecules.tsv) a row spells
  {split}.txt               one SMILES per row, same order
  {split}.molecules.tsv     canonical SMILES, scaffold, source and the source's id of each molecule
  stats.json                counts per source and split, token lengths, licences, vocabulary size
for split in train, validation, test.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from rdkit import Chem, RDLogger
from rdkit.Chem.Scaffolds import MurckoScaffold

from training.smiles_tokenizer import SmilesTokenizer, build_smiles_vocab, smiles_pieces, write_smiles_tokenizer_json
from training.tokenizer import UNK_ID

REPO_ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("train", "validation", "test")


@dataclass
class SmilesDataConfig:
    rdkit_data: Path = Path("/usr/share/RDKit")  # where Debian's rdkit-data puts its files
    out_dir: Path = REPO_ROOT / "data" / "smiles"  # git-ignored
    seed: str = "exlm-smiles-v1"  # salts the scaffold ranking and the randomized SMILES
    validation_fraction: float = 0.1
    test_fraction: float = 0.1
    min_tokens: int = 3  # shorter molecules (water, methane) say nothing
    max_tokens: int = 126  # [CLS] + 126 tokens + [SEP] = the models' 128 positions
    augment: int = 4  # randomized SMILES per training molecule, beside its canonical one
    sources: tuple[str, ...] = ()  # names of SOURCES to read; () reads them all


class SourceError(Exception):
    """A source file is missing or does not have the layout this module reads."""


# ---------------------------------------------------------------------------------------------------
# Sources: (id, SMILES) or (id, parsed molecule) from each file
# ---------------------------------------------------------------------------------------------------

Record = tuple[str, str | Chem.Mol | None]  # (the source's id, SMILES text, or an SDF's molecule / None)


def _lines(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def read_smi(path: Path, smiles_column: int, id_column: int, header: bool = False, sep: str | None = None):
    """Whitespace- (or sep-) separated columns, one molecule per line."""
    rows = [line.split(sep) for line in _lines(path)]
    for number, row in enumerate(rows[1:] if header else rows, start=2 if header else 1):
        if len(row) <= max(smiles_column, id_column):
            raise SourceError(
                f"{path}: line {number} has {len(row)} columns, expected a SMILES in column {smiles_column + 1}"
            )
        yield row[id_column].strip().strip('"'), row[smiles_column].strip().strip('"')


def read_csv_columns(path: Path, pairs: list[tuple[str, str]]) -> Iterator[Record]:
    """A CSV with a header: for each row, every (SMILES column, id column) pair that is filled in."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for pair in pairs for c in pair if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceError(f"{path}: expected columns {missing} in the header")
        for row in reader:
            for smiles_column, id_column in pairs:
                if row[smiles_column].strip():
                    yield row[id_column], row[smiles_column].strip()


def read_sdf(path: Path) -> Iterator[Record]:
    """Molecules of an SD file (None where RDKit cannot read a record), named by their title line."""
    supplier = Chem.SDMolSupplier(str(path))
    for index, mol in enumerate(supplier):
        name = mol.GetProp("_Name") if mol is not None and mol.HasProp("_Name") else ""
        yield name or f"#{index + 1}", mol


@dataclass(frozen=True)
class Source:
    path: str  # under --rdkit-data
    read: Callable[[Path], Iterator[Record]]
    origin: str  # where the molecules come from
    terms: str  # upstream terms of the molecules, as far as the files and their references say


RDKIT_TERMS = "distributed in Debian's rdkit-data under RDKit's BSD-3-Clause licence (debian/copyright: Files: *)"
SOURCES: dict[str, Source] = {
    "nci-first-5k": Source(
        "Data/NCI/first_5K.smi",
        lambda p: read_smi(p, 0, 1, sep="\t"),
        "the first 5,000 structures of the NCI Open Database (US National Cancer Institute, DTP)",
        "NCI's open database is public; " + RDKIT_TERMS,
    ),
    "wehi-pains": Source(
        "Data/Pains/test_data/wehi_mols.csv",
        lambda p: read_smi(p, 0, 1, sep=","),
        "10,000 screening molecules of the Walter and Eliza Hall Institute, the test set of the PAINS "
        "workflow of Saubern, Guha and Baell, Mol. Inform. 30, 847 (2011)",
        RDKIT_TERMS,
    ),
    "pains-examples": Source(
        "Data/Pains/test_data/test_set3.txt",
        lambda p: read_smi(p, 2, 3, sep="\t"),
        "example molecules of the PAINS filters from ChEMBL 20, WEHI, ZINC and PubChem (file header, 2015)",
        "ChEMBL: CC BY-SA 3.0; PubChem: public domain; ZINC: free to use; " + RDKIT_TERMS,
    ),
    "chembl-freewilson": Source(
        "Contrib/FreeWilson/data/CHEMBL2321810.smi",
        lambda p: read_smi(p, 0, 1),
        "the compounds of ChEMBL document CHEMBL2321810 (the Free-Wilson example)",
        "ChEMBL: CC BY-SA 3.0; " + RDKIT_TERMS,
    ),
    "chembl24-sample": Source(
        "Contrib/NIBRSubstructureFilters/examples/chembl24_structs_randomtestSample_100.csv",
        lambda p: read_csv_columns(p, [("smiles", "chemblid")]),
        "100 random ChEMBL 24 structures (the NIBR substructure filters' example)",
        "ChEMBL: CC BY-SA 3.0; " + RDKIT_TERMS,
    ),
    "nibr-pubchem-examples": Source(
        "Contrib/NIBRSubstructureFilters/SubstructureFilter_HitTriaging_wPubChemExamples.csv",
        lambda p: read_csv_columns(p, [(f"EX{i}", f"CID_Ex{i}") for i in range(1, 6)]),
        "up to five PubChem compounds (by CID) matching each NIBR hit-triaging filter (PubChem 2018)",
        "PubChem: public domain; " + RDKIT_TERMS,
    ),
    "chembl-fraggle": Source(
        "Contrib/fraggle/data/ChEMBL_11265_actives.smi",
        lambda p: read_smi(p, 0, 1),
        "100 ChEMBL actives of target 11265 (Riniker and Landrum's benchmarking platform, via Fraggle)",
        "ChEMBL: CC BY-SA 3.0; " + RDKIT_TERMS,
    ),
    "zinc-sascore": Source(
        "Contrib/SA_Score/data/zim.100.txt",
        lambda p: read_smi(p, 0, 1, header=True, sep="\t"),
        "100 ZINC molecules (the SA score example)",
        "ZINC: free to use; " + RDKIT_TERMS,
    ),
    "zinc-egfr": Source(
        "Contrib/PBF/testData/egfr.sdf",
        read_sdf,
        "365 ZINC molecules in 3D (the Plane of Best Fit test data, Firth, Brown and Blagg 2012)",
        "ZINC: free to use; " + RDKIT_TERMS,
    ),
    "zinc-cdk2": Source(
        "Contrib/Fastcluster/cdk2.smi",
        lambda p: read_smi(p, 1, 0, sep="\t"),
        "47 ZINC CDK2 ligands (the Fastcluster example)",
        "ZINC: free to use; " + RDKIT_TERMS,
    ),
    "bzr": Source(
        "Projects/DbCLI/testData/bzr.sdf",
        read_sdf,
        "163 benzodiazepine receptor ligands of Sutherland, O'Brien and Weaver, JCICS 43, 1906 (2003)",
        RDKIT_TERMS,
    ),
    "pubchem-200": Source(
        "Projects/DbCLI/testData/pubchem.200.sdf",
        read_sdf,
        "200 arbitrary PubChem compounds (the RDKit database CLI's test data)",
        "PubChem: public domain; " + RDKIT_TERMS,
    ),
}


# ---------------------------------------------------------------------------------------------------
# Molecules
# ---------------------------------------------------------------------------------------------------


@dataclass
class Molecule:
    smiles: str  # RDKit canonical isomeric SMILES
    scaffold: str  # canonical SMILES of the Bemis-Murcko scaffold, "" for an acyclic molecule
    source: str
    source_id: str


@dataclass
class SourceCounts:
    read: int = 0
    unparsable: int = 0
    too_short: int = 0
    too_long: int = 0
    duplicates: int = 0
    kept: dict[str, int] = field(default_factory=lambda: {split: 0 for split in SPLITS})


def canonical_smiles(smiles: str) -> str | None:
    """RDKit's canonical isomeric SMILES of a SMILES, or None where RDKit cannot parse it."""
    mol = Chem.MolFromSmiles(smiles)
    return Chem.MolToSmiles(mol) if mol is not None else None


def scaffold_of(mol: Chem.Mol) -> str:
    """Bemis-Murcko scaffold (ring systems and the chains that link them), stereo left out."""
    return MurckoScaffold.MurckoScaffoldSmiles(mol=mol, includeChirality=False)


def read_molecules(config: SmilesDataConfig) -> tuple[list[Molecule], dict[str, SourceCounts]]:
    """Every source's molecules, canonical, within the token limits, each canonical SMILES once."""
    names = list(config.sources or SOURCES)
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise SourceError(f"unknown sources {unknown}; the sources are {list(SOURCES)}")
    paths = {name: config.rdkit_data / SOURCES[name].path for name in names}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise SourceError(
            f"missing {', '.join(missing)}: install Debian's rdkit-data (`apt-get install rdkit-data`, "
            f"or `npm run setup`), or give --rdkit-data the folder that holds its Data/, Contrib/ and Projects/"
        )
    molecules: list[Molecule] = []
    seen: set[str] = set()
    counts: dict[str, SourceCounts] = {}
    for name in names:
        c = counts[name] = SourceCounts()
        for source_id, item in SOURCES[name].read(paths[name]):
            c.read += 1
            mol = Chem.MolFromSmiles(item) if isinstance(item, str) else item
            if mol is None:
                c.unparsable += 1
                continue
            smiles = Chem.MolToSmiles(mol)
            length = len(smiles_pieces(smiles))
            if length < config.min_tokens:
                c.too_short += 1
            elif length > config.max_tokens:
                c.too_long += 1
            elif smiles in seen:
                c.duplicates += 1
            else:
                seen.add(smiles)
                molecules.append(Molecule(smiles, scaffold_of(mol), name, source_id))
    return molecules, counts


# ---------------------------------------------------------------------------------------------------
# Scaffold split and augmentation
# ---------------------------------------------------------------------------------------------------


def _hash(seed: str, text: str) -> str:
    return hashlib.sha256(f"{seed}\0{text}".encode()).hexdigest()


def assign_splits(scaffolds: list[str], seed: str, validation_fraction: float, test_fraction: float) -> list[str]:
    """Split of each molecule (same order as scaffolds): whole scaffold groups go to one split.

    The balanced scaffold split of chemprop: groups larger than half the test target (the acyclic
    group, benzene) go to train first, largest first; the other groups follow in the order of a seeded
    hash of their scaffold. Each group goes to train while train stays within its share, else to
    validation while that does, else to test. The result depends only on the scaffolds and the seed,
    not on the order of the molecules.
    """
    groups: dict[str, list[int]] = {}
    for i, scaffold in enumerate(scaffolds):
        groups.setdefault(scaffold, []).append(i)
    n = len(scaffolds)
    validation_size, test_size = round(validation_fraction * n), round(test_fraction * n)
    train_size = n - validation_size - test_size
    big = sorted((s for s in groups if len(groups[s]) > test_size / 2), key=lambda s: (-len(groups[s]), s))
    small = sorted((s for s in groups if len(groups[s]) <= test_size / 2), key=lambda s: _hash(seed, s))
    splits = [""] * n
    taken = {split: 0 for split in SPLITS}
    for scaffold in big + small:
        members = groups[scaffold]
        if taken["train"] + len(members) <= train_size:
            split = "train"
        elif taken["validation"] + len(members) <= validation_size:
            split = "validation"
        else:
            split = "test"
        taken[split] += len(members)
        for i in members:
            splits[i] = split
    return splits


def random_spellings(smiles: str, count: int, seed: str, max_tokens: int) -> list[str]:
    """Up to `count` distinct randomized SMILES of the molecule, none its canonical one, each within
    max_tokens; RDKit's random atom order, seeded by the seed and the SMILES (so always the same)."""
    if count <= 0:
        return []
    mol = Chem.MolFromSmiles(smiles)
    random_seed = int(_hash(seed, smiles)[:8], 16) & 0x7FFFFFFF
    spellings: list[str] = []
    for variant in Chem.MolToRandomSmilesVect(mol, 3 * count, randomSeed=random_seed):
        if variant != smiles and variant not in spellings and len(smiles_pieces(variant)) <= max_tokens:
            spellings.append(variant)
            if len(spellings) == count:
                break
    return spellings


# ---------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------


def write_split(
    molecules: list[Molecule], rows: list[tuple[int, str]], tokenizer: SmilesTokenizer, out_dir: Path, split: str
) -> dict:
    """Write one split's files: rows are (molecule index, SMILES). Returns its counts."""
    ids: list[int] = []
    offsets = [0]
    for _molecule, smiles in rows:
        ids.extend(tokenizer.encode(smiles))
        offsets.append(len(ids))
    lengths = np.diff(np.asarray(offsets, dtype=np.int64))
    np.save(out_dir / f"{split}.tokens.npy", np.asarray(ids, dtype=np.uint16))  # (n_tokens,)
    np.save(out_dir / f"{split}.offsets.npy", np.asarray(offsets, dtype=np.int64))  # (n_rows + 1,)
    np.save(out_dir / f"{split}.docs.npy", np.arange(len(rows), dtype=np.int32))  # (n_rows,)
    np.save(out_dir / f"{split}.molecules.npy", np.asarray([m for m, _ in rows], dtype=np.int32))  # (n_rows,)
    (out_dir / f"{split}.txt").write_text("".join(s + "\n" for _, s in rows), encoding="utf-8")
    with (out_dir / f"{split}.molecules.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["smiles", "scaffold", "source", "source_id"])
        writer.writerows([m.smiles, m.scaffold, m.source, m.source_id] for m in molecules)
    return {
        "molecules": len(molecules),
        "scaffolds": len({m.scaffold for m in molecules}),
        "rows": len(rows),
        "tokens": len(ids),
        "unk_tokens": ids.count(UNK_ID),
        "tokens_per_row": {
            "mean": round(float(lengths.mean()), 2) if len(rows) else 0.0,
            "median": float(np.median(lengths)) if len(rows) else 0.0,
            "max": int(lengths.max()) if len(rows) else 0,
        },
    }


def build(config: SmilesDataConfig) -> dict:
    """The whole pipeline; returns what it wrote to stats.json."""
    started = time.time()
    print(f"reading {len(config.sources or SOURCES)} molecule sets under {config.rdkit_data}", flush=True)
    RDLogger.DisableLog("rdApp.*")  # failed parses are counted, not printed
    try:
        molecules, source_counts = read_molecules(config)
        return write_data(config, molecules, source_counts, started)
    finally:
        RDLogger.EnableLog("rdApp.*")


def write_data(
    config: SmilesDataConfig, molecules: list[Molecule], source_counts: dict[str, SourceCounts], started: float
) -> dict:
    """Split, augment, tokenize and write the molecules; returns what it wrote to stats.json."""
    if len(molecules) < 30:
        raise SourceError(f"only {len(molecules)} molecules were read: too few for three splits")
    splits = assign_splits(
        [m.scaffold for m in molecules], config.seed, config.validation_fraction, config.test_fraction
    )
    by_split = {split: [m for m, s in zip(molecules, splits) if s == split] for split in SPLITS}
    for m, split in zip(molecules, splits):
        source_counts[m.source].kept[split] += 1

    rows: dict[str, list[tuple[int, str]]] = {}
    for split in SPLITS:
        rows[split] = []
        for index, m in enumerate(by_split[split]):
            rows[split].append((index, m.smiles))
            if split == "train":
                rows[split].extend(
                    (index, s) for s in random_spellings(m.smiles, config.augment, config.seed, config.max_tokens)
                )

    vocab = build_smiles_vocab(s for _, s in rows["train"])  # the tokenizer never sees held-out molecules
    config.out_dir.mkdir(parents=True, exist_ok=True)
    write_smiles_tokenizer_json(vocab, config.out_dir / "tokenizer.json")
    tokenizer = SmilesTokenizer(vocab)
    totals = {split: write_split(by_split[split], rows[split], tokenizer, config.out_dir, split) for split in SPLITS}

    stats = {
        "kind": "smiles",
        "vocab_size": len(vocab),
        "tokenizer": "tokenizer.json",
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items() if k != "out_dir"},
        "sources": {
            name: {
                "file": SOURCES[name].path,
                "origin": SOURCES[name].origin,
                "terms": SOURCES[name].terms,
                **asdict(c),
            }
            for name, c in source_counts.items()
        },
        "totals": totals,
        "unk_rate": {split: totals[split]["unk_tokens"] / max(totals[split]["tokens"], 1) for split in SPLITS},
        "seconds": round(time.time() - started, 1),
    }
    (config.out_dir / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    print_summary(stats)
    return stats


def print_summary(stats: dict) -> None:
    header = f"{'source':24} {'read':>6} {'bad':>5} {'short':>6} {'long':>5} {'dups':>6} {'train':>6} {'valid':>6} {'test':>6}"
    print(header)
    print("-" * len(header))
    for name, c in stats["sources"].items():
        kept = c["kept"]
        print(
            f"{name:24} {c['read']:>6} {c['unparsable']:>5} {c['too_short']:>6} {c['too_long']:>5} {c['duplicates']:>6} "
            f"{kept['train']:>6} {kept['validation']:>6} {kept['test']:>6}"
        )
    print()
    print(
        f"{'split':12} {'molecules':>10} {'scaffolds':>10} {'rows':>8} {'tokens':>9} {'mean':>6} {'max':>5} {'unk %':>7}"
    )
    for split, t in stats["totals"].items():
        lengths = t["tokens_per_row"]
        print(
            f"{split:12} {t['molecules']:>10} {t['scaffolds']:>10} {t['rows']:>8} {t['tokens']:>9} "
            f"{lengths['mean']:>6.1f} {lengths['max']:>5} {100 * stats['unk_rate'][split]:>7.3f}"
        )
    print(f"vocabulary {stats['vocab_size']} tokens; {stats['seconds']:.0f} s")


def main(argv: list[str] | None = None) -> None:
    defaults = SmilesDataConfig()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=defaults.out_dir, help="output folder (default data/smiles)")
    parser.add_argument("--rdkit-data", type=Path, default=defaults.rdkit_data, help="where rdkit-data is installed")
    parser.add_argument("--seed", default=defaults.seed, help="salt of the scaffold ranking and the randomized SMILES")
    parser.add_argument("--augment", type=int, default=defaults.augment, help="randomized SMILES per training molecule")
    parser.add_argument("--max-tokens", type=int, default=defaults.max_tokens, help="longest molecule kept, in tokens")
    parser.add_argument(
        "--source", action="append", default=[], choices=list(SOURCES), help="read only this source (repeatable)"
    )
    args = parser.parse_args(argv)
    config = SmilesDataConfig(
        rdkit_data=args.rdkit_data,
        out_dir=args.out,
        seed=args.seed,
        augment=args.augment,
        max_tokens=args.max_tokens,
        sources=tuple(args.source),
    )
    try:
        build(config)
    except SourceError as error:
        raise SystemExit(f"error: {error}") from None


if __name__ == "__main__":
    main()
