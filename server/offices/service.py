"""Offices as other domains see them: where files, reports, copies and sessions are routed,
and which staff work there. Procedures, info (and registry, marriages, council, procurement)
route work to an office through these functions and keep only its id or code."""

from server.offices.directory import (
    OfficeRef,
    add_member,
    get,
    get_by_id,
    in_scope,
    is_member,
    list_all,
    members,
    office_out,
    offices_of_staff,
    signature,
    upsert,
)
from server.offices.schemas import OfficeOut

__all__ = ["OfficeOut", "OfficeRef", "add_member", "get", "get_by_id", "in_scope", "is_member",
           "list_all", "members", "office_out", "offices_of_staff", "signature", "upsert"]
