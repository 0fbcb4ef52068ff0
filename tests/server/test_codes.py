"""Digits-only forms of the codes a resident types back (issue 10, item 10): a verification
code (60 bits: 19 digits + 2 ISO 7064 check digits) and a vote tracker (100 bits: 31 + 2).
Every code has exactly one, it reads back to the same code, and a mistyped digit or two
swapped neighbours are caught, never taken for another code."""

import secrets

from hypothesis import given
from hypothesis import strategies as st

from election_crypto import canonical
from server.documents import issuing

DOC = st.text(alphabet=issuing.ALPHABET, min_size=12, max_size=12).map(
    lambda raw: f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
TRACKER = st.binary(min_size=32, max_size=32).map(lambda b: canonical.short_code(b.hex()))


def _typos(digits: str):
    for i, d in enumerate(digits):  # one digit wrong
        for other in "0123456789":
            if other != d:
                yield digits[:i] + other + digits[i + 1:]
    for i in range(len(digits) - 1):  # two neighbours swapped
        if digits[i] != digits[i + 1]:
            yield digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]


@given(DOC)
def test_a_document_code_and_its_digits(code):
    digits = issuing.code_digits(code)
    assert len(digits) == 21 and digits.isdigit()
    assert issuing.normalise_code(digits) == code
    assert issuing.normalise_code(" ".join(digits[i:i + 3] for i in range(0, 21, 3))) == code
    assert not issuing.mistyped(digits)


@given(TRACKER)
def test_a_tracker_and_its_digits(tracker):
    digits = canonical.tracker_digits(tracker)
    assert len(digits) == 33 and digits.isdigit()
    assert canonical.tracker_from_digits(digits) == tracker


def test_typos_are_caught():
    for _ in range(20):
        code = issuing.new_code()
        digits = issuing.code_digits(code)
        for typo in _typos(digits):
            assert issuing.mistyped(typo), (code, typo)
        tracker = canonical.short_code(secrets.token_hex(32))
        digits = canonical.tracker_digits(tracker)
        for typo in _typos(digits):
            assert canonical.tracker_from_digits(typo) is None, (tracker, typo)
