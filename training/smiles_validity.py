"""Whether a SMILES string is a molecule: the validity metric of the molecules evaluation.

A string is valid when RDKit parses and sanitizes it (valences, aromaticity, ring closures) into at
least one atom. RDKit reads "" as an empty molecule and stops reading at the first whitespace
(the rest is a name), so empty strings and strings with whitespace are invalid here; so is any text
holding a special token ("[MASK]", "[UNK]", ...), which RDKit reads as an unknown bracket atom anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdkit import Chem, rdBase


def is_valid_smiles(smiles: str) -> bool:
    """True when RDKit reads `smiles` as a sanitized molecule of at least one atom."""
    if not smiles or any(c.isspace() for c in smiles):
        return False
    with rdBase.BlockLogs():  # a failed parse is an answer here, not an error to print
        mol = Chem.MolFromSmiles(smiles)
    return mol is not None and mol.GetNumAtoms() > 0


def validity(smiles: Iterable[str]) -> float:
    """Share of the strings that are valid SMILES (0.0 for none)."""
    flags = [is_valid_smiles(s) for s in smiles]
    return sum(flags) / len(flags) if flags else 0.0
