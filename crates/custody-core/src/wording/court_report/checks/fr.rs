//! French (français): what each check code means, for the court report's checks section.

use crate::check::CheckCode as C;

/// What `code` means, in French.
pub(super) fn meaning(code: C) -> &'static str {
    match code {
        C::BundleJournalPending => {
            "Un journal de retour arrière d'une mise à jour interrompue se trouve à côté du paquet ; le paquet est vérifié en l'état."
        }
        C::BundleNotABundle => {
            "Le fichier n'est pas du tout un paquet custody (vide, page web, ZIP tronqué, autre ZIP, paquet recompressé)."
        }
        C::ArchiveStructure => "Le conteneur ZIP respecte le profil strict du §3.",
        C::ArchiveNotZip => "Le fichier ne se termine pas par un enregistrement de fin de répertoire central ZIP.",
        C::ArchiveMalformed => "Une structure ZIP est mal formée ou incohérente.",
        C::ArchiveMultiDisk => "L'archive prétend s'étendre sur plusieurs disques.",
        C::ArchiveTooManyEntries => "L'archive compte plus de 1 100 000 entrées.",
        C::ArchiveNameTooLong => "Un nom d'entrée dépasse 1024 octets.",
        C::ArchiveNamesTooLarge => {
            "Les noms des fichiers et dossiers du lot décompressé occupent ensemble plus de 256 Mio."
        }
        C::ArchiveNonUtf8Name => "Un nom d'entrée n'est pas en UTF-8.",
        C::ArchiveNotRegularFile => {
            "Une entrée est un dossier, un lien ou un autre fichier qui n'est pas un fichier ordinaire."
        }
        C::ArchiveUnsafeName => {
            "Un nom d'entrée enfreint les règles de nommage (chemin absolu, dossiers parents, noms réservés, caractères de contrôle)."
        }
        C::ArchiveEncryptedEntry => "Une entrée est chiffrée.",
        C::ArchiveUnsupportedFlags => {
            "Les indicateurs généraux d'une entrée ne sont pas exactement ceux qu'écrit l'outil de création."
        }
        C::ArchiveUnsupportedCompression => {
            "Une entrée est compressée ; les paquets stockent chaque entrée sans compression."
        }
        C::ArchiveUnsupportedAttributes => {
            "Les attributs ou l'heure d'une entrée ne sont pas les valeurs fixes qu'écrit l'outil de création."
        }
        C::ArchiveUnsupportedVersion => {
            "La version de création ou la version requise d'une entrée n'est pas la valeur qu'écrit l'outil de création."
        }
        C::ArchiveUnsupportedExtra => "Une entrée porte un champ supplémentaire autre que ZIP64.",
        C::ArchiveDuplicateName => "Deux entrées portent le même nom.",
        C::ArchiveNameCollision => {
            "Deux entrées s'écraseraient l'une l'autre à l'extraction (casse, forme Unicode, fichier nommé comme un dossier)."
        }
        C::ArchiveHeaderMismatch => "Un en-tête local ne concorde pas avec son enregistrement du répertoire central.",
        C::ArchiveUnaccountedBytes => {
            "Des octets n'appartenant à aucune entrée se trouvent entre des entrées ou avant le répertoire central."
        }
        C::ArchiveOverlappingEntries => "Les données de deux entrées se chevauchent.",
        C::ArchiveCrcMismatch => "Les données d'une entrée ne correspondent pas à leur CRC-32.",
        C::ArchiveUnreadable => "Une entrée n'a pas pu être lue.",
        C::ArchiveEntryTooLarge => "Un fichier de balisage dépasse sa taille maximale et n'a pas été lu.",
        C::ArchiveRootInvalid => {
            "Les entrées ne se trouvent pas toutes sous un dossier unique custody-<32 hex minuscules>/, sans rien au niveau supérieur."
        }
        C::ArchiveTooManyEvents => {
            "Le paquet contient plus de documents d'événement qu'un paquet ne peut en contenir ; aucun n'a été lu."
        }
        C::ArchiveUnlistedFile => {
            "Un fichier figure dans le paquet sans être listé dans son manifeste BagIt : il a été ajouté."
        }
        C::BagitMissingTagFile => "Un fichier de balisage BagIt obligatoire est absent.",
        C::BagitDeclarationInvalid => "bagit.txt n'est pas la déclaration BagIt 1.0 du §2.1.",
        C::BagitDeclaration => "bagit.txt déclare BagIt 1.0, UTF-8.",
        C::BagitManifestMalformed => {
            "Un manifeste BagIt n'est pas en UTF-8, est mal formé, liste un chemin deux fois ou liste un chemin qu'il ne peut pas lister."
        }
        C::BagitTagFileMissing => "Un fichier listé par le manifeste de balisage est absent du paquet.",
        C::BagitTagHashMismatch => {
            "Un fichier de balisage ne correspond pas à son SHA-256 dans le manifeste de balisage : il a été modifié."
        }
        C::BagitTagFiles => "Chaque fichier de balisage correspond au manifeste de balisage.",
        C::BagitBagInfoInvalid => "bag-info.txt est mal formé ou ne contient pas de Payload-Oxum.",
        C::BagitPayloadOxumMismatch => {
            "Le Payload-Oxum de bag-info.txt ne correspond pas à la taille et au nombre de fichiers du contenu."
        }
        C::BagitBagInfoMismatch => "Les identifiants de bag-info.txt ne concordent pas avec le manifeste.",
        C::PayloadMissing => "Un fichier de contenu listé dans manifest-sha256.txt est absent du paquet.",
        C::PayloadHashMismatch => "Un fichier de contenu ne correspond pas à son SHA-256 : il a été modifié.",
        C::PayloadVerified => "Chaque fichier de contenu correspond à son SHA-256.",
        C::PayloadNotChecked => {
            "Les empreintes du contenu n'ont pas été recalculées lors de ce contrôle (jamais dans une conclusion sur la preuve)."
        }
        C::KeyInvalid => {
            "Un fichier de clé joint n'est pas une clé publique utilisable portant l'identité de son titulaire, ou est mal nommé."
        }
        C::KeyDuplicateIdentity => "Plusieurs clés jointes se réclament de la même personne ou du même service.",
        C::KeyMissing => "Un document est signé par une clé dont le fichier de clé publique n'est pas dans le paquet.",
        C::SignatureMissing => "Un document signé n'a pas de fichier de signature.",
        C::SignatureSignerMismatch => "Un document désigne son signataire autrement que le fichier de clé joint.",
        C::SignatureInvalid => "Une signature n'est pas valide : le document ou sa signature a été altéré.",
        C::SignatureValid => "La signature d'un document est valide avec la clé de son signataire.",
        C::ManifestMissing => "custody/manifest.json est absent.",
        C::ManifestInvalid => "Le manifeste ne respecte pas son schéma ou ses règles.",
        C::ManifestTooManyItems => {
            "Le manifeste énumère plus d'éléments qu'un paquet ne peut en contenir ; il n'a pas été lu au-delà."
        }
        C::ManifestTooLargeToHold => {
            "Le manifeste est plus volumineux que ce qu'un lecteur peut être tenu de garder en mémoire ; son contenu n'a pas été vérifié."
        }
        C::ManifestTooManyFiles => {
            "Le manifeste énumère plus de fichiers qu'un paquet ne peut en contenir ; il n'a pas été lu au-delà."
        }
        C::ManifestPayloadMismatch => {
            "Le manifeste et manifest-sha256.txt (ou les tailles du contenu) décrivent des contenus différents."
        }
        C::BundleRootMismatch => {
            "Le dossier racine de l'archive désigne un autre identifiant de paquet que le manifeste."
        }
        C::ManifestValid => "Le manifeste est bien formé et décrit exactement le contenu.",
        C::ManifestCaptureAfterSeal => {
            "Un élément indique avoir été collecté après le scellement du paquet : une horloge est erronée."
        }
        C::AttestationValid => "Les empreintes certifiées d'une attestation correspondent au contenu.",
        C::ProvenanceBerkeleyMinimum => {
            "Il manque à un élément de page web une partie de la provenance minimale du Protocole de Berkeley."
        }
        C::ProvenanceOutsideAuthorisation => {
            "Un élément a été collecté en dehors de la période couverte par son autorisation."
        }
        C::ProvenanceTimeUnexplained => "Une date de contenu n'a ni signification déclarée ni fuseau horaire.",
        C::ProvenanceUnwitnessed => {
            "Un élément a été collecté par un seul opérateur, sans témoin, sans enregistrement de la collecte et sans contreseing du scellement par un témoin."
        }
        C::PreservationExpired => {
            "Une demande de conservation citée par l'affaire avait expiré à la date d'évaluation."
        }
        C::RetentionExceeded => {
            "La date d'évaluation est postérieure au keep_until des restrictions : la preuve est conservée plus longtemps que permis."
        }
        C::CustodyCaptureSealGap => {
            "Plus de 30 jours se sont écoulés entre la fin de la dernière collecte et le scellement."
        }
        C::EventInvalid => "Un document d'événement ne respecte pas son schéma ou ses règles ; il est écarté.",
        C::EventMissing => "Le paquet ne contient aucun événement de garde : il n'a jamais été scellé.",
        C::EventSequenceGap => {
            "Le numéro d'ordre d'un événement ne correspond pas à sa position : un événement manque ou est en double."
        }
        C::EventWrongBundle => "Un événement appartient à un autre paquet.",
        C::EventChainBroken => "Un événement ne mentionne pas le SHA-256 de l'événement qui le précède.",
        C::EventTimeBackwards => "Un événement revendique une heure antérieure à celle de l'événement qui le précède.",
        C::EventNotEntitled => "Un événement est signé par une clé qui n'est pas habilitée à le signer.",
        C::EventTransferPending => "Une transmission a été faite alors qu'une autre était en attente.",
        C::EventUnexpectedReceipt => "Une réception ne répond à aucune transmission en attente.",
        C::EventRecipientMismatch => "Une transmission désigne son destinataire autrement que le fichier de clé joint.",
        C::EventRecipientKeyMissing => {
            "Le fichier de clé du destinataire d'une transmission n'est lié par aucun événement."
        }
        C::EventFileMismatch => "Un événement lie un fichier qu'il ne peut pas lier : déjà lié, absent ou modifié.",
        C::EventUnexpectedFile => "Un événement ajoute un fichier que son type d'événement ne permet pas d'ajouter.",
        C::EventChain => "Les événements de garde forment une chaîne ininterrompue et signée.",
        C::CustodyTransferPending => "La dernière transmission n'a pas encore d'accusé de réception.",
        C::ReceiptInvalid => "Un accusé de réception enfreint une règle du §7.3.",
        C::ReceiptAcceptsDamagedItem => "Un accusé de réception accepte un élément dont un fichier est endommagé.",
        C::ReceiptTrustUnrecorded => {
            "Un accusé de réception qui accepte quelque chose n'indique pas qui le destinataire a vérifié."
        }
        C::ReceiptAcceptedUntrusted => {
            "Un accusé de réception accepte le paquet bien que la liste de confiance du destinataire ne garantisse ni son auteur du scellement ni son expéditeur."
        }
        C::StatementInvalid => {
            "Une déclaration est mal formée, trop volumineuse ou d'une autre nature que l'événement qui la porte."
        }
        C::StatementWrongBundle => "Une déclaration porte sur un autre paquet.",
        C::StatementConcernsUnknown => {
            "Une déclaration concerne un événement qui n'est pas un événement antérieur de ce paquet portant le SHA-256 qu'elle indique."
        }
        C::StatementTimeInvalid => {
            "Une déclaration revendique une heure antérieure à un événement qu'elle concerne, ou postérieure à l'événement qui la porte."
        }
        C::StatementValid => {
            "Une déclaration est bien formée, porte sur les événements de ce paquet et est signée par son auteur."
        }
        C::CountersignByOwnSigner => "L'auteur d'un contreseing a signé l'événement qu'il contresigne.",
        C::AttachmentMissing => {
            "Un fichier joint par une déclaration n'est pas dans le paquet, ou l'événement qui la porte ne le lie pas."
        }
        C::AttachmentHashMismatch => {
            "Un fichier joint par une déclaration diffère du SHA-256 ou de la taille que la déclaration indique."
        }
        C::ExaminationUnknownItem => "Un examen désigne un élément que le manifeste ne décrit pas.",
        C::AccessUnknownItem => "Un registre d'accès mentionne un élément que le manifeste ne contient pas.",
        C::DispositionUnknownItem => {
            "Une restitution ou destruction désigne un élément que le manifeste ne décrit pas, ou qu'une restitution ou destruction antérieure a déjà retiré."
        }
        C::DispositionStillPresent => "Un fichier d'un élément restitué ou détruit est toujours dans le paquet.",
        C::PayloadDisposed => {
            "Les fichiers de contenu d'un élément sont absents parce qu'une restitution ou destruction signée les a retirés."
        }
        C::CommitmentValid => {
            "La racine de Merkle de l'événement de scellement est celle que donnent le manifeste et sa graine."
        }
        C::CommitmentMismatch => {
            "La racine de Merkle ou la taille de l'arbre de l'événement de scellement diffère de celle du manifeste, ou un seul des deux comporte un engagement."
        }
        C::DerivationParentProven => {
            "Chaque élément et acteur repris, l'affaire et les restrictions sont prouvés comme faisant partie du paquet parent signé par son auteur du scellement."
        }
        C::DerivationParentSealInvalid => {
            "L'événement de scellement parent repris est absent, illisible, mal signé, relatif à un autre paquet, le scellement d'un paquet dérivé, ou sans engagement."
        }
        C::DerivationProofInvalid => {
            "Une preuve d'inclusion est mal formée ou ne mène pas à la racine signée du parent."
        }
        C::DerivationNotProven => {
            "Un élément ou un acteur repris n'a pas de preuve, ou une preuve désigne quelque chose que le paquet ne contient pas."
        }
        C::DerivationSaltReused => "Deux sels révélés sont identiques, ou l'un d'eux est entièrement nul.",
        C::DerivationRedactionInvalid => {
            "Une occultation ne désigne aucun fichier repris ou en désigne un deux fois, contredit l'enregistrement du fichier ou n'indique aucun motif."
        }
        C::DerivationRedacted => {
            "Un fichier est une copie occultée : le parent a scellé le SHA-256 de l'original, pas ces octets."
        }
        C::DerivationEventUnknownItem => {
            "Un événement de dérivation désigne un élément que le manifeste ne décrit pas."
        }
        C::DerivationEventRemovedItem => {
            "Un événement de dérivation désigne un élément qu'une restitution ou destruction antérieure a retiré."
        }
        C::ParentVerified => "Le parent avec lequel un paquet dérivé est comparé est valide à lui seul.",
        C::ParentNotVerified => {
            "Le parent avec lequel un paquet dérivé est comparé n'est pas valide à lui seul : rien ne peut être prouvé par rapport à lui."
        }
        C::ParentNotDerived => {
            "Le paquet comparé à un parent n'est pas une copie dérivée : son manifeste ne comporte pas de dérivation, ou n'a pas été lu."
        }
        C::ParentCopyNotVerified => {
            "La copie dérivée n'est pas valide à elle seule : ce qu'elle indique de son parent n'est pas prouvé."
        }
        C::ParentOtherBundle => {
            "Le parent fourni est un autre paquet que celui dont la copie indique l'identifiant et l'événement de scellement."
        }
        C::ParentLatestEvent => {
            "Le parent contient l'événement que la copie désigne comme le dernier du parent au moment de la dérivation."
        }
        C::ParentLatestEventMissing => {
            "Le parent ne contient aucun événement portant le SHA-256 que la copie désigne comme le dernier du parent."
        }
        C::ParentDerivationRecorded => {
            "L'événement de dérivation du parent mentionne l'identifiant de paquet, l'empreinte de l'événement de scellement et les éléments de la copie, après le dernier événement que la copie désigne."
        }
        C::ParentDerivationMismatch => {
            "L'événement de dérivation du parent qui désigne la copie indique une autre empreinte d'événement de scellement, d'autres éléments ou un autre événement précédent."
        }
        C::ParentDerivationRepeated => {
            "Plusieurs événements de dérivation du parent désignent la copie : celui qui suit le dernier événement nommé par la copie est vérifié, les autres sont une contradiction du parent."
        }
        C::ParentDerivationUnrecorded => {
            "Aucun événement de dérivation du parent ne désigne la copie : elle a été dérivée sans y être enregistrée."
        }
        C::CustodyUnsignedFile => {
            "Un fichier de balisage n'est couvert par aucune signature : il a été ajouté après le scellement."
        }
        C::TimestampOrphan => "L'événement d'un jeton d'horodatage ou sa signature est absent du paquet.",
        C::TimestampMalformed => "Un jeton d'horodatage n'est pas un jeton RFC 3161 bien formé.",
        C::TimestampUnsupportedAlgorithm => {
            "Un jeton d'horodatage utilise un algorithme que ce vérificateur ne prend pas en charge."
        }
        C::TimestampImprintMismatch => {
            "Un jeton d'horodatage a été établi sur d'autres données que la signature de son événement."
        }
        C::TimestampBadSignature => "La signature d'un jeton d'horodatage n'est pas valide.",
        C::TimestampNoEku => "Un certificat d'autorité d'horodatage n'est pas limité à l'horodatage.",
        C::TimestampCertExpired => "Un certificat d'autorité d'horodatage n'était pas valide à l'heure du jeton.",
        C::TimestampUntrustedRoot => {
            "L'autorité d'horodatage d'un jeton ne remonte pas aux racines d'horodatage fournies (contrôle de confiance)."
        }
        C::TimestampValid => {
            "Un jeton d'horodatage est sain et son autorité d'horodatage remonte aux racines fournies."
        }
        C::TimestampUntrusted => {
            "Un jeton d'horodatage est sain, mais aucune racine d'horodatage n'a été fournie pour faire confiance à son autorité."
        }
        C::TimestampTimeConflict => {
            "Un événement revendique une heure postérieure à son heure certifiée, au-delà de la tolérance."
        }
        C::TimestampLate => "L'heure certifiée d'un événement est très postérieure à l'heure qu'il revendique.",
        C::TimestampMissing => {
            "Un événement n'a pas de jeton d'horodatage : son heure n'est que celle que déclare son signataire."
        }
        C::LogMemberInvalid => {
            "Le champ log du manifeste ne désigne aucun journal utilisable : son URL ou sa clé de vérification est mal formée."
        }
        C::LogProofInvalid => {
            "Un fichier de preuve du journal est mal formé, ne se rapporte à aucun événement, a un point de contrôle non signé par la clé du journal ou ne prouve pas son événement."
        }
        C::LogCheckpointsInconsistent => {
            "Il n'est pas prouvé qu'un point de contrôle conservé prolonge celui qui le précède : le journal a présenté deux historiques, ou une preuve a été modifiée (l'absence d'une preuve antérieure n'en relève pas : §6.5, étape 3)."
        }
        C::LogIncluded => {
            "La preuve conservée d'un événement le montre dans le journal de la chaîne de possession, dans un point de contrôle signé par la clé du journal."
        }
        C::LogProofMissing => {
            "Un événement d'un paquet qui désigne un journal de la chaîne de possession n'a pas de preuve : le journal était injoignable lors de son écriture, ou la preuve a été retirée ; la vérification en ligne tranche la question."
        }
        C::LogTruncated => {
            "Le journal de la chaîne de possession contient un événement numéroté après le dernier de cette copie : la copie n'est pas la plus récente."
        }
        C::LogForked => {
            "L'événement accepté par le journal de la chaîne de possession à l'une des positions de cette copie diffère de celui de la copie : une autre copie a été poursuivie."
        }
        C::LogConflictsRecorded => {
            "Le journal de la chaîne de possession a enregistré des revendications refusées d'autres événements sur les positions de cette copie : quelqu'un a tenté de poursuivre une autre copie."
        }
        C::LogNotLogged => {
            "Le journal de la chaîne de possession ne contient aucun événement à l'une des positions de cette copie : l'événement a été écrit sans le journal."
        }
        C::LogLatest => {
            "La réponse du journal de la chaîne de possession, dont il est prouvé que le point de contrôle prolonge ceux conservés par la copie, ne mentionne aucun événement postérieur au dernier de la copie (la réponse n'est pas signée : interrogez le journal par une connexion de confiance)."
        }
        C::LogUnreachable => {
            "La vérification en ligne a été demandée mais n'a pas pu être effectuée (journal injoignable, ou réponse qui ne prouve rien) : on ignore si la copie est la plus récente (custody verify se termine avec le code 2)."
        }
        C::BundleComplete => {
            "Chaque fichier est listé, haché et couvert par une signature, et aucun contrôle n'a échoué."
        }
        C::TrustSignerUnknown => "Un signataire ne figure pas dans la liste de confiance.",
        C::TrustIdentityUnlisted => {
            "La clé d'un signataire figure dans la liste de confiance sans identité complète : elle ne garantit personne."
        }
        C::TrustIdentityMismatch => {
            "La clé d'un signataire figure dans la liste de confiance sous une autre identité que celle revendiquée dans le paquet."
        }
        C::TrustKeyNotValid => {
            "La clé d'un signataire a signé un événement en dehors de la période de validité que lui donne la liste de confiance."
        }
        C::TrustKeyRevoked => {
            "La clé d'un signataire est révoquée dans la liste de confiance, et aucune heure certifiée ne prouve qu'un événement qu'elle a signé est antérieur."
        }
        C::TrustSignerTrusted => "Un signataire figure dans la liste de confiance avec l'identité qu'il revendique.",
    }
}
