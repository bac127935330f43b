"""Front matter read with a bounded YAML loader: a hostile header cannot stall an ingest.

Front matter holds a few flat fields (``title``, ``published``, ``source``, ``url``), so
the loader refuses what such a header never needs and an attacker does: aliases and
anchors (a 400-byte "billion laughs" expands to gigabytes) and headers over
:data:`MAX_FRONT_MATTER_BYTES`. Timestamps stay strings: ``published: 2017-02-30`` is
then a date error naming the file (:func:`frontline.isodate.parse_iso_date`), not a
``ValueError`` raised from inside the YAML library.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_FRONT_MATTER_BYTES = 64_000  # hundreds of times a real header
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class FrontMatterError(ValueError):
    """The header is not the small, plain YAML mapping front matter must be."""


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader without aliases, anchors or implicit timestamps."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise FrontMatterError("front matter uses a YAML alias (*name), which is not allowed")
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:
            raise FrontMatterError("front matter uses a YAML anchor (&name), which is not allowed")
        return super().compose_node(parent, index)


_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_front_matter(text: str) -> Any:
    """The YAML of a front-matter block, bounded in size and without aliases.

    Raises
    ------
    FrontMatterError
        The block is too large or uses an alias or anchor.
    yaml.YAMLError
        The block is not valid YAML.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(f"front matter is {size} bytes, over the "
                               f"{MAX_FRONT_MATTER_BYTES}-byte limit")
    return yaml.load(text, Loader=_BoundedLoader)
