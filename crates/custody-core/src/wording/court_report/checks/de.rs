//! German (Deutsch): what each check code means, for the court report's checks section.

use crate::check::CheckCode as C;

/// What `code` means, in German.
pub(super) fn meaning(code: C) -> &'static str {
    match code {
        C::BundleJournalPending => {
            "Neben dem Paket liegt ein Rücksetzprotokoll einer unterbrochenen Aktualisierung; das Paket wird so geprüft, wie es ist."
        }
        C::BundleNotABundle => {
            "Die Datei ist überhaupt kein custody-Paket (leer, eine Webseite, ein abgeschnittenes ZIP, ein anderes ZIP, ein neu gepacktes Paket)."
        }
        C::ArchiveStructure => "Der ZIP-Container entspricht dem strengen Profil aus §3.",
        C::ArchiveNotZip => "Die Datei endet nicht mit einem ZIP-Endsatz des zentralen Verzeichnisses.",
        C::ArchiveMalformed => "Eine ZIP-Struktur ist fehlerhaft oder widersprüchlich.",
        C::ArchiveMultiDisk => "Das Archiv gibt an, sich über mehrere Datenträger zu erstrecken.",
        C::ArchiveTooManyEntries => "Das Archiv hat mehr als 1.100.000 Einträge.",
        C::ArchiveNameTooLong => "Ein Eintragsname ist länger als 1024 Bytes.",
        C::ArchiveNamesTooLarge => {
            "Die Namen der Dateien und Ordner des entpackten Bündels umfassen zusammen mehr als 256 MiB."
        }
        C::ArchiveNonUtf8Name => "Ein Eintragsname ist nicht in UTF-8.",
        C::ArchiveNotRegularFile => {
            "Ein Eintrag ist ein Ordner, ein Link oder eine andere Datei, die keine reguläre Datei ist."
        }
        C::ArchiveUnsafeName => {
            "Ein Eintragsname verstößt gegen die Namensregeln (absoluter Pfad, übergeordnete Ordner, reservierte Namen, Steuerzeichen)."
        }
        C::ArchiveEncryptedEntry => "Ein Eintrag ist verschlüsselt.",
        C::ArchiveUnsupportedFlags => {
            "Die allgemeinen Bitflags eines Eintrags sind nicht genau die, die das Erstellungsprogramm schreibt."
        }
        C::ArchiveUnsupportedCompression => {
            "Ein Eintrag ist komprimiert; Pakete speichern jeden Eintrag unkomprimiert."
        }
        C::ArchiveUnsupportedAttributes => {
            "Die Attribute oder die Zeit eines Eintrags sind nicht die festen Werte, die das Erstellungsprogramm schreibt."
        }
        C::ArchiveUnsupportedVersion => {
            "Die erstellende oder die benötigte Version eines Eintrags ist nicht der Wert, den das Erstellungsprogramm schreibt."
        }
        C::ArchiveUnsupportedExtra => "Ein Eintrag enthält ein anderes Zusatzfeld als ZIP64.",
        C::ArchiveDuplicateName => "Zwei Einträge haben denselben Namen.",
        C::ArchiveNameCollision => {
            "Zwei Einträge würden sich beim Entpacken gegenseitig überschreiben (Groß- und Kleinschreibung, Unicode-Form, eine Datei mit dem Namen eines Ordners)."
        }
        C::ArchiveHeaderMismatch => "Ein lokaler Header widerspricht seinem Eintrag im zentralen Verzeichnis.",
        C::ArchiveUnaccountedBytes => {
            "Zwischen Einträgen oder vor dem zentralen Verzeichnis liegen Bytes, die zu keinem Eintrag gehören."
        }
        C::ArchiveOverlappingEntries => "Die Daten zweier Einträge überlappen sich.",
        C::ArchiveCrcMismatch => "Die Daten eines Eintrags stimmen nicht mit ihrer CRC-32 überein.",
        C::ArchiveUnreadable => "Ein Eintrag konnte nicht gelesen werden.",
        C::ArchiveEntryTooLarge => "Eine Tag-Datei überschreitet ihre Größengrenze und wurde nicht gelesen.",
        C::ArchiveRootInvalid => {
            "Nicht alle Einträge liegen unter einem einzigen Ordner custody-<32 Hexadezimalziffern in Kleinbuchstaben>/ ohne weiteren Inhalt auf oberster Ebene."
        }
        C::ArchiveTooManyEvents => {
            "Das Paket enthält mehr Ereignisdokumente, als ein Paket enthalten darf; keines wurde gelesen."
        }
        C::ArchiveUnlistedFile => {
            "Eine Datei ist im Paket, aber nicht in seinem BagIt-Manifest aufgeführt: Sie wurde hinzugefügt."
        }
        C::BagitMissingTagFile => "Eine vorgeschriebene BagIt-Tag-Datei fehlt.",
        C::BagitDeclarationInvalid => "bagit.txt ist nicht die BagIt-1.0-Erklärung aus §2.1.",
        C::BagitDeclaration => "bagit.txt erklärt BagIt 1.0, UTF-8.",
        C::BagitManifestMalformed => {
            "Ein BagIt-Manifest ist nicht in UTF-8, fehlerhaft, führt einen Pfad doppelt auf oder führt einen Pfad auf, den es nicht aufführen darf."
        }
        C::BagitTagFileMissing => "Eine im Tag-Manifest aufgeführte Datei ist nicht im Paket.",
        C::BagitTagHashMismatch => {
            "Eine Tag-Datei stimmt nicht mit ihrem SHA-256 im Tag-Manifest überein: Sie wurde verändert."
        }
        C::BagitTagFiles => "Jede Tag-Datei stimmt mit dem Tag-Manifest überein.",
        C::BagitBagInfoInvalid => "bag-info.txt ist fehlerhaft oder hat kein Payload-Oxum.",
        C::BagitPayloadOxumMismatch => {
            "Das Payload-Oxum in bag-info.txt stimmt nicht mit Größe und Dateianzahl des Inhalts überein."
        }
        C::BagitBagInfoMismatch => "Die Kennungen in bag-info.txt widersprechen dem Manifest.",
        C::PayloadMissing => "Eine in manifest-sha256.txt aufgeführte Inhaltsdatei fehlt im Paket.",
        C::PayloadHashMismatch => "Eine Inhaltsdatei stimmt nicht mit ihrem SHA-256 überein: Sie wurde verändert.",
        C::PayloadVerified => "Jede Inhaltsdatei stimmt mit ihrem SHA-256 überein.",
        C::PayloadNotChecked => {
            "Die Prüfsummen des Inhalts wurden bei dieser Prüfung nicht neu berechnet (nie bei einem Ergebnis über das Beweismittel)."
        }
        C::KeyInvalid => {
            "Eine beigefügte Schlüsseldatei ist kein verwendbarer öffentlicher Schlüssel mit der Identität seines Inhabers oder ist falsch benannt."
        }
        C::KeyDuplicateIdentity => "Mehrere beigefügte Schlüssel geben dieselbe Person oder Dienststelle an.",
        C::KeyMissing => {
            "Ein Dokument ist mit einem Schlüssel signiert, dessen öffentliche Schlüsseldatei nicht im Paket ist."
        }
        C::SignatureMissing => "Ein signiertes Dokument hat keine Signaturdatei.",
        C::SignatureSignerMismatch => {
            "Ein Dokument benennt seinen Unterzeichner anders als die beigefügte Schlüsseldatei."
        }
        C::SignatureInvalid => "Eine Signatur ist ungültig: Das Dokument oder seine Signatur wurde verändert.",
        C::SignatureValid => "Die Signatur eines Dokuments ist mit dem Schlüssel seines Unterzeichners gültig.",
        C::ManifestMissing => "custody/manifest.json fehlt.",
        C::ManifestInvalid => "Das Manifest entspricht nicht seinem Schema oder seinen Regeln.",
        C::ManifestTooManyItems => {
            "Das Manifest führt mehr Beweisstücke auf, als ein Paket enthalten darf; es wurde nicht weiter gelesen."
        }
        C::ManifestTooLargeToHold => {
            "Das Manifest ist umfangreicher, als ein Leser im Speicher halten muss; sein Inhalt wurde nicht geprüft."
        }
        C::ManifestTooManyFiles => {
            "Das Manifest führt mehr Dateien auf, als ein Paket enthalten darf; es wurde nicht weiter gelesen."
        }
        C::ManifestPayloadMismatch => {
            "Das Manifest und manifest-sha256.txt (oder die Größen des Inhalts) beschreiben unterschiedliche Inhalte."
        }
        C::BundleRootMismatch => "Der Stammordner des Archivs nennt eine andere Paketkennung als das Manifest.",
        C::ManifestValid => "Das Manifest ist wohlgeformt und beschreibt genau den Inhalt.",
        C::ManifestCaptureAfterSeal => {
            "Ein Beweisstück gibt an, nach der Versiegelung des Pakets erhoben worden zu sein: Eine Uhr geht falsch."
        }
        C::AttestationValid => "Die bestätigten Prüfsummen einer Bestätigung stimmen mit dem Inhalt überein.",
        C::ProvenanceBerkeleyMinimum => {
            "Einem Webseiten-Beweisstück fehlt ein Teil der Mindestangaben zur Herkunft nach dem Berkeley-Protokoll."
        }
        C::ProvenanceOutsideAuthorisation => {
            "Ein Beweisstück wurde außerhalb des Zeitraums seiner Ermächtigung erhoben."
        }
        C::ProvenanceTimeUnexplained => "Eine Inhaltszeit hat weder eine angegebene Bedeutung noch eine Zeitzone.",
        C::ProvenanceUnwitnessed => {
            "Ein Beweisstück wurde von einer einzigen Person erhoben, ohne Zeugen, ohne Aufzeichnung der Erhebung und ohne Gegenzeichnung der Versiegelung durch einen Zeugen."
        }
        C::PreservationExpired => "Ein im Fall genanntes Sicherungsersuchen war am Bewertungsdatum abgelaufen.",
        C::RetentionExceeded => {
            "Das Bewertungsdatum liegt nach keep_until der Beschränkungen: Das Beweismittel wird länger als zulässig aufbewahrt."
        }
        C::CustodyCaptureSealGap => {
            "Zwischen dem Ende der letzten Erhebung und der Versiegelung liegen mehr als 30 Tage."
        }
        C::EventInvalid => {
            "Ein Ereignisdokument entspricht nicht seinem Schema oder seinen Regeln; es bleibt unberücksichtigt."
        }
        C::EventMissing => "Das Paket hat keine Verwahrungsereignisse: Es wurde nie versiegelt.",
        C::EventSequenceGap => {
            "Die laufende Nummer eines Ereignisses entspricht nicht seiner Position: Ein Ereignis fehlt oder ist doppelt."
        }
        C::EventWrongBundle => "Ein Ereignis gehört zu einem anderen Paket.",
        C::EventChainBroken => "Ein Ereignis nennt nicht den SHA-256 des vorhergehenden Ereignisses.",
        C::EventTimeBackwards => "Ein Ereignis gibt eine frühere Zeit an als das vorhergehende Ereignis.",
        C::EventNotEntitled => {
            "Ein Ereignis ist mit einem Schlüssel signiert, der nicht zu seiner Signatur berechtigt ist."
        }
        C::EventTransferPending => "Eine Übermittlung erfolgte, während eine andere Übermittlung noch ausstand.",
        C::EventUnexpectedReceipt => "Eine Empfangsbestätigung beantwortet keine ausstehende Übermittlung.",
        C::EventRecipientMismatch => {
            "Eine Übermittlung benennt ihren Empfänger anders als die beigefügte Schlüsseldatei."
        }
        C::EventRecipientKeyMissing => {
            "Die Schlüsseldatei des Empfängers einer Übermittlung ist durch kein Ereignis gebunden."
        }
        C::EventFileMismatch => {
            "Ein Ereignis bindet eine Datei, die es nicht binden darf: bereits gebunden, fehlend oder verändert."
        }
        C::EventUnexpectedFile => "Ein Ereignis fügt eine Datei hinzu, die seine Ereignisart nicht hinzufügen darf.",
        C::EventChain => "Die Verwahrungsereignisse bilden eine lückenlose, signierte Kette.",
        C::CustodyTransferPending => "Für die letzte Übermittlung liegt noch keine Empfangsbestätigung vor.",
        C::ReceiptInvalid => "Eine Empfangsbestätigung verstößt gegen eine Regel aus §7.3.",
        C::ReceiptAcceptsDamagedItem => {
            "Eine Empfangsbestätigung nimmt ein Beweisstück mit einer beschädigten Datei an."
        }
        C::ReceiptTrustUnrecorded => {
            "Eine Empfangsbestätigung, die etwas annimmt, hält nicht fest, wen der Empfänger geprüft hat."
        }
        C::ReceiptAcceptedUntrusted => {
            "Eine Empfangsbestätigung nimmt das Paket an, obwohl die Vertrauensliste des Empfängers weder für den Versiegelnden noch für den Absender bürgte."
        }
        C::StatementInvalid => {
            "Eine Erklärung ist fehlerhaft, zu groß oder nicht von der Art ihres tragenden Ereignisses."
        }
        C::StatementWrongBundle => "Eine Erklärung wurde über ein anderes Paket abgegeben.",
        C::StatementConcernsUnknown => {
            "Eine Erklärung betrifft ein Ereignis, das kein früheres Ereignis dieses Pakets mit dem von ihr genannten SHA-256 ist."
        }
        C::StatementTimeInvalid => {
            "Eine Erklärung gibt eine Zeit vor einem Ereignis an, das sie betrifft, oder nach dem Ereignis, das sie trägt."
        }
        C::StatementValid => {
            "Eine Erklärung ist wohlgeformt, betrifft Ereignisse dieses Pakets und ist von ihrem Verfasser signiert."
        }
        C::CountersignByOwnSigner => {
            "Der Verfasser einer Gegenzeichnung hat das Ereignis, das er gegenzeichnet, selbst signiert."
        }
        C::AttachmentMissing => {
            "Eine einer Erklärung beigefügte Datei ist nicht im Paket, oder ihr tragendes Ereignis bindet sie nicht."
        }
        C::AttachmentHashMismatch => {
            "Eine einer Erklärung beigefügte Datei weicht von dem SHA-256 oder der Größe ab, die die Erklärung angibt."
        }
        C::ExaminationUnknownItem => "Eine Untersuchung nennt ein Beweisstück, das das Manifest nicht beschreibt.",
        C::AccessUnknownItem => "Ein Zugriffsprotokoll führt ein Beweisstück auf, das das Manifest nicht enthält.",
        C::DispositionUnknownItem => {
            "Eine Rückgabe oder Vernichtung nennt ein Beweisstück, das das Manifest nicht beschreibt oder das eine frühere Rückgabe oder Vernichtung bereits entfernt hat."
        }
        C::DispositionStillPresent => {
            "Eine Datei eines zurückgegebenen oder vernichteten Beweisstücks ist noch im Paket."
        }
        C::PayloadDisposed => {
            "Die Inhaltsdateien eines Beweisstücks fehlen, weil eine signierte Rückgabe oder Vernichtung sie entfernt hat."
        }
        C::CommitmentValid => {
            "Die Merkle-Wurzel des Versiegelungsereignisses ist die, die sich aus dem Manifest und seinem Startwert ergibt."
        }
        C::CommitmentMismatch => {
            "Die Merkle-Wurzel oder Baumgröße des Versiegelungsereignisses weicht von der des Manifests ab, oder nur eines von beiden hat eine Festlegung."
        }
        C::DerivationParentProven => {
            "Jedes übernommene Beweisstück und jeder übernommene Beteiligte, der Fall und die Beschränkungen sind als Teil des Ausgangspakets nachgewiesen, das sein Versiegelnder signiert hat."
        }
        C::DerivationParentSealInvalid => {
            "Das übernommene Versiegelungsereignis des Ausgangspakets fehlt, ist unlesbar, falsch signiert, gehört zu einem anderen Paket, ist die Versiegelung eines abgeleiteten Pakets oder hat keine Festlegung."
        }
        C::DerivationProofInvalid => {
            "Ein Inklusionsnachweis ist fehlerhaft oder führt nicht zur signierten Wurzel des Ausgangspakets."
        }
        C::DerivationNotProven => {
            "Ein übernommenes Beweisstück oder ein übernommener Beteiligter hat keinen Nachweis, oder ein Nachweis nennt etwas, das das Paket nicht enthält."
        }
        C::DerivationSaltReused => "Zwei offengelegte Salts sind gleich, oder einer besteht nur aus Nullen.",
        C::DerivationRedactionInvalid => {
            "Eine Schwärzung nennt keine übernommene Datei oder eine doppelt, widerspricht dem Datensatz der Datei oder gibt keinen Grund an."
        }
        C::DerivationRedacted => {
            "Eine Datei ist eine geschwärzte Kopie: Das Ausgangspaket hat den SHA-256 ihres Originals versiegelt, nicht diese Bytes."
        }
        C::DerivationEventUnknownItem => {
            "Ein Ableitungsereignis nennt ein Beweisstück, das das Manifest nicht beschreibt."
        }
        C::DerivationEventRemovedItem => {
            "Ein Ableitungsereignis nennt ein Beweisstück, das eine frühere Rückgabe oder Vernichtung entfernt hat."
        }
        C::ParentVerified => {
            "Das Ausgangspaket, mit dem ein abgeleitetes Paket abgeglichen wird, ist für sich allein gültig."
        }
        C::ParentNotVerified => {
            "Das Ausgangspaket, mit dem ein abgeleitetes Paket abgeglichen wird, ist für sich allein nicht gültig: Gegen es lässt sich nichts nachweisen."
        }
        C::ParentNotDerived => {
            "Das mit einem Ausgangspaket abgeglichene Paket ist keine abgeleitete Kopie: Sein Manifest hat keine Ableitung oder wurde nicht gelesen."
        }
        C::ParentCopyNotVerified => {
            "Die abgeleitete Kopie ist für sich allein nicht gültig: Was sie über ihr Ausgangspaket angibt, ist nicht nachgewiesen."
        }
        C::ParentOtherBundle => {
            "Das angegebene Ausgangspaket ist ein anderes Paket als jenes, dessen Paketkennung und Versiegelungsereignis die Kopie nennt."
        }
        C::ParentLatestEvent => {
            "Das Ausgangspaket enthält das Ereignis, das die Kopie als dessen letztes Ereignis zum Zeitpunkt der Ableitung nennt."
        }
        C::ParentLatestEventMissing => {
            "Das Ausgangspaket enthält kein Ereignis mit dem SHA-256, den die Kopie als dessen letztes Ereignis nennt."
        }
        C::ParentDerivationRecorded => {
            "Das Ableitungsereignis des Ausgangspakets nennt Paketkennung, Hash des Versiegelungsereignisses und Beweisstücke der Kopie, nach dem letzten Ereignis, das die Kopie nennt."
        }
        C::ParentDerivationMismatch => {
            "Das Ableitungsereignis des Ausgangspakets, das die Kopie nennt, gibt einen anderen Hash des Versiegelungsereignisses, andere Beweisstücke oder ein anderes vorhergehendes Ereignis an."
        }
        C::ParentDerivationRepeated => {
            "Mehrere Ableitungsereignisse des Ausgangspakets nennen die Kopie: Geprüft wird das nach dem letzten Ereignis, das die Kopie nennt; die übrigen sind ein Widerspruch des Ausgangspakets."
        }
        C::ParentDerivationUnrecorded => {
            "Kein Ableitungsereignis des Ausgangspakets nennt die Kopie: Sie wurde abgeleitet, ohne darin festgehalten zu werden."
        }
        C::CustodyUnsignedFile => {
            "Eine Tag-Datei ist von keiner Signatur erfasst: Sie wurde nach der Versiegelung hinzugefügt."
        }
        C::TimestampOrphan => "Das Ereignis eines Zeitstempels oder dessen Signatur ist nicht im Paket.",
        C::TimestampMalformed => "Ein Zeitstempel ist kein wohlgeformter RFC-3161-Zeitstempel.",
        C::TimestampUnsupportedAlgorithm => {
            "Ein Zeitstempel verwendet einen Algorithmus, den dieses Prüfprogramm nicht unterstützt."
        }
        C::TimestampImprintMismatch => {
            "Ein Zeitstempel wurde über andere Daten als die Signatur seines Ereignisses erstellt."
        }
        C::TimestampBadSignature => "Die Signatur eines Zeitstempels ist ungültig.",
        C::TimestampNoEku => "Ein Zertifikat eines Zeitstempeldienstes ist nicht auf Zeitstempel beschränkt.",
        C::TimestampCertExpired => {
            "Ein Zertifikat eines Zeitstempeldienstes war zur Zeit des Zeitstempels nicht gültig."
        }
        C::TimestampUntrustedRoot => {
            "Der Zeitstempeldienst eines Zeitstempels lässt sich nicht auf die angegebenen Wurzelzertifikate zurückführen (eine Vertrauensprüfung)."
        }
        C::TimestampValid => {
            "Ein Zeitstempel ist einwandfrei, und sein Zeitstempeldienst führt zu den angegebenen Wurzelzertifikaten."
        }
        C::TimestampUntrusted => {
            "Ein Zeitstempel ist einwandfrei, aber es wurden keine Wurzelzertifikate angegeben, um seinem Zeitstempeldienst zu vertrauen."
        }
        C::TimestampTimeConflict => {
            "Ein Ereignis gibt eine Zeit an, die über die Toleranz hinaus nach seiner gesicherten Zeit liegt."
        }
        C::TimestampLate => "Die gesicherte Zeit eines Ereignisses liegt weit nach der Zeit, die es angibt.",
        C::TimestampMissing => {
            "Ein Ereignis hat keinen Zeitstempel: Seine Zeit ist nur die Angabe seines Unterzeichners."
        }
        C::LogMemberInvalid => {
            "Das Feld log des Manifests nennt kein brauchbares Protokoll: Seine URL oder sein Prüfschlüssel ist fehlerhaft."
        }
        C::LogProofInvalid => {
            "Eine Nachweisdatei des Protokolls ist fehlerhaft, gehört zu keinem Ereignis, hat einen nicht mit dem Schlüssel des Protokolls signierten Prüfpunkt oder weist ihr Ereignis nicht nach."
        }
        C::LogCheckpointsInconsistent => {
            "Für einen gespeicherten Prüfpunkt ist nicht nachgewiesen, dass er den vorherigen fortschreibt: Das Protokoll hat zwei Verläufe gezeigt, oder ein Nachweis wurde verändert (ein fehlender früherer Nachweis fällt nicht hierunter: §6.5, Schritt 3)."
        }
        C::LogIncluded => {
            "Der gespeicherte Nachweis eines Ereignisses zeigt es im Verwahrungsprotokoll, in einem mit dem Schlüssel des Protokolls signierten Prüfpunkt."
        }
        C::LogProofMissing => {
            "Ein Ereignis eines Pakets, das ein Verwahrungsprotokoll nennt, hat keinen Nachweis: Das Protokoll war beim Schreiben nicht erreichbar, oder der Nachweis wurde entfernt; die Online-Prüfung klärt dies."
        }
        C::LogTruncated => {
            "Das Verwahrungsprotokoll enthält ein Ereignis mit einer Nummer nach dem letzten dieser Kopie: Die Kopie ist nicht die neueste."
        }
        C::LogForked => {
            "Das vom Verwahrungsprotokoll angenommene Ereignis an einer der Stellen dieser Kopie weicht von dem der Kopie ab: Eine andere Kopie wurde fortgeführt."
        }
        C::LogConflictsRecorded => {
            "Das Verwahrungsprotokoll hat abgelehnte Ansprüche anderer Ereignisse auf Stellen dieser Kopie festgehalten: Jemand hat versucht, eine andere Kopie fortzuführen."
        }
        C::LogNotLogged => {
            "Das Verwahrungsprotokoll enthält an einer der Stellen dieser Kopie kein Ereignis: Das Ereignis wurde ohne das Protokoll geschrieben."
        }
        C::LogLatest => {
            "Die Antwort des Verwahrungsprotokolls, deren Prüfpunkt nachweislich die gespeicherten Prüfpunkte der Kopie fortschreibt, nennt kein Ereignis nach dem letzten der Kopie (die Antwort ist nicht signiert: Fragen Sie über eine vertrauenswürdige Verbindung an)."
        }
        C::LogUnreachable => {
            "Die Online-Prüfung wurde verlangt, konnte aber nicht durchgeführt werden (Protokoll nicht erreichbar oder Antwort ohne Beweiskraft): Ob die Kopie die neueste ist, ist unbekannt (custody verify endet mit Code 2)."
        }
        C::BundleComplete => {
            "Jede Datei ist aufgeführt, mit Prüfsumme versehen und von einer Signatur erfasst, und nichts ist fehlgeschlagen."
        }
        C::TrustSignerUnknown => "Ein Unterzeichner steht nicht in der Vertrauensliste.",
        C::TrustIdentityUnlisted => {
            "Der Schlüssel eines Unterzeichners steht ohne vollständige Identität in der Vertrauensliste und bürgt daher für niemanden."
        }
        C::TrustIdentityMismatch => {
            "Der Schlüssel eines Unterzeichners steht mit einer anderen Identität in der Vertrauensliste, als das Paket angibt."
        }
        C::TrustKeyNotValid => {
            "Der Schlüssel eines Unterzeichners hat ein Ereignis außerhalb der Gültigkeitsdauer signiert, die ihm die Vertrauensliste gibt."
        }
        C::TrustKeyRevoked => {
            "Der Schlüssel eines Unterzeichners ist in der Vertrauensliste widerrufen, und keine gesicherte Zeit belegt, dass ein von ihm signiertes Ereignis früher lag."
        }
        C::TrustSignerTrusted => "Ein Unterzeichner steht mit der Identität, die er angibt, in der Vertrauensliste.",
    }
}
