"""The four sentence labels, in the order that breaks ties (see docs/annotation.md)."""

LABELS: tuple[str, ...] = ("directive", "praise", "attendance", "context")
