"""Comparing a kiosk wire model with its schema in the server's OpenAPI (the rules are in
test_wire_models.py's docstring). Both sides become the same small type terms:

    ("string", format) ("integer",) ("number",) ("boolean",) ("null",) ("any",) ("decimal",)
    ("array", term) ("tuple", (term, ...)) ("object", term) ("ref", schema name)

where a term is a frozenset of such atoms (its alternatives).
"""

import importlib
import inspect
import pkgutil
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

import kiosk.api

REPLY, REQUEST = "reply", "request"
ANY = frozenset({("any",)})
NULL = ("null",)
REF = "#/components/schemas/"


# -- the kiosk's models ----------------------------------------------------------------------------
def kiosk_models() -> list[type[BaseModel]]:
    """Every pydantic model defined in a module of kiosk/api."""
    found = []
    for info in pkgutil.iter_modules(kiosk.api.__path__, "kiosk.api."):
        module = importlib.import_module(info.name)
        found += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, BaseModel) and cls.__module__ == module.__name__]
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def declared(model: type[BaseModel]) -> tuple[bool, str | None]:
    """(whether the model itself declares `server_schema`, and the name it declares)."""
    return "server_schema" in vars(model), vars(model).get("server_schema")


def kiosk_term(annotation: Any) -> frozenset:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is Any:
        return ANY
    if annotation is type(None):
        return frozenset({NULL})
    if origin in (typing.Union, types.UnionType):
        return frozenset().union(*(kiosk_term(a) for a in args))
    if origin is Literal:
        return frozenset().union(*(kiosk_term(type(a)) for a in args))
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return frozenset({("ref", annotation)})
    if origin is list or annotation is list:
        return frozenset({("array", kiosk_term(args[0]) if args else ANY)})
    if origin is tuple:
        return frozenset({("tuple", tuple(kiosk_term(a) for a in args))})
    if origin is dict or annotation is dict:
        return frozenset({("object", kiosk_term(args[1]) if args else ANY)})
    simple = {str: ("string", None), int: ("integer",), float: ("number",), bool: ("boolean",),
              Decimal: ("decimal",), datetime: ("string", "date-time"), date: ("string", "date")}
    if annotation in simple:
        return frozenset({simple[annotation]})
    raise TypeError(f"no wire type for {annotation!r}")


# -- the server's schemas -----------------------------------------------------------------------------
def server_term(schema: Any) -> frozenset:
    if schema is True or schema == {}:
        return ANY
    if "$ref" in schema:
        return frozenset({("ref", schema["$ref"].removeprefix(REF))})
    if "anyOf" in schema or "oneOf" in schema:
        return frozenset().union(*(server_term(s) for s in schema.get("anyOf",
                                                                        schema.get("oneOf"))))
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:
            return frozenset({("tuple", tuple(server_term(s) for s in schema["prefixItems"]))})
        return frozenset({("array", server_term(schema.get("items", True)))})
    if kind == "object":
        return frozenset({("object", server_term(schema.get("additionalProperties", True)))})
    if kind == "string":
        fmt = schema.get("format")
        return frozenset({("string", fmt if fmt in ("date", "date-time") else None)})
    if kind in ("integer", "number", "boolean", "null"):
        return frozenset({(kind,)})
    if kind is None:
        return ANY
    raise TypeError(f"no wire type for {schema!r}")


def usage(openapi: dict) -> dict[str, set[str]]:
    """Each component schema's directions: sent in a request body, sent in a reply, or both."""
    schemas, used = openapi["components"]["schemas"], {}

    def walk(node: Any, direction: str) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref", "").removeprefix(REF)
            if ref and direction not in used.setdefault(ref, set()):
                used[ref].add(direction)
                walk(schemas[ref], direction)
            for value in node.values():
                walk(value, direction)
        elif isinstance(node, list):
            for value in node:
                walk(value, direction)

    for operations in openapi["paths"].values():
        for op in operations.values():
            walk(op.get("requestBody", {}), REQUEST)
            walk(op.get("responses", {}), REPLY)
    return used


def resolve(openapi: dict, name: str, direction: str) -> str | None:
    """The component for a declared name (FastAPI splits X into X-Input/X-Output when the two
    differ)."""
    schemas = openapi["components"]["schemas"]
    suffixed = f"{name}-{'Output' if direction == REPLY else 'Input'}"
    return suffixed if suffixed in schemas else name if name in schemas else None


# -- the comparison ---------------------------------------------------------------------------------------
def accepts(receiver: tuple, sender: tuple, openapi: dict, direction: str) -> bool:
    """Whether a value of the sender's atom is valid for the receiver's atom."""
    if receiver == ("any",):
        return True
    kiosk_side = receiver if direction == REPLY else sender
    server_side = sender if direction == REPLY else receiver
    if kiosk_side == ("decimal",):  # amounts travel as decimal strings
        return server_side in {("string", None), ("number",)}
    if receiver == ("number",) and sender == ("integer",):
        return True
    if receiver[0] != sender[0]:
        return False
    if receiver[0] == "ref":
        model, name = kiosk_side[1], server_side[1]
        return resolve(openapi, declared(model)[1] or "", direction) == name
    if receiver[0] in ("array", "object"):
        return not term_problems(kiosk_side[1], server_side[1], openapi, direction)
    if receiver[0] == "tuple":
        return len(receiver[1]) == len(sender[1]) and not any(
            term_problems(k, s, openapi, direction)
            for k, s in zip(kiosk_side[1], server_side[1], strict=True))
    return receiver == sender


def term_problems(kiosk: frozenset, server: frozenset, openapi: dict, direction: str
                  ) -> list[str]:
    """What the sender may send that the receiver would refuse."""
    senders, receivers = (server, kiosk) if direction == REPLY else (kiosk, server)
    if direction == REQUEST and ("decimal",) in kiosk:  # the server must take "12.50" or 12.5
        if not {("string", None), ("number",)} <= server:
            return ["a decimal the server does not take as a string or a number"]
        senders = senders - {("decimal",)}
    return [f"{show(atom)} not accepted" for atom in senders
            if not any(accepts(r, atom, openapi, direction) for r in receivers)]


def show(atom: tuple) -> str:
    if atom[0] == "ref":
        return atom[1] if isinstance(atom[1], str) else atom[1].__name__
    if atom[0] == "string":
        return atom[1] or "string"
    if atom[0] in ("array", "object"):
        return f"{atom[0]} of {'|'.join(sorted(show(a) for a in atom[1]))}"
    if atom[0] == "tuple":
        return f"tuple of {len(atom[1])}"
    return atom[0]


def compare(model: type[BaseModel], openapi: dict, direction: str) -> list[str]:
    """Why the kiosk model and its server schema disagree (empty: they agree)."""
    name = resolve(openapi, declared(model)[1] or "", direction)
    if name is None:
        return [f"{model.__name__}: the server has no schema {declared(model)[1]!r}"]
    schema = openapi["components"]["schemas"][name]
    fields, required = schema.get("properties", {}), set(schema.get("required", []))
    problems = []
    for field_name, field in model.model_fields.items():
        where = f"{model.__name__}.{field_name} ({direction})"
        if field_name not in fields:
            problems.append(f"{where}: the server has no such field")
            continue
        if direction == REPLY and field.is_required() and field_name not in required:
            problems.append(f"{where}: the kiosk requires it, the server may leave it out")
        problems += [f"{where}: {p}" for p in term_problems(
            kiosk_term(field.annotation), server_term(fields[field_name]), openapi, direction)]
    if direction == REQUEST:
        problems += [f"{model.__name__}.{f} ({direction}): the server requires it, the kiosk "
                     f"never sends it" for f in sorted(required - set(model.model_fields))]
    return problems


def check(models: list[type[BaseModel]], openapi: dict, exempt: dict[str, str]) -> list[str]:
    """Every model against its counterpart, in every direction the server uses it."""
    used, problems = usage(openapi), []
    for model in models:
        has, name = declared(model)
        if not has:
            problems.append(f"{model.__name__}: declares no server_schema")
            continue
        if name is None:
            if model.__name__ not in exempt:
                problems.append(f"{model.__name__}: no counterpart, and not listed as exempt")
            continue
        directions = {d for d in (REPLY, REQUEST) if (resolve(openapi, name, d) or "") in used
                      and d in used[resolve(openapi, name, d)]}
        if not directions:
            problems.append(f"{model.__name__}: {name!r} is not in the server's API")
        for direction in sorted(directions):
            problems += compare(model, openapi, direction)
    return problems
