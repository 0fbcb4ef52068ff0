from pydantic import BaseModel

from server.kernel.text import Text


class OfficeOut(BaseModel):
    code: str
    name: Text
    address: str
    hours: str
    phone: str
