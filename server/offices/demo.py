"""Demo offices of a district municipality (real-looking, not the ordinance in force)."""

from pathlib import Path

from sqlalchemy.orm import Session

from server.offices.directory import upsert

ORDER = 40
OFFICES = [  # code, Spanish, English, address, hours, phone, what it handles (search words)
    ("MP", "Mesa de Partes y Trámite Documentario", "Front Desk and Document Processing",
     "Av. José Larco 400, 1.er piso", "Lun-Vie 8:00-16:30", "617-7272 anexo 1101",
     "recepción de documentos expedientes cargo solicitudes"),
    ("SGLC", "Subgerencia de Licencias y Comercialización", "Business Licences Office",
     "Av. José Larco 400, 2.º piso", "Lun-Vie 8:00-16:30", "617-7272 anexo 1210",
     "licencia funcionamiento negocio comercio anuncios publicidad ambulante"),
    ("SGOP", "Subgerencia de Obras Privadas", "Private Works Office",
     "Calle Diez Canseco 194", "Lun-Vie 8:00-16:30", "617-7272 anexo 1320",
     "edificación construcción demolición conformidad obra parámetros numeración"),
    ("SGCAT", "Subgerencia de Catastro", "Cadastre Office",
     "Calle Diez Canseco 194", "Lun-Vie 8:00-16:30", "617-7272 anexo 1330",
     "catastro numeración jurisdicción planos"),
    ("SGDC", "Subgerencia de Defensa Civil", "Civil Defence Office",
     "Av. Reducto 1306", "Lun-Vie 8:00-16:30", "617-7272 anexo 1450",
     "inspección técnica seguridad ITSE riesgo"),
    ("SG", "Secretaría General", "General Secretariat",
     "Av. José Larco 400, 3.er piso", "Lun-Vie 8:00-16:30", "617-7272 anexo 1010",
     "acceso información pública transparencia copias"),
    ("GSC", "Gerencia de Servicios a la Ciudad", "City Services",
     "Av. Ricardo Palma 320", "Lun-Dom 24 horas (central)", "617-7272 anexo 1600",
     "limpieza parques alumbrado baches residuos veredas"),
    ("SGRC", "Subgerencia de Registro Civil", "Civil Registry",
     "Av. José Larco 400, 1.er piso", "Lun-Sáb 8:00-13:00", "617-7272 anexo 1120",
     "partidas matrimonio nacimiento defunción"),
]


def seed(*, db: Session, data_dir: Path) -> list[str]:
    for code, es, en, address, hours, phone, handles in OFFICES:
        upsert(db=db, code=code, name_es=es, name_en=en, address=address, hours=hours,
               phone=phone, handles_es=handles)
    return []
