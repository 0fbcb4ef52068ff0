"""Municipal offices: where a procedure is resolved, and the offices a staff member works in.

The server serves them under /procedures for now (offices/ and my-offices); they are their own
domain here because registry, marriages, council and procurement route work to offices too.
"""

from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.text import Text
from kiosk.api.transport import Domain


class Office(BaseModel):
    server_schema: ClassVar[str] = "OfficeOut"

    code: str
    name: Text
    address: str
    hours: str
    phone: str


class Offices(Domain):
    async def all(self) -> list[Office]:
        return await self.transport.get_list("/api/v1/procedures/offices", Office)

    async def mine(self) -> list[Office]:
        """Staff: the offices the logged-in staff member belongs to."""
        return await self.transport.get_list("/api/v1/procedures/my-offices", Office)
