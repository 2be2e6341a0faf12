import type { ErrorParams } from '#platform/errors/domain-error.js';
import { message as platformMessage, type CatalogueParams, type ErrorMessage } from '#platform/errors/error-messages.js';
import type { AdoptionStatus } from '../adoption/adoption.entity.js';
import type { ChallengeStatus } from '../challenges/challenge.entity.js';
import type { MilestoneStatus } from '../minicompanies/milestone.entity.js';
import type { LabelGroup } from './labels.js';

/** A domain error message; `labels` names the label group of each param that carries an enum value. */
const message = <P extends ErrorParams = Record<never, never>>(it: string, en: string, labels?: Partial<Record<keyof P & string, LabelGroup>>): ErrorMessage<P> =>
  platformMessage<P>(it, en, labels);

type Field = { field: string };
type Status = { status: ChallengeStatus };
const status = { status: 'challengeStatus' } as const;

/**
 * The domain's error messages in Italian and English (ICU MessageFormat), by feature. DomainError carries the key and
 * the params; the API words them in the viewer's language (`./errors.ts`). Rules of the texts (docs/rules.md
 * "Notifications"): no raw enum value (a challenge's stage through `challengeStatus`, "fase attuale: in
 * valutazione"), and Italian that agrees with anyone ("chi organizza la sfida", "fai già parte della squadra", never
 * "sei già iscritto"). A field the client sent is named as it sent it, in «».
 */
export const DOMAIN_ERROR_MESSAGES = {
  // ── What the viewer may not see or that does not exist (docs/rules.md "Errors": nothing tells which) ──
  'notFound.user': message('Non troviamo l’account: non esiste o non hai accesso.', 'We cannot find the account: it does not exist or you cannot see it.'),
  'notFound.juror': message('Non troviamo questa persona nella giuria: non esiste o non hai accesso.', 'We cannot find the juror: they do not exist or you cannot see them.'),
  'notFound.assignment': message(
    'Non troviamo la valutazione assegnata: non esiste o non hai accesso.',
    'We cannot find the review assignment: it does not exist or you cannot see it.',
  ),
  'notFound.followedTheme': message('L’impresa non segue questo tema.', 'The company does not follow this theme.'),
  'notFound.invitation': message(
    'Non troviamo l’invito: non esiste, non è più in attesa o non hai accesso.',
    'We cannot find the invitation: it does not exist, is no longer pending, or you cannot see it.',
  ),
  'notFound.organization': message('Non troviamo l’organizzazione: non esiste o non hai accesso.', 'We cannot find the organization: it does not exist or you cannot see it.'),
  'notFound.school': message('Non troviamo la scuola: non esiste o non hai accesso.', 'We cannot find the school: it does not exist or you cannot see it.'),
  'notFound.company': message('Non troviamo l’impresa: non esiste o non hai accesso.', 'We cannot find the company: it does not exist or you cannot see it.'),
  'notFound.team': message('Non troviamo la squadra: non esiste o non hai accesso.', 'We cannot find the team: it does not exist or you cannot see it.'),
  'notFound.teamMember': message('Questa persona non fa parte della squadra.', 'This person is not a member of the team.'),
  'notFound.challenge': message('Non troviamo la sfida: non esiste o non hai accesso.', 'We cannot find the challenge: it does not exist or you cannot see it.'),
  'notFound.idea': message('Non troviamo l’idea: non esiste o non hai accesso.', 'We cannot find the idea: it does not exist or you cannot see it.'),
  'notFound.adoption': message('Non troviamo la proposta di adozione: non esiste o non hai accesso.', 'We cannot find the adoption: it does not exist or you cannot see it.'),
  'notFound.student': message(
    'Non troviamo l’account nell’elenco della classe: non esiste o non hai accesso.',
    'We cannot find the roster account: it does not exist or you cannot see it.',
  ),
  'notFound.dataExport': message('Non troviamo l’esportazione dei dati: non esiste o non hai accesso.', 'We cannot find the data export: it does not exist or you cannot see it.'),
  'notFound.export': message('Questo indirizzo non corrisponde a nessuna esportazione.', 'This address names no export.'),
  'notFound.miniCompany': message('Non troviamo la mini-impresa: non esiste o non hai accesso.', 'We cannot find the mini-company: it does not exist or you cannot see it.'),
  'notFound.milestone': message('Non troviamo la tappa: non esiste o non hai accesso.', 'We cannot find the milestone: it does not exist or you cannot see it.'),

  // ── Input checks (libs/domain/src/validation.ts) ──
  'input.length': message<Field & { min: number; max: number }>('Il campo «{field}» deve avere da {min} a {max} caratteri.', '{field} must be between {min} and {max} characters.'),
  'input.tooLong': message<Field & { max: number }>('Il campo «{field}» può avere al massimo {max} caratteri.', '{field} must be at most {max} characters.'),
  'input.nul': message<Field>('Il campo «{field}» contiene un carattere nullo (U+0000).', '{field} contains a null character (U+0000).'),
  'input.oneLine': message<Field>('Il campo «{field}» deve stare su una riga, senza caratteri di controllo.', '{field} must be one line without control characters.'),
  'input.decimal': message<Field & { above: number; max: number; decimals: number }>(
    'Il campo «{field}» deve essere maggiore di {above} e al massimo {max}, con al più {decimals, plural, one {un decimale} other {# decimali}}.',
    '{field} must be greater than {above} and at most {max}, with at most {decimals, plural, one {one decimal} other {# decimals}}.',
  ),
  'input.int': message<Field & { min: number; max: number }>(
    'Il campo «{field}» deve essere un numero intero da {min} a {max}.',
    '{field} must be an integer between {min} and {max}.',
  ),
  'input.uuid': message<Field>('Il campo «{field}» non è un id valido.', '{field} is not a valid id.'),
  'input.email': message<Field>('Il campo «{field}» non è un indirizzo email valido.', '{field} is not a valid email address.'),
  'input.date': message<Field>('Il campo «{field}» non è una data valida.', '{field} is not a valid date.'),
  'input.required': message<Field>('Il campo «{field}» è obbligatorio.', '{field} is required.'),
  'input.list': message<Field>('Il campo «{field}» deve essere un elenco.', '{field} must be a list.'),
  'input.tooMany': message<Field & { max: number }>('Il campo «{field}» può elencare al massimo {max} voci.', '{field} may list at most {max} entries.'),

  // ── Accounts ──
  'identity.emailTaken': message('Esiste già un account con questo indirizzo email.', 'An account with this email already exists.'),
  'identity.invalidCredentials': message('Email o password non corretti.', 'Invalid email or password.'),
  'identity.invalidCode': message('Nome utente o codice non corretti.', 'Invalid username or code.'),
  'identity.invalidRefreshToken': message('Il token di rinnovo non è valido o è scaduto: accedi di nuovo.', 'Invalid or expired refresh token: sign in again.'),
  'identity.currentPasswordRequired': message('Inserisci la password attuale («currentPassword»).', 'Give your current password (currentPassword).'),
  'identity.currentPasswordWrong': message('La password attuale non è corretta.', 'The current password is wrong.'),
  'identity.notRefreshToken': message('Il campo «refreshToken» non è un token di rinnovo.', 'refreshToken is not a refresh token.'),
  'identity.invalidLink': message('Questo link non è valido, è scaduto o lo hai già usato.', 'This link is invalid, already used or expired.'),
  'identity.passwordLength': message<Field & { min: number; max: number }>(
    'La password («{field}») deve avere da {min} a {max} caratteri.',
    'The password ({field}) must be between {min} and {max} characters.',
  ),
  'identity.locale': message('La lingua («locale») deve essere it (italiano) o en (inglese).', 'locale must be it (Italian) or en (English).'),
  'identity.passwordWrong': message('La password non è corretta.', 'The password is wrong.'),

  // ── Challenges ──
  'challenges.formatInvalid': message('Il formato («format») non è uno di quelli previsti.', 'format is not valid.'),
  'challenges.createForbidden': message(
    'Solo chi fa parte dell’organizzazione che promuove la sfida può crearne le sfide.',
    'Only members of the organizer organization can create its challenges.',
  ),
  'challenges.frozen': message<Status>('La sfida non si può più modificare (fase attuale: {status}).', 'The challenge can no longer be changed (current stage: {status}).', status),
  'challenges.maxTeamSizeBelow': message<{ largest: number }>(
    '«maxTeamSize» non può essere inferiore ai membri della squadra più numerosa ({largest}).',
    'maxTeamSize cannot be below the size of the largest team ({largest}).',
  ),
  'challenges.transition': message<{ from: ChallengeStatus; to: ChallengeStatus; status: ChallengeStatus }>(
    'La sfida passa a «{to}» solo dalla fase «{from}» (fase attuale: {status}).',
    'A challenge moves to “{to}” only from “{from}” (current stage: {status}).',
    { from: 'challengeStatus', to: 'challengeStatus', status: 'challengeStatus' },
  ),
  'challenges.organizersOnly': message('Solo chi organizza la sfida può farlo.', 'Only the organizers of the challenge can do this.'),
  'challenges.idOrSlug': message('Indica l’id («id») o lo slug («slug») della sfida.', 'Give the id or the slug of the challenge.'),
  'challenges.submissionOrder': message('«submissionClosesAt» deve venire dopo «submissionOpensAt».', 'submissionClosesAt must be after submissionOpensAt.'),
  'challenges.judgingOrder': message('«judgingClosesAt» deve venire dopo «submissionClosesAt».', 'judgingClosesAt must be after submissionClosesAt.'),
  'challenges.normalizationInvalid': message('Il metodo di classifica («rankingNormalization») non è uno di quelli previsti.', 'rankingNormalization is not valid.'),
  'challenges.themesRequired': message('Serve almeno un tema («themes»).', 'At least one theme is required.'),
  'challenges.criteriaRequired': message('Serve almeno un criterio di valutazione («criteria»).', 'At least one criterion is required.'),
  'challenges.unknownItem': message<Field & { list: 'themes' | 'criteria' }>(
    'Il campo «{field}» non indica {list, select, themes {un tema} other {un criterio}} della sfida (o lo indica due volte).',
    '{field} is not one of the challenge’s {list, select, themes {themes} other {criteria}} (or is given twice).',
  ),
  'challenges.themeHasIdeas': message(
    'Un tema sotto cui sono archiviate delle idee non si può togliere: puoi rinominarlo.',
    'A theme under which ideas are filed cannot be removed; rename it instead.',
  ),

  // ── Teams and rosters ──
  'teams.schoolRequired': message('Una squadra di un Climathon delle scuole ha bisogno della sua scuola («schoolId»).', 'A team of a school climathon needs its school.'),
  'teams.notASchool': message('«schoolId» deve indicare una scuola.', 'schoolId must be a school.'),
  'teams.schoolMembersOnly': message('Solo chi fa parte della scuola può crearne le squadre.', 'Only members of the school can create its teams.'),
  'teams.alreadyInChallenge': message('Fai già parte di una squadra di questa sfida.', 'You are already in a team of this challenge.'),
  'teams.alreadyMember': message('Fai già parte di questa squadra.', 'You are already a member of this team.'),
  'teams.full': message<{ max: number }>('La squadra è al completo ({max} membri).', 'The team is full ({max} members).'),
  'teams.removeForbidden': message('Solo i coach e chi è caposquadra possono togliere altri membri.', 'Only the coaches and the captain can remove other members.'),
  'teams.captainStays': message('Non si può togliere dalla squadra chi ne è caposquadra.', 'The captain cannot be removed.'),
  'teams.lastCoachStays': message('Una squadra ha sempre almeno un coach: aggiungi prima un’altra persona come coach.', 'A team always has a coach: add another coach first.'),
  'teams.notFormable': message<Status>(
    'Le squadre si formano solo mentre le proposte sono aperte (fase attuale della sfida: {status}).',
    'Teams are formed only while the challenge is open for ideas (current stage: {status}).',
    status,
  ),
  'teams.submissionsClosed': message('Le proposte sono chiuse: non si possono più formare squadre.', 'Submissions are closed: teams can no longer be formed.'),
  'rosters.dpaOwnerOnly': message(
    'Solo chi è responsabile della scuola può accettare l’accordo sul trattamento dei dati.',
    'Only an owner of the school can accept the data-processing agreement.',
  ),
  'rosters.dpaSchoolOnly': message('Solo una scuola accetta l’accordo sul trattamento dei dati.', 'Only a school accepts the data-processing agreement.'),
  'rosters.schoolClimathonOnly': message('Gli elenchi della classe sono per le squadre di un Climathon delle scuole.', 'Rosters are for teams of a school climathon.'),
  'rosters.consentRequired': message(
    'Conferma («guardianConsentConfirmed») che le famiglie hanno ricevuto l’informativa della scuola (e, sotto i 14 anni, che un genitore ha firmato il modulo).',
    'Confirm (guardianConsentConfirmed) that the families received the school’s privacy notice (and, under 14, that a parent signed its form).',
  ),
  'rosters.studentCount': message<{ max: number }>('L’elenco («students») deve avere da 1 a {max} nomi.', 'students must list between 1 and {max} names.'),
  'rosters.noAgreement': message(
    'La scuola non ha ancora accettato l’accordo sul trattamento dei dati: chi ne è responsabile deve accettarlo prima.',
    'The school has not accepted the data-processing agreement yet: its owner accepts it first.',
  ),
  'rosters.teamWouldExceed': message<{ max: number; size: number }>(
    'La squadra supererebbe i {max} membri (ora ne ha {size}).',
    'The team would exceed {max} members (it has {size}).',
  ),
  'rosters.rosterLimit': message<{ max: number; count: number }>(
    'Una squadra ha al massimo {max} account nell’elenco della classe (ora ne ha {count}).',
    'A team has at most {max} roster accounts (it has {count}).',
  ),
  'rosters.resetCoachOnly': message('Solo un coach della squadra può rigenerare il codice di questo account.', 'Only a coach of the team can reset this account’s code.'),
  'rosters.coachOnly': message('Solo un coach della squadra può crearne l’elenco della classe.', 'Only a coach of the team can create its roster.'),
  'rosters.nameShape': message<Field>('Il campo «{field}» deve essere un nome e un’iniziale, come «Giulia R.».', '{field} must be a first name and an initial, like “Giulia R.”.'),
  'rosters.nameFirst': message<Field>('Il campo «{field}» deve iniziare con un nome (solo lettere).', '{field} must start with a first name (letters only).'),
  'consents.unknownPurpose': message('La finalità («purpose») non è una di quelle previste.', 'purpose is not a known purpose.'),
  'consents.ownOnly': message(
    'Solo la persona interessata dà il proprio consenso; quello di un genitore lo registra il coach.',
    'Only the student gives their own consent; a coach records a parent’s.',
  ),
  'consents.parentByCoach': message(
    'Il consenso di un genitore lo registra il coach della squadra, che conserva il modulo firmato.',
    'A parent’s consent is recorded by the student’s coach, who holds the signed form.',
  ),
  'consents.manageForbidden': message(
    'I consensi li gestiscono solo la persona interessata, il suo coach o chi amministra la piattaforma.',
    'Only the student, their coach or an admin manage their consents.',
  ),

  // ── Ideas ──
  'ideas.teamMembersOnly': message('Solo chi fa parte della squadra può modificarne l’idea.', 'Only members of the team can edit its idea.'),
  'ideas.themeNotInChallenge': message('Il tema non è uno di quelli della sfida.', 'The theme is not one of the challenge.'),
  'ideas.expectedVersion': message('«expectedVersion» deve essere un numero intero non negativo.', 'expectedVersion must be a non-negative integer.'),
  'ideas.versionConflict': message<{ current: number | string; expected: number | string }>(
    'Nel frattempo l’idea è cambiata: è alla versione {current}, non alla {expected}. Ricarica e riprova.',
    'The idea was changed meanwhile: it is at version {current}, not {expected}. Reload and try again.',
  ),
  'ideas.submitForbidden': message(
    'Solo il coach (o chi è caposquadra in un hackathon aperto) può inviare l’idea.',
    'Only the coach (or the captain of an open hackathon team) can submit the idea.',
  ),
  'ideas.alreadySubmitted': message('L’idea è già inviata.', 'The idea is already submitted.'),
  'ideas.withdrawForbidden': message('Solo un coach o chi è caposquadra può ritirare l’idea.', 'Only a coach or the captain can withdraw the idea.'),
  'ideas.judgingStarted': message('La valutazione è iniziata: l’idea non si può più ritirare.', 'Judging has started: the idea can no longer be withdrawn.'),
  'ideas.withdrawNotSubmitted': message('Si può ritirare solo un’idea inviata.', 'Only a submitted idea can be withdrawn.'),
  'ideas.submissionsClosed': message<Status>('Le proposte sono chiuse (fase attuale della sfida: {status}).', 'Submissions are closed (current stage: {status}).', status),
  'ideas.submissionsNotOpen': message('Le proposte non sono ancora aperte.', 'Submissions are not open yet.'),
  'ideas.deadlinePassed': message('La scadenza per le proposte è passata.', 'The submission deadline has passed.'),

  // ── Judging ──
  'review.unknownCriterion': message('Il criterio non è uno di quelli della sfida.', 'The criterion is not one of the challenge.'),
  'review.criterionTwice': message('Ogni criterio si valuta una volta sola.', 'Each criterion must be scored exactly once.'),
  'review.valueRange': message<{ max: number }>('Il punteggio deve essere un numero intero da 0 a {max}.', 'The value must be an integer between 0 and {max}.'),
  'review.missingCriteria': message<{ count: number }>(
    'Ogni criterio va valutato: {count, plural, one {ne manca uno} other {ne mancano #}}.',
    'Every criterion must be scored: {count, plural, one {one is} other {# are}} missing.',
  ),
  'judging.affiliationUnknown': message('L’affiliazione («affiliationId») non è un’organizzazione conosciuta.', 'The affiliation is not a known organization.'),
  'judging.juryFrozen': message<Status>(
    'La giuria non si può più cambiare in questa fase della sfida: {status}.',
    'The jury can no longer change at this stage of the challenge: {status}.',
    status,
  ),
  'judging.alreadyJuror': message('Questa persona fa già parte della giuria della sfida.', 'This person is already a juror of the challenge.'),
  'judging.jurorHasAssignments': message(
    'Questa persona ha già valutazioni assegnate e non può lasciare la giuria: può invece rinunciare alle singole valutazioni.',
    'The juror has review assignments and cannot be removed; they may recuse instead.',
  ),
  'judging.startNotPublished': message<Status>(
    'La valutazione inizia solo mentre le proposte sono aperte (fase attuale della sfida: {status}).',
    'Judging starts only while the challenge is open for ideas (current stage: {status}).',
    status,
  ),
  'judging.noJurors': message('Aggiungi almeno una persona alla giuria prima di iniziare la valutazione.', 'Add at least one juror before judging starts.'),
  'judging.notEnoughJurors': message<{ reviewsPerIdea: number; count: number; ideas: string; more: number }>(
    'Nella giuria non ci sono abbastanza persone senza conflitti di interessi per dare {reviewsPerIdea, plural, one {una valutazione} other {# valutazioni}} a {count, plural, one {un’idea} other {# idee}}: {ideas}{more, plural, =0 {} one { e un’altra} other { e altre #}}.',
    'Not enough eligible jurors to give {reviewsPerIdea, plural, one {one review} other {# reviews}} to {count, plural, one {one idea} other {# ideas}}: {ideas}{more, plural, =0 {} one { and one more} other { and # more}}.',
  ),
  'judging.assignmentRecused': message('Hai rinunciato a questa valutazione.', 'The assignment was recused.'),
  'judging.recuseNotPending': message('Puoi rinunciare solo a una valutazione non ancora inviata.', 'Only a review not yet submitted can be recused.'),
  'judging.progressOrganizersOnly': message('Solo chi organizza la sfida vede l’avanzamento della valutazione.', 'Only the organizers of the challenge see the judging progress.'),
  'judging.leaderboardOrganizersOnly': message('Solo chi organizza la sfida segue la sua classifica.', 'Only the organizers of the challenge follow its leaderboard.'),
  'judging.publishNotJudging': message<Status>(
    'I risultati si pubblicano solo durante la valutazione (fase attuale della sfida: {status}).',
    'Results are published only while the challenge is being judged (current stage: {status}).',
    status,
  ),
  'judging.awardIdea': message('Un premio deve indicare un’idea inviata alla sfida.', 'An award must name a submitted idea of the challenge.'),
  'judging.assignedJurorOnly': message('Solo chi ha ricevuto questa valutazione può farlo.', 'Only the assigned juror can do this.'),
  'judging.reviewsClosed': message<Status>('Le valutazioni sono chiuse (fase attuale della sfida: {status}).', 'Reviews are closed (current stage: {status}).', status),
  'judging.deadlinePassed': message('La scadenza della valutazione è passata.', 'The judging deadline has passed.'),

  // ── Public vote ──
  'voting.notYet': message('Il voto del pubblico si apre quando i risultati della sfida sono pubblicati.', 'A public vote opens once the results of the challenge are published.'),
  'voting.closed': message('Il voto del pubblico di questa sfida è chiuso.', 'The public vote of this challenge has closed.'),
  'voting.alreadyOpen': message('Il voto è già aperto: la sua apertura non si può più cambiare.', 'The vote is already open: its opening can no longer change.'),
  'voting.opensInPast': message('«opensAt» non può essere nel passato.', 'opensAt must not be in the past.'),
  'voting.closesAfterOpens': message('«closesAt» deve venire dopo «opensAt».', 'closesAt must be after opensAt.'),
  'voting.windowTooLong': message<{ days: number }>(
    'Un voto del pubblico dura al massimo {days, plural, one {un giorno} other {# giorni}}.',
    'A public vote lasts at most {days, plural, one {one day} other {# days}}.',
  ),
  'voting.noOpenVote': message('La sfida non ha un voto del pubblico aperto.', 'The challenge has no open public vote.'),
  'voting.verifyEmail': message('Conferma il tuo indirizzo email per votare.', 'Verify your email address to vote.'),
  'voting.ownTeam': message('Non puoi votare l’idea della tua squadra.', 'You cannot vote for your own team’s idea.'),
  'voting.submittedOnly': message('Si votano solo le idee inviate.', 'Only submitted ideas can receive votes.'),
  'voting.none': message('La sfida non ha un voto del pubblico.', 'The challenge has no public vote.'),
  'voting.scheduled': message('Il voto del pubblico non è ancora aperto.', 'The public vote has not opened yet.'),
  'voting.over': message('Il voto del pubblico è chiuso.', 'The public vote has closed.'),

  // ── Adoptions and sponsors ──
  'adoption.companyOnly': message('Solo un’impresa può adottare delle idee.', 'Only a company can adopt ideas.'),
  'adoption.proposeForbidden': message('Solo chi fa parte dell’impresa può proporre un’adozione a suo nome.', 'Only members of the company can propose an adoption on its behalf.'),
  'adoption.notYet': message(
    'Le idee si adottano dopo il loro invio, quando i risultati della sfida sono pubblicati.',
    'Ideas can be adopted once they are submitted and the results of their challenge are published.',
  ),
  'adoption.alreadyAdopted': message('L’idea è già adottata.', 'The idea is already adopted.'),
  'adoption.openProposal': message('L’impresa ha già una proposta aperta per questa idea.', 'The company already has an open proposal for this idea.'),
  'adoption.adoptedByAnother': message('Un’altra impresa ha adottato l’idea.', 'The idea was adopted by another company.'),
  'adoption.notProposed': message<{ status: AdoptionStatus }>(
    'La proposta non è più in attesa di una decisione: è {status}.',
    'The adoption is no longer awaiting a decision: it is {status}.',
    { status: 'adoptionStatus' },
  ),
  'adoption.withdrawForbidden': message('Solo chi fa parte dell’impresa che l’ha proposta può ritirarla.', 'Only members of the proposing company can withdraw it.'),
  'adoption.tutorsForbidden': message('Solo chi fa parte dell’impresa che adotta può assegnare i tutor.', 'Only members of the adopting company can assign tutors.'),
  'adoption.tutorsAccepted': message<{ status: AdoptionStatus }>(
    'I tutor si assegnano alle adozioni accettate; questa è {status}.',
    'Tutors are assigned to accepted adoptions; this one is {status}.',
    { status: 'adoptionStatus' },
  ),
  'adoption.tutorNotMember': message('Il tutor deve far parte dell’impresa che adotta.', 'The tutor must be a member of the adopting company.'),
  'adoption.alreadyTutor': message('Questa persona fa già da tutor per questa adozione.', 'This person is already a tutor of this adoption.'),
  'adoption.listForbidden': message('Solo chi fa parte dell’impresa vede le sue adozioni.', 'Only the company’s members see its adoptions.'),
  'adoption.decideForbidden': message(
    'Sulle adozioni decidono il coach della squadra (o chi è caposquadra in un hackathon aperto) o chi organizza la sfida.',
    'Only the team’s coach (or the captain of an open hackathon team) or an organizer can decide on adoptions.',
  ),
  'sponsors.ownerOnlyInterests': message('Solo chi è responsabile dell’organizzazione può cambiarne gli interessi.', 'Only an owner of the organization can change its interests.'),
  'sponsors.followLimit': message<{ max: number }>('Un’impresa segue al massimo {max} temi.', 'A company follows at most {max} themes.'),
  'sponsors.alreadyFollowing': message('L’impresa segue già questo tema.', 'The company already follows this theme.'),
  'sponsors.membersOnlyThemes': message('Solo chi fa parte dell’impresa può cambiare i temi che segue.', 'Only members of the company can change the themes it follows.'),
  'sponsors.companyOnlyThemes': message('Solo un’impresa segue dei temi.', 'Only a company follows themes.'),

  // ── Organizations ──
  'organizations.ownerOnlyMembers': message('Solo chi è responsabile dell’organizzazione può aggiungere membri.', 'Only an owner of the organization can add members.'),
  'organizations.alreadyMember': message('Questa persona fa già parte dell’organizzazione.', 'This person is already a member of the organization.'),
  'organizations.ownerOnlyInvitations': message('Solo chi è responsabile dell’organizzazione può invitare altre persone.', 'Only an owner of the organization can invite people.'),
  'organizations.ownerOnlyWithdraw': message(
    'Solo chi è responsabile dell’organizzazione può ritirarne gli inviti.',
    'Only an owner of the organization can withdraw its invitations.',
  ),
  'organizations.alreadyInvited': message(
    'Questa persona ha già un invito in attesa in questa organizzazione.',
    'This person already has a pending invitation to the organization.',
  ),
  'organizations.youAreAlreadyMember': message('Fai già parte dell’organizzazione.', 'You are already a member of the organization.'),
  'organizations.websiteUrl': message('Il sito («website») deve essere un indirizzo http o https.', 'website must be an http(s) URL.'),

  // ── Mini-companies ──
  'minicompanies.foundForbidden': message('Solo il coach o chi è caposquadra può fondare la mini-impresa.', 'Only the coach or the captain can found the mini-company.'),
  'minicompanies.needsSubmittedIdea': message('Per fondare una mini-impresa la squadra deve aver inviato un’idea.', 'The team needs a submitted idea to found a mini-company.'),
  'minicompanies.alreadyExists': message('La squadra ha già una mini-impresa.', 'The team already has a mini-company.'),
  'minicompanies.submitMembersOnly': message('Solo chi fa parte della squadra può consegnarne le tappe.', 'Only members of the team can submit its milestones.'),
  'minicompanies.dueInFuture': message('La nuova scadenza deve essere nel futuro.', 'The new due date must be in the future.'),
  'minicompanies.closed': message('La mini-impresa è chiusa.', 'The mini-company is closed.'),
  'minicompanies.milestoneState': message<{ status: MilestoneStatus }>('La tappa è {status}: ora non si può fare.', 'The milestone is {status}: this cannot be done now.', {
    status: 'milestoneStatus',
  }),
  'minicompanies.guidesOnly': message<{ action: 'review' | 'reschedule' }>(
    'Solo un coach o un tutor della squadra può {action, select, review {valutare} other {spostare}} le sue tappe.',
    'Only a coach or a tutor of the team can {action, select, review {review} other {reschedule}} its milestones.',
  ),
  'minicompanies.milestoneCount': message<{ min: number; max: number }>('Servono da {min} a {max} tappe («milestones»).', 'Between {min} and {max} milestones.'),
  'minicompanies.unknownKind': message('Una tappa («milestones») è di un tipo sconosciuto.', 'A milestone is of an unknown kind.'),
  'minicompanies.milestonesInFuture': message('Ogni tappa deve scadere nel futuro.', 'Every milestone must be due in the future.'),

  // ── Reports and exports ──
  'reports.organizersOnly': message<{ what: 'exports' | 'juryReport' }>(
    'Solo chi organizza la sfida vede {what, select, exports {le sue esportazioni} other {il resoconto della sua giuria}}.',
    'Only the organizers of the challenge see its {what, select, exports {exports} other {jury report}}.',
  ),
  'reports.beforeJudging': message<{ what: 'exports' | 'juryReport' } & Status>(
    '{what, select, exports {Le esportazioni ci sono} other {Il resoconto della giuria c’è}} da quando inizia la valutazione (fase attuale della sfida: {status}).',
    'The {what, select, exports {exports exist} other {jury report exists}} once judging has started (current stage: {status}).',
    status,
  ),
  'reports.impactMembersOnly': message('Solo chi fa parte dell’organizzazione vede il suo resoconto d’impatto.', 'Only the organization’s members see its impact report.'),
  'reports.periodOrder': message('«to» deve venire dopo «from».', 'to must be after from.'),
  'reports.periodTooLong': message<{ years: number }>(
    'Il periodo può coprire al massimo {years, plural, one {un anno} other {# anni}}.',
    'The period may cover at most {years, plural, one {one year} other {# years}}.',
  ),
  'exports.dateRequired': message<Field>('Il parametro «{field}» è obbligatorio (una data ISO 8601).', '{field} is required (an ISO 8601 date).'),
  'exports.dateInvalid': message<Field>('Il parametro «{field}» non è una data ISO 8601 valida.', '{field} is not a valid ISO 8601 date.'),
  'exports.unknownParameter': message<{ name: string; allowed: string }>(
    'Questa esportazione non accetta il parametro «{name}» (solo {allowed}).',
    'This export takes no parameter {name} (only {allowed}).',
  ),
  'exports.parameterTwice': message<{ name: string }>('Il parametro «{name}» compare due volte.', '{name} is given twice.'),
  'exports.separator': message('Il separatore («separator») deve essere comma o semicolon.', 'separator must be comma or semicolon.'),
  'exports.normalization': message('La normalizzazione («normalization») non è una di quelle previste.', 'normalization is not valid.'),
  'exports.jurors': message('Il parametro «jurors» deve essere pseudonyms o names.', 'jurors must be pseudonyms or names.'),
  'exports.notExportPath': message<Field & { prefix: string }>(
    'Il campo «{field}» deve essere il percorso di un’esportazione ({prefix}/...).',
    '{field} must be an export path ({prefix}/...).',
  ),
  'exports.namesNoExport': message<Field>('Il campo «{field}» non indica nessuna esportazione.', '{field} names no export.'),
  'exports.carriesToken': message<Field>('Il campo «{field}» non deve contenere un token.', '{field} must not carry a token.'),
  'exports.credentialsRequired': message(
    'Serve un token di accesso (Authorization: Bearer) o un link firmato.',
    'An access token (Authorization: Bearer) or a signed link is required.',
  ),
  'exports.invalidToken': message('Il token di accesso non è valido o è scaduto.', 'Invalid or expired access token.'),
  'exports.invalidLink': message('Il link di esportazione non è valido o è scaduto.', 'Invalid or expired export link.'),

  // ── Personal data ──
  'erasure.adminsForbidden': message(
    'Chi amministra la piattaforma non può cancellare l’account di un’altra persona con lo stesso ruolo.',
    'Platform admins are not erased by another admin.',
  ),
  'erasure.rosterOnly': message(
    'Il coach cancella solo gli account dell’elenco della classe; gli altri account li cancella chi li possiede (deleteMyAccount).',
    'Only roster students are erased by their coach; other students erase their own account (deleteMyAccount).',
  ),
  'dataExport.tooLarge': message(
    'Questa esportazione è troppo grande per una risposta immediata: richiedila con requestDataExport e scaricala quando è pronta.',
    'This export is too large to answer at once: request it with requestDataExport and download it when it is ready.',
  ),
  'dataExport.notAvailable': message('Questa esportazione non è pronta, è già scaricata o è scaduta.', 'This export is not ready, was already downloaded, or has expired.'),
  'notifications.tooManyIds': message<{ max: number }>('Al massimo {max} id alla volta («ids»).', 'At most {max} ids at once.'),
  'notifications.notificationIds': message('Ogni id («ids») deve essere quello di una notifica.', 'Every id must be a notification id.'),
};

declare module '#platform/errors/domain-error.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the catalogue's keys, merged into the declaration
  interface ErrorMessageParams extends CatalogueParams<typeof DOMAIN_ERROR_MESSAGES> {}
}
