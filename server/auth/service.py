"""Logins (card, PIN, staff password) and the sessions they open, as other domains see them."""

from server.auth.login import card_login, issue_challenge, pin_login, staff_login
from server.auth.sessions import (
    SessionRef,
    act_for,
    authenticate,
    check,
    find,
    logout,
    session_out,
    slide,
    stop_acting,
)

__all__ = ["SessionRef", "act_for", "authenticate", "card_login", "check", "find",
           "issue_challenge", "logout", "pin_login", "session_out", "slide", "staff_login",
           "stop_acting"]
