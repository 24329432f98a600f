"""The `new` interview: ask, outcome first, for each answer the options left out, checking each
answer as it is given and asking again with the reason, so that no slip loses the answers.
Working back from the outcomes it asks for outputs and activities, and for each what it leads
to, chosen by number from a list of what comes after it.

It asks through two callables, `ask(question, default) -> answer` and `say(text)`, so that the
command line passes click's prompt and a test passes a list of answers.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from logicmodel.editing.build import PARTNERSHIP_TYPES, new, parse_contribution, parse_partner, slug
from logicmodel.editing.layer import STAGES, Draft, EditError
from logicmodel.fileformat.rules import did_you_mean
from logicmodel.models import ALL_PARTNERS, Partner

# Ask a question with a default ("" when there is none) and return the answer as typed.
Ask = Callable[[str, str], str]
Say = Callable[[str], None]
Contribution = tuple[str | list[str], str] | str


@dataclass
class Answers:
    """What `new` is told: from options first, then from the interview."""

    title: str | None = None
    area: str | None = None
    name: str | None = None
    type: str | None = None
    focus: str | None = None
    vision: str | None = None
    lead: str | None = None
    ultimate: str | None = None
    partners: list[tuple[str, str]] = field(default_factory=list)
    intermediate: list[str] = field(default_factory=list)
    interim: list[str] = field(default_factory=list)
    activities: list[Contribution] = field(default_factory=list)
    outputs: list[Contribution] = field(default_factory=list)
    # What an activity or output leads to, by its label: (source, target) labels or ids. A
    # source named here leads to these only, not to every outcome nearest to it.
    links: list[tuple[str, str]] = field(default_factory=list)
    gains: dict[str, str] = field(default_factory=dict)

    def add_partners(self, texts: Iterable[str]) -> None:
        """Add partners given as 'id=Name' or a name alone."""
        for text in texts:
            self.partners.append(parse_partner(text, self.partner_ids()))

    def add_links(self, texts: Iterable[str]) -> None:
        """Add links given as 'SOURCE=TARGET' (labels or ids); raise EditError for one without
        both halves."""
        for text in texts:
            source, equals, target = text.partition("=")
            if not equals or not source.strip() or not target.strip():
                raise EditError(f"{text!r}: write SOURCE=TARGET")
            self.links.append((source.strip(), target.strip()))

    def add_gains(self, texts: Iterable[str]) -> None:
        """Add gains given as 'OUTCOME=TEXT'; raise EditError for one without both halves."""
        for text in texts:
            outcome, equals, gain = text.partition("=")
            if not equals or not outcome.strip() or not gain.strip():
                raise EditError(f"{text!r}: write OUTCOME=TEXT")
            self.gains[outcome.strip()] = gain.strip()

    def partner_ids(self) -> list[str]:
        """Return the partners' ids, in the order given."""
        return [ident for ident, _ in self.partners]

    @property
    def complete(self) -> bool:
        """Return whether there is enough for a model: a title and a partner."""
        return bool(self.title) and bool(self.partners)

    def draft(self, fmt: str = "yaml", path: str | None = None) -> Draft:
        """Return the new model these answers make, as a draft to check and save."""
        draft = new(
            str(self.title),
            partners=self.partners,
            area=self.area or None,
            name=self.name or None,
            type=self.type or None,
            focus=self.focus or None,
            vision=self.vision or None,
            lead=self.lead or None,
            ultimate=self.ultimate or None,
            intermediate=self.intermediate,
            interim=self.interim,
            activities=self.activities,
            gains=self.gains,
            fmt=fmt,
            path=path,
        )
        _add_outputs(draft, self.outputs)
        _relink(draft, self.links)
        return draft

    def as_command(self, file: str) -> str:
        """Return the `logicmodel new` command line that gives these answers again."""
        words = ["logicmodel", "new", file, "--no-interactive"]
        for option in ("title", "area", "name", "type", "focus", "vision", "lead", "ultimate"):
            value = getattr(self, option)
            if value:
                words += [f"--{option}", value]
        words += [w for ident, name in self.partners for w in ("--partner", f"{ident}={name}")]
        words += [w for text in self.intermediate for w in ("--intermediate", text)]
        words += [w for text in self.interim for w in ("--interim", text)]
        words += [w for item in self.activities for w in ("--activity", _activity_text(item))]
        words += [w for item in self.outputs for w in ("--output", _activity_text(item))]
        words += [w for pair in self.links for w in ("--link", "=".join(pair))]
        words += [w for pair in self.gains.items() for w in ("--gain", "=".join(pair))]
        return shlex.join(words)


def interview(answers: Answers, ask: Ask, say: Say) -> Answers:
    """Ask for each answer not given yet, outcome first; return the answers, completed."""
    given_outcomes = bool(answers.ultimate or answers.intermediate or answers.interim)
    _ask_partnership(answers, ask, say)
    if not answers.partners:
        _ask_partners(answers, ask, say)
    if answers.lead is None:
        ids = answers.partner_ids()
        answers.lead = _ask_checked(
            ask, say, f"Lead partner ({', '.join(ids)})", ids[0], lambda a: partner_id(a, answers)
        )
    if not given_outcomes:
        _ask_outcomes(answers, ask, say)
    if not answers.activities and not answers.outputs:
        _ask_contributions(answers, ask, say)
    if not answers.gains:
        _ask_gains(answers, ask)
    return answers


def partner_id(word: str, answers: Answers) -> str:
    """Return the id of the partner a word names: its id or name, in any case; else EditError."""
    ids = answers.partner_ids()
    if word in ids:
        return word
    folded = {ident.casefold(): ident for ident in ids}
    folded.update({name.casefold(): ident for ident, name in answers.partners})
    if word.casefold() in folded:
        return folded[word.casefold()]
    starting = [ident for ident in ids if ident.casefold().startswith(word.casefold())]
    hint = did_you_mean(word, ids)
    if not hint:
        listed = ", ".join(ids)
        hint = (
            f" (did you mean {starting[0]!r}?)" if len(starting) == 1 else f" (partners: {listed})"
        )
    raise EditError(f"unknown partner {word!r}{hint}")


def contributors(text: str, answers: Answers) -> str | list[str]:
    """Return who makes a contribution from 'all' or partners named and joined by ',' or '+'."""
    words = [w.strip() for w in text.replace("+", ",").split(",") if w.strip()]
    if not words or [w.casefold() for w in words] == [ALL_PARTNERS]:
        return ALL_PARTNERS
    ids = list(dict.fromkeys(partner_id(word, answers) for word in words))
    return ids[0] if len(ids) == 1 else ids


def _ask_checked(
    ask: Ask, say: Say, question: str, default: str, check: Callable[[str], str]
) -> str:
    """Return an answer as `check` makes it, asking again, with the reason, until it passes."""
    while True:
        answer = ask(question, default).strip()
        try:
            return check(answer)
        except EditError as error:
            say(f"{error}; try again.")


def _required(what: str) -> Callable[[str], str]:
    """Return a check that refuses a blank answer."""

    def check(answer: str) -> str:
        if not answer:
            raise EditError(f"{what} is needed")
        return answer

    return check


def _partnership_type(answer: str) -> str:
    """Return a partnership type from an answer in any case, or raise EditError."""
    if answer.casefold() in PARTNERSHIP_TYPES:
        return answer.casefold()
    hint = did_you_mean(answer.casefold(), PARTNERSHIP_TYPES)
    raise EditError(f"{answer!r} is not a type{hint or ': ' + ', '.join(PARTNERSHIP_TYPES)}")


def _ask_partnership(answers: Answers, ask: Ask, say: Say) -> None:
    """Ask for the partnership's title, area, name, type, focus and vision, as not given."""
    say("The partnership first.")
    if answers.title is None:
        answers.title = _ask_checked(
            ask,
            say,
            "Title of the model (what the partnership works for)",
            "",
            _required("a title"),
        )
    if answers.area is None:
        answers.area = ask("Area it covers (optional)", "").strip()
    if answers.name is None:
        answers.name = ask("Name of the partnership", answers.title).strip()
    if answers.type is None:
        question = f"Type ({', '.join(PARTNERSHIP_TYPES)})"
        answers.type = _ask_checked(ask, say, question, "strategic", _partnership_type)
    if answers.focus is None:
        answers.focus = ask("The partners' agreed focus (optional)", "").strip()
    if answers.vision is None:
        answers.vision = ask("Their shared vision (optional)", "").strip()


def _ask_partners(answers: Answers, ask: Ask, say: Say) -> None:
    """Ask for partners one at a time until a blank answer, and at least one."""
    say("Partners, one at a time: id=Name, or just the name; a blank line ends.")

    def check(answer: str) -> str:
        if answer:
            ident, name = parse_partner(answer, answers.partner_ids())
            if ident in answers.partner_ids() or ident == ALL_PARTNERS:
                raise EditError(f"a partner's id is {ident!r} already")
            _check_partner(ident, name)
        elif not answers.partners:
            raise EditError("a model needs at least one partner")
        return answer

    while answer := _ask_checked(ask, say, "Partner", "", check):
        answers.add_partners([answer])


def _check_partner(ident: str, name: str) -> None:
    """Raise EditError, with the file format's reason, for a partner the format refuses."""
    from pydantic import ValidationError

    try:
        Partner(id=ident, name=name)
    except ValidationError as error:
        reasons = [
            str(fault.get("ctx", {}).get("error") or fault["msg"]) for fault in error.errors()
        ]
        raise EditError("; ".join(reasons)) from None


def _ask_outcomes(answers: Answers, ask: Ask, say: Say) -> None:
    """Ask for the ultimate outcome, then the intermediate and interim ones leading to it."""
    say("Now the outcomes, from the long term back; a blank line ends each list.")
    if answers.ultimate is None:
        answers.ultimate = ask("Ultimate outcome: the long-term change (optional)", "").strip()
    answers.intermediate += _ask_many(ask, "Intermediate outcome leading to it")
    answers.interim += _ask_many(ask, "Interim (short-term) outcome leading to those")


def _ask_many(ask: Ask, question: str) -> list[str]:
    """Return answers to one question, asked until a blank answer."""
    found: list[str] = []
    while answer := ask(question, "").strip():
        found.append(answer)
    return found


def _ask_contributions(answers: Answers, ask: Ask, say: Say) -> None:
    """Ask for outputs, then activities, working back from the outcomes: for each, who makes it
    and what it leads to, chosen from a numbered list of what comes after it."""
    outcomes = [*answers.interim, *answers.intermediate, *filter(None, [answers.ultimate])]
    nearest = answers.interim or answers.intermediate or list(filter(None, [answers.ultimate]))
    say("Then the outputs: what the partners' work delivers (none is fine).")
    _ask_stage(answers, ask, say, "Output", answers.outputs, outcomes, nearest)
    say("Then the activities, working back from those.")
    outputs = [item[1] for item in answers.outputs if not isinstance(item, str)]
    _ask_stage(
        answers, ask, say, "Activity", answers.activities, outputs + outcomes, outputs or nearest
    )


def _ask_stage(
    answers: Answers,
    ask: Ask,
    say: Say,
    what: str,
    found: list[Contribution],
    onward: list[str],
    usual: list[str],
) -> None:
    """Ask for contributions of one stage until a blank answer: label, who, and what each
    leads to from the numbered `onward` list (`usual` as the default)."""
    question = "By (partner ids or names joined by ',', or all)"
    listed = False
    while label := ask(what, "").strip():
        by = _ask_checked(ask, say, question, ALL_PARTNERS, lambda a: _by_text(a, answers))
        found.append((contributors(by, answers), label))
        if not onward:
            continue
        if not listed:
            say("It can lead to: " + "; ".join(f"{n}. {t}" for n, t in enumerate(onward, 1)))
            listed = True
        default = ",".join(str(onward.index(t) + 1) for t in usual if t in onward)
        chosen = _ask_checked(
            ask, say, "Leads to (numbers joined by ',')", default, lambda a: _chosen(a, onward)
        )
        answers.links += [(label, onward[int(n) - 1]) for n in chosen.split(",") if n]


def _chosen(answer: str, onward: list[str]) -> str:
    """Return the numbers an answer picks from a list, as '1,3'; or raise EditError."""
    numbers = []
    for word in answer.replace(" ", ",").split(","):
        if not word:
            continue
        if not word.isdigit() or not 1 <= int(word) <= len(onward):
            raise EditError(f"{word!r} is not on the list: give numbers from 1 to {len(onward)}")
        numbers.append(word)
    return ",".join(dict.fromkeys(numbers))


def _by_text(answer: str, answers: Answers) -> str:
    """Return an answer to 'By', once every partner it names is known."""
    contributors(answer, answers)
    return answer


def _ask_gains(answers: Answers, ask: Ask) -> None:
    """Ask what working together adds to the nearest outcomes, when there is joint work."""
    joint = any(
        not isinstance(item, str) and (item[0] == ALL_PARTNERS or isinstance(item[0], list))
        for item in [*answers.activities, *answers.outputs]
    )
    if not joint:
        return
    nearest = answers.interim or answers.intermediate or [answers.ultimate or ""]
    for outcome in filter(None, nearest):
        question = f"What does working together add to {outcome!r}? (its gain; optional)"
        gain = ask(question, "").strip()
        if gain:
            answers.gains[outcome] = gain


def _add_outputs(draft: Draft, outputs: list[Contribution]) -> None:
    """Add outputs to a new model, each leading to the outcomes nearest to it."""
    if not outputs:
        return
    data = draft.data
    nearest = next(
        (
            [e["id"] for e in data.get(s) or []]
            for s in ("interim", "intermediate", "ultimate")
            if data.get(s)
        ),
        [],
    )
    for item in outputs:
        by, label = parse_contribution(item, draft.partner_ids()) if isinstance(item, str) else item
        ident = slug(label, [*draft.element_ids(), *draft.partner_ids()])
        draft.add("outputs", ident, label, by=by, leads_to=nearest)


def _relink(draft: Draft, links: list[tuple[str, str]]) -> None:
    """Make each source named in `links` lead to its targets only (labels or ids)."""
    ids = {str(e.get("label")): str(e["id"]) for s in STAGES for e in draft.data.get(s) or []}
    ids.update({ident: ident for ident in draft.element_ids()})

    def element(name: str) -> str:
        if name not in ids:
            raise EditError(f"no element {name!r} to link{did_you_mean(name, ids)}")
        return ids[name]

    wanted: dict[str, list[str]] = {}
    for source, target in links:
        wanted.setdefault(element(source), []).append(element(target))
    for source, targets in wanted.items():
        stage, index = draft.element_ids()[source]
        chosen = list(dict.fromkeys(targets))
        if (draft.data[stage][index].get("leads_to") or []) == chosen:
            continue
        for old in list(draft.data[stage][index].get("leads_to") or []):  # then in the order given
            draft.unlink(source, old)
        for target in chosen:
            draft.link(source, target)


def _activity_text(item: Contribution) -> str:
    """Return an activity as `--activity` takes it: BY=Label."""
    if isinstance(item, str):
        return item
    by, label = item
    return f"{by if isinstance(by, str) else ','.join(by)}={label}"


__all__ = ["Answers", "Ask", "Say", "contributors", "interview", "partner_id"]
