"""Demo TUPA of a district municipality (real-looking, not the ordinance in force), offices,
FAQ, news and the kinds of problems residents report."""

from decimal import Decimal as D

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

_DJ = ("Declaración jurada (formato gratuito)", "Sworn statement (free form)", False)
_FORM = ("Formulario de solicitud firmado", "Signed application form", False)
_FEE = ("Pago del derecho de trámite", "Payment of the procedure fee", False)
_SUNAT = ("Número de RUC y DNI del representante", "RUC number and the representative's DNI",
          False)


def _req(*items):
    return [{"es": es, "en": en, "attachment": att} for es, en, att in items]


# code, es, en, filer, requirements, fields, fee (share of UIT), qualification, days, office,
# authority, legal basis
PROCEDURES = [
    ("LF-01", "Licencia de funcionamiento para establecimientos de riesgo bajo",
     "Operating licence for low-risk premises", "Persona natural o jurídica",
     _req(_FORM, _SUNAT, _DJ, _FEE), [("giro", "Giro del negocio", "Type of business"),
                                      ("direccion", "Dirección del local", "Premises address"),
                                      ("area", "Área en m²", "Area in m²")],
     D("0.0254"), "automatic", 0, "SGLC", "Subgerente de Licencias",
     "Ley 28976, Ley Marco de Licencia de Funcionamiento, arts. 7-8"),
    ("LF-02", "Licencia de funcionamiento para establecimientos de riesgo medio",
     "Operating licence for medium-risk premises", "Persona natural o jurídica",
     _req(_FORM, _SUNAT, _DJ, ("Croquis de ubicación y distribución", "Location and layout sketch",
                               True), _FEE),
     [("giro", "Giro del negocio", "Type of business"),
      ("direccion", "Dirección del local", "Premises address")],
     D("0.0398"), "positive", 4, "SGLC", "Subgerente de Licencias",
     "Ley 28976, arts. 8 y 11; D.S. 163-2020-PCM"),
    ("LF-03", "Licencia de funcionamiento para establecimientos de riesgo alto",
     "Operating licence for high-risk premises", "Persona natural o jurídica",
     _req(_FORM, _SUNAT, _DJ, ("Certificado ITSE previo", "Prior ITSE certificate", True),
          ("Plano de arquitectura", "Architectural plan", True), _FEE),
     [("giro", "Giro del negocio", "Type of business"),
      ("direccion", "Dirección del local", "Premises address")],
     D("0.0901"), "positive", 10, "SGLC", "Subgerente de Licencias", "Ley 28976, art. 8"),
    ("LF-04", "Cese de actividades de licencia de funcionamiento",
     "Closure of an operating licence", "Titular de la licencia",
     _req(_FORM, ("Número de la licencia", "Licence number", False)),
     [("licencia", "Número de licencia", "Licence number")],
     D("0"), "automatic", 0, "SGLC", "Subgerente de Licencias", "Ley 28976, art. 12"),
    ("AN-01", "Autorización de anuncio publicitario simple (adosado a fachada)",
     "Permit for a simple advertising sign (on a façade)", "Persona natural o jurídica",
     _req(_FORM, _DJ, ("Fotomontaje del anuncio", "Photomontage of the sign", True), _FEE),
     [("direccion", "Dirección del local", "Premises address"),
      ("medidas", "Medidas del anuncio", "Sign dimensions")],
     D("0.0189"), "positive", 5, "SGLC", "Subgerente de Licencias",
     "Ordenanza 342-MM; Ley 28976, art. 10"),
    ("AN-02", "Autorización temporal de banderolas y afiches",
     "Temporary permit for banners and posters", "Persona natural o jurídica",
     _req(_FORM, _DJ, _FEE), [("lugar", "Lugar", "Place"), ("fechas", "Fechas", "Dates")],
     D("0.0112"), "automatic", 0, "SGLC", "Subgerente de Licencias", "Ordenanza 342-MM"),
    ("CO-01", "Autorización de comercio en la vía pública (módulo de periódicos)",
     "Street-trading permit (newspaper stand)", "Persona natural",
     _req(_FORM, _DJ, ("Carné de sanidad", "Health card", True), _FEE),
     [("ubicacion", "Ubicación propuesta", "Proposed location")],
     D("0.0065"), "negative", 15, "SGLC", "Subgerente de Licencias", "Ordenanza 496-MM"),
    ("CN-01", "Certificado de numeración", "House-number certificate",
     "Propietario o poseedor", _req(_FORM, _FEE),
     [("direccion", "Dirección del predio", "Property address")],
     D("0.0152"), "positive", 5, "SGCAT", "Subgerente de Catastro", "Ordenanza 444-MM"),
    ("CJ-01", "Certificado de jurisdicción", "Certificate of jurisdiction",
     "Cualquier persona", _req(_FORM, _FEE),
     [("direccion", "Dirección", "Address")],
     D("0.0091"), "positive", 5, "SGCAT", "Subgerente de Catastro", "Ordenanza 444-MM"),
    ("PU-01", "Certificado de parámetros urbanísticos y edificatorios",
     "Certificate of zoning and building parameters", "Cualquier persona",
     _req(_FORM, _FEE), [("direccion", "Dirección del predio", "Property address")],
     D("0.0325"), "positive", 5, "SGOP", "Subgerente de Obras Privadas",
     "Ley 29090, art. 14; D.S. 029-2019-VIVIENDA"),
    ("ED-01", "Licencia de edificación modalidad A", "Building licence, type A",
     "Propietario", _req(_FORM, ("Plano de ubicación y arquitectura", "Site and architecture plans",
                                  True), ("Documento que acredite la propiedad",
                                          "Proof of ownership", True), _FEE),
     [("direccion", "Dirección del predio", "Property address"),
      ("obra", "Descripción de la obra", "Description of the works")],
     D("0.0501"), "automatic", 0, "SGOP", "Subgerente de Obras Privadas", "Ley 29090, art. 10"),
    ("ED-02", "Licencia de edificación modalidad B", "Building licence, type B",
     "Propietario", _req(_FORM, ("Planos de arquitectura y especialidades",
                                  "Architecture and engineering plans", True),
                         ("Documento que acredite la propiedad", "Proof of ownership", True),
                         _FEE),
     [("direccion", "Dirección del predio", "Property address"),
      ("obra", "Descripción de la obra", "Description of the works")],
     D("0.0826"), "positive", 15, "SGOP", "Subgerente de Obras Privadas",
     "Ley 29090, art. 10; D.S. 029-2019-VIVIENDA"),
    ("ED-03", "Conformidad de obra y declaratoria de edificación",
     "Certificate of completed works", "Titular de la licencia",
     _req(_FORM, ("Planos de replanteo", "As-built plans", True), _FEE),
     [("licencia", "Número de licencia de edificación", "Building licence number")],
     D("0.0412"), "positive", 10, "SGOP", "Subgerente de Obras Privadas", "Ley 29090, art. 28"),
    ("ED-04", "Autorización para instalación de andamios en la vía pública",
     "Permit for scaffolding on the street", "Titular de la obra",
     _req(_FORM, _DJ, _FEE), [("direccion", "Dirección", "Address"),
                              ("dias", "Días de ocupación", "Days of occupation")],
     D("0.0118"), "positive", 3, "SGOP", "Subgerente de Obras Privadas", "Ordenanza 387-MM"),
    ("DC-01", "Inspección técnica de seguridad en edificaciones (ITSE) riesgo bajo o medio",
     "Building safety inspection (ITSE), low or medium risk", "Persona natural o jurídica",
     _req(_FORM, _DJ, _FEE), [("direccion", "Dirección del local", "Premises address"),
                              ("area", "Área en m²", "Area in m²")],
     D("0.0382"), "positive", 9, "SGDC", "Subgerente de Defensa Civil",
     "D.S. 002-2018-PCM, Reglamento de ITSE"),
    ("DC-02", "Evaluación de condiciones de seguridad en espectáculos públicos",
     "Safety assessment for public events", "Organizador",
     _req(_FORM, _DJ, ("Plan de seguridad del evento", "Event safety plan", True), _FEE),
     [("evento", "Nombre del evento", "Event name"), ("fecha", "Fecha", "Date")],
     D("0.0584"), "negative", 7, "SGDC", "Subgerente de Defensa Civil", "D.S. 002-2018-PCM"),
    ("AI-01", "Acceso a la información pública", "Access to public information",
     "Cualquier persona", _req(_FORM),
     [("pedido", "Información que solicita", "Information requested")],
     D("0"), "negative", 10, "SG", "Funcionario responsable de acceso a la información",
     "Ley 27806, Ley de Transparencia y Acceso a la Información Pública, art. 11"),
    ("SG-01", "Copia certificada de documentos municipales",
     "Certified copy of municipal documents", "Interesado",
     _req(_FORM, _FEE), [("documento", "Documento que solicita", "Document requested")],
     D("0.0027"), "positive", 5, "SG", "Secretario General", "Ley 27444, art. 171"),
    ("SG-02", "Reconsideración contra una resolución municipal",
     "Request for reconsideration of a municipal resolution", "Administrado",
     _req(_FORM, ("Nueva prueba", "New evidence", True)),
     [("resolucion", "Número de resolución", "Resolution number")],
     D("0"), "negative", 30, "SG", "Órgano que emitió el acto", "Ley 27444, art. 219"),
    ("MT-01", "Matrimonio civil en el local municipal", "Civil marriage at the town hall",
     "Contrayentes", _req(_FORM, ("Partidas de nacimiento", "Birth certificates", True),
                          ("Certificados médicos prenupciales", "Premarital medical certificates",
                           True), _FEE),
     [("fecha", "Fecha deseada", "Preferred date")],
     D("0.0364"), "positive", 8, "SGRC", "Jefe de Registro Civil",
     "Código Civil, arts. 248-268"),
]

# username, staff member, office codes
CASE_OFFICERS = [("licencias", "Jorge Salas Herrera", ["SGLC"]),
                 ("obras", "Carmen Ríos Delgado", ["SGOP", "SGCAT"])]
FRONT_DESK_OFFICES = {"mesadepartes": ["MP"]}

FAQ = [
    ("¿Qué necesito para una licencia de funcionamiento?",
     "What do I need for an operating licence?",
     "Depende del riesgo del local: para riesgo bajo basta la solicitud, el RUC y una "
     "declaración jurada, y se aprueba al presentarla. Búsquela en el TUPA (LF-01 a LF-03).",
     "It depends on the premises' risk: for low risk, the form, RUC and a sworn statement, "
     "approved on filing. See the TUPA (LF-01 to LF-03)."),
    ("¿Cómo sigo mi expediente?", "How do I follow my file?",
     "En cualquier quiosco, opción «Seguir un trámite», con el número de expediente de su "
     "cargo y su DNI o RUC. Con su DNI electrónico también lo ve en «Mis trámites».",
     "At any kiosk, «Follow a file», with the file number on your receipt and your DNI or "
     "RUC. With your ID card you also see it in «My files»."),
    ("¿Qué es el silencio administrativo positivo?", "What is positive administrative silence?",
     "Si la municipalidad no responde en el plazo de un trámite con silencio positivo, se "
     "entiende aprobado. Imprima la constancia en un quiosco.",
     "If the municipality does not answer within the term of a procedure with positive "
     "silence, it is approved. Print the proof at a kiosk."),
    ("¿Hasta qué hora puedo presentar documentos?", "Until what time can I file documents?",
     "En los quioscos, a cualquier hora: lo presentado en un día hábil cuenta ese día; en "
     "fin de semana o feriado, el siguiente día hábil (Ley 31465).",
     "At kiosks, at any hour: a filing on a working day counts that day; on a weekend or "
     "holiday, the next working day (Ley 31465)."),
    ("¿Dónde pago el impuesto predial?", "Where do I pay property tax?",
     "En los quioscos con tarjeta, en la caja municipal o en bancos con un código de pago.",
     "At kiosks by card, at the municipal cashier, or at banks with a payment code."),
    ("¿Cómo reporto un bache o una luminaria malograda?",
     "How do I report a pothole or a broken street light?",
     "En un quiosco, «Reportar un problema en la vía pública», o por la API Open311. "
     "Lo atiende la Gerencia de Servicios a la Ciudad.",
     "At a kiosk, «Report a problem in a public space», or through the Open311 API. "
     "City Services handles it."),
    ("¿Qué es una observación y cómo la subsano?", "What is an observation and how do I "
     "correct it?",
     "La oficina le pide corregir o completar algo; su plazo se detiene hasta que usted "
     "subsane. Hágalo en «Mis trámites» o en mesa de partes si debe llevar documentos.",
     "The office asks you to correct or complete something; its term stops until you do. "
     "Do it in «My files», or at the front desk if you must bring documents."),
    ("¿Dónde hay Wi-Fi gratuito?", "Where is there free Wi-Fi?",
     "En parques y plazas del distrito: el Parque Kennedy, el Parque Reducto y la Plaza "
     "de Armas, entre otros.",
     "In the district's parks and squares: Parque Kennedy, Parque Reducto and Plaza de "
     "Armas, among others."),
]

NEWS = [  # days ago, es title, en title, es body, en body
    (3, "Mesa de partes en quioscos: presente sus trámites a cualquier hora",
     "Front desk at kiosks: file your procedures at any hour",
     "Los quioscos municipales reciben trámites sin documentos adjuntos y entregan su cargo "
     "con código QR.", "Municipal kiosks take procedures without attachments and print your "
     "receipt with a QR code."),
    (10, "Campaña de licencias de funcionamiento para bodegas",
     "Operating licence campaign for corner shops",
     "Las bodegas de riesgo bajo obtienen su licencia al presentar la solicitud.",
     "Low-risk corner shops get their licence when they file."),
    (20, "Nuevo horario de atención de la Subgerencia de Obras Privadas",
     "New opening hours of the Private Works Office",
     "Atención de lunes a viernes de 8:00 a 16:30 en la calle Diez Canseco 194.",
     "Monday to Friday, 8:00 to 16:30, at Calle Diez Canseco 194."),
    (35, "Parque Kennedy: mantenimiento de áreas verdes",
     "Parque Kennedy: green areas maintenance",
     "Trabajos de riego y poda hasta fin de mes.", "Watering and pruning until the month's end."),
]

SERVICE_TYPES = [  # code, es, en, description, group, keywords, office, expected days
    ("BACHE", "Bache o pista dañada", "Pothole or damaged road",
     "Huecos y hundimientos en la pista", "Vías", "bache pista hueco", "GSC", 10),
    ("ALUMBRADO", "Luminaria apagada", "Street light out",
     "Postes de alumbrado público apagados o intermitentes", "Alumbrado",
     "luz poste luminaria", "GSC", 3),
    ("RESIDUOS", "Basura o desmonte en la vía", "Rubbish or debris on the street",
     "Residuos sólidos, desmonte o muebles abandonados", "Limpieza",
     "basura desmonte residuos", "GSC", 2),
    ("VEREDA", "Vereda rota", "Broken pavement", "Veredas levantadas o rotas", "Vías",
     "vereda acera", "GSC", 15),
    ("PARQUE", "Parque o jardín descuidado", "Neglected park or garden",
     "Áreas verdes sin riego, árboles caídos", "Parques", "parque árbol jardín", "GSC", 7),
    ("RUIDO", "Ruidos molestos", "Noise nuisance", "Ruido de locales o de obras fuera de horario",
     "Convivencia", "ruido música obra", "SGLC", 5),
]
