"""Small sets that no cell shows but whose sum follows exactly from the shown cells.

Example: progression at the end shows all 21 citizens, what works shows the two large
sub-groups (10 and 10); the one citizen in the third sub-group is in no chart, yet their
end score is the first sum minus the other two. Such a set is found among the atoms of
the shown sums (variables grouped by which shown cells hold them) and the differences of
two shown cells one inside the other, and it is given away when its indicator lies in
the span of the shown cells' indicators (an exact test, with numpy's rank).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from charts.disclosure_model import Model, Secret, Var

Atom = frozenset[int]


def _in_span(rows: np.ndarray, vector: np.ndarray) -> bool:
    if not len(rows):
        return False
    return bool(np.linalg.matrix_rank(np.vstack([rows, vector])) == np.linalg.matrix_rank(rows))


def _components(atoms: list[Atom]) -> list[list[Atom]]:
    """Atoms grouped by the shown cells that connect them (one group per domain, mostly)."""
    parent: dict[int, int] = {}

    def root(u: int) -> int:
        while parent.setdefault(u, u) != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for atom in atoms:
        first, *rest = atom
        for u in rest:
            parent[root(u)] = root(first)
    groups: dict[int, list[Atom]] = defaultdict(list)
    for atom in atoms:
        groups[root(next(iter(atom)))].append(atom)
    return list(groups.values())


def _matrix(units: list[int], atoms: list[Atom]) -> np.ndarray:
    return np.array([[1.0 if u in atom else 0.0 for atom in atoms] for u in units])


def implicit_secrets(model: Model, min_count: int) -> list[Secret]:
    """The small sets whose sum the shown cells give away."""
    atom_vars: dict[Atom, list[Var]] = defaultdict(list)
    for v, atom in model.var_sig.items():
        atom_vars[atom].append(v)
    found: list[Secret] = []
    for atoms in _components(list(atom_vars)):
        units = sorted(frozenset().union(*atoms))
        rows = _matrix(units, atoms)
        sizes = np.array([len(atom_vars[a]) for a in atoms])
        sets = []
        for j, atom in enumerate(atoms):
            if 0 < sizes[j] < min_count:
                alone = np.zeros(len(atoms))
                alone[j] = 1.0
                if _in_span(rows, alone):
                    sets.append([atom])
        for outer in range(len(units)):
            for inner in range(len(units)):
                difference = rows[outer] - rows[inner]  # >= 0 everywhere: inner inside outer
                if outer != inner and difference.min() >= 0 and 0 < difference @ sizes < min_count:
                    sets.append([a for a, d in zip(atoms, difference, strict=True) if d])
        for chosen in sets:
            variables = frozenset(v for a in chosen for v in atom_vars[a])
            citizens = frozenset(model.variables.citizens[v] for v in variables)
            found.append(Secret(citizens, variables, implicit=True))
    return list(dict.fromkeys(found))


def sum_determined(model: Model, variables: frozenset[Var], without: int | None = None) -> bool:
    """Whether the shown sums (with `without` hidden too) give the variables' sum exactly."""
    atoms: dict[Atom, int] = defaultdict(int)  # atom -> variables, after hiding `without`
    for atom, (k, _) in model.atoms.items():
        atom = atom - {without} if without is not None else atom
        if atom:
            atoms[atom] += k
    inside: dict[Atom, int] = defaultdict(int)
    for v in variables:
        atom = model.var_sig.get(v, frozenset())
        if without is not None:
            atom = atom - {without}
        if not atom:
            return False  # published nowhere
        inside[atom] += 1
    if any(atoms[a] != n for a, n in inside.items()):
        return False  # not a union of atoms: its sum is not fixed
    group = next(g for g in _components(list(atoms)) if next(iter(inside)) in g)
    units = sorted(frozenset().union(*group))
    vector = np.array([1.0 if a in inside else 0.0 for a in group])
    return _in_span(_matrix(units, group), vector)
