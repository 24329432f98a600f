"""The file format's rules beyond types: unique ids, known references, forward links, no cycles."""

from __future__ import annotations

from collections.abc import Iterable

from logicmodel.fileformat.parsing import Path
from logicmodel.fileformat.partner_names import named_partner
from logicmodel.fileformat.periods import period_year
from logicmodel.fileformat.problems import Problem, describe, did_you_mean
from logicmodel.fileformat.scope_rules import NO_FRAMEWORK, framework_problems, layout_problems
from logicmodel.models import (
    ALL_PARTNERS,
    BenchmarkRule,
    Contribution,
    Cost,
    Element,
    Indicator,
    LogicModel,
    Stage,
)
from logicmodel.models.categories import CATEGORY_COLUMN, COLUMNS
from logicmodel.models.links import LINK_CHOICES, LinkEvidence, LinkFacts

STAGE_FLOW = " -> ".join(stage.value for stage in Stage)


def verify_category(name: str) -> str:
    """Return a Figure 2 category id, or raise ValueError naming the nearest and where to look."""
    if name in CATEGORY_COLUMN:
        return name
    hint = did_you_mean(name, CATEGORY_COLUMN) or did_you_mean(name.lower(), CATEGORY_COLUMN)
    if hint:
        raise ValueError(f"unknown category {name!r}{hint}: `logicmodel categories` lists them")
    # No near spelling: the whole vocabulary, column by column, is the help.
    columns = "; ".join(f"{c.key}: {', '.join(i for i, _ in c.categories)}" for c in COLUMNS)
    raise ValueError(f"unknown category {name!r}; the categories are {columns}")


def verify_link_choice(field: str, value: str) -> str:
    """Return a link fact's value (a level, stance, confidence, channel or effect), or raise
    ValueError naming the nearest and listing the choices."""
    choices = LINK_CHOICES[field]
    if value in choices:
        return value
    hint = did_you_mean(value, choices) or did_you_mean(value.lower(), choices)
    name = "evidence level" if field == "level" else field
    raise ValueError(f"{name} {value!r} is not one of {', '.join(choices)}{hint}")


def link_fault(inner: Path, kind: str, value: object) -> str | None:
    """Return the message for a fault inside a link written as an object, or None elsewhere.

    `inner` is the fault's place from the element (`('leads_to', 0, 'evidence', 'stance')`),
    `kind` pydantic's type of fault.
    """
    if len(inner) < 3 or inner[0] not in ("leads_to", "enhances"):
        return None
    key = str(inner[-1])
    where = f"its link #{int(inner[1]) + 1} in {inner[0]!r}"
    if kind == "extra_forbidden":
        owner = LinkEvidence if "evidence" in inner[2:-1] else LinkFacts
        return f"{where}: unknown key {key!r}{did_you_mean(key, owner.model_fields)}"
    if kind == "missing":
        return f"{where}: missing {key!r}" + (" (the id of the element it goes to)" * (key == "to"))
    if key in LINK_CHOICES and kind in ("enum", "literal_error", "string_type"):
        try:
            verify_link_choice(key, str(value))
        except ValueError as why:
            return f"{where}: {why}"
    return None


def find_problems(model: LogicModel, origin: str | None = None) -> list[Problem]:
    """Return every broken rule of the file format, in file order.

    `origin` is the model's file name: a framework file the model names is found beside it.
    """
    problems: list[Problem] = []
    partners = _partner_ids(model, problems)
    elements = _element_ids(model, partners, problems)
    problems += _reference_problems(model, partners, elements)
    problems += _measure_problems(model, elements)
    problems += _category_problems(model)
    problems += framework_problems(model, origin)
    problems += _channel_problems(model)
    problems += layout_problems(model)
    if not problems:
        # A cycle is only meaningful once every link points at a known element.
        problems += _cycle_problems(model, elements)
    return problems


def _partner_ids(model: LogicModel, problems: list[Problem]) -> dict[str, int]:
    """Return partner id -> index, noting duplicates and the reserved id."""
    seen: dict[str, int] = {}
    for index, partner in enumerate(model.partners):
        path: Path = ("partners", index, "id")
        if partner.id == ALL_PARTNERS:
            problems.append(Problem(path, "'all' is reserved for `by: all`: choose another id"))
        elif partner.id in seen:
            problems.append(Problem(path, f"duplicate partner id {partner.id!r}"))
        else:
            seen[partner.id] = index
    return seen


def _element_ids(
    model: LogicModel, partners: dict[str, int], problems: list[Problem]
) -> dict[str, tuple[Stage, int]]:
    """Return element id -> (stage, index), noting ids used twice."""
    seen: dict[str, tuple[Stage, int]] = {}
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            path: Path = (stage.value, index, "id")
            if element.id in seen:
                first_stage, first_index = seen[element.id]
                problems.append(
                    Problem(
                        path,
                        f"duplicate id {element.id!r}: the {first_stage.singular} {{where}} "
                        "has it already",
                        also=(first_stage.value, first_index, "id"),
                    )
                )
            elif element.id in partners:
                problems.append(
                    Problem(
                        path,
                        f"duplicate id {element.id!r}: the partner {{where}} has it already",
                        also=("partners", partners[element.id], "id"),
                    )
                )
            else:
                seen[element.id] = (stage, index)
    return seen


def _reference_problems(
    model: LogicModel, partners: dict[str, int], elements: dict[str, tuple[Stage, int]]
) -> list[Problem]:
    """Return problems with `by`, `lead`, `leads_to` and `enhances` references."""
    problems: list[Problem] = []
    entries = (("cost", model.partnership.costs), ("benefit", model.partnership.benefits))
    for kind, costs in entries:
        for index, cost in enumerate(costs):
            # `by: all` means every partner, for a cost or benefit as for an element.
            bearers = [cost.by] if isinstance(cost.by, str) else cost.by or []
            for position, partner in enumerate([] if cost.by == ALL_PARTNERS else bearers):
                path: Path = ("partnership", f"{kind}s", index, "by")
                if not isinstance(cost.by, str):
                    path = (*path, position)
                if partner == ALL_PARTNERS:
                    problems.append(Problem(path, f"{kind}: write `by: all` on its own"))
                elif partner not in partners:
                    problems.append(_unknown_partner(path, kind, partner, "by", model, elements))
    lead = model.partnership.lead
    if lead is not None and lead not in partners:
        problems.append(
            _unknown_partner(("partnership", "lead"), "partnership", lead, "lead", model, elements)
        )

    ranks = {stage: stage.order for stage in Stage}
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            # Nearly every element is sound: a quick test clears it, and only an element
            # that fails the test is looked at closely, for the messages.
            if not _plainly_sound(element, ranks[stage], partners, elements, ranks):
                problems += _element_reference_problems(
                    model, stage, index, element, partners, elements
                )
    return problems


def _plainly_sound(
    element: Element,
    rank: int,
    partners: dict[str, int],
    elements: dict[str, tuple[Stage, int]],
    ranks: dict[Stage, int],
) -> bool:
    """Return True when an element's references plainly break no rule (False: look closer)."""
    if element.lead is not None and element.lead not in partners:
        return False
    if isinstance(element, Contribution):
        if element.enhances:
            return False
        by = element.by
        if isinstance(by, str):
            if by != ALL_PARTNERS and by not in partners:
                return False
        elif not by or len(set(by)) != len(by) or not all(p in partners for p in by):
            return False
    targets = element.leads_to
    if len(set(targets)) != len(targets):
        return False
    ident = element.id
    for target in targets:
        found = elements.get(target)
        if found is None or target == ident or ranks[found[0]] < rank:
            return False
    return True


def _element_reference_problems(
    model: LogicModel,
    stage: Stage,
    index: int,
    element: Element,
    partners: dict[str, int],
    elements: dict[str, tuple[Stage, int]],
) -> list[Problem]:
    """Return problems with one element's `lead`, `by`, `leads_to` and `enhances`."""
    problems: list[Problem] = []
    where = describe(stage, element)
    base: Path = (stage.value, index)
    if element.lead is not None and element.lead not in partners:
        problems.append(
            _unknown_partner((*base, "lead"), where, element.lead, "lead", model, elements)
        )
    if isinstance(element, Contribution):
        problems += _by_problems(element, base, where, model, elements)
        problems += _enhances_problems(model, stage, element, base, where, elements)
    enhanced = set(element.enhances) if isinstance(element, Contribution) else set()
    linked: set[str] = set()
    for position, target in enumerate(element.leads_to):
        path: Path = (*base, "leads_to", position)
        if target in linked:
            problems.append(Problem(path, f"{where} lists {target!r} twice in 'leads_to'"))
        elif target in enhanced:
            problems.append(
                Problem(
                    path,
                    f"{where} both leads to and enhances {target!r}: keep one "
                    "(enhances, if it improves that partner's own work)",
                )
            )
        linked.add(target)
        problems += _link_problems(
            stage, element, target, path, where, "leads_to", elements, partners
        )
    return problems


def _channel_problems(model: LogicModel) -> list[Problem]:
    """Return `channel`s on `leads_to` links: a channel says how joint work enhances."""
    problems: list[Problem] = []
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            for position, target in enumerate(element.leads_to):
                facts = element.facts_of(target)
                if facts is not None and facts.channel is not None:
                    problems.append(
                        Problem(
                            (stage.value, index, "leads_to", position, "channel"),
                            f"{describe(stage, element)}: its link to {target!r} has a channel, "
                            "which only an enhances link takes (how joint work enhances a "
                            "partner's own)",
                        )
                    )
    return problems


def _category_problems(model: LogicModel) -> list[Problem]:
    """Return problems with `category`: an id of the research's Figure 2 vocabulary."""
    problems: list[Problem] = []
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            if element.category is None:
                continue
            try:
                verify_category(element.category)
            except ValueError as error:
                path: Path = (stage.value, index, "category")
                problems.append(Problem(path, f"{describe(stage, element)}: {error}"))
    return problems


def _measure_problems(model: LogicModel, elements: dict[str, tuple[Stage, int]]) -> list[Problem]:
    """Return problems with what measures gain: periods, ranges, benefits' outcomes, comparators."""
    problems: list[Problem] = []
    started = model.partnership.started
    if started is not None:
        problems += _period_problems(("partnership", "started"), "partnership: 'started'", started)
    for kind, costs in (("cost", model.partnership.costs), ("benefit", model.partnership.benefits)):
        for index, cost in enumerate(costs):
            problems += _amount_problems(("partnership", f"{kind}s", index), kind, cost)
    for index, benefit in enumerate(model.partnership.benefits):
        if benefit.outcome is not None:
            problems += _benefit_outcome_problems(
                ("partnership", "benefits", index, "outcome"),
                benefit.item,
                benefit.outcome,
                elements,
            )
    start = _year_or_none(started)
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            for number, indicator in enumerate(element.indicators):
                base: Path = (stage.value, index, "indicators", number)
                where = f"{describe(stage, element)}, indicator #{number + 1}"
                problems += _indicator_problems(base, where, indicator, start)
    return problems


def _year_or_none(period: str | None) -> int | None:
    """Return a period's year, or None when there is none or it is not a period."""
    try:
        return None if period is None else period_year(period)
    except ValueError:
        return None


def _period_problems(path: Path, what: str, period: str) -> list[Problem]:
    """Return the problem of a period that is neither a year nor a financial year."""
    try:
        period_year(period)
    except ValueError as error:
        return [Problem(path, f"{what}: {error}")]
    return []


def _periods_problems(path: Path, where: str, field: str, periods: Iterable[str]) -> list[Problem]:
    """Return problems with the periods keying `field`: unknown forms, one year twice."""
    problems: list[Problem] = []
    seen: dict[int, str] = {}
    for period in periods:
        key_path: Path = (*path, period)
        try:
            year = period_year(period)
        except ValueError as error:
            problems.append(Problem(key_path, f"{where}: period in {field!r}: {error}"))
            continue
        if year in seen:
            problems.append(
                Problem(
                    key_path,
                    f"{where}: period {period!r} in {field!r} is the year of {seen[year]!r} "
                    "again (a financial year counts as its first year): keep one",
                )
            )
        seen[year] = period
    return problems


def _indicator_problems(
    path: Path, where: str, indicator: Indicator, start: int | None
) -> list[Problem]:
    """Return problems with an indicator's periods, bounds and comparator."""
    problems = _periods_problems((*path, "actuals"), where, "actuals", indicator.actuals)
    problems += _bounds_problems(path, where, indicator)
    if indicator.target_period is not None:
        problems += _period_problems(
            (*path, "target_period"), f"{where}: 'target_period'", indicator.target_period
        )
    problems += _benchmark_problems(path, where, indicator)
    comparator = indicator.comparator
    if comparator is None:
        return problems
    actuals: Path = (*path, "comparator", "actuals")
    theirs = _periods_problems(actuals, where, "comparator.actuals", comparator.actuals)
    problems += theirs
    if problems or start is None:
        return problems
    # Our last value before the start is the base the comparator's change scales.
    before = sorted((period_year(p), p) for p in indicator.actuals if period_year(p) < start)
    if not before:
        return problems
    base_year, base_period = before[-1]
    base = {period_year(p): value for p, value in comparator.actuals.items()}.get(base_year)
    if base is None:
        problems.append(
            Problem(
                actuals if comparator.actuals else (*path, "comparator"),
                f"{where}: the comparator {comparator.name!r} has no value for {base_period}, "
                "the last period before the partnership started: the gain scales ours from it",
            )
        )
    elif base == 0:
        problems.append(
            Problem(
                actuals,
                f"{where}: the comparator {comparator.name!r} is 0 in {base_period}, the last "
                "period before the partnership started: a change from 0 cannot scale ours",
            )
        )
    return problems


def _benchmark_problems(path: Path, where: str, indicator: Indicator) -> list[Problem]:
    """Return problems with a benchmark: a margin where the rule is `within` (and never
    below 0), its periods."""
    problems: list[Problem] = []
    benchmark = indicator.benchmark
    if benchmark is None:
        return problems
    place: Path = (*path, "benchmark")
    within = benchmark.rule is BenchmarkRule.WITHIN
    if within and benchmark.margin is None:
        problems.append(
            Problem(
                (*place, "rule"),
                f"{where}: the benchmark rule 'within' needs a 'margin': how far from "
                f"{benchmark.name!r} still counts as within",
            )
        )
    elif benchmark.margin is not None and benchmark.margin < 0:
        problems.append(Problem((*place, "margin"), f"{where}: the benchmark 'margin' is below 0"))
    where_actuals = f"{where}, benchmark"
    problems += _periods_problems((*place, "actuals"), where_actuals, "actuals", benchmark.actuals)
    return problems


def _bounds_problems(path: Path, where: str, indicator: Indicator) -> list[Problem]:
    """Return problems with an indicator's bounds: low below high, its figures within them."""
    low, high = indicator.minimum, indicator.maximum
    if low is None and high is None:
        return []
    if low is not None and high is not None and low >= high:
        return [
            Problem(
                (*path, "maximum"),
                f"{where}: 'maximum' ({high:g}) is not above 'minimum' ({low:g})",
            )
        ]
    figures: list[tuple[Path, str, float]] = [
        ((*path, "actuals", period), f"the actual for {period}", value)
        for period, value in indicator.actuals.items()
    ]
    figures += [
        ((*path, name), f"'{name}'", value)
        for name in ("target_alone", "target_together", "target")
        if (value := getattr(indicator, name)) is not None
    ]
    problems = []
    for place, what, value in figures:
        if low is not None and value < low:
            bound = f"below the indicator's 'minimum' of {low:g}"
        elif high is not None and value > high:
            bound = f"above the indicator's 'maximum' of {high:g}"
        else:
            continue
        problems.append(Problem(place, f"{where}: {what} ({value:g}) is {bound}"))
    return problems


def _amount_problems(path: Path, kind: str, cost: Cost) -> list[Problem]:
    """Return problems with an amount written as a range: two numbers, low first."""
    amount = cost.amount
    if not isinstance(amount, list):
        return []
    where = f"{kind} {cost.item!r}: 'amount'"
    if len(amount) != 2:
        return [
            Problem(
                (*path, "amount"),
                f"{where} is a list of {len(amount)}: write a number, or a range of two, "
                "[low, high]",
            )
        ]
    low, high = amount
    if low > high:
        return [
            Problem(
                (*path, "amount"),
                f"{where}: the range [{low}, {high}] runs from high to low: write [{high}, {low}]",
            )
        ]
    return []


def _benefit_outcome_problems(
    path: Path, item: str, outcome: str, elements: dict[str, tuple[Stage, int]]
) -> list[Problem]:
    """Return the problem of a benefit whose `outcome` names no outcome."""
    where = f"benefit {item!r}"
    if outcome in elements:
        stage, _ = elements[outcome]
        if stage.is_outcome:
            return []
        return [
            Problem(
                path,
                f"{where}: {outcome!r} in 'outcome' is an {stage.singular}, not an outcome: "
                "a benefit belongs to an interim, intermediate or ultimate outcome",
            )
        ]
    outcomes = [ident for ident, (stage, _) in elements.items() if stage.is_outcome]
    hint = did_you_mean(outcome, outcomes)
    return [Problem(path, f"{where}: unknown outcome {outcome!r} in 'outcome'{hint}")]


def _unknown_partner(
    path: Path,
    where: str,
    partner: str,
    field: str,
    model: LogicModel,
    elements: dict[str, tuple[Stage, int]],
) -> Problem:
    """Return the problem of a partner reference that names no partner."""
    if partner in elements:
        return Problem(path, f"{where}: {partner!r} in {field!r} is an element, not a partner")
    hint = named_partner(partner, model.partners) or did_you_mean(partner, model.partner_ids())
    return Problem(path, f"{where}: unknown partner {partner!r} in {field!r}{hint}")


def _by_problems(
    element: Contribution,
    base: Path,
    where: str,
    model: LogicModel,
    elements: dict[str, tuple[Stage, int]],
) -> list[Problem]:
    """Return problems with a contribution's `by`."""
    partners = set(model.partner_ids())
    problems: list[Problem] = []
    if element.by == ALL_PARTNERS:
        return problems
    names = [element.by] if isinstance(element.by, str) else element.by
    if not names:
        problems.append(
            Problem((*base, "by"), f"{where}: 'by' is empty: name at least one partner")
        )
    seen: set[str] = set()
    for position, partner in enumerate(names):
        path: Path = (*base, "by") if isinstance(element.by, str) else (*base, "by", position)
        if partner == ALL_PARTNERS:
            problems.append(Problem(path, f"{where}: write `by: all` on its own, not in a list"))
        elif partner not in partners:
            problems.append(_unknown_partner(path, where, partner, "by", model, elements))
        elif partner in seen:
            problems.append(Problem(path, f"{where}: partner {partner!r} is listed twice in 'by'"))
        seen.add(partner)
    return problems


def _link_problems(
    stage: Stage,
    element: Element,
    target: str,
    path: Path,
    where: str,
    field: str,
    elements: dict[str, tuple[Stage, int]],
    partners: dict[str, int],
) -> list[Problem]:
    """Return problems with one `leads_to` or `enhances` target: unknown, self or backward."""
    if target not in elements:
        if target in partners:
            return [Problem(path, f"{where}: {target!r} in {field!r} is a partner, not an element")]
        # Never the element itself: a link to itself is no link.
        hint = did_you_mean(target, [ident for ident in elements if ident != element.id])
        return [Problem(path, f"{where}: unknown element {target!r} in {field!r}{hint}")]
    if target == element.id:
        return [Problem(path, f"{where} {field.replace('_', ' ')} itself")]
    target_stage, _ = elements[target]
    if target_stage.order < stage.order:
        return [
            Problem(
                path,
                f"{where} links back to {target_stage.singular} {target!r}: "
                f"links run forward, {STAGE_FLOW}",
            )
        ]
    return []


def _enhances_problems(
    model: LogicModel,
    stage: Stage,
    element: Contribution,
    base: Path,
    where: str,
    elements: dict[str, tuple[Stage, int]],
) -> list[Problem]:
    """Return problems with `enhances`: it runs from a joint contribution to a partner's own."""
    problems: list[Problem] = []
    if element.enhances and not model.is_collaborative(element):
        problems.append(
            Problem(
                (*base, "enhances"),
                f"{where} is single-agency, so it cannot enhance: only a collaborative "
                "contribution enhances a partner's own work",
            )
        )
        return problems
    partners = {partner.id: 0 for partner in model.partners}
    for position, target in enumerate(element.enhances):
        path: Path = (*base, "enhances", position)
        if target in element.enhances[:position]:
            problems.append(Problem(path, f"{where} lists {target!r} twice in 'enhances'"))
            continue
        found = _link_problems(stage, element, target, path, where, "enhances", elements, partners)
        if found:
            problems += found
            continue
        target_stage, target_index = elements[target]
        enhanced = model.stage_elements(target_stage)[target_index]
        if not isinstance(enhanced, Contribution):
            problems.append(
                Problem(
                    path,
                    f"{where} enhances {target_stage.singular} {target!r}: enhances links go to "
                    "a partner's own input, activity or output; use leads_to for outcomes",
                )
            )
        elif model.is_collaborative(enhanced):
            problems.append(
                Problem(
                    path,
                    f"{where} enhances {target!r}, which is collaborative too: enhances links go "
                    "from a joint contribution to a single partner's own; use leads_to",
                )
            )
    return problems


def _acyclic(model: LogicModel, elements: dict[str, tuple[Stage, int]]) -> bool:
    """Return True when no links form a cycle, from the links within each stage alone.

    Once every link is known and none runs backward (the other rules), a cycle can only run
    within one stage, and few links do: a topological sort of those settles it.
    """
    successors: dict[str, list[str]] = {}
    indegree: dict[str, int] = {}
    for stage, element in model.elements():
        targets = list(element.leads_to)
        if isinstance(element, Contribution):
            targets += element.enhances
        within = [t for t in targets if elements[t][0] is stage]
        if within:
            successors[element.id] = within
            for target in within:
                indegree[target] = indegree.get(target, 0) + 1
    ready = [node for node in successors if node not in indegree]
    sorted_count = 0
    while ready:
        node = ready.pop()
        sorted_count += 1
        for target in successors.get(node, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return sorted_count == len(successors.keys() | indegree.keys())


def _cycle_problems(model: LogicModel, elements: dict[str, tuple[Stage, int]]) -> list[Problem]:
    """Return one problem per cycle found, naming the elements around it."""
    if _acyclic(model, elements):
        return []
    successors: dict[str, list[str]] = {}
    for _, element in model.elements():
        targets = list(element.leads_to)
        if isinstance(element, Contribution):
            targets += element.enhances
        successors[element.id] = targets
    # Iterative depth-first search: a 100,000-element chain must not hit the recursion limit.
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    problems: list[Problem] = []
    for root in successors:
        if root in state:
            continue
        path: list[str] = [root]
        iterators = [iter(successors[root])]
        state[root] = 1
        while iterators:
            nxt = next(iterators[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iterators.pop()
            elif state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                stage, index = elements[cycle[0]]
                element = model.stage_elements(stage)[index]
                field = "leads_to" if cycle[1] in element.leads_to else "enhances"
                link = getattr(element, field).index(cycle[1])
                problems.append(
                    Problem(
                        (stage.value, index, field, link),
                        "cycle: " + " -> ".join(cycle),
                    )
                )
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                iterators.append(iter(successors[nxt]))
    return problems


__all__ = [
    "link_fault",
    "verify_link_choice",
    "Problem",
    "STAGE_FLOW",
    "describe",
    "did_you_mean",
    "NO_FRAMEWORK",
    "find_problems",
    "framework_problems",
    "verify_category",
]
