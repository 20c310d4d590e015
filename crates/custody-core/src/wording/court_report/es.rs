//! Spanish (español): the court report's words.

use super::{Label, Sentence};
use crate::check::Level;

pub(super) fn label(label: Label) -> &'static str {
    match label {
        Label::Title => "Informe de verificación",
        Label::Verdict => "Resultado",
        Label::LatestEvent => "Último evento:",
        Label::Damaged => "Elementos dañados",
        Label::FailedCodes => "Comprobaciones fallidas",
        Label::Restrictions => "Restricciones de uso y condiciones de transmisión",
        Label::NoRestrictions => "El paquete no establece ninguna restricción de uso ni condición de transmisión.",
        Label::Case => "Causa y fundamento jurídico",
        Label::NoCase => "No se pudieron leer los datos de la causa en el paquete.",
        Label::Items => "Elementos de prueba",
        Label::Path => "Ruta",
        Label::Size => "Tamaño (bytes)",
        Label::Sha256 => "SHA-256",
        Label::MediaType => "Tipo de medio",
        Label::Result => "Resultado",
        Label::FileDamaged => "DAÑADO",
        Label::FileOk => "sin anomalías",
        Label::FileDisposed => "no figura en este paquete (devuelto o destruido)",
        Label::DisposedBy => "Devuelto o destruido en virtud del evento de custodia firmado",
        Label::Capture => "Obtención",
        Label::NotAccepted => "No aceptado",
        Label::Attestations => "Atestaciones selladas con el manifiesto",
        Label::Statements => "Refrendos, documentos adjuntos, exámenes periciales y registros de acceso",
        Label::NoStatements => "El paquete no contiene ninguna declaración.",
        Label::Timeline => "Cronología de la cadena de custodia",
        Label::Events => "Eventos de la cadena de custodia",
        Label::Checks => "Todas las comprobaciones",
        Label::ContentChecks => "Comprobaciones del contenido",
        Label::Code => "Código",
        Label::Level => "Nivel",
        Label::Message => "Mensaje",
        Label::Appendix => "Anexo: verifíquelo usted mismo",
        Label::About => "Acerca de este informe",
        Label::Bundle => "Archivo del paquete",
        Label::BundleId => "Identificador del paquete",
        Label::Tool => "Verificado por",
        Label::GeneratedAt => "Informe elaborado el",
        Label::VerifiedAt => "Verificación realizada el",
        Label::TrustList => "Lista de confianza",
        Label::TsaRoots => "Raíces de sellado de tiempo (TSA)",
        Label::NoneGiven => {
            "ninguna: los firmantes y las autoridades de sellado de tiempo no se contrastaron con ninguna lista"
        }
        Label::Parties => "Partes firmantes",
        Label::Name => "Nombre",
        Label::Organisation => "Organismo",
        Label::Role => "Función",
        Label::Jurisdiction => "Jurisdicción",
        Label::Key => "Huella de la clave",
        Label::Trusted => "Lista de confianza",
        Label::InTrustList => "en la lista de confianza",
        Label::NotInTrustList => "NO está en la lista de confianza",
        Label::NotChecked => "no comprobado",
        Label::Refused => "rechazado",
        Label::ShowFiles => "archivo(s)",
        Label::Language => "Idioma",
        Label::DetailsInEnglish => {
            "El significado de cada comprobación figura en el idioma del informe; el mensaje propio de cada \
            comprobación, que nombra archivos y valores, y los detalles citados de la verificación están en inglés."
        }
        Label::Area => "Ámbito",
        Label::CaptureKind => "Tipo",
        Label::CaptureSource => "Origen",
        Label::CaptureFinalUrl => "URL final",
        Label::CaptureOn => "Plataforma y cuenta",
        Label::CaptureAt => "Capturado el",
        Label::CaptureTool => "Herramienta",
        Label::CaptureMethods => "Métodos",
        Label::CaptureClock => "Fuente de la hora",
        Label::CaptureEnvironment => "Entorno",
        Label::CaptureSteps => "Pasos",
        Label::CaptureBy => "Capturado por",
        Label::CaptureWitnessedBy => "En presencia de",
        Label::CaptureUnder => "En virtud de",
        Label::CaptureAltered => "Alteraciones",
        Label::CaptureNote => "Nota",
        Label::EnvOs => "Sistema operativo",
        Label::EnvBrowser => "Navegador",
        Label::EnvUserAgent => "User-Agent",
        Label::EnvEgressIp => "IP de salida",
        Label::EnvExitJurisdiction => "País de salida de la red",
        Label::EnvNote => "Observación",
        Label::CaptureAccount => "cuenta",
        Label::CaptureAccountId => "ID de cuenta",
        Label::CaptureObject => "objeto",
        Label::CaseReference => "Referencia de la causa",
        Label::CaseTitle => "Título",
        Label::CaseProceeding => "Procedimiento",
        Label::CaseObtainedBy => "Forma de obtención",
        Label::CaseUrgency => "Urgencia",
        Label::CaseLegalBasis => "Fundamento jurídico",
        Label::CaseOffence => "Delito",
        Label::CaseFileNumber => "Número de expediente",
        Label::CaseRequest => "Solicitud relacionada",
        Label::StateInvalid => "NO VÁLIDO",
        Label::StateNotTrusted => "CONFIANZA NO ESTABLECIDA",
        Label::StateIntact => "ÍNTEGRO",
        Label::StateTrusted => "CONFIANZA ESTABLECIDA",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "Una comprobación ha fallado: el paquete está dañado, alterado, incompleto o mal formado, o no es un \
            paquete de cadena de custodia. No se base en él tal como está; las comprobaciones fallidas indican qué y \
            dónde."
        }
        "not_trusted" => {
            "El paquete está íntegro, pero la lista de confianza o las raíces TSA proporcionadas no avalan a un \
            firmante o a una autoridad de sellado de tiempo: no está establecido quién firmó, o cuándo."
        }
        "trusted" => {
            "Todas las comprobaciones se superaron y cada firmante figura en la lista de confianza con la identidad \
            que declara."
        }
        _ => "Todas las comprobaciones se superaron; los firmantes no se contrastaron con una lista de confianza.",
    }
}

pub(super) fn level_name(level: Level) -> &'static str {
    match level {
        Level::Pass => "correcto",
        Level::Warn => "AVISO",
        Level::Fail => "FALLO",
    }
}

pub(super) fn area_title(area: &str) -> Option<&'static str> {
    Some(match area {
        "access" => "Registros de acceso",
        "archive" => "Contenedor ZIP",
        "attachment" => "Documentos adjuntos",
        "attestation" => "Atestaciones",
        "bagit" => "Estructura BagIt",
        "bundle" => "Paquete",
        "commitment" => "Compromiso Merkle",
        "derivation" => "Paquete derivado",
        "countersign" => "Refrendos",
        "custody" => "Cadena de custodia",
        "disposition" => "Devolución o destrucción",
        "event" => "Eventos de custodia",
        "examination" => "Exámenes periciales",
        "extract" => "Extracción",
        "key" => "Claves",
        "manifest" => "Manifiesto",
        "parent" => "Cotejo con el original",
        "payload" => "Integridad de los archivos",
        "preservation" => "Conservación rápida",
        "provenance" => "Procedencia de la obtención",
        "receipt" => "Acuses de recibo",
        "retention" => "Plazo de conservación",
        "signature" => "Firmas",
        "statement" => "Declaraciones",
        "timestamp" => "Sellos de tiempo",
        "log" => "Registro de custodia",
        "trust" => "Confianza en los firmantes",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("{files} archivo(s), {bytes} bytes")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "Cronología de la cadena de custodia: {parties} parte(s) como carriles, {events} evento(s) en orden sobre el \
        eje temporal; las flechas son entregas, un rombo marca una hora certificada, una cruz roja elementos o \
        condiciones rechazados."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "Carriles: las partes firmantes. Puntos: los eventos, de izquierda a derecha en orden, cada uno con su hora. \
    Flechas: una transmisión hacia el acuse de recibo que la respondió (discontinua: aún sin acuse). Rombo: una hora \
    certificada (relleno: su TSA remite a las raíces proporcionadas). Cruz roja: elementos o condiciones rechazados."
}

pub(super) fn pending() -> &'static str {
    "pendiente: aún sin acuse de recibo"
}

pub(super) fn refused_mark(items: usize, conditions: usize) -> String {
    format!("rechazado: {items} grupo(s) de elementos, {conditions} condición(es)")
}

pub(super) fn more_damaged_files(n: usize) -> String {
    format!("y {n} archivo(s) dañado(s) más (véanse los archivos del elemento y las comprobaciones)")
}

pub(super) fn lanes_not_drawn(n: usize) -> String {
    format!("{n} parte(s) más de este tramo de la cronología no se dibujan: la tabla de partes las enumera todas")
}

pub(super) fn appendix_intro() -> &'static str {
    "Este informe procede de una única verificación hecha por el programa indicado arriba. Cualquiera puede repetir \
    las comprobaciones sin él, solo con herramientas comunes. El propio paquete contiene estas instrucciones, en \
    inglés, como HOW-TO-VERIFY.txt:"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("{n} comprobación(es) más de este código, no listada(s)")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "{n} elemento(s) más no se listan en este PDF (los elementos dañados y los no aceptados se listan primero): \
        el informe HTML (custody report --out informe.html) y custody verify --format json listan cada elemento y \
        cada archivo con su SHA-256"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "{n} archivo(s) más de este elemento no se listan en este PDF: el informe HTML (custody report --out \
        informe.html) y custody verify --format json listan cada archivo con su SHA-256"
    )
}

pub(super) fn sentence(s: Sentence) -> &'static str {
    match s {
        Sentence::UseFor => "Uso limitado a los siguientes fines: {0}",
        Sentence::UseIn => "Uso limitado a los siguientes procedimientos: {0}",
        Sentence::UseForIn => "Uso limitado a los siguientes fines: {0}; y a los siguientes procedimientos: {1}",
        Sentence::UseLimited => "Uso limitado",
        Sentence::Speciality => {
            "{0} (principio de especialidad: cualquier otro uso requiere el consentimiento del Estado que \
             facilitó la prueba)"
        }
        Sentence::WithNote => "{0}. {1}",
        Sentence::OnwardAllowed => "Transmisión ulterior permitida",
        Sentence::OnwardForbidden => "Transmisión ulterior PROHIBIDA",
        Sentence::OnwardConsentOf => "Transmisión ulterior solo con el consentimiento previo de: {0}",
        Sentence::OnwardConsent => {
            "Transmisión ulterior solo con el consentimiento previo de la autoridad que facilitó la prueba"
        }
        Sentence::Confidentiality => "Confidencialidad: {0}",
        Sentence::Retention => "Conservación: {0}",
        Sentence::KeepUntil => "conservar hasta el {0}",
        Sentence::ReviewBy => "revisar a más tardar el {0}",
        Sentence::PersonalData => "Contiene datos personales",
        Sentence::NoPersonalData => "No contiene datos personales",
        Sentence::DataSubjects => "interesados: {0}",
        Sentence::SpecialCategories => "categorías especiales de datos: {0}",
        Sentence::Minors => "incluye datos relativos a MENORES",
        Sentence::ExportApproval => "Autorización de exportación: {0}",
        Sentence::ListSep => "; ",
        Sentence::Comma => ", ",
        Sentence::TwoSentences => "{0} {1}",
        Sentence::ConditionAccepted => {
            "{0} ({1}), fijada por {2} en la transmisión n.º {3}: aceptada por el destinatario"
        }
        Sentence::ConditionRefused => {
            "{0} ({1}), fijada por {2} en la transmisión n.º {3}: RECHAZADA por el destinatario"
        }
        Sentence::Pending => "Pendiente desde {0}: transmisión n.º {1} a {2} con la finalidad «{3}», aún no recibida",
        Sentence::Signer => "{0} ({1}, {2}, {3})",
        Sentence::LatestSigned => "n.º {0}, {1}, el {2}, firmado por {3}",
        Sentence::LatestClaimed => {
            "n.º {0}, {1}, el {2}, presuntamente firmado por {3} (NO verificado: el paquete no es válido)"
        }
        Sentence::LatestKey => "clave {0}",
        Sentence::ConfirmLatest => {
            "Confirme con el remitente que este es su último evento: podrían haberse eliminado eventos posteriores."
        }
        Sentence::NotAcceptedBy => "por {0} en la transmisión n.º {1} ({2})",
        Sentence::NotAcceptedByWhy => "por {0} en la transmisión n.º {1} ({2}: {3})",
        Sentence::NotAcceptedAt => "en la transmisión n.º {0} ({1})",
        Sentence::MoreDamagedItems => "y {0} elemento(s) dañado(s) más (véanse las comprobaciones más abajo)",
        Sentence::TrustedTime => "hora acreditada {0} por {1} ({2} s después de la hora declarada)",
        Sentence::TrustedTimeUntrusted => {
            "hora acreditada {0} por {1} ({2} s después de la hora declarada) [AUTORIDAD DE SELLADO DE TIEMPO NO \
            RECONOCIDA: no se proporcionó su raíz]"
        }
        Sentence::SummaryInvalid => {
            "NO VÁLIDO: {0} comprobación(es) fallida(s). No confíe en este paquete tal como está; los archivos \
            dañados y las comprobaciones fallidas se enumeran más abajo."
        }
        Sentence::SummaryInvalidNothingDamaged => {
            "NO VÁLIDO: {0} comprobación(es) fallida(s). No confíe en este paquete tal como está; las comprobaciones \
            fallidas se enumeran más abajo."
        }
        Sentence::SummaryNotTrustedSigner => {
            "CONFIANZA NO ESTABLECIDA (íntegro): los archivos coinciden con lo firmado, pero al menos un firmante no \
            figura en su lista de confianza con la identidad que declara, por lo que no está avalado quién firmó. \
            Verifique la clave con su titular antes de confiar en ella. La supresión de los últimos eventos de \
            custodia, o una copia que un custodio anterior continuó por separado (una bifurcación), no deja rastro: \
            confirme con el remitente el último evento que figura más abajo."
        }
        Sentence::SummaryNotTrustedTsa => {
            "CONFIANZA NO ESTABLECIDA (íntegro): los archivos coinciden con lo firmado, pero un sello de tiempo \
            procede de una autoridad de sellado de tiempo cuya raíz no está entre las raíces proporcionadas, por lo \
            que su hora no está avalada. Verifique la clave con su titular antes de confiar en ella. La supresión de \
            los últimos eventos de custodia, o una copia que un custodio anterior continuó por separado (una \
            bifurcación), no deja rastro: confirme con el remitente el último evento que figura más abajo."
        }
        Sentence::SummaryNotTrustedBoth => {
            "CONFIANZA NO ESTABLECIDA (íntegro): los archivos coinciden con lo firmado, pero al menos un firmante no \
            figura en su lista de confianza con la identidad que declara, y un sello de tiempo procede de una \
            autoridad de sellado de tiempo cuya raíz no está entre las raíces proporcionadas. Verifique la clave con \
            su titular antes de confiar en ella. La supresión de los últimos eventos de custodia, o una copia que un \
            custodio anterior continuó por separado (una bifurcación), no deja rastro: confirme con el remitente el \
            último evento que figura más abajo."
        }
        Sentence::SummaryIntact => {
            "ÍNTEGRO: cada archivo coincide con lo firmado y los eventos de custodia forman una cadena firmada \
            ininterrumpida. Las claves de los firmantes no se cotejaron con ninguna lista de confianza (no se \
            proporcionó ninguna). La supresión de los últimos eventos de custodia, o una copia que un custodio \
            anterior continuó por separado (una bifurcación), no deja rastro: confirme con el remitente el último \
            evento que figura más abajo."
        }
        Sentence::SummaryTrusted => {
            "CONFIANZA ESTABLECIDA: cada archivo coincide con lo firmado, los eventos de custodia forman una cadena \
            firmada ininterrumpida y cada firmante figura en su lista de confianza. La supresión de los últimos \
            eventos de custodia, o una copia que un custodio anterior continuó por separado (una bifurcación), no \
            deja rastro: confirme con el remitente el último evento que figura más abajo."
        }
        Sentence::ContainerNotChecked => {
            "Se trata de un paquete descomprimido (una carpeta): se comprobaron sus archivos, pero no el propio \
            contenedor ZIP (las comprobaciones del contenedor no se aplican a una carpeta). La prueba sellada es el \
            archivo .zip original: consérvelo y entregue ese archivo, no la carpeta."
        }
        Sentence::ContainerNotApplicable => "No aplicable a una carpeta: {0}.",
        Sentence::EventSealed => "sellado por {0}",
        Sentence::EventTransfer => "transmisión a {0} con la finalidad «{1}»",
        Sentence::EventRequest => ", solicitud {0}",
        Sentence::EventConditions => ", {0} condición(es)",
        Sentence::EventReceipt => "recepción de la transmisión n.º {0}: {1}",
        Sentence::EventReason => " (motivo: {0})",
        Sentence::EventItemsNotAccepted => ", {0} elemento(s) no aceptado(s)",
        Sentence::EventConditionsRefused => ", {0} condición(es) rechazada(s)",
        Sentence::EventRetentionExtended => "conservación prorrogada hasta el {0} por {1} (motivo: {2})",
        Sentence::EventReturned => "{0} devuelto(s) a {1} por {2} (motivo: {3})",
        Sentence::EventDestroyed => "{0} destruido(s) por {1}, método: {2} (motivo: {3})",
        Sentence::EventDisposed => "{0} de {1} por {2} (motivo: {3})",
        Sentence::EventDerived => "copia derivada {0} realizada por {1}: {2}",
        Sentence::EventRedacted => ", {0} archivo(s) expurgado(s)",
        Sentence::EventCountersigned => "{1} ({2}), en calidad de {0}, refrendó {3}, añadido por {4}",
        Sentence::EventAttached => "{1} ({2}), en calidad de {0}, adjuntó un documento: {3}, añadido por {4}",
        Sentence::EventExamined => "{1} ({2}), en calidad de {0}, examinó {3}, añadido por {4}",
        Sentence::EventAccessed => "acceso por {0} ({1}) con la finalidad «{2}»: {3}, añadido por {4}",
        Sentence::EventCarrier => "{0} que contiene la declaración {1}",
        Sentence::DocumentSummary => "{0} (ref. {1}, de fecha {2}, {3})",
        Sentence::ExaminationSummary => "{0} con {1} {2} ({3})",
        Sentence::AndMore => " y {0} más",
        Sentence::AllItems => "todos los elementos",
        Sentence::OneItem => "elemento {0}",
        Sentence::SomeItems => "elementos {0}",
        Sentence::OneEvent => "el evento n.º {0}",
        Sentence::SomeEvents => "los eventos n.º {0}",
        Sentence::OneFile => "1 archivo",
        Sentence::SomeFiles => "{0} archivos",
        Sentence::OneResultFile => "1 archivo de resultados",
        Sentence::SomeResultFiles => "{0} archivos de resultados",
        Sentence::StatementBy => "declaración de {0} ({1}), clave {2}, hecha el {3}",
        Sentence::StatementByIn => "declaración de {0} ({1}), clave {2}, hecha el {3} en {4}",
        Sentence::StatementText => "«{0}»",
        Sentence::DocumentLine => "{0} {1}, de fecha {2}, en {3}",
        Sentence::DocumentLineTitled => "{0} {1}, de fecha {2}, en {3}: «{4}»",
        Sentence::ExaminationLine => "examinó {0} con {1} {2}",
        Sentence::ParametersLine => "parámetros: {0}",
        Sentence::ConclusionLine => "conclusión: {0}",
        Sentence::NotABundle => {
            "esto no es un paquete de cadena de custodia ({0}). {1} Se considera no válido: un paquete dañado o \
            manipulado puede tener este aspecto."
        }
        Sentence::NotABundleEmpty => "el archivo está vacío",
        Sentence::NotABundleWebPage => {
            "es una página web (texto HTML), no un archivo ZIP; puede que un enlace de descarga haya guardado la \
            página en lugar del archivo"
        }
        Sentence::NotABundleCutShort => {
            "es un archivo ZIP truncado: el archivo termina antes del directorio final del ZIP, como ocurre cuando \
            una descarga o una copia se interrumpe"
        }
        Sentence::NotABundleOtherFile => "no es en absoluto un archivo ZIP",
        Sentence::NotABundleOtherZip => {
            "es un archivo ZIP, pero no contiene ni bagit.txt ni custody/manifest.json en una carpeta custody-<id>/ \
            en su nivel superior"
        }
        Sentence::NotABundleRezippedTopLevel => {
            "es un paquete recomprimido: alguien descomprimió un paquete y volvió a comprimir sus archivos con otra \
            herramienta ZIP, que escribe el ZIP de forma distinta a custody. Las comprobaciones se aplican al archivo \
            del paquete exactamente tal como se selló, no a una copia recomprimida"
        }
        Sentence::NotABundleRezippedInFolder => {
            "es un paquete recomprimido: alguien descomprimió un paquete y comprimió sus archivos en un nuevo ZIP, \
            dentro de la carpeta «{0}». Las comprobaciones se aplican al archivo del paquete exactamente tal como se \
            selló, no a una copia recomprimida"
        }
        Sentence::TodoAskAgain => "Pida de nuevo el paquete al remitente.",
        Sentence::TodoDownloadAgain => "Descargue de nuevo el propio paquete.",
        Sentence::TodoCompareSize => "Obtenga de nuevo el archivo y compare su tamaño con el que indique el remitente.",
        Sentence::TodoCheckFile => "Compruebe que se le entregó el archivo correcto.",
        Sentence::TodoAskForOriginal => "Pida al remitente el archivo .zip original y transmítalo sin modificarlo.",
        Sentence::SummaryNotABundle => "NO VÁLIDO: {0}",
        Sentence::ContainerNotCheckedRefused => {
            "Se trata de un paquete descomprimido (una carpeta), rechazado antes de que se comprobaran sus archivos; \
            tampoco se comprobó el propio contenedor ZIP (las comprobaciones del contenedor no se aplican a una \
            carpeta). La prueba sellada es el archivo .zip original: consérvelo y entregue ese archivo, no la carpeta."
        }
        Sentence::ContainerBreaksRules => {
            "el contenedor ZIP infringe las reglas del formato sellado (como ocurre cuando otra herramienta vuelve a \
            empaquetar los archivos del paquete, o cuando el archivo se dañó o se editó)"
        }
        Sentence::SummaryRepackedHolds => {
            "NO VÁLIDO: {0}, por lo que no puede garantizarse que este archivo ZIP sea el paquete sellado; sus \
            comprobaciones del contenido indican que las pruebas y las firmas siguen siendo válidas. {1}"
        }
        Sentence::SummaryRepackedDoesNotHold => {
            "NO VÁLIDO: {0}, por lo que no puede garantizarse que este archivo ZIP sea el paquete sellado; sus \
            comprobaciones del contenido indican que las pruebas o las firmas NO son válidas: véanse las \
            comprobaciones del contenido. {1}"
        }
        Sentence::ContentHolds => {
            "Comprobaciones del contenido ({0}): las pruebas y las firmas siguen siendo válidas: cada archivo leído \
            de este archivo ZIP coincide con lo que firmó quien lo selló. Único defecto: {1}."
        }
        Sentence::ContentDoesNotHold => {
            "Comprobaciones del contenido ({0}): las pruebas o las firmas no son válidas tal como se leen de este \
            archivo ZIP: {1} comprobación(es) del contenido fallida(s) ({2}), enumeradas más abajo."
        }
    }
}

/// A word of the vocabularies in this language ([`super::term`]).
pub(super) fn term(name: &str) -> Option<&'static str> {
    Some(match name {
        // Kinds of attached document; what a disposition did.
        "mla_request" => "solicitud de asistencia judicial",
        "order" => "orden o autorización",
        "eio_form" => "formulario de orden europea de investigación",
        "epoc_form" => "certificado de orden europea (EPOC)",
        "covering_letter" => "carta de remisión",
        "preservation_notice" => "aviso de conservación",
        "export_approval" => "autorización de exportación",
        "provider_certificate" => "certificado del proveedor de servicios",
        "translation" => "traducción",
        "verification_report" => "informe de verificación",
        "returned" => "devolución",
        "destroyed" => "destrucción",
        "retention_extended" => "prórroga de la conservación",
        // Custody events.
        "seal" => "sellado",
        "transfer" => "transmisión",
        "receipt" => "recepción",
        "countersign" => "refrendo",
        "document" => "documento adjunto",
        "examination" => "examen pericial",
        "access" => "acceso",
        "disposition" => "devolución o destrucción",
        "derivation" => "derivación",
        // Conditions of a hand-over.
        "use_limitation" => "limitación de uso",
        "confidentiality" => "confidencialidad",
        "onward_transfer" => "transmisión ulterior",
        "retention" => "conservación",
        // Confidentiality levels.
        "public" => "público",
        "restricted" => "de difusión limitada",
        "confidential" => "confidencial",
        "secret" => "secreto",
        // Data subjects.
        "suspects" => "sospechosos",
        "victims" => "víctimas",
        "witnesses" => "testigos",
        "third_parties" => "terceros",
        "minors" => "menores",
        // Proceedings.
        "criminal_investigation" => "investigación penal",
        "criminal_prosecution" => "ejercicio de la acción penal",
        "criminal_trial" => "juicio penal",
        "civil" => "procedimiento civil",
        "administrative" => "procedimiento administrativo",
        // How the evidence was obtained (and requests of these kinds).
        "open_source" => "fuentes abiertas",
        "consent" => "consentimiento",
        "domestic_order" => "orden judicial nacional",
        "preservation" => "conservación rápida",
        "provider_order" => "orden a un proveedor de servicios",
        "emergency_disclosure" => "revelación de urgencia",
        "mla" => "asistencia judicial mutua",
        "eio" => "orden europea de investigación",
        "seizure" => "incautación",
        // Urgency.
        "routine" => "ordinaria",
        "urgent" => "urgente",
        "emergency" => "de extrema urgencia",
        // Roles.
        "investigator" => "investigador",
        "capturer" => "responsable de la captura",
        "witness" => "testigo",
        "custodian" => "custodio",
        "requesting_central_authority" => "autoridad central requirente",
        "requested_central_authority" => "autoridad central requerida",
        "prosecutor" => "fiscal",
        "court" => "tribunal",
        "translator" => "traductor",
        "redactor" => "responsable de la anonimización",
        "examiner" => "perito",
        // Authorities' roles.
        "investigating" => "autoridad investigadora",
        "prosecuting" => "fiscalía",
        "issuing" => "autoridad de emisión",
        "validating" => "autoridad de validación",
        "executing" => "autoridad de ejecución",
        // Other requests.
        "epoc" => "certificado de orden europea de producción",
        "epoc_pr" => "certificado de orden europea de conservación",
        "provider_request" => "solicitud a un proveedor de servicios",
        // Receipts' decisions, the status of an item not accepted, and other.
        "accepted" => "aceptado",
        "accepted_in_part" => "aceptado en parte",
        "rejected" => "rechazado",
        "missing" => "ausente",
        "hash_mismatch" => "dañado, no coincide con su SHA-256",
        "out_of_scope" => "fuera del ámbito de la solicitud",
        "other" => "otro",
        // Kinds of items.
        "web_page" => "página web",
        "video" => "vídeo",
        "image" => "imagen",
        "audio" => "audio",
        "social_post" => "publicación en una red social",
        "file" => "archivo",
        "provider_record" => "datos de un proveedor de servicios",
        // Capture methods.
        "screenshot" => "captura de pantalla",
        "html" => "código fuente HTML",
        "warc" => "archivo web (WARC)",
        "media_download" => "descarga del contenido multimedia",
        "screen_recording" => "grabación de pantalla",
        "api" => "interfaz de programación (API)",
        "provider_production" => "entrega por el proveedor de servicios",
        "forensic_copy" => "copia forense",
        // Attestations.
        "capture_declaration" => "declaración de captura",
        "copy_certification" => "certificación de copia",
        "hash_certification" => "certificación por huella digital",
        "translation_certification" => "certificación de traducción",
        "redaction_certification" => "certificación de anonimización",
        // Signers' roles and statements' capacities.
        "central_authority" => "autoridad central",
        "second_investigator" => "segundo investigador",
        "data_holder" => "titular de los datos",
        "service_provider" => "proveedor de servicios",
        _ => return None,
    })
}
