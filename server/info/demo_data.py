"""Demo FAQ, news and the kinds of problems residents report (with the office that fixes
each)."""

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
