"""What the council screens share: times in Lima, a vote's words, the live state of a session
built from its snapshot and then its events."""

from dataclasses import dataclass, field
from datetime import datetime

from kiosk.api.council import LiveEvent, Session
from kiosk.clock import LIMA
from kiosk.i18n import _


def when(moment: datetime) -> str:
    local = moment.astimezone(LIMA)
    return _("{date} a las {time}").format(date=f"{local:%d/%m/%Y}", time=f"{local:%H:%M}")


def option_text(option: str) -> str:
    return {"a_favor": _("a favor"), "en_contra": _("en contra"),
            "abstencion": _("abstención"), "ausente": _("ausente")}.get(option, option)


def state_text(state: str) -> str:
    return {"convocada": _("convocada"), "segunda_citacion": _("sin quórum: segunda citación"),
            "en_curso": _("en curso"), "concluida": _("concluida"),
            "fallida": _("no se realizó por falta de quórum")}.get(state, state)


def result_text(result: str | None) -> str:
    return {"aprobado": _("APROBADO"), "desaprobado": _("DESAPROBADO")}.get(result or "", "")


@dataclass
class LiveState:
    """A session as a kiosk follows it: the snapshot it loaded, then each event applied."""

    code: str
    state: str
    quorum: int
    present: int | None
    item: int | None
    titles: dict[int, str]
    last: int
    votes: dict[str, str] = field(default_factory=dict)  # member name -> option
    result: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, s: Session) -> "LiveState":
        state = cls(code=s.code, state=s.state, quorum=s.quorum, present=s.present,
                    item=s.current_item, titles={i.seq: i.title for i in s.items},
                    last=s.last_event)
        current = s.item(s.current_item)
        if current is not None:
            state.votes = {v.name: v.option for v in current.votes}
            state.result, state.counts = current.result, dict(current.counts or {})
        return state

    def apply(self, event: LiveEvent) -> None:
        if event.id <= self.last:
            return
        self.last = event.id
        data = event.data
        if event.kind == "status":
            self.state = data.get("state", self.state)
            self.quorum = data.get("quorum") or self.quorum
            self.present = data.get("present", self.present)
        elif event.kind == "item":
            self.item, self.votes, self.result, self.counts = data["seq"], {}, None, {}
            self.titles[data["seq"]] = data["title"]
        elif event.kind == "vote" and data.get("seq") == self.item:
            self.votes[data["name"]] = data["option"]
        elif event.kind == "result" and data.get("seq") == self.item:
            self.result, self.counts = data["result"], dict(data.get("counts") or {})

    def tally(self) -> dict[str, int]:
        if self.counts:
            return self.counts
        out = {"a_favor": 0, "en_contra": 0, "abstencion": 0, "ausente": 0}
        for option in self.votes.values():
            out[option] = out.get(option, 0) + 1
        return out
