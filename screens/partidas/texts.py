"""The words the Partidas screens share (Spanish msgids)."""


from kiosk.i18n import N_, _

KIND_LABELS = {"birth": N_("Nacimiento"), "marriage": N_("Matrimonio"), "death": N_("Defunción")}
ROLE_LABELS = {"inscrito": N_("inscrito"), "madre": N_("madre"), "padre": N_("padre"),
               "contrayente": N_("contrayente"), "testigo": N_("testigo"),
               "fallecido": N_("fallecido"), "declarante": N_("declarante"),
               "celebrante": N_("celebrante")}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def role_label(role: str | None) -> str:
    return _(ROLE_LABELS.get(role, role)) if role else ""
