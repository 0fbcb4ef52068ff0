"""What people read about the council, Spanish first."""

from server.kernel.text import Text

KIND = {
    "ordinaria": Text(es="Sesión ordinaria", en="Ordinary session"),
    "extraordinaria": Text(es="Sesión extraordinaria", en="Extraordinary session"),
    "solemne": Text(es="Sesión solemne", en="Solemn session"),
}
STATE = {
    "convocada": Text(es="convocada", en="convened"),
    "segunda_citacion": Text(es="sin quórum: segunda citación", en="no quorum: second call"),
    "en_curso": Text(es="en curso", en="in progress"),
    "concluida": Text(es="concluida", en="concluded"),
    "fallida": Text(es="no se realizó por falta de quórum", en="not held for lack of quorum"),
}
SECTION = {
    "acta": Text(es="Aprobación del acta anterior", en="Approval of the previous minutes"),
    "despacho": Text(es="Despacho", en="Correspondence"),
    "informes": Text(es="Informes", en="Reports"),
    "pedidos": Text(es="Pedidos", en="Requests"),
    "orden_del_dia": Text(es="Orden del día", en="Order of the day"),
}
OPTION = {
    "a_favor": Text(es="a favor", en="yes"),
    "en_contra": Text(es="en contra", en="no"),
    "abstencion": Text(es="abstención", en="abstain"),
    "ausente": Text(es="ausente", en="absent"),
}
MAJORITY = {
    "simple": Text(es="mayoría simple", en="simple majority"),
    "absoluta": Text(es="mayoría absoluta", en="absolute majority"),
    "dos_tercios": Text(es="dos tercios", en="two thirds"),
}
RESULT = {
    "aprobado": Text(es="aprobado", en="approved"),
    "desaprobado": Text(es="desaprobado", en="rejected"),
}
AGREEMENT_KIND = {
    "acuerdo": Text(es="Acuerdo de Concejo", en="Council agreement"),
    "ordenanza": Text(es="Ordenanza Municipal", en="Municipal ordinance"),
}
