//! French (français): the court report's words.

use super::{Label, Sentence};
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
            "aucune fournie : les signataires et les autorités d'horodatage n'ont été contrôlés par rapport à aucune \
            liste"
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
            "La signification de chaque contrôle est donnée dans la langue du rapport ; le message propre à chaque \
            contrôle, qui nomme fichiers et valeurs, et les détails cités de la vérification sont en anglais."
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
        Label::CaseReference => "Référence de l'affaire",
        Label::CaseTitle => "Intitulé",
        Label::CaseProceeding => "Procédure",
        Label::CaseObtainedBy => "Mode d'obtention",
        Label::CaseUrgency => "Urgence",
        Label::CaseLegalBasis => "Fondement juridique",
        Label::CaseOffence => "Infraction",
        Label::CaseFileNumber => "Numéro de dossier",
        Label::CaseRequest => "Demande liée",
        Label::StateInvalid => "NON VALIDE",
        Label::StateNotTrusted => "CONFIANCE NON ÉTABLIE",
        Label::StateIntact => "INTÈGRE",
        Label::StateTrusted => "CONFIANCE ÉTABLIE",
    }
}

pub(super) fn state_meaning(state: &str) -> &'static str {
    match state {
        "invalid" => {
            "Un contrôle a échoué : le paquet est endommagé, altéré, incomplet ou mal formé, ou n'est pas un paquet \
            de chaîne de possession. Ne vous y fiez pas en l'état ; les contrôles en échec ci-dessous indiquent quoi \
            et où."
        }
        "not_trusted" => {
            "Le paquet est intègre, mais un signataire ou une autorité d'horodatage n'est pas garanti par la liste de \
            confiance ou les racines TSA fournies : l'identité du signataire, ou la date, n'est pas établie."
        }
        "trusted" => {
            "Tous les contrôles ont réussi, et chaque signataire figure dans la liste de confiance avec l'identité \
            qu'il déclare."
        }
        _ => {
            "Tous les contrôles ont réussi ; les signataires n'ont pas été contrôlés par rapport à une liste de \
            confiance."
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
        "preservation" => "Conservation rapide",
        "provenance" => "Provenance de la collecte",
        "receipt" => "Accusés de réception",
        "retention" => "Durée de conservation",
        "signature" => "Signatures",
        "statement" => "Déclarations",
        "timestamp" => "Horodatages",
        "log" => "Journal de la chaîne de possession",
        "trust" => "Confiance dans les signataires",
        _ => return None,
    })
}

pub(super) fn item_size(files: usize, bytes: u64) -> String {
    format!("{files} fichier(s), {bytes} octets")
}

pub(super) fn timeline_description(parties: usize, events: usize) -> String {
    format!(
        "Chronologie de la chaîne de possession : {parties} partie(s) en couloirs, {events} événement(s) dans l'ordre \
        sur l'axe du temps ; les flèches sont des remises, un losange marque une date certifiée, une croix rouge des \
        éléments ou conditions refusés."
    )
}

pub(super) fn timeline_key() -> &'static str {
    "Couloirs : les parties signataires. Points : les événements, de gauche à droite dans l'ordre, chacun avec sa \
    date. Flèches : une transmission vers l'accusé de réception qui y répond (en pointillés : pas encore de \
    réception). Losange : une date certifiée (plein : son autorité d'horodatage remonte aux racines fournies). Croix \
    rouge : éléments ou conditions refusés."
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
        "{n} autre(s) partie(s) de cette partie de la chronologie ne sont pas dessinées : le tableau des parties les \
        liste toutes"
    )
}

pub(super) fn appendix_intro() -> &'static str {
    "Ce rapport résulte d'une seule vérification faite par le programme nommé ci-dessus. Chacun peut refaire les \
    contrôles sans lui, avec des outils courants uniquement. Le paquet contient lui-même ces instructions, en \
    anglais, dans HOW-TO-VERIFY.txt :"
}

pub(super) fn more_checks(n: u64) -> String {
    format!("{n} autre(s) contrôle(s) de ce code, non listé(s)")
}

pub(super) fn items_not_listed(n: u64) -> String {
    format!(
        "{n} autre(s) élément(s) ne sont pas listés dans ce PDF (les éléments endommagés et non acceptés sont listés \
        en premier) : le rapport HTML (custody report --out rapport.html) et custody verify --format json listent \
        chaque élément et chaque fichier avec son SHA-256"
    )
}
pub(super) fn files_not_listed(n: u64) -> String {
    format!(
        "{n} autre(s) fichier(s) de cet élément ne sont pas listés dans ce PDF : le rapport HTML (custody report \
        --out rapport.html) et custody verify --format json listent chaque fichier avec son SHA-256"
    )
}

pub(super) fn sentence(s: Sentence) -> &'static str {
    match s {
        Sentence::UseFor => "Utilisation limitée aux fins suivantes : {0}",
        Sentence::UseIn => "Utilisation limitée aux procédures suivantes : {0}",
        Sentence::UseForIn => "Utilisation limitée aux fins suivantes : {0} ; et aux procédures suivantes : {1}",
        Sentence::UseLimited => "Utilisation limitée",
        Sentence::Speciality => {
            "{0} (règle de la spécialité : toute autre utilisation requiert le consentement de l'État qui a \
             fourni les éléments)"
        }
        Sentence::WithNote => "{0}. {1}",
        Sentence::OnwardAllowed => "Transmission ultérieure autorisée",
        Sentence::OnwardForbidden => "Transmission ultérieure INTERDITE",
        Sentence::OnwardConsentOf => "Transmission ultérieure uniquement avec le consentement préalable de : {0}",
        Sentence::OnwardConsent => {
            "Transmission ultérieure uniquement avec le consentement préalable de l'autorité qui a fourni les éléments"
        }
        Sentence::Confidentiality => "Confidentialité : {0}",
        Sentence::Retention => "Conservation : {0}",
        Sentence::KeepUntil => "à conserver jusqu'au {0}",
        Sentence::ReviewBy => "à réexaminer au plus tard le {0}",
        Sentence::PersonalData => "Contient des données à caractère personnel",
        Sentence::NoPersonalData => "Ne contient aucune donnée à caractère personnel",
        Sentence::DataSubjects => "personnes concernées : {0}",
        Sentence::SpecialCategories => "catégories particulières de données : {0}",
        Sentence::Minors => "comprend des données concernant des MINEURS",
        Sentence::ExportApproval => "Autorisation d'exportation : {0}",
        Sentence::ListSep => " ; ",
        Sentence::Comma => ", ",
        Sentence::TwoSentences => "{0} {1}",
        Sentence::ConditionAccepted => {
            "{0} ({1}), fixée par {2} lors de la transmission n° {3} : acceptée par le destinataire"
        }
        Sentence::ConditionRefused => {
            "{0} ({1}), fixée par {2} lors de la transmission n° {3} : REFUSÉE par le destinataire"
        }
        Sentence::Pending => {
            "En attente depuis le {0} : transmission n° {1} à {2} aux fins de « {3} », pas encore reçue"
        }
        Sentence::Signer => "{0} ({1}, {2}, {3})",
        Sentence::LatestSigned => "n° {0}, {1}, le {2}, signé par {3}",
        Sentence::LatestClaimed => {
            "n° {0}, {1}, le {2}, présenté comme signé par {3} (NON vérifié : le paquet est invalide)"
        }
        Sentence::LatestKey => "clé {0}",
        Sentence::ConfirmLatest => {
            "Confirmez auprès de l'expéditeur qu'il s'agit bien de son dernier événement : des événements \
             ultérieurs pourraient avoir été supprimés."
        }
        Sentence::NotAcceptedBy => "par {0} lors de la transmission n° {1} ({2})",
        Sentence::NotAcceptedByWhy => "par {0} lors de la transmission n° {1} ({2} : {3})",
        Sentence::NotAcceptedAt => "lors de la transmission n° {0} ({1})",
        Sentence::MoreDamagedItems => "et {0} autre(s) élément(s) endommagé(s) (voir les contrôles ci-dessous)",
        Sentence::TrustedTime => "heure certifiée {0} par {1} ({2} s après l'heure revendiquée)",
        Sentence::TrustedTimeUntrusted => {
            "heure certifiée {0} par {1} ({2} s après l'heure revendiquée) [AUTORITÉ D'HORODATAGE NON RECONNUE : sa \
            racine n'a pas été fournie]"
        }
        Sentence::SummaryInvalid => {
            "NON VALIDE : {0} contrôle(s) en échec. Ne vous fiez pas à ce paquet en l'état ; les fichiers endommagés \
            et les contrôles en échec sont listés ci-dessous."
        }
        Sentence::SummaryInvalidNothingDamaged => {
            "NON VALIDE : {0} contrôle(s) en échec. Ne vous fiez pas à ce paquet en l'état ; les contrôles en échec \
            sont listés ci-dessous."
        }
        Sentence::SummaryNotTrustedSigner => {
            "CONFIANCE NON ÉTABLIE (intègre) : les fichiers correspondent à ce qui a été signé, mais au moins un \
            signataire ne figure pas dans votre liste de confiance avec l'identité qu'il revendique : l'identité du \
            signataire n'est donc pas garantie. Vérifiez la clé auprès de son titulaire avant de vous y fier. La \
            suppression des derniers événements de garde, ou une copie qu'un ancien gardien a poursuivie séparément \
            (une bifurcation), ne laisse aucune trace : confirmez auprès de l'expéditeur le dernier événement \
            ci-dessous."
        }
        Sentence::SummaryNotTrustedTsa => {
            "CONFIANCE NON ÉTABLIE (intègre) : les fichiers correspondent à ce qui a été signé, mais un horodatage \
            provient d'une autorité d'horodatage dont la racine ne figure pas parmi les racines fournies : son heure \
            n'est donc pas garantie. Vérifiez la clé auprès de son titulaire avant de vous y fier. La suppression des \
            derniers événements de garde, ou une copie qu'un ancien gardien a poursuivie séparément (une \
            bifurcation), ne laisse aucune trace : confirmez auprès de l'expéditeur le dernier événement ci-dessous."
        }
        Sentence::SummaryNotTrustedBoth => {
            "CONFIANCE NON ÉTABLIE (intègre) : les fichiers correspondent à ce qui a été signé, mais au moins un \
            signataire ne figure pas dans votre liste de confiance avec l'identité qu'il revendique, et un horodatage \
            provient d'une autorité d'horodatage dont la racine ne figure pas parmi les racines fournies. Vérifiez la \
            clé auprès de son titulaire avant de vous y fier. La suppression des derniers événements de garde, ou une \
            copie qu'un ancien gardien a poursuivie séparément (une bifurcation), ne laisse aucune trace : confirmez \
            auprès de l'expéditeur le dernier événement ci-dessous."
        }
        Sentence::SummaryIntact => {
            "INTÈGRE : chaque fichier correspond à ce qui a été signé et les événements de garde forment une chaîne \
            signée ininterrompue. Les clés des signataires n'ont été contrôlées par rapport à aucune liste de \
            confiance (aucune n'a été fournie). La suppression des derniers événements de garde, ou une copie qu'un \
            ancien gardien a poursuivie séparément (une bifurcation), ne laisse aucune trace : confirmez auprès de \
            l'expéditeur le dernier événement ci-dessous."
        }
        Sentence::SummaryTrusted => {
            "CONFIANCE ÉTABLIE : chaque fichier correspond à ce qui a été signé, les événements de garde forment une \
            chaîne signée ininterrompue, et chaque signataire figure dans votre liste de confiance. La suppression \
            des derniers événements de garde, ou une copie qu'un ancien gardien a poursuivie séparément (une \
            bifurcation), ne laisse aucune trace : confirmez auprès de l'expéditeur le dernier événement ci-dessous."
        }
        Sentence::ContainerNotChecked => {
            "Il s'agit d'un paquet décompressé (un dossier) : ses fichiers ont été contrôlés, mais pas le conteneur \
            ZIP lui-même (les contrôles du conteneur ne s'appliquent pas à un dossier). La preuve scellée est le \
            fichier .zip d'origine : conservez-le et transmettez celui-ci, pas le dossier."
        }
        Sentence::ContainerNotApplicable => "Sans objet pour un dossier : {0}.",
        Sentence::EventSealed => "scellé par {0}",
        Sentence::EventTransfer => "transmission à {0} aux fins de « {1} »",
        Sentence::EventRequest => ", demande {0}",
        Sentence::EventConditions => ", {0} condition(s) posée(s)",
        Sentence::EventReceipt => "réception de la transmission n° {0} : {1}",
        Sentence::EventReason => " (motif : {0})",
        Sentence::EventItemsNotAccepted => ", {0} élément(s) non accepté(s)",
        Sentence::EventConditionsRefused => ", {0} condition(s) refusée(s)",
        Sentence::EventRetentionExtended => "conservation prolongée jusqu'au {0} par {1} (motif : {2})",
        Sentence::EventReturned => "{0} restitué(s) à {1} par {2} (motif : {3})",
        Sentence::EventDestroyed => "{0} détruit(s) par {1}, méthode : {2} (motif : {3})",
        Sentence::EventDisposed => "{0} de {1} par {2} (motif : {3})",
        Sentence::EventDerived => "copie dérivée {0} établie par {1} : {2}",
        Sentence::EventRedacted => ", {0} fichier(s) caviardé(s)",
        Sentence::EventCountersigned => "{1} ({2}), en qualité de {0}, a contresigné {3}, ajouté par {4}",
        Sentence::EventAttached => "{1} ({2}), en qualité de {0}, a joint un document : {3}, ajouté par {4}",
        Sentence::EventExamined => "{1} ({2}), en qualité de {0}, a examiné {3}, ajouté par {4}",
        Sentence::EventAccessed => "accès par {0} ({1}) aux fins de « {2} » : {3}, ajouté par {4}",
        Sentence::EventCarrier => "{0} portant la déclaration {1}",
        Sentence::DocumentSummary => "{0} (réf. {1}, du {2}, {3})",
        Sentence::ExaminationSummary => "{0} avec {1} {2} ({3})",
        Sentence::AndMore => " et {0} autre(s)",
        Sentence::AllItems => "tous les éléments",
        Sentence::OneItem => "élément {0}",
        Sentence::SomeItems => "éléments {0}",
        Sentence::OneEvent => "l'événement n° {0}",
        Sentence::SomeEvents => "les événements n° {0}",
        Sentence::OneFile => "1 fichier",
        Sentence::SomeFiles => "{0} fichiers",
        Sentence::OneResultFile => "1 fichier de résultats",
        Sentence::SomeResultFiles => "{0} fichiers de résultats",
        Sentence::StatementBy => "déclaration de {0} ({1}), clé {2}, faite le {3}",
        Sentence::StatementByIn => "déclaration de {0} ({1}), clé {2}, faite le {3} à {4}",
        Sentence::StatementText => "« {0} »",
        Sentence::DocumentLine => "{0} {1}, du {2}, en {3}",
        Sentence::DocumentLineTitled => "{0} {1}, du {2}, en {3} : « {4} »",
        Sentence::ExaminationLine => "examen de {0} avec {1} {2}",
        Sentence::ParametersLine => "paramètres : {0}",
        Sentence::ConclusionLine => "conclusions : {0}",
        Sentence::NotABundle => {
            "ce fichier n'est pas un paquet de chaîne de possession ({0}). {1} Il est considéré comme non valide : un \
            paquet endommagé ou falsifié peut avoir cet aspect."
        }
        Sentence::NotABundleEmpty => "le fichier est vide",
        Sentence::NotABundleWebPage => {
            "c'est une page web (texte HTML), pas une archive ZIP ; un lien de téléchargement a peut-être enregistré \
            la page au lieu du fichier"
        }
        Sentence::NotABundleCutShort => {
            "c'est une archive ZIP tronquée : le fichier se termine avant le répertoire final du ZIP, comme lorsqu'un \
            téléchargement ou une copie s'arrête trop tôt"
        }
        Sentence::NotABundleOtherFile => "ce n'est pas du tout une archive ZIP",
        Sentence::NotABundleOtherZip => {
            "c'est une archive ZIP, mais elle ne contient ni bagit.txt ni custody/manifest.json dans un dossier \
            custody-<id>/ à sa racine"
        }
        Sentence::NotABundleRezippedTopLevel => {
            "c'est un paquet recompressé : quelqu'un a décompressé un paquet puis en a de nouveau compressé les \
            fichiers avec un autre outil ZIP, qui écrit le ZIP autrement que custody. Les contrôles portent sur le \
            fichier du paquet exactement tel qu'il a été scellé, non sur une copie recompressée"
        }
        Sentence::NotABundleRezippedInFolder => {
            "c'est un paquet recompressé : quelqu'un a décompressé un paquet puis en a compressé les fichiers dans un \
            nouveau ZIP, à l'intérieur du dossier « {0} ». Les contrôles portent sur le fichier du paquet exactement \
            tel qu'il a été scellé, non sur une copie recompressée"
        }
        Sentence::TodoAskAgain => "Redemandez le paquet à l'expéditeur.",
        Sentence::TodoDownloadAgain => "Téléchargez de nouveau le paquet lui-même.",
        Sentence::TodoCompareSize => {
            "Obtenez de nouveau le fichier et comparez sa taille avec celle qu'indique l'expéditeur."
        }
        Sentence::TodoCheckFile => "Vérifiez qu'il s'agit bien du fichier qui devait vous être remis.",
        Sentence::TodoAskForOriginal => {
            "Demandez à l'expéditeur le fichier .zip d'origine, et transmettez-le sans modification."
        }
        Sentence::SummaryNotABundle => "NON VALIDE : {0}",
        Sentence::ContainerNotCheckedRefused => {
            "Il s'agit d'un paquet décompressé (un dossier), refusé avant que ses fichiers ne soient contrôlés ; le \
            conteneur ZIP lui-même n'a pas été contrôlé non plus (les contrôles du conteneur ne s'appliquent pas à un \
            dossier). La preuve scellée est le fichier .zip d'origine : conservez-le et transmettez celui-ci, pas le \
            dossier."
        }
        Sentence::ContainerBreaksRules => {
            "le conteneur ZIP enfreint les règles du format scellé (comme lorsqu'un autre outil recompresse les \
            fichiers du paquet, ou lorsque le fichier a été endommagé ou modifié)"
        }
        Sentence::SummaryRepackedHolds => {
            "NON VALIDE : {0}, de sorte que ce fichier ZIP ne peut être garanti comme étant le paquet scellé ; ses \
            contrôles du contenu indiquent que les preuves et les signatures tiennent toujours. {1}"
        }
        Sentence::SummaryRepackedDoesNotHold => {
            "NON VALIDE : {0}, de sorte que ce fichier ZIP ne peut être garanti comme étant le paquet scellé ; ses \
            contrôles du contenu indiquent que les preuves ou les signatures NE tiennent PAS : voir les contrôles du \
            contenu. {1}"
        }
        Sentence::ContentHolds => {
            "Contrôles du contenu ({0}) : les preuves et les signatures tiennent toujours : chaque fichier lu dans ce \
            fichier ZIP correspond à ce que le scelleur a signé. Seul défaut : {1}."
        }
        Sentence::ContentDoesNotHold => {
            "Contrôles du contenu ({0}) : les preuves ou les signatures ne tiennent pas telles que lues dans ce \
            fichier ZIP : {1} contrôle(s) du contenu en échec ({2}), listés ci-dessous."
        }
    }
}

/// A word of the vocabularies in this language ([`super::term`]).
pub(super) fn term(name: &str) -> Option<&'static str> {
    Some(match name {
        // Kinds of attached document; what a disposition did.
        "mla_request" => "demande d'entraide judiciaire",
        "order" => "décision ou autorisation",
        "eio_form" => "formulaire de décision d'enquête européenne",
        "epoc_form" => "certificat d'injonction européenne (EPOC)",
        "covering_letter" => "lettre d'accompagnement",
        "preservation_notice" => "avis de conservation",
        "export_approval" => "autorisation d'exportation",
        "provider_certificate" => "certificat du fournisseur de services",
        "translation" => "traduction",
        "verification_report" => "rapport de vérification",
        "returned" => "restitution",
        "destroyed" => "destruction",
        "retention_extended" => "prolongation de la conservation",
        // Custody events.
        "seal" => "scellement",
        "transfer" => "transmission",
        "receipt" => "réception",
        "countersign" => "contreseing",
        "document" => "document joint",
        "examination" => "examen",
        "access" => "accès",
        "disposition" => "restitution ou destruction",
        "derivation" => "dérivation",
        // Conditions of a hand-over.
        "use_limitation" => "limitation d'utilisation",
        "confidentiality" => "confidentialité",
        "onward_transfer" => "transmission ultérieure",
        "retention" => "conservation",
        // Confidentiality levels.
        "public" => "public",
        "restricted" => "diffusion restreinte",
        "confidential" => "confidentiel",
        "secret" => "secret",
        // Data subjects.
        "suspects" => "suspects",
        "victims" => "victimes",
        "witnesses" => "témoins",
        "third_parties" => "tiers",
        "minors" => "mineurs",
        // Proceedings.
        "criminal_investigation" => "enquête pénale",
        "criminal_prosecution" => "poursuites pénales",
        "criminal_trial" => "procès pénal",
        "civil" => "procédure civile",
        "administrative" => "procédure administrative",
        // How the evidence was obtained (and requests of these kinds).
        "open_source" => "sources ouvertes",
        "consent" => "consentement",
        "domestic_order" => "décision judiciaire nationale",
        "preservation" => "conservation rapide",
        "provider_order" => "injonction à un fournisseur de services",
        "emergency_disclosure" => "divulgation en urgence",
        "mla" => "entraide judiciaire",
        "eio" => "décision d'enquête européenne",
        "seizure" => "saisie",
        // Urgency.
        "routine" => "ordinaire",
        "urgent" => "urgent",
        "emergency" => "extrême urgence",
        // Roles.
        "investigator" => "enquêteur",
        "capturer" => "agent ayant procédé à la capture",
        "witness" => "témoin",
        "custodian" => "gardien",
        "requesting_central_authority" => "autorité centrale requérante",
        "requested_central_authority" => "autorité centrale requise",
        "prosecutor" => "procureur",
        "court" => "juridiction",
        "translator" => "traducteur",
        "redactor" => "agent chargé de l'occultation",
        "examiner" => "expert",
        // Authorities' roles.
        "investigating" => "service d'enquête",
        "prosecuting" => "parquet",
        "issuing" => "autorité d'émission",
        "validating" => "autorité de validation",
        "executing" => "autorité d'exécution",
        // Other requests.
        "epoc" => "certificat d'injonction européenne de production",
        "epoc_pr" => "certificat d'injonction européenne de conservation",
        "provider_request" => "demande à un fournisseur de services",
        // Receipts' decisions, the status of an item not accepted, and other.
        "accepted" => "accepté",
        "accepted_in_part" => "accepté en partie",
        "rejected" => "refusé",
        "missing" => "manquant",
        "hash_mismatch" => "endommagé, ne correspond pas à son SHA-256",
        "out_of_scope" => "hors du champ de la demande",
        "other" => "autre",
        // Kinds of items.
        "web_page" => "page web",
        "video" => "vidéo",
        "image" => "image",
        "audio" => "audio",
        "social_post" => "publication sur un réseau social",
        "file" => "fichier",
        "provider_record" => "données d'un fournisseur de services",
        // Capture methods.
        "screenshot" => "capture d'écran",
        "html" => "code source HTML",
        "warc" => "archive web (WARC)",
        "media_download" => "téléchargement du média",
        "screen_recording" => "enregistrement d'écran",
        "api" => "interface de programmation (API)",
        "provider_production" => "production par le fournisseur de services",
        "forensic_copy" => "copie forensique",
        // Attestations.
        "capture_declaration" => "déclaration de capture",
        "copy_certification" => "certification de copie",
        "hash_certification" => "certification par empreinte",
        "translation_certification" => "certification de traduction",
        "redaction_certification" => "certification d'occultation",
        // Signers' roles and statements' capacities.
        "central_authority" => "autorité centrale",
        "second_investigator" => "second enquêteur",
        "data_holder" => "détenteur des données",
        "service_provider" => "fournisseur de services",
        _ => return None,
    })
}
