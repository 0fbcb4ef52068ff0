"""The shared kernel: value types every domain may use. Platform code: no ORM, no domain."""
