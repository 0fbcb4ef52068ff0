"""The cryptography of the neighbourhood elections, shared by the kiosk (which encrypts and
proves), the server (which checks and tallies) and anyone who verifies a published record.

It imports only the standard library and PyNaCl (libsodium), never `server`, `kiosk` or
`screens`: the verifier must run from the record alone. docs/elections.md is the protocol.
"""
