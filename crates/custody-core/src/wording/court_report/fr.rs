//! French (français): the court report's words.

use super::Label;
use crate::check::Level;

pub(super) fn label(label: Label) -> &'static str {
    match label {
        Label::Title => "Rapport de vérification",
        Label::Verdict => "Conclusion",
        Label::LatestEvent => "Dernier événement :",
        Label::Damaged => "Éléments endommagés",
        Label::FailedCodes => "Contrôles en échec",
        Label::Restrictions => "Restrictions d'utilisation et conditions de transmission",
        Label::NoRestrictions => {
            "Le paquet n'indique aucune restriction d'utilisation ni aucune condition de transmission."
        }
        Label::Case => "Affaire et fondement juridique",
        Label::NoCase => "Les informations sur l'affaire n'ont pas pu être lues dans le paquet.",
        Label::Items => "Éléments de preuve",
        Label::Path => "Chemin",
        Label::Size => "Taille (octets)",
        Label::Sha256 => "SHA-256",
        Label::MediaType => "Type de média",
        Label::Result => "Résultat",
        Label::FileDamaged => "ENDOMMAGÉ",
        Label::FileOk => "aucune anomalie constatée",
        Label::FileDisposed => "absent de ce paquet (restitué ou détruit)",
        Label::DisposedBy => "Restitué ou détruit en vertu de l'événement de garde signé",
        Label::Capture => "Collecte",
        Label::NotAccepted => "Non accepté",
        Label::Attestations => "Attestations scellées avec le manifeste",
        Label::Statements => "Contreseings, documents joints, examens et registres d'accès",
        Label::NoStatements => "Le paquet ne contient aucune déclaration.",
        Label::Timeline => "Chronologie de la chaîne de possession",
        Label::Events => "Événements de la chaîne de possession",
        Label::Checks => "Ensemble des contrôles",
        Label::ContentChecks => "Contrôles du contenu",
        Label::Code => "Code",
        Label::Level => "Niveau",
        Label::Message => "Message",
        Label::Appendix => "Annexe : vérifier soi-même",
        Label::About => "À propos de ce rapport",
        Label::Bundle => "Fichier du paquet",
        Label::BundleId => "Identifiant du paquet",
        Label::Tool => "Vérifié par",
        Label::GeneratedAt => "Rapport établi le",
        Label::VerifiedAt => "Vérification effectuée le",
        Label::TrustList => "Liste de confiance",
        Label::TsaRoots => "Racines d'horodatage (TSA)",
        Label::NoneGiven => {
            "aucune fournie : les signataires et les autorités d'horodatage n'ont été contrôlés par rapport à aucune liste"
        }
        Label::Parties => "Parties signataires",
        Label::Name => "Nom",
        Label::Organisation => "Organisme",
        Label::Role => "Qualité",
        Label::Jurisdiction => "Juridiction",
        Label::Key => "Empreinte de la clé",
        Label::Trusted => "Liste de confiance",
        Label::InTrustList => "dans la liste de confiance",
        Label::NotInTrustList => "ABSENT de la liste de confiance",
        Label::NotChecked => "non contrôlé",
        Label::Refused => "refusé",
        Label::ShowFiles => "fichier(s)",
        Label::Language => "Langue",
        Label::DetailsInEnglish => {
            "Les messages des contrôles et les détails cités de la vérification sont en anglais."
        }
        Label::Area => "Domaine",
        Label::CaptureKind => "Nature",
        Label::CaptureSource => "Source",
        Label::CaptureFinalUrl => "URL finale",
        Label::CaptureOn => "Plateforme et compte",
        Label::CaptureAt => "Capturé le",
        Label::CaptureTool => "Outil",
        Label::CaptureMethods => "Méthodes",
        Label::CaptureClock => "Source de l'heure",
        Label::CaptureEnvironment => "Environnement",
        Label::CaptureSteps => "Étapes",
        Label::CaptureBy => "Capturé par",
        Label::CaptureWitnessedBy => "En présence de",
        Label::CaptureUnder => "En vertu de",
        Label::CaptureAltered => "Altérations",
        Label::CaptureNote => "Note",
        Label::EnvOs => "Système d'exploitation",
        Label::EnvBrowser => "Navigateur",
        Label::EnvUserAgent => "User-Agent",
        Label::EnvEgressIp => "Adresse IP de sortie",
        Label::EnvExitJurisdiction => "Pays de sortie du réseau",
        Label::EnvNote => "Remarque",
        Label::CaptureAccount => "compte",
        Label::CaptureAccountId => "identifiant du compte",
        Label::CaptureObject => "objet",
    }
}

pub(super) fn state_name(state: &str) -> &'static str {
    match state {
        "invalid" => "NON VALIDE",
        "not_trusted" => "CONFIANCE NON ÉTABLIE",
        "trusted" => "CONFIANCE ÉTABLIE",
        _ => "INTÈGRE",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "Un contrôle a échoué : le paquet est endommagé, altéré, incomplet ou mal formé, ou n'est pas un paquet de chaîne de possession. Ne vous y fiez pas en l'état ; les contrôles en échec ci-dessous indiquent quoi et où."
        }
        "not_trusted" => {
            "Le paquet est intègre, mais un signataire ou une autorité d'horodatage n'est pas garanti par la liste de confiance ou les racines TSA fournies : l'identité du signataire, ou la date, n'est pas établie."
        }
        "trusted" => {
            "Tous les contrôles ont réussi, et chaque signataire figure dans la liste de confiance avec l'identité qu'il déclare."
        }
        _ => {
            "Tous les contrôles ont réussi ; les signataires n'ont pas été contrôlés par rapport à une liste de confiance."
        }
    }
}

pub(super) fn level_name(level: Level) -> &'static str {
    match level {
        Level::Pass => "réussi",
        Level::Warn => "AVERTISSEMENT",
        Level::Fail => "ÉCHEC",
    }
}

pub(super) fn area_title(area: &str) -> Option<&'static str> {
    Some(match area {
        "access" => "Registres d'accès",
        "archive" => "Conteneur ZIP",
        "attachment" => "Documents joints",
        "attestation" => "Attestations",
        "bagit" => "Structure BagIt",
        "bundle" => "Paquet",
        "commitment" => "Engagement de Merkle",
        "derivation" => "Paquet dérivé",
        "countersign" => "Contreseings",
        "custody" => "Chaîne de possession",
        "disposition" => "Restitution ou destruction",
        "event" => "Événements de possession",
        "examination" => "Examens",
        "extract" => "Extraction",
        "key" => "Clés",
        "manifest" => "Manifeste",
        "parent" => "Contrôle par rapport à l'original",
        "payload" => "Intégrité des fichiers",
        "preservation" => "Conservation",
        "provenance" => "Provenance de la collecte",
        "receipt" => "Accusés de réception",
        "retention" => "Durée de conservation",
        "signature" => "Signatures",
        "statement" => "Déclarations",
        "timestamp" => "Horodatages",
        "trust" => "Confiance dans les signataires",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("{files} fichier(s), {bytes} octets")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "Chronologie de la chaîne de possession : {parties} partie(s) en couloirs, {events} événement(s) dans l'ordre sur l'axe du temps ; les flèches sont des remises, un losange marque une date certifiée, une croix rouge des éléments ou conditions refusés."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "Couloirs : les parties signataires. Points : les événements, de gauche à droite dans l'ordre, chacun avec sa date. Flèches : une transmission vers l'accusé de réception qui y répond (en pointillés : pas encore de réception). Losange : une date certifiée (plein : son autorité d'horodatage remonte aux racines fournies). Croix rouge : éléments ou conditions refusés."
}

pub(super) fn pending() -> &'static str {
    "en attente : pas encore de réception"
}

pub(super) fn refused_mark(items: usize, conditions: usize) -> String {
    format!("refusé : {items} groupe(s) d'éléments, {conditions} condition(s)")
}

pub(super) fn more_damaged_files(n: usize) -> String {
    format!("et {n} autre(s) fichier(s) endommagé(s) (voir les fichiers de l'élément et les contrôles)")
}

pub(super) fn lanes_not_drawn(n: usize) -> String {
    format!(
        "{n} autre(s) partie(s) de cette partie de la chronologie ne sont pas dessinées : le tableau des parties les liste toutes"
    )
}

pub(super) fn appendix_intro() -> &'static str {
    "Ce rapport résulte d'une seule vérification faite par le programme nommé ci-dessus. Chacun peut refaire les contrôles sans lui, avec des outils courants uniquement. Le paquet contient lui-même ces instructions, en anglais, dans HOW-TO-VERIFY.txt :"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("{n} autre(s) contrôle(s) de ce code, non listé(s)")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "{n} autre(s) élément(s) ne sont pas listés dans ce PDF (les éléments endommagés et non acceptés sont listés en premier) : le rapport HTML (custody report --out rapport.html) et custody verify --format json listent chaque élément et chaque fichier avec son SHA-256"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "{n} autre(s) fichier(s) de cet élément ne sont pas listés dans ce PDF : le rapport HTML (custody report --out rapport.html) et custody verify --format json listent chaque fichier avec son SHA-256"
    )
}
