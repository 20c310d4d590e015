//! German (Deutsch): the court report's words.

use super::{Label, Sentence};
use crate::check::Level;

pub(super) fn label(label: Label) -> &'static str {
    match label {
        Label::Title => "Prüfbericht",
        Label::Verdict => "Ergebnis",
        Label::LatestEvent => "Letztes Ereignis:",
        Label::Damaged => "Beschädigte Beweisstücke",
        Label::FailedCodes => "Fehlgeschlagene Prüfungen",
        Label::Restrictions => "Verwendungsbeschränkungen und Übermittlungsbedingungen",
        Label::NoRestrictions => "Das Paket nennt keine Verwendungsbeschränkung und keine Übermittlungsbedingung.",
        Label::Case => "Verfahren und Rechtsgrundlage",
        Label::NoCase => "Die Angaben zum Verfahren konnten aus dem Paket nicht gelesen werden.",
        Label::Items => "Beweismittel",
        Label::Path => "Pfad",
        Label::Size => "Größe (Bytes)",
        Label::Sha256 => "SHA-256",
        Label::MediaType => "Medientyp",
        Label::Result => "Ergebnis",
        Label::FileDamaged => "BESCHÄDIGT",
        Label::FileOk => "kein Fehler festgestellt",
        Label::FileDisposed => "nicht in diesem Paket (zurückgegeben oder vernichtet)",
        Label::DisposedBy => "Zurückgegeben oder vernichtet aufgrund des signierten Verwahrungsereignisses",
        Label::Capture => "Sicherung",
        Label::NotAccepted => "Nicht angenommen",
        Label::Attestations => "Mit dem Manifest versiegelte Bestätigungen",
        Label::Statements => "Gegenzeichnungen, beigefügte Dokumente, Untersuchungen und Zugriffsprotokolle",
        Label::NoStatements => "Das Paket enthält keine Erklärung.",
        Label::Timeline => "Zeitleiste der Beweismittelkette",
        Label::Events => "Ereignisse der Beweismittelkette",
        Label::Checks => "Alle Prüfungen",
        Label::ContentChecks => "Inhaltsprüfungen",
        Label::Code => "Code",
        Label::Level => "Stufe",
        Label::Message => "Meldung",
        Label::Appendix => "Anhang: selbst nachprüfen",
        Label::About => "Über diesen Bericht",
        Label::Bundle => "Paketdatei",
        Label::BundleId => "Paketkennung",
        Label::Tool => "Geprüft mit",
        Label::GeneratedAt => "Bericht erstellt am",
        Label::VerifiedAt => "Prüfung durchgeführt am",
        Label::TrustList => "Vertrauensliste",
        Label::TsaRoots => "Zeitstempel-Wurzelzertifikate (TSA)",
        Label::NoneGiven => "keine angegeben: Unterzeichner und Zeitstempeldienste wurden gegen keine Liste geprüft",
        Label::Parties => "Unterzeichnende Beteiligte",
        Label::Name => "Name",
        Label::Organisation => "Stelle",
        Label::Role => "Funktion",
        Label::Jurisdiction => "Rechtsordnung",
        Label::Key => "Schlüssel-Fingerabdruck",
        Label::Trusted => "Vertrauensliste",
        Label::InTrustList => "in der Vertrauensliste",
        Label::NotInTrustList => "NICHT in der Vertrauensliste",
        Label::NotChecked => "nicht geprüft",
        Label::Refused => "abgelehnt",
        Label::ShowFiles => "Datei(en)",
        Label::Language => "Sprache",
        Label::DetailsInEnglish => {
            "Die Bedeutung jeder Prüfung ist in der Sprache des Berichts angegeben; die eigene Meldung jeder Prüfung, \
            die Dateien und Werte nennt, und aus der Prüfung zitierte Einzelheiten sind auf Englisch."
        }
        Label::Area => "Bereich",
        Label::CaptureKind => "Art",
        Label::CaptureSource => "Quelle",
        Label::CaptureFinalUrl => "End-URL",
        Label::CaptureOn => "Plattform und Konto",
        Label::CaptureAt => "Erfasst",
        Label::CaptureTool => "Werkzeug",
        Label::CaptureMethods => "Methoden",
        Label::CaptureClock => "Zeitquelle",
        Label::CaptureEnvironment => "Umgebung",
        Label::CaptureSteps => "Schritte",
        Label::CaptureBy => "Erfasst durch",
        Label::CaptureWitnessedBy => "Im Beisein von",
        Label::CaptureUnder => "Auf Grundlage von",
        Label::CaptureAltered => "Veränderungen",
        Label::CaptureNote => "Anmerkung",
        Label::EnvOs => "Betriebssystem",
        Label::EnvBrowser => "Browser",
        Label::EnvUserAgent => "User-Agent",
        Label::EnvEgressIp => "Ausgangs-IP-Adresse",
        Label::EnvExitJurisdiction => "Land des Netzausgangs",
        Label::EnvNote => "Sonstiges",
        Label::CaptureAccount => "Konto",
        Label::CaptureAccountId => "Konto-ID",
        Label::CaptureObject => "Objekt",
        Label::CaseReference => "Verfahrensreferenz",
        Label::CaseTitle => "Bezeichnung",
        Label::CaseProceeding => "Verfahrensart",
        Label::CaseObtainedBy => "Art der Erlangung",
        Label::CaseUrgency => "Dringlichkeit",
        Label::CaseLegalBasis => "Rechtsgrundlage",
        Label::CaseOffence => "Straftat",
        Label::CaseFileNumber => "Aktenzeichen",
        Label::CaseRequest => "Zugehöriges Ersuchen",
        Label::StateInvalid => "UNGÜLTIG",
        Label::StateNotTrusted => "VERTRAUEN NICHT BELEGT",
        Label::StateIntact => "UNVERSEHRT",
        Label::StateTrusted => "VERTRAUENSWÜRDIG",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "Eine Prüfung ist fehlgeschlagen: Das Paket ist beschädigt, verändert, unvollständig oder fehlerhaft \
            aufgebaut oder kein Paket einer Beweismittelkette. Verlassen Sie sich in diesem Zustand nicht darauf; die \
            fehlgeschlagenen Prüfungen unten nennen was und wo."
        }
        "not_trusted" => {
            "Das Paket ist unversehrt, aber ein Unterzeichner oder Zeitstempeldienst wird von der angegebenen \
            Vertrauensliste oder den TSA-Wurzelzertifikaten nicht bestätigt: Wer oder wann unterzeichnet hat, ist \
            nicht belegt."
        }
        "trusted" => {
            "Alle Prüfungen waren erfolgreich, und jeder Unterzeichner steht mit der angegebenen Identität in der \
            Vertrauensliste."
        }
        _ => "Alle Prüfungen waren erfolgreich; die Unterzeichner wurden nicht gegen eine Vertrauensliste geprüft.",
    }
}

pub(super) fn level_name(level: Level) -> &'static str {
    match level {
        Level::Pass => "bestanden",
        Level::Warn => "WARNUNG",
        Level::Fail => "FEHLER",
    }
}

pub(super) fn area_title(area: &str) -> Option<&'static str> {
    Some(match area {
        "access" => "Zugriffsprotokolle",
        "archive" => "ZIP-Container",
        "attachment" => "Beigefügte Dokumente",
        "attestation" => "Bestätigungen",
        "bagit" => "BagIt-Struktur",
        "bundle" => "Paket",
        "commitment" => "Merkle-Verpflichtung",
        "derivation" => "Abgeleitetes Paket",
        "countersign" => "Gegenzeichnungen",
        "custody" => "Beweismittelkette",
        "disposition" => "Verbleib (Rückgabe oder Vernichtung)",
        "event" => "Ereignisse der Beweismittelkette",
        "examination" => "Untersuchungen",
        "extract" => "Extraktion",
        "key" => "Schlüssel",
        "manifest" => "Manifest",
        "parent" => "Abgleich mit dem Original",
        "payload" => "Integrität der Dateien",
        "preservation" => "Beschleunigte Sicherung",
        "provenance" => "Herkunft der Sicherung",
        "receipt" => "Empfangsbestätigungen",
        "retention" => "Aufbewahrungsfrist",
        "signature" => "Signaturen",
        "statement" => "Erklärungen",
        "timestamp" => "Zeitstempel",
        "log" => "Verwahrungsprotokoll",
        "trust" => "Vertrauen in die Unterzeichner",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("{files} Datei(en), {bytes} Bytes")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "Zeitleiste der Beweismittelkette: {parties} Beteiligte als Bahnen, {events} Ereignis(se) in Reihenfolge auf \
        der Zeitachse; Pfeile sind Übergaben, eine Raute markiert einen bestätigten Zeitpunkt, ein rotes Kreuz \
        abgelehnte Beweisstücke oder Bedingungen."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "Bahnen: die unterzeichnenden Beteiligten. Punkte: Ereignisse, von links nach rechts in Reihenfolge, jeweils mit \
    Zeitpunkt. Pfeile: eine Übermittlung zur Empfangsbestätigung, die sie beantwortet (gestrichelt: noch keine \
    Bestätigung). Raute: ein bestätigter Zeitpunkt (gefüllt: sein Zeitstempeldienst führt auf die angegebenen \
    Wurzelzertifikate zurück). Rotes Kreuz: abgelehnte Beweisstücke oder Bedingungen."
}

pub(super) fn pending() -> &'static str {
    "ausstehend: noch keine Empfangsbestätigung"
}

pub(super) fn refused_mark(items: usize, conditions: usize) -> String {
    format!("abgelehnt: {items} Gruppe(n) von Beweisstücken, {conditions} Bedingung(en)")
}

pub(super) fn more_damaged_files(n: usize) -> String {
    format!("und {n} weitere beschädigte Datei(en) (siehe die Dateien des Beweisstücks und die Prüfungen)")
}

pub(super) fn lanes_not_drawn(n: usize) -> String {
    format!(
        "{n} weitere Beteiligte dieses Abschnitts der Zeitleiste sind nicht gezeichnet: die Tabelle der Beteiligten \
        nennt alle"
    )
}

pub(super) fn appendix_intro() -> &'static str {
    "Dieser Bericht stammt aus einem einzigen Prüflauf des oben genannten Programms. Jeder kann die Prüfungen ohne es \
    wiederholen, nur mit üblichen Werkzeugen. Das Paket selbst enthält diese Anleitung auf Englisch als \
    HOW-TO-VERIFY.txt:"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("{n} weitere Prüfung(en) dieses Codes, nicht aufgeführt")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "{n} weitere Gegenstände sind in diesem PDF nicht aufgeführt (beschädigte und nicht angenommene Gegenstände \
        stehen zuerst): der HTML-Bericht (custody report --out bericht.html) und custody verify --format json führen \
        jeden Gegenstand und jede Datei mit ihrem SHA-256 auf"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "{n} weitere Datei(en) dieses Gegenstands sind in diesem PDF nicht aufgeführt: der HTML-Bericht (custody \
        report --out bericht.html) und custody verify --format json führen jede Datei mit ihrem SHA-256 auf"
    )
}

pub(super) fn sentence(s: Sentence) -> &'static str {
    match s {
        Sentence::UseFor => "Verwendung nur zu folgenden Zwecken: {0}",
        Sentence::UseIn => "Verwendung nur in folgenden Verfahren: {0}",
        Sentence::UseForIn => "Verwendung nur zu folgenden Zwecken: {0}; und nur in folgenden Verfahren: {1}",
        Sentence::UseLimited => "Verwendung beschränkt",
        Sentence::Speciality => {
            "{0} (Grundsatz der Spezialität: jede andere Verwendung bedarf der Zustimmung des übermittelnden Staates)"
        }
        Sentence::WithNote => "{0}. {1}",
        Sentence::OnwardAllowed => "Weiterübermittlung zulässig",
        Sentence::OnwardForbidden => "Weiterübermittlung UNTERSAGT",
        Sentence::OnwardConsentOf => "Weiterübermittlung nur mit vorheriger Zustimmung von: {0}",
        Sentence::OnwardConsent => "Weiterübermittlung nur mit vorheriger Zustimmung der übermittelnden Behörde",
        Sentence::Confidentiality => "Vertraulichkeit: {0}",
        Sentence::Retention => "Aufbewahrungsfrist: {0}",
        Sentence::KeepUntil => "aufzubewahren bis {0}",
        Sentence::ReviewBy => "zu überprüfen bis {0}",
        Sentence::PersonalData => "Enthält personenbezogene Daten",
        Sentence::NoPersonalData => "Enthält keine personenbezogenen Daten",
        Sentence::DataSubjects => "betroffene Personen: {0}",
        Sentence::SpecialCategories => "besondere Kategorien personenbezogener Daten: {0}",
        Sentence::Minors => "enthält Daten über MINDERJÄHRIGE",
        Sentence::ExportApproval => "Ausfuhrgenehmigung: {0}",
        Sentence::ListSep => "; ",
        Sentence::Comma => ", ",
        Sentence::TwoSentences => "{0} {1}",
        Sentence::ConditionAccepted => {
            "{0} ({1}), festgelegt von {2} bei Übermittlung Nr. {3}: vom Empfänger angenommen"
        }
        Sentence::ConditionRefused => "{0} ({1}), festgelegt von {2} bei Übermittlung Nr. {3}: vom Empfänger ABGELEHNT",
        Sentence::Pending => "Ausstehend seit {0}: Übermittlung Nr. {1} an {2} zum Zweck „{3}“, noch nicht empfangen",
        Sentence::Signer => "{0} ({1}, {2}, {3})",
        Sentence::LatestSigned => "Nr. {0}, {1}, am {2}, signiert von {3}",
        Sentence::LatestClaimed => {
            "Nr. {0}, {1}, am {2}, angeblich signiert von {3} (NICHT geprüft: das Paket ist ungültig)"
        }
        Sentence::LatestKey => "Schlüssel {0}",
        Sentence::ConfirmLatest => {
            "Bestätigen Sie beim Absender, dass dies sein letztes Ereignis ist: spätere Ereignisse \
             könnten entfernt worden sein."
        }
        Sentence::NotAcceptedBy => "von {0} bei Übermittlung Nr. {1} ({2})",
        Sentence::NotAcceptedByWhy => "von {0} bei Übermittlung Nr. {1} ({2}: {3})",
        Sentence::NotAcceptedAt => "bei Übermittlung Nr. {0} ({1})",
        Sentence::MoreDamagedItems => "und {0} weitere(s) beschädigte(s) Beweisstück(e) (siehe die Prüfungen unten)",
        Sentence::TrustedTime => "gesicherte Zeit {0} von {1} ({2} s nach der angegebenen Zeit)",
        Sentence::TrustedTimeUntrusted => {
            "gesicherte Zeit {0} von {1} ({2} s nach der angegebenen Zeit) [ZEITSTEMPELDIENST NICHT VERTRAUENSWÜRDIG: \
            sein Wurzelzertifikat wurde nicht angegeben]"
        }
        Sentence::SummaryInvalid => {
            "UNGÜLTIG: {0} Prüfung(en) fehlgeschlagen. Verlassen Sie sich nicht auf dieses Paket in seinem jetzigen \
            Zustand; die beschädigten Dateien und die fehlgeschlagenen Prüfungen sind unten aufgeführt."
        }
        Sentence::SummaryInvalidNothingDamaged => {
            "UNGÜLTIG: {0} Prüfung(en) fehlgeschlagen. Verlassen Sie sich nicht auf dieses Paket in seinem jetzigen \
            Zustand; die fehlgeschlagenen Prüfungen sind unten aufgeführt."
        }
        Sentence::SummaryNotTrustedSigner => {
            "VERTRAUEN NICHT BELEGT (unversehrt): Die Dateien stimmen mit dem Signierten überein, aber mindestens ein \
            Unterzeichner steht nicht mit der von ihm angegebenen Identität in Ihrer Vertrauensliste; wer signiert \
            hat, ist daher nicht verbürgt. Prüfen Sie den Schlüssel bei seinem Inhaber, bevor Sie sich darauf \
            verlassen. Das Entfernen der letzten Verwahrungsereignisse oder eine Kopie, die ein früherer Verwahrer \
            getrennt weitergeführt hat (eine Abspaltung), hinterlässt keine Spur: Bestätigen Sie das letzte Ereignis \
            unten beim Absender."
        }
        Sentence::SummaryNotTrustedTsa => {
            "VERTRAUEN NICHT BELEGT (unversehrt): Die Dateien stimmen mit dem Signierten überein, aber ein \
            Zeitstempel stammt von einem Zeitstempeldienst, dessen Wurzelzertifikat nicht unter den angegebenen ist; \
            seine Zeit ist daher nicht verbürgt. Prüfen Sie den Schlüssel bei seinem Inhaber, bevor Sie sich darauf \
            verlassen. Das Entfernen der letzten Verwahrungsereignisse oder eine Kopie, die ein früherer Verwahrer \
            getrennt weitergeführt hat (eine Abspaltung), hinterlässt keine Spur: Bestätigen Sie das letzte Ereignis \
            unten beim Absender."
        }
        Sentence::SummaryNotTrustedBoth => {
            "VERTRAUEN NICHT BELEGT (unversehrt): Die Dateien stimmen mit dem Signierten überein, aber mindestens ein \
            Unterzeichner steht nicht mit der von ihm angegebenen Identität in Ihrer Vertrauensliste, und ein \
            Zeitstempel stammt von einem Zeitstempeldienst, dessen Wurzelzertifikat nicht unter den angegebenen ist. \
            Prüfen Sie den Schlüssel bei seinem Inhaber, bevor Sie sich darauf verlassen. Das Entfernen der letzten \
            Verwahrungsereignisse oder eine Kopie, die ein früherer Verwahrer getrennt weitergeführt hat (eine \
            Abspaltung), hinterlässt keine Spur: Bestätigen Sie das letzte Ereignis unten beim Absender."
        }
        Sentence::SummaryIntact => {
            "UNVERSEHRT: Jede Datei stimmt mit dem Signierten überein, und die Verwahrungsereignisse bilden eine \
            lückenlose signierte Kette. Die Schlüssel der Unterzeichner wurden gegen keine Vertrauensliste geprüft \
            (keine wurde angegeben). Das Entfernen der letzten Verwahrungsereignisse oder eine Kopie, die ein \
            früherer Verwahrer getrennt weitergeführt hat (eine Abspaltung), hinterlässt keine Spur: Bestätigen Sie \
            das letzte Ereignis unten beim Absender."
        }
        Sentence::SummaryTrusted => {
            "VERTRAUENSWÜRDIG: Jede Datei stimmt mit dem Signierten überein, die Verwahrungsereignisse bilden eine \
            lückenlose signierte Kette, und jeder Unterzeichner steht in Ihrer Vertrauensliste. Das Entfernen der \
            letzten Verwahrungsereignisse oder eine Kopie, die ein früherer Verwahrer getrennt weitergeführt hat \
            (eine Abspaltung), hinterlässt keine Spur: Bestätigen Sie das letzte Ereignis unten beim Absender."
        }
        Sentence::ContainerNotChecked => {
            "Dies ist ein entpacktes Paket (ein Ordner): Seine Dateien wurden geprüft, der ZIP-Container selbst \
            jedoch nicht (die Containerprüfungen gelten nicht für einen Ordner). Das versiegelte Beweismittel ist die \
            ursprüngliche .zip-Datei: Bewahren Sie sie auf und geben Sie diese weiter, nicht den Ordner."
        }
        Sentence::ContainerNotApplicable => "Für einen Ordner nicht anwendbar: {0}.",
        Sentence::EventSealed => "versiegelt von {0}",
        Sentence::EventTransfer => "Übermittlung an {0} zum Zweck „{1}“",
        Sentence::EventRequest => ", Ersuchen {0}",
        Sentence::EventConditions => ", {0} Bedingung(en)",
        Sentence::EventReceipt => "Empfangsbestätigung zu Übermittlung Nr. {0}: {1}",
        Sentence::EventReason => " (Grund: {0})",
        Sentence::EventItemsNotAccepted => ", {0} Beweismittel nicht angenommen",
        Sentence::EventConditionsRefused => ", {0} Bedingung(en) abgelehnt",
        Sentence::EventRetentionExtended => "Aufbewahrung verlängert bis {0} durch {1} (Grund: {2})",
        Sentence::EventReturned => "{0} zurückgegeben an {1} durch {2} (Grund: {3})",
        Sentence::EventDestroyed => "{0} vernichtet durch {1}, Verfahren: {2} (Grund: {3})",
        Sentence::EventDisposed => "{0} von {1} durch {2} (Grund: {3})",
        Sentence::EventDerived => "abgeleitete Kopie {0}, erstellt von {1}: {2}",
        Sentence::EventRedacted => ", {0} Datei(en) geschwärzt",
        Sentence::EventCountersigned => "{1} ({2}) hat als {0} {3} gegengezeichnet, hinzugefügt von {4}",
        Sentence::EventAttached => "{1} ({2}) hat als {0} ein Dokument beigefügt: {3}, hinzugefügt von {4}",
        Sentence::EventExamined => "{1} ({2}) hat als {0} {3} untersucht, hinzugefügt von {4}",
        Sentence::EventAccessed => "Zugriff durch {0} ({1}) zum Zweck „{2}“: {3}, hinzugefügt von {4}",
        Sentence::EventCarrier => "{0} mit der Erklärung {1}",
        Sentence::DocumentSummary => "{0} (Az. {1}, vom {2}, {3})",
        Sentence::ExaminationSummary => "{0} mit {1} {2} ({3})",
        Sentence::AndMore => " und {0} weitere",
        Sentence::AllItems => "alle Beweismittel",
        Sentence::OneItem => "Beweismittel {0}",
        Sentence::SomeItems => "Beweismittel {0}",
        Sentence::OneEvent => "Ereignis Nr. {0}",
        Sentence::SomeEvents => "Ereignisse Nr. {0}",
        Sentence::OneFile => "1 Datei",
        Sentence::SomeFiles => "{0} Dateien",
        Sentence::OneResultFile => "1 Ergebnisdatei",
        Sentence::SomeResultFiles => "{0} Ergebnisdateien",
        Sentence::StatementBy => "Erklärung von {0} ({1}), Schlüssel {2}, abgegeben am {3}",
        Sentence::StatementByIn => "Erklärung von {0} ({1}), Schlüssel {2}, abgegeben am {3} in {4}",
        Sentence::StatementText => "„{0}“",
        Sentence::DocumentLine => "{0} {1}, vom {2}, in {3}",
        Sentence::DocumentLineTitled => "{0} {1}, vom {2}, in {3}: „{4}“",
        Sentence::ExaminationLine => "untersuchte {0} mit {1} {2}",
        Sentence::ParametersLine => "Parameter: {0}",
        Sentence::ConclusionLine => "Ergebnis: {0}",
        Sentence::NotABundle => {
            "Dies ist kein Paket einer Beweismittelkette ({0}). {1} Es gilt als ungültig: Auch ein beschädigtes oder \
            manipuliertes Paket kann so aussehen."
        }
        Sentence::NotABundleEmpty => "die Datei ist leer",
        Sentence::NotABundleWebPage => {
            "es ist eine Webseite (HTML-Text), kein ZIP-Archiv; ein Download-Link hat möglicherweise die Seite statt \
            der Datei gespeichert"
        }
        Sentence::NotABundleCutShort => {
            "es ist ein abgeschnittenes ZIP-Archiv: Die Datei endet vor dem abschließenden Verzeichnis des ZIP, wie \
            es geschieht, wenn ein Download oder eine Kopie vorzeitig abbricht"
        }
        Sentence::NotABundleOtherFile => "es ist überhaupt kein ZIP-Archiv",
        Sentence::NotABundleOtherZip => {
            "es ist ein ZIP-Archiv, enthält aber weder bagit.txt noch custody/manifest.json in einem Ordner \
            custody-<id>/ auf oberster Ebene"
        }
        Sentence::NotABundleRezippedTopLevel => {
            "es ist ein neu gepacktes Paket: Jemand hat ein Paket entpackt und seine Dateien mit einem anderen \
            ZIP-Werkzeug erneut gepackt, das das ZIP anders schreibt als custody. Die Prüfungen gelten für die \
            Paketdatei genau so, wie sie versiegelt wurde, nicht für eine neu gepackte Kopie"
        }
        Sentence::NotABundleRezippedInFolder => {
            "es ist ein neu gepacktes Paket: Jemand hat ein Paket entpackt und seine Dateien in ein neues ZIP \
            gepackt, innerhalb des Ordners „{0}“. Die Prüfungen gelten für die Paketdatei genau so, wie sie \
            versiegelt wurde, nicht für eine neu gepackte Kopie"
        }
        Sentence::TodoAskAgain => "Fordern Sie das Paket beim Absender erneut an.",
        Sentence::TodoDownloadAgain => "Laden Sie das Paket selbst erneut herunter.",
        Sentence::TodoCompareSize => {
            "Beschaffen Sie die Datei erneut und vergleichen Sie ihre Größe mit der Angabe des Absenders."
        }
        Sentence::TodoCheckFile => "Prüfen Sie, ob Ihnen die richtige Datei übergeben wurde.",
        Sentence::TodoAskForOriginal => {
            "Fordern Sie beim Absender die ursprüngliche .zip-Datei an und geben Sie sie unverändert weiter."
        }
        Sentence::SummaryNotABundle => "UNGÜLTIG: {0}",
        Sentence::ContainerNotCheckedRefused => {
            "Dies ist ein entpacktes Paket (ein Ordner), das abgelehnt wurde, bevor seine Dateien geprüft wurden; \
            auch der ZIP-Container selbst wurde nicht geprüft (die Containerprüfungen gelten nicht für einen Ordner). \
            Das versiegelte Beweismittel ist die ursprüngliche .zip-Datei: Bewahren Sie sie auf und geben Sie diese \
            weiter, nicht den Ordner."
        }
        Sentence::ContainerBreaksRules => {
            "der ZIP-Container verstößt gegen die Regeln des versiegelten Formats (wie es geschieht, wenn ein anderes \
            Werkzeug die Dateien des Pakets neu packt oder wenn die Datei beschädigt oder bearbeitet wurde)"
        }
        Sentence::SummaryRepackedHolds => {
            "UNGÜLTIG: {0}, daher kann nicht verbürgt werden, dass diese ZIP-Datei das versiegelte Paket ist; ihre \
            Inhaltsprüfungen besagen, dass Beweismittel und Signaturen weiterhin gültig sind. {1}"
        }
        Sentence::SummaryRepackedDoesNotHold => {
            "UNGÜLTIG: {0}, daher kann nicht verbürgt werden, dass diese ZIP-Datei das versiegelte Paket ist; ihre \
            Inhaltsprüfungen besagen, dass Beweismittel oder Signaturen NICHT gültig sind: siehe die \
            Inhaltsprüfungen. {1}"
        }
        Sentence::ContentHolds => {
            "Inhaltsprüfungen ({0}): Beweismittel und Signaturen sind weiterhin gültig: Jede aus dieser ZIP-Datei \
            gelesene Datei stimmt mit dem überein, was der Versiegelnde signiert hat. Einziger Mangel: {1}."
        }
        Sentence::ContentDoesNotHold => {
            "Inhaltsprüfungen ({0}): Beweismittel oder Signaturen sind, wie aus dieser ZIP-Datei gelesen, nicht \
            gültig: {1} Inhaltsprüfung(en) fehlgeschlagen ({2}), unten aufgeführt."
        }
    }
}

/// A word of the vocabularies in this language ([`super::term`]).
pub(super) fn term(name: &str) -> Option<&'static str> {
    Some(match name {
        // Kinds of attached document; what a disposition did.
        "mla_request" => "Rechtshilfeersuchen",
        "order" => "Anordnung oder Genehmigung",
        "eio_form" => "Formular der Europäischen Ermittlungsanordnung",
        "epoc_form" => "Bescheinigung einer Europäischen Herausgabe- oder Sicherungsanordnung (EPOC)",
        "covering_letter" => "Begleitschreiben",
        "preservation_notice" => "Sicherungsanordnung",
        "export_approval" => "Ausfuhrgenehmigung",
        "provider_certificate" => "Bescheinigung des Diensteanbieters",
        "translation" => "Übersetzung",
        "verification_report" => "Prüfbericht",
        "returned" => "Rückgabe",
        "destroyed" => "Vernichtung",
        "retention_extended" => "Verlängerung der Aufbewahrung",
        // Custody events.
        "seal" => "Versiegelung",
        "transfer" => "Übermittlung",
        "receipt" => "Empfangsbestätigung",
        "countersign" => "Gegenzeichnung",
        "document" => "beigefügtes Dokument",
        "examination" => "Untersuchung",
        "access" => "Zugriff",
        "disposition" => "Rückgabe oder Vernichtung",
        "derivation" => "Ableitung",
        // Conditions of a hand-over.
        "use_limitation" => "Verwendungsbeschränkung",
        "confidentiality" => "Vertraulichkeit",
        "onward_transfer" => "Weiterübermittlung",
        "retention" => "Aufbewahrungsfrist",
        // Confidentiality levels.
        "public" => "öffentlich",
        "restricted" => "eingeschränkt",
        "confidential" => "vertraulich",
        "secret" => "geheim",
        // Data subjects.
        "suspects" => "Beschuldigte",
        "victims" => "Geschädigte",
        "witnesses" => "Zeugen",
        "third_parties" => "Dritte",
        "minors" => "Minderjährige",
        // Proceedings.
        "criminal_investigation" => "Ermittlungsverfahren",
        "criminal_prosecution" => "Strafverfolgung",
        "criminal_trial" => "strafrechtliches Hauptverfahren",
        "civil" => "Zivilverfahren",
        "administrative" => "Verwaltungsverfahren",
        // How the evidence was obtained (and requests of these kinds).
        "open_source" => "offene Quellen",
        "consent" => "Einwilligung",
        "domestic_order" => "innerstaatliche Anordnung",
        "preservation" => "beschleunigte Sicherung",
        "provider_order" => "Anordnung an einen Diensteanbieter",
        "emergency_disclosure" => "Notfallherausgabe",
        "mla" => "Rechtshilfe",
        "eio" => "Europäische Ermittlungsanordnung",
        "seizure" => "Beschlagnahme",
        // Urgency.
        "routine" => "regulär",
        "urgent" => "eilig",
        "emergency" => "Notfall",
        // Roles.
        "investigator" => "Ermittler",
        "capturer" => "sichernde Person",
        "witness" => "Zeuge",
        "custodian" => "Verwahrer",
        "requesting_central_authority" => "ersuchende zentrale Behörde",
        "requested_central_authority" => "ersuchte zentrale Behörde",
        "prosecutor" => "Staatsanwalt",
        "court" => "Gericht",
        "translator" => "Übersetzer",
        "redactor" => "schwärzende Person",
        "examiner" => "Sachverständiger",
        // Authorities' roles.
        "investigating" => "Ermittlungsbehörde",
        "prosecuting" => "Staatsanwaltschaft",
        "issuing" => "Anordnungsbehörde",
        "validating" => "validierende Behörde",
        "executing" => "Vollstreckungsbehörde",
        // Other requests.
        "epoc" => "Zertifikat einer Europäischen Herausgabeanordnung",
        "epoc_pr" => "Zertifikat einer Europäischen Sicherungsanordnung",
        "provider_request" => "Ersuchen an einen Diensteanbieter",
        // Receipts' decisions, the status of an item not accepted, and other.
        "accepted" => "angenommen",
        "accepted_in_part" => "teilweise angenommen",
        "rejected" => "abgelehnt",
        "missing" => "fehlt",
        "hash_mismatch" => "beschädigt, stimmt nicht mit seinem SHA-256 überein",
        "out_of_scope" => "außerhalb des Ersuchens",
        "other" => "sonstige",
        // Kinds of items.
        "web_page" => "Webseite",
        "video" => "Video",
        "image" => "Bild",
        "audio" => "Audio",
        "social_post" => "Beitrag in sozialen Medien",
        "file" => "Datei",
        "provider_record" => "Daten eines Diensteanbieters",
        // Capture methods.
        "screenshot" => "Bildschirmfoto",
        "html" => "HTML-Quelltext",
        "warc" => "Webarchiv (WARC)",
        "media_download" => "Herunterladen der Mediendatei",
        "screen_recording" => "Bildschirmaufzeichnung",
        "api" => "Programmierschnittstelle (API)",
        "provider_production" => "Herausgabe durch den Diensteanbieter",
        "forensic_copy" => "forensische Kopie",
        // Attestations.
        "capture_declaration" => "Erklärung zur Sicherung",
        "copy_certification" => "Beglaubigung einer Kopie",
        "hash_certification" => "Bestätigung per Hashwert",
        "translation_certification" => "Bestätigung einer Übersetzung",
        "redaction_certification" => "Bestätigung einer Schwärzung",
        // Signers' roles and statements' capacities.
        "central_authority" => "zentrale Behörde",
        "second_investigator" => "zweiter Ermittler",
        "data_holder" => "Inhaber der Daten",
        "service_provider" => "Diensteanbieter",
        _ => return None,
    })
}
