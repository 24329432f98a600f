"""The editing layer's verbs for partners: add, rename and remove one, and the check that a
partner named in an edit (`by`, `lead`) is one, with a did-you-mean that knows partners by
their short names and names too. `Draft` takes these verbs from `PartnerEdits`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from logicmodel.editing.errors import EditError
from logicmodel.editing.fields import (
    CONTRIBUTION_STAGES,
    ELEMENT_KEYS,
    Data,
    as_normal,
    section_items,
)
from logicmodel.editing.moving import insert_item, root_of
from logicmodel.editing.patch import Patcher
from logicmodel.editing.references import ids, place, reference_nodes, references, spelt
from logicmodel.editing.spans import Sequence, Unsupported, resolve
from logicmodel.editing.verb_groups import VerbGroup
from logicmodel.fileformat.confusables import normalise_id
from logicmodel.fileformat.partner_names import named_partner
from logicmodel.fileformat.rules import did_you_mean
from logicmodel.models import ALL_PARTNERS, Partner

if TYPE_CHECKING:
    from typing_extensions import Self

# The fields of every kind that name partners, checked as they are edited.
PARTNER_FIELDS = frozenset({"by", "lead"})


class PartnerEdits(VerbGroup):
    """Edits of the partners, and the check of partners an edit names (mixed into `Draft`)."""

    if TYPE_CHECKING:

        def _after(self, section: str, after: str | None) -> int | None: ...

        def rename(self, old: str, new: str) -> Self: ...

        def rename_kept_lanes(self, old: str, new: str | None) -> Self: ...

        def partner_ids(self) -> list[str]: ...

    def check_partners(self, field: str, value: Any) -> None:
        """Refuse a `by` or `lead` that names no partner, saying which partner was meant
        (by its id, short name or name, in any case); `by: all` is every partner."""
        if field not in PARTNER_FIELDS or value is None or value == ALL_PARTNERS:
            return
        for ident in ids(value):
            if ident != ALL_PARTNERS:  # `all` in a list: the loader says to write it alone
                self._partner(ident, field=field)

    def _partner(self, ident: str, *, field: str = "") -> int:
        """Return a partner's position; raise EditError with a did-you-mean if there is none."""
        ident = normalise_id(ident)
        partners = self.partner_ids()
        if ident not in partners:
            known = [Partner.model_validate(p) for p in self.data.get("partners") or []]
            hint = named_partner(ident, known) or did_you_mean(ident, partners)
            hint = hint or f" (partners: {', '.join(partners)})"
            where = f" in {field!r}" if field else ""
            raise EditError(f"{self.name}: no partner {ident!r}{where}{hint}")
        return partners.index(ident)

    # ------------------------------------------------------------ edits: partners

    def add_partner(
        self,
        id: str,  # noqa: A002 - the file format's word
        name: str,
        *,
        short: str | None = None,
        notes: str | None = None,
        after: str | None = None,
    ) -> Self:
        """Add a partner, after partner `after` or at the end."""
        typed, id = id, normalise_id(id)  # noqa: A001 - the file format's word
        partner: Data = {"id": id, "name": name}
        if short is not None:
            partner["short"] = short
        if notes is not None:
            partner["notes"] = notes
        position = self._after("partners", after)

        def change(data: Data) -> None:
            items = section_items(data, "partners")
            items.insert(len(items) if position is None else position + 1, dict(partner))

        def patch(patcher: Patcher) -> None:
            insert_item(patcher, "partners", position, partner)

        summary = f"added partner {id!r} ({name}){as_normal(typed, id)}"
        return self._apply(summary, change, patch)

    def rename_partner(self, old: str, new: str) -> Self:
        """Give a partner a new id everywhere it is used."""
        self._partner(old)
        return self.rename(old, new)

    def remove_partner(self, ident: str, *, force: bool = False) -> Self:
        """Remove a partner. Refused while the model names it, unless `force` drops it from
        every `by`, `lead` and cost; a contribution it makes alone must go first."""
        ident = normalise_id(ident)
        index = self._partner(ident)
        uses = list(references(self.data, ident, "partner"))
        named = [u for u in uses if not (u[1] == "id" and u[0] is self.data["partners"][index])]
        alone = [
            element["id"]
            for stage in CONTRIBUTION_STAGES
            for element in self.data.get(stage) or []
            if ids(element.get("by")) == [ident]
        ]
        if alone:
            raise EditError(
                f"{self.name}: partner {ident!r} alone makes {', '.join(map(repr, alone))}: "
                "remove those, or give them other partners (`logicmodel set FILE ID by PARTNER`), "
                "first"
            )
        places = [place(self.data, container, key) for container, key, _ in named]
        if named and not force:
            raise EditError(
                f"{self.name}: partner {ident!r} is named in {', '.join(places)}: use --force "
                "to drop it from each"
            )

        def change(data: Data) -> None:
            for container, key, position in list(references(data, ident, "partner")):
                if key == "id":
                    continue
                if position is None:
                    container.pop(key)
                else:
                    container[key].pop(position)
            data["partners"].pop(index)

        def patch(patcher: Patcher) -> None:
            root = root_of(patcher)
            for _, key, owner in list(reference_nodes(root, ident, "partner")):
                if key.value == "id":
                    continue
                value = resolve(owner.get(key.value))
                if isinstance(value, Sequence):
                    patcher.list_edit(
                        owner, key.value, spelt(owner, key.value, ident), [], ELEMENT_KEYS
                    )
                else:
                    patcher.delete_key(owner, key.value)
            partners = resolve(root.get("partners"))
            if not isinstance(partners, Sequence):
                raise Unsupported("partners that are not a list")
            patcher.delete_item(partners, index)

        self.rename_kept_lanes(ident, None)  # no kept cell names a partner gone
        summary = f"removed partner {ident!r}"
        if named:
            summary += f"; dropped it from {', '.join(places)}"
        return self._apply(summary, change, patch, removes=True)


__all__ = ["PARTNER_FIELDS", "PartnerEdits"]
