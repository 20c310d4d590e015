//! Spanish (español): what each check code means, for the court report's checks section.

use crate::check::CheckCode as C;

/// What `code` means, in Spanish.
pub(super) fn meaning(code: C) -> &'static str {
    match code {
        C::BundleJournalPending => {
            "Junto al paquete hay un registro de reversión de una actualización interrumpida; el paquete se verifica tal como está."
        }
        C::BundleNotABundle => {
            "El archivo no es en absoluto un paquete custody (vacío, una página web, un ZIP truncado, otro ZIP, un paquete recomprimido)."
        }
        C::ArchiveStructure => "El contenedor ZIP se ajusta al perfil estricto del §3.",
        C::ArchiveNotZip => "El archivo no termina con un registro de fin de directorio central ZIP.",
        C::ArchiveMalformed => "Una estructura ZIP está mal formada o es incoherente.",
        C::ArchiveMultiDisk => "El archivo comprimido afirma abarcar varios discos.",
        C::ArchiveTooManyEntries => "El archivo comprimido tiene más de 1.100.000 entradas.",
        C::ArchiveNameTooLong => "Un nombre de entrada supera los 1024 bytes.",
        C::ArchiveNamesTooLarge => {
            "Los nombres de los archivos y carpetas del paquete descomprimido ocupan en total más de 256 MiB."
        }
        C::ArchiveNonUtf8Name => "Un nombre de entrada no está en UTF-8.",
        C::ArchiveNotRegularFile => {
            "Una entrada es una carpeta, un enlace u otro archivo que no es un archivo ordinario."
        }
        C::ArchiveUnsafeName => {
            "Un nombre de entrada infringe las reglas de nombres (ruta absoluta, carpetas superiores, nombres reservados, caracteres de control)."
        }
        C::ArchiveEncryptedEntry => "Una entrada está cifrada.",
        C::ArchiveUnsupportedFlags => {
            "Los indicadores de uso general de una entrada no son exactamente los que escribe la herramienta de creación."
        }
        C::ArchiveUnsupportedCompression => {
            "Una entrada está comprimida; los paquetes almacenan cada entrada sin comprimir."
        }
        C::ArchiveUnsupportedAttributes => {
            "Los atributos o la hora de una entrada no son los valores fijos que escribe la herramienta de creación."
        }
        C::ArchiveUnsupportedVersion => {
            "La versión de creación o la versión necesaria de una entrada no es el valor que escribe la herramienta de creación."
        }
        C::ArchiveUnsupportedExtra => "Una entrada lleva un campo adicional distinto de ZIP64.",
        C::ArchiveDuplicateName => "Dos entradas tienen el mismo nombre.",
        C::ArchiveNameCollision => {
            "Dos entradas se sobrescribirían al extraerlas (mayúsculas y minúsculas, forma Unicode, un archivo con el nombre de una carpeta)."
        }
        C::ArchiveHeaderMismatch => "Un encabezado local no concuerda con su registro del directorio central.",
        C::ArchiveUnaccountedBytes => {
            "Entre las entradas o antes del directorio central hay bytes que no pertenecen a ninguna entrada."
        }
        C::ArchiveOverlappingEntries => "Los datos de dos entradas se solapan.",
        C::ArchiveCrcMismatch => "Los datos de una entrada no coinciden con su CRC-32.",
        C::ArchiveUnreadable => "No se pudo leer una entrada.",
        C::ArchiveEntryTooLarge => "Un archivo de etiquetas supera su tamaño máximo y no se leyó.",
        C::ArchiveRootInvalid => {
            "Las entradas no están todas bajo una única carpeta custody-<32 hex en minúsculas>/ sin nada en el nivel superior."
        }
        C::ArchiveTooManyEvents => {
            "El paquete contiene más documentos de evento de los que un paquete puede contener; no se leyó ninguno."
        }
        C::ArchiveUnlistedFile => "Un archivo está en el paquete pero no figura en su manifiesto BagIt: fue añadido.",
        C::BagitMissingTagFile => "Falta un archivo de etiquetas BagIt obligatorio.",
        C::BagitDeclarationInvalid => "bagit.txt no es la declaración BagIt 1.0 del §2.1.",
        C::BagitDeclaration => "bagit.txt declara BagIt 1.0, UTF-8.",
        C::BagitManifestMalformed => {
            "Un manifiesto BagIt no está en UTF-8, está mal formado, enumera una ruta dos veces o enumera una ruta que no puede enumerar."
        }
        C::BagitTagFileMissing => "Un archivo que enumera el manifiesto de etiquetas no está en el paquete.",
        C::BagitTagHashMismatch => {
            "Un archivo de etiquetas no coincide con su SHA-256 del manifiesto de etiquetas: fue modificado."
        }
        C::BagitTagFiles => "Cada archivo de etiquetas coincide con el manifiesto de etiquetas.",
        C::BagitBagInfoInvalid => "bag-info.txt está mal formado o no tiene Payload-Oxum.",
        C::BagitPayloadOxumMismatch => {
            "El Payload-Oxum de bag-info.txt no coincide con el tamaño ni con el número de archivos del contenido."
        }
        C::BagitBagInfoMismatch => "Los identificadores de bag-info.txt no concuerdan con el manifiesto.",
        C::PayloadMissing => "Falta en el paquete un archivo de contenido enumerado en manifest-sha256.txt.",
        C::PayloadHashMismatch => "Un archivo de contenido no coincide con su SHA-256: fue modificado.",
        C::PayloadVerified => "Cada archivo de contenido coincide con su SHA-256.",
        C::PayloadNotChecked => {
            "Los resúmenes del contenido no se recalcularon en esta comprobación (nunca en un resultado sobre la prueba)."
        }
        C::KeyInvalid => {
            "Un archivo de clave incluido no es una clave pública utilizable con la identidad de su titular, o tiene un nombre incorrecto."
        }
        C::KeyDuplicateIdentity => "Varias claves incluidas dicen pertenecer a la misma persona u oficina.",
        C::KeyMissing => "Un documento está firmado por una clave cuyo archivo de clave pública no está en el paquete.",
        C::SignatureMissing => "Un documento firmado no tiene archivo de firma.",
        C::SignatureSignerMismatch => {
            "Un documento nombra a su firmante de forma distinta que el archivo de clave incluido."
        }
        C::SignatureInvalid => "Una firma no es válida: el documento o su firma fueron alterados.",
        C::SignatureValid => "La firma de un documento es válida con la clave de su firmante.",
        C::ManifestMissing => "Falta custody/manifest.json.",
        C::ManifestInvalid => "El manifiesto no se ajusta a su esquema o a sus reglas.",
        C::ManifestTooManyItems => {
            "El manifiesto enumera más elementos de los que un paquete puede contener; no se leyó más allá."
        }
        C::ManifestTooLargeToHold => {
            "El manifiesto es más voluminoso de lo que un lector puede tener que retener; su contenido no se comprobó."
        }
        C::ManifestTooManyFiles => {
            "El manifiesto enumera más registros de archivo de los que un paquete puede contener; no se leyó más allá."
        }
        C::ManifestPayloadMismatch => {
            "El manifiesto y manifest-sha256.txt (o los tamaños del contenido) describen contenidos distintos."
        }
        C::BundleRootMismatch => {
            "La carpeta raíz del archivo comprimido nombra otro identificador de paquete que el manifiesto."
        }
        C::ManifestValid => "El manifiesto está bien formado y describe exactamente el contenido.",
        C::ManifestCaptureAfterSeal => {
            "Un elemento afirma haber sido obtenido después del sellado del paquete: un reloj está equivocado."
        }
        C::AttestationValid => "Los resúmenes certificados de una atestación coinciden con el contenido.",
        C::ProvenanceBerkeleyMinimum => {
            "A un elemento de página web le falta parte de la procedencia mínima del Protocolo de Berkeley."
        }
        C::ProvenanceOutsideAuthorisation => "Un elemento se obtuvo fuera del periodo de su autorización.",
        C::ProvenanceTimeUnexplained => "Una fecha del contenido no tiene significado declarado ni zona horaria.",
        C::ProvenanceUnwitnessed => {
            "Un elemento fue obtenido por un solo operador, sin testigo, sin grabación de la obtención y sin que un testigo refrendara el sellado."
        }
        C::PreservationExpired => {
            "Una solicitud de conservación que cita el caso había vencido en la fecha de evaluación."
        }
        C::RetentionExceeded => {
            "La fecha de evaluación es posterior al keep_until de las restricciones: la prueba se conserva más tiempo del permitido."
        }
        C::CustodyCaptureSealGap => "Pasaron más de 30 días entre el final de la última obtención y el sellado.",
        C::EventInvalid => "Un documento de evento no se ajusta a su esquema o a sus reglas; se descarta.",
        C::EventMissing => "El paquete no tiene eventos de custodia: nunca fue sellado.",
        C::EventSequenceGap => {
            "El número de secuencia de un evento no es su posición: falta un evento o está duplicado."
        }
        C::EventWrongBundle => "Un evento pertenece a otro paquete.",
        C::EventChainBroken => "Un evento no indica el SHA-256 del evento anterior.",
        C::EventTimeBackwards => "Un evento declara una hora anterior a la del evento anterior.",
        C::EventNotEntitled => "Un evento está firmado por una clave no habilitada para firmarlo.",
        C::EventTransferPending => "Se realizó una transmisión mientras otra estaba pendiente.",
        C::EventUnexpectedReceipt => "Una recepción no responde a ninguna transmisión pendiente.",
        C::EventRecipientMismatch => {
            "Una transmisión nombra a su destinatario de forma distinta que el archivo de clave incluido."
        }
        C::EventRecipientKeyMissing => {
            "El archivo de clave del destinatario de una transmisión no está vinculado por ningún evento."
        }
        C::EventFileMismatch => {
            "Un evento vincula un archivo que no puede vincular: ya vinculado, ausente o modificado."
        }
        C::EventUnexpectedFile => "Un evento añade un archivo que su tipo de evento no puede añadir.",
        C::EventChain => "Los eventos de custodia forman una cadena ininterrumpida y firmada.",
        C::CustodyTransferPending => "La última transmisión aún no tiene acuse de recibo.",
        C::ReceiptInvalid => "Un acuse de recibo infringe una regla del §7.3.",
        C::ReceiptAcceptsDamagedItem => "Un acuse de recibo acepta un elemento con un archivo dañado.",
        C::ReceiptTrustUnrecorded => "Un acuse de recibo que acepta algo no registra a quién verificó el destinatario.",
        C::ReceiptAcceptedUntrusted => {
            "Un acuse de recibo acepta el paquete aunque la lista de confianza del destinatario no avalaba a quien lo selló ni a quien lo remitió."
        }
        C::StatementInvalid => {
            "Una declaración está mal formada, es demasiado grande o no es de la clase del evento que la contiene."
        }
        C::StatementWrongBundle => "Una declaración se refiere a otro paquete.",
        C::StatementConcernsUnknown => {
            "Una declaración se refiere a un evento que no es un evento anterior de este paquete con el SHA-256 que indica."
        }
        C::StatementTimeInvalid => {
            "Una declaración declara una hora anterior a un evento al que se refiere, o posterior al evento que la contiene."
        }
        C::StatementValid => {
            "Una declaración está bien formada, se refiere a eventos de este paquete y está firmada por su autor."
        }
        C::CountersignByOwnSigner => "El autor de un refrendo firmó el evento que refrenda.",
        C::AttachmentMissing => {
            "Un archivo que adjunta una declaración no está en el paquete, o el evento que la contiene no lo vincula."
        }
        C::AttachmentHashMismatch => {
            "Un archivo que adjunta una declaración difiere del SHA-256 o del tamaño que indica la declaración."
        }
        C::ExaminationUnknownItem => "Un examen pericial nombra un elemento que el manifiesto no describe.",
        C::AccessUnknownItem => "Un registro de acceso enumera un elemento que el manifiesto no contiene.",
        C::DispositionUnknownItem => {
            "Una devolución o destrucción nombra un elemento que el manifiesto no describe, o que una devolución o destrucción anterior ya retiró."
        }
        C::DispositionStillPresent => "Un archivo de un elemento devuelto o destruido sigue en el paquete.",
        C::PayloadDisposed => {
            "Faltan los archivos de contenido de un elemento porque una devolución o destrucción firmada los retiró."
        }
        C::CommitmentValid => "La raíz de Merkle del evento de sellado es la que dan el manifiesto y su semilla.",
        C::CommitmentMismatch => {
            "La raíz de Merkle o el tamaño del árbol del evento de sellado difieren de los del manifiesto, o solo uno de los dos tiene un compromiso."
        }
        C::DerivationParentProven => {
            "Cada elemento y actor trasladado, el caso y las restricciones están probados como parte del paquete padre firmado por quien lo selló."
        }
        C::DerivationParentSealInvalid => {
            "El evento de sellado del padre trasladado falta, es ilegible, está mal firmado, es de otro paquete, es el sellado de un paquete derivado o no tiene compromiso."
        }
        C::DerivationProofInvalid => {
            "Una prueba de inclusión está mal formada o no conduce a la raíz firmada del padre."
        }
        C::DerivationNotProven => {
            "Un elemento o un actor trasladado no tiene prueba, o una prueba nombra algo que el paquete no contiene."
        }
        C::DerivationSaltReused => "Dos sales reveladas son iguales, o una de ellas es toda ceros.",
        C::DerivationRedactionInvalid => {
            "Una supresión no nombra ningún archivo trasladado o nombra uno dos veces, contradice el registro del archivo o no indica motivo."
        }
        C::DerivationRedacted => {
            "Un archivo es una copia con supresiones: el padre selló el SHA-256 de su original, no estos bytes."
        }
        C::DerivationEventUnknownItem => "Un evento de derivación nombra un elemento que el manifiesto no describe.",
        C::DerivationEventRemovedItem => {
            "Un evento de derivación nombra un elemento que una devolución o destrucción anterior retiró."
        }
        C::ParentVerified => "El padre con el que se coteja un paquete derivado se verifica por sí solo.",
        C::ParentNotVerified => {
            "El padre con el que se coteja un paquete derivado no se verifica por sí solo: nada puede probarse respecto de él."
        }
        C::ParentNotDerived => {
            "El paquete cotejado con un padre no es una copia derivada: su manifiesto no tiene derivación, o no se leyó."
        }
        C::ParentCopyNotVerified => {
            "La copia derivada no se verifica por sí sola: lo que indica de su padre no está probado."
        }
        C::ParentOtherBundle => {
            "El padre proporcionado es otro paquete que aquel cuyo identificador y evento de sellado indica la copia."
        }
        C::ParentLatestEvent => {
            "El padre contiene el evento que la copia indica como el último del padre en el momento de la derivación."
        }
        C::ParentLatestEventMissing => {
            "El padre no contiene ningún evento con el SHA-256 que la copia indica como el último del padre."
        }
        C::ParentDerivationRecorded => {
            "El evento de derivación del padre indica el identificador de paquete, el resumen del evento de sellado y los elementos de la copia, después del último evento que indica la copia."
        }
        C::ParentDerivationMismatch => {
            "El evento de derivación del padre que nombra la copia indica otro resumen del evento de sellado, otros elementos u otro evento anterior."
        }
        C::ParentDerivationRepeated => {
            "Varios eventos de derivación del padre nombran la copia: se comprueba el que sigue al último evento que nombra la copia; los demás son una contradicción del padre."
        }
        C::ParentDerivationUnrecorded => {
            "Ningún evento de derivación del padre nombra la copia: se derivó sin quedar registrada en él."
        }
        C::CustodyUnsignedFile => {
            "Un archivo de etiquetas no está cubierto por ninguna firma: fue añadido después del sellado."
        }
        C::TimestampOrphan => "El evento de un sello de tiempo o su firma no está en el paquete.",
        C::TimestampMalformed => "Un sello de tiempo no es un sello RFC 3161 bien formado.",
        C::TimestampUnsupportedAlgorithm => "Un sello de tiempo utiliza un algoritmo que este verificador no admite.",
        C::TimestampImprintMismatch => "Un sello de tiempo se emitió sobre datos distintos de la firma de su evento.",
        C::TimestampBadSignature => "La firma de un sello de tiempo no es válida.",
        C::TimestampNoEku => "Un certificado de autoridad de sellado de tiempo no está limitado al sellado de tiempo.",
        C::TimestampCertExpired => {
            "Un certificado de autoridad de sellado de tiempo no era válido en la hora del sello."
        }
        C::TimestampUntrustedRoot => {
            "La autoridad de sellado de tiempo de un sello no se encadena a las raíces proporcionadas (una comprobación de confianza)."
        }
        C::TimestampValid => "Un sello de tiempo es correcto y su autoridad se encadena a las raíces proporcionadas.",
        C::TimestampUntrusted => {
            "Un sello de tiempo es correcto, pero no se proporcionaron raíces para confiar en su autoridad."
        }
        C::TimestampTimeConflict => {
            "Un evento declara una hora posterior a su hora acreditada más allá de la tolerancia."
        }
        C::TimestampLate => "La hora acreditada de un evento es muy posterior a la hora que declara.",
        C::TimestampMissing => "Un evento no tiene sello de tiempo: su hora es solo la que declara su firmante.",
        C::LogMemberInvalid => {
            "El campo log del manifiesto no designa ningún registro utilizable: su URL o su clave de verificación está mal formada."
        }
        C::LogProofInvalid => {
            "Un archivo de prueba del registro está mal formado, no corresponde a ningún evento, tiene un punto de control no firmado con la clave del registro o no prueba su evento."
        }
        C::LogCheckpointsInconsistent => {
            "No está probado que un punto de control almacenado amplíe el anterior: el registro mostró dos historiales o se modificó una prueba (la falta de una prueba anterior no es este caso: §6.5, paso 3)."
        }
        C::LogIncluded => {
            "La prueba almacenada de un evento lo muestra en el registro de custodia, en un punto de control firmado con la clave del registro."
        }
        C::LogProofMissing => {
            "Un evento de un paquete que designa un registro de custodia no tiene prueba: el registro no era accesible cuando se escribió o la prueba fue eliminada; la comprobación en línea lo resuelve."
        }
        C::LogTruncated => {
            "El registro de custodia contiene un evento numerado después del último de esta copia: la copia no es la más reciente."
        }
        C::LogForked => {
            "El evento aceptado por el registro de custodia en una de las posiciones de esta copia difiere del de la copia: se continuó otra copia."
        }
        C::LogConflictsRecorded => {
            "El registro de custodia anotó pretensiones rechazadas de otros eventos sobre las posiciones de esta copia: alguien intentó continuar otra copia."
        }
        C::LogNotLogged => {
            "El registro de custodia no contiene ningún evento en una de las posiciones de esta copia: el evento se escribió sin el registro."
        }
        C::LogLatest => {
            "La respuesta del registro de custodia, cuyo punto de control está probado que amplía los almacenados en la copia, no menciona ningún evento posterior al último de la copia (la respuesta no está firmada: consulte el registro por una conexión de confianza)."
        }
        C::LogUnreachable => {
            "Se solicitó la comprobación en línea, pero no pudo realizarse (registro inaccesible o respuesta que no prueba nada): no se sabe si la copia es la más reciente (custody verify termina con el código 2)."
        }
        C::BundleComplete => {
            "Cada archivo está enumerado, tiene su resumen y está cubierto por una firma, y nada falló."
        }
        C::TrustSignerUnknown => "Un firmante no figura en la lista de confianza.",
        C::TrustIdentityUnlisted => {
            "La clave de un firmante figura en la lista de confianza sin una identidad completa, por lo que no avala a nadie."
        }
        C::TrustIdentityMismatch => {
            "La clave de un firmante figura en la lista de confianza con otra identidad que la que declara el paquete."
        }
        C::TrustKeyNotValid => {
            "La clave de un firmante firmó un evento fuera del periodo de validez que le da la lista de confianza."
        }
        C::TrustKeyRevoked => {
            "La clave de un firmante está revocada en la lista de confianza, y ninguna hora acreditada prueba que un evento que firmó sea anterior."
        }
        C::TrustSignerTrusted => "Un firmante figura en la lista de confianza con la identidad que declara.",
    }
}
