"""Why an edit was not made: the editing layer's exceptions."""

from __future__ import annotations


class EditError(Exception):
    """An edit that cannot be done as asked; the message says why and what to do instead."""


class ChangedOnDisk(EditError):
    """The file changed on disk after it was read, so writing would lose someone's changes."""


class ModelLocked(ChangedOnDisk):
    """Another program held the model's lock (it was writing the file) for longer than the
    timeout, so this edit was not made: nothing written. The message names the holder."""


class EditBug(RuntimeError):
    """The edited text does not read back as the edited model: a bug in logicmodel."""


__all__ = ["ChangedOnDisk", "EditBug", "EditError", "ModelLocked"]
