"""The base of every device failure: a stable code and a sentence in Spanish and English."""


class DeviceError(Exception):
    code = "device_error"
    es = "El equipo no respondió."
    en = "The device did not respond."

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.en)

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.es
