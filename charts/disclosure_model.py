"""A conservative model of what a bundle of charts publishes, for `charts.disclosure`.

Every shown unit (a cell, or a whole goal-attainment bar) publishes the size of each of
its citizen sets (a cell's n; a bar's n, each shown segment's and the merged segment's
count) and, for a cell, the sum of its citizens' values (mean x n). Counts link sets in
every chart; sums link only values of the same variable, a citizen's value of one
parameter at one point (`Var`).

Counts: the citizens fall into atoms by which shown sets they are in ("signature"). A
hidden set's count is taken as determined when it is a union of atoms, as if every
atom's size were published (more than is: a conservative reading).

Sums: the variables fall into atoms the same way, and every atom's sum is taken as
published. A hidden cell's sum is then bounded atom by atom: with k variables in an
atom, h of them hidden and atom sum T, the hidden part lies in
[max(h*lo, T - (k-h)*hi), min(h*hi, T - (k-h)*lo)]. The real bounds are never
narrower, so a cell this model leaves wide open is wide open.

A citizen has one value per parameter and point here (the first cell's); one measured
in two interventions at the same point has a value per intervention in the what-works
chart, which this model does not tell apart.

Each check can be asked "as if unit u were hidden too" (`without`) cheaply, so that a
cell to hide can be chosen without copying the model. Variables are numbered
(`Variables`) so that the sets hash fast.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from charts.aligned import Position

#: A citizen's value of one parameter at one point (or aligned period), numbered in
#: `Variables`.
Var = int
#: One published count: (unit, which of the unit's sets).
Key = tuple[int, int]
#: The lowest and highest value a parameter can take.
Bounds = tuple[float, float]


@dataclass
class Variables:
    """Every variable of the bundle: its number, citizen, parameter and value."""

    number: dict[tuple[str, str, Position], Var] = field(default_factory=dict)
    citizens: list[str] = field(default_factory=list)
    parameters: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def add(self, citizen: str, parameter: str, point: Position, value: float) -> Var:
        key = (citizen, parameter, point)
        if key not in self.number:
            self.number[key] = len(self.citizens)
            self.citizens.append(citizen)
            self.parameters.append(parameter)
            self.values.append(value)
        return self.number[key]


@dataclass
class Unit:
    """What is shown or hidden as a whole: a cell, or a goal-attainment bar."""

    counts: tuple[frozenset[str], ...]
    sums: frozenset[Var] = frozenset()
    #: Citizens it hides; among candidates the cheapest is hidden first.
    cost: int = 0
    #: False for a citizen's own chart: it is shown to that citizen's group as it is.
    hideable: bool = True


@dataclass(frozen=True)
class Secret:
    """A small set that must stay hidden: its count (and its mean, with `sums`)."""

    citizens: frozenset[str]
    sums: frozenset[Var] = frozenset()
    #: Not a hidden cell but a set that follows from shown ones (only its sum matters).
    implicit: bool = False


class Model:
    def __init__(
        self,
        units: Sequence[Unit],
        variables: Variables,
        bounds: Mapping[str, Bounds],
        shown: Sequence[bool],
    ) -> None:
        self.units = units
        self.variables = variables
        self.bounds = bounds
        self.shown = list(shown)
        self.keys: dict[str, list[Key]] = defaultdict(list)
        self.var_units: dict[Var, list[int]] = defaultdict(list)
        for u, unit in enumerate(units):
            for j, members in enumerate(unit.counts):
                for c in members:
                    self.keys[c].append((u, j))
            for v in unit.sums:
                self.var_units[v].append(u)
        self.members = [frozenset().union(*unit.counts) for unit in units]
        self.refresh()

    def hide(self, u: int) -> None:
        self.shown[u] = False
        self.refresh()

    def refresh(self) -> None:
        """Signatures and atoms of what is shown now."""
        shown = self.shown
        self.sig: dict[str, frozenset[Key]] = {}
        for c, keys in self.keys.items():
            own = frozenset(k for k in keys if shown[k[0]])
            if own:
                self.sig[c] = own
        self.by_sig = Counter(self.sig.values())
        self.var_sig: dict[Var, frozenset[int]] = {}
        self.atoms: dict[frozenset[int], tuple[int, float]] = {}
        for v, us in self.var_units.items():
            own_units = frozenset(u for u in us if shown[u])
            if own_units:
                self.var_sig[v] = own_units
                k, total = self.atoms.get(own_units, (0, 0.0))
                self.atoms[own_units] = (k + 1, total + self.variables.values[v])

    # Counts ----------------------------------------------------------------------------

    def count_determined(self, citizens: frozenset[str], without: int | None = None) -> bool:
        """Whether the set is a union of count atoms (with `without` hidden as well)."""
        sig, by_sig = self.sig, self.by_sig
        changed: dict[str, frozenset[Key]] = {}
        if without is not None:
            dropped = {(without, j) for j in range(len(self.units[without].counts))}
            changed = {c: sig[c] - dropped for c in self.members[without] if c in sig}
            by_sig = by_sig.copy()
            for c, new in changed.items():
                by_sig[sig[c]] -= 1
                by_sig[new] += 1
        inside: Counter[frozenset[Key]] = Counter()
        for c in citizens:
            own = changed.get(c, sig.get(c, frozenset()))
            if not own:
                return False  # someone in it is in no shown set
            inside[own] += 1
        return all(by_sig[s] == n for s, n in inside.items())

    def merge_plan(self, citizens: frozenset[str]) -> frozenset[int] | None:
        """The cheapest units to hide so that the set is no longer a union of atoms.

        Either one of its citizens ends up in the same atom as someone outside it (hide
        every unit that tells the two apart) or in no shown set at all. None: only a
        citizen's own chart tells them apart, nothing can be done here.
        """
        plans = []
        for c in citizens:
            own = self.sig.get(c, frozenset())
            plans.append(frozenset(u for u, _ in own))
            for d, theirs in self.sig.items():
                if d not in citizens:
                    plans.append(frozenset(u for u, _ in own ^ theirs))
        feasible = [p for p in plans if all(self.units[u].hideable for u in p)]
        if not feasible:
            return None
        return min(feasible, key=lambda p: (sum(self.units[u].cost for u in p), sorted(p)))

    # Sums ------------------------------------------------------------------------------

    def bounds_of(self, var: Var) -> Bounds:
        return self.bounds[self.variables.parameters[var]]

    def sum_range(self, variables: frozenset[Var], without: int | None = None) -> Bounds:
        """The lowest and highest sum of the variables the published atom sums allow."""
        per_atom: Counter[frozenset[int]] = Counter()
        low = high = 0.0
        for v in variables:
            own = self.var_sig.get(v, frozenset())
            if without is not None:
                own = own - {without}
            if own:
                per_atom[own] += 1
            else:  # published nowhere: anything on the scale
                lo, hi = self.bounds_of(v)
                low, high = low + lo, high + hi
        lo, hi = self.bounds_of(next(iter(variables)))
        for atom, h in per_atom.items():
            k, total = self.atoms.get(atom, (0, 0.0))
            if without is not None and without not in atom:
                more = self.atoms.get(atom | {without}, (0, 0.0))
                k, total = k + more[0], total + more[1]
            low += max(h * lo, total - (k - h) * hi)
            high += min(h * hi, total - (k - h) * lo)
        return low, high

    def mean_narrow(self, variables: frozenset[Var], without: int | None = None) -> bool:
        """Whether the mean is bounded to less than half the scale."""
        if not variables:
            return False
        low, high = self.sum_range(variables, without)
        lo, hi = self.bounds_of(next(iter(variables)))
        return (high - low) / len(variables) < (hi - lo) / 2 + 1e-9
