"""The one native part: sums of edwards25519 points for the tally (election_crypto/_ed25519sum.c,
built by `make install` with the system's C compiler; the pure-Python path stays the reference)."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("election_crypto._ed25519sum", ["election_crypto/_ed25519sum.c"],
                             depends=["election_crypto/_ed25519.h"],
                             extra_compile_args=["-O2"])])
