"""Stream records out of an official XML list without trusting the file.

Lists are downloaded from the internet, so an XML file may be hostile: a DOCTYPE with
nested entities (billion laughs), an external entity pointing at a local file, or a DTD
to be fetched over the network.  No official list uses a DTD, so any DOCTYPE is refused
outright, and the parser is also configured never to resolve entities, load a DTD or touch
the network.  Records are parsed with ``iterparse`` and cleared once handled, so memory
stays bounded by one record whatever the file size.  Every syntax error becomes a
:class:`SourceError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from uavscreen.sources.base import SourceError
from uavscreen.sources.fileio import open_binary, read_head

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def local_name(element: etree._Element) -> str:
    """The tag without its namespace (``{http://…/export}nameAlias`` → ``nameAlias``)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _refuse_dtd(path: Path) -> None:
    head = read_head(path)
    for pattern, what in ((_DOCTYPE, "DOCTYPE"), (_ENTITY, "ENTITY declaration")):
        found = pattern.search(head)
        if found is not None:
            line = head.count(b"\n", 0, found.start()) + 1
            raise SourceError(
                path, f"line {line}",
                f"{what} refused: official lists carry no DTD, and DTDs enable entity-expansion "
                "and external-fetch attacks",
            )


def _refuse_doctype(path: Path, root: etree._Element) -> None:
    """Second line of defence for a DOCTYPE pushed beyond the scanned head."""
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise SourceError(path, "line 1", "DOCTYPE refused: official lists carry no DTD")


def _strip_namespaces(element: etree._Element) -> None:
    for el in element.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = el.tag.rsplit("}", 1)[-1]


def iter_records(path: Path, tags: set[str]) -> Iterator[tuple[etree._Element, dict[str, str]]]:
    """Yield each complete element whose local name is in ``tags``, namespaces stripped,
    together with the root element's attributes (where lists keep their date).

    The element is only valid until the next one is requested (it is cleared to keep
    memory bounded)."""
    _refuse_dtd(path)
    root_attrs: dict[str, str] = {}
    depth = 0
    fh = open_binary(path)
    try:
        parser = etree.iterparse(
            fh, events=("start", "end"), resolve_entities=False, no_network=True,
            load_dtd=False, dtd_validation=False, huge_tree=False, remove_comments=True,
            remove_pis=True,
        )
        for event, element in parser:
            if event == "start":
                if depth == 0:
                    _refuse_doctype(path, element)
                    root_attrs = {str(k): str(v) for k, v in element.attrib.items()}
                depth += 1
                continue
            depth -= 1
            if local_name(element) not in tags:
                continue
            _strip_namespaces(element)
            yield element, root_attrs
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise SourceError(path, f"line {line}" if line else None, f"malformed XML: {exc.msg}") from exc
    except (OSError, EOFError) as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc
    finally:
        fh.close()


def root_attributes(path: Path) -> dict[str, str]:
    """Attributes of the root element (read from the first start tag only)."""
    _refuse_dtd(path)
    fh = open_binary(path)
    try:
        for _event, element in etree.iterparse(
            fh, events=("start",), resolve_entities=False, no_network=True, load_dtd=False,
        ):
            _refuse_doctype(path, element)
            return {str(k): str(v) for k, v in element.attrib.items()}
    except etree.XMLSyntaxError as exc:
        raise SourceError(path, f"line {exc.lineno}", f"malformed XML: {exc.msg}") from exc
    finally:
        fh.close()
    raise SourceError(path, None, "empty XML document")


def text(element: etree._Element | None) -> str | None:
    """Stripped text of an element, None when missing or blank."""
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None


def child_text(element: etree._Element, tag: str) -> str | None:
    return text(element.find(tag))


def location(element: etree._Element, key: str | None = None) -> str:
    """Where a record is, for errors: ``element <INDIVIDUAL> at line 9 (IRe.001)``."""
    where = f"element <{local_name(element)}> at line {element.sourceline}"
    return f"{where} ({key})" if key else where
