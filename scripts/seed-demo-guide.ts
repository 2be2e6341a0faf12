// The guide the seed prints: per phase of the lifecycle, the edition that is in it and, per role, the login to use,
// what to try and the page of the web client to open. Built from what the database holds (locateDemo), so a second
// run prints it again; the roster codes only when they were just created (they are stored as hashes).
import type { DataSource } from 'typeorm';
import type { ChallengeStatus } from '#domain/challenges/challenge.entity.js';
import { absoluteLink, clientPaths } from '#domain/notifications/client-paths.js';
import type { RosterLogin } from './seed-demo-build.js';
import {
  COMPANY,
  COMPANY_EDITION,
  CURRENT_TITLE,
  DEMO_PASSWORD,
  DRAFT_CLASS,
  JUDGING_EDITION,
  JURORS,
  LAB,
  ORGANIZER,
  PROMOTER,
  RESULTS_EDITION,
  ROSTER_CLASS,
  SCHOOLS,
  SPONSORS,
  ADMIN,
} from './seed-demo-data.js';

/** Pages of the web client no notification leads to (apps/web/src/app/routes.tsx), beside those of clientPaths. */
const webPaths = {
  ...clientPaths,
  home: () => '/',
  signIn: () => '/sign-in',
  codeSignIn: () => '/sign-in/code',
  organizerChallenge: (challengeId: string) => `/organizer/challenges/${challengeId}`,
  sponsor: () => '/sponsor',
  teamAdoption: (teamId: string) => `/teams/${teamId}/adoption`,
};

export interface DemoEdition {
  id: string;
  slug: string;
  title: string;
  status: ChallengeStatus;
}

/** The demo's objects the guide points at. */
export interface DemoWorld {
  current: DemoEdition;
  judging: DemoEdition;
  results: DemoEdition;
  company: DemoEdition;
  past: DemoEdition;
  draftIdeaId: string;
  rosterTeamId: string;
  rosterStudents: { displayName: string; username: string }[];
  resultsIdeaId: string;
  resultsTeamId: string;
  miniCompanyId: string;
  /** Pending and submitted assignments of each demo juror in the judging edition, by email. */
  jurorLoad: Map<string, { pending: number; submitted: number }>;
}

/** Finds the demo's objects; null when some are missing (a partial demo, or one of an older version of the seed). */
export async function locateDemo(db: DataSource): Promise<DemoWorld | null> {
  const [promoter]: { id: string }[] = await db.query(
    `SELECT o.id FROM organization o JOIN organization_member om ON om.organization_id = o.id AND om.role = 'OWNER' JOIN app_user u ON u.id = om.user_id
      WHERE o.name = $1 AND o.kind = $2 AND u.email = $3 LIMIT 1`,
    [PROMOTER.name, PROMOTER.kind, ORGANIZER.email],
  );
  if (!promoter) return null;
  // The newest edition of each title (the year is the edition's), the one before it for last year's.
  const edition = async (title: string, skip = 0): Promise<DemoEdition | undefined> => {
    const rows: DemoEdition[] = await db.query(
      `SELECT id, slug, title, status FROM challenge WHERE organizer_id = $1 AND starts_with(title, $2) ORDER BY submission_opens_at DESC OFFSET $3 LIMIT 1`,
      [promoter.id, `${title} `, skip],
    );
    return rows[0];
  };
  const team = async (challenge: DemoEdition | undefined, name: string) => {
    if (!challenge) return undefined;
    const rows: { teamId: string; ideaId: string | null; miniCompanyId: string | null }[] = await db.query(
      `SELECT t.id AS "teamId", i.id AS "ideaId", mc.id AS "miniCompanyId" FROM team t
         LEFT JOIN idea i ON i.team_id = t.id LEFT JOIN mini_company mc ON mc.team_id = t.id
        WHERE t.challenge_id = $1 AND t.name = $2`,
      [challenge.id, name],
    );
    return rows[0];
  };
  const [current, past, judging, results, company] = await Promise.all([
    edition(CURRENT_TITLE),
    edition(CURRENT_TITLE, 1),
    edition(JUDGING_EDITION.title),
    edition(RESULTS_EDITION.title),
    edition(COMPANY_EDITION.title),
  ]);
  const [draft, roster, winner, adopted] = await Promise.all([
    team(current, DRAFT_CLASS.name),
    team(current, ROSTER_CLASS.name),
    team(results, RESULTS_EDITION.classes[0].name),
    team(company, COMPANY_EDITION.classes[0].name),
  ]);
  if (!current || !past || !judging || !results || !company || !draft?.ideaId || !roster || !winner?.ideaId || !adopted?.miniCompanyId) return null;
  const rosterStudents: { displayName: string; username: string }[] = await db.query(
    `SELECT u.display_name AS "displayName", u.username FROM roster_student r JOIN app_user u ON u.id = r.user_id WHERE r.team_id = $1 AND u.username IS NOT NULL ORDER BY u.created_at, u.display_name`,
    [roster.teamId],
  );
  const load: { email: string; pending: number; submitted: number }[] = await db.query(
    `SELECT u.email, count(*) FILTER (WHERE a.status = 'PENDING')::int AS pending, count(*) FILTER (WHERE a.status = 'SUBMITTED')::int AS submitted
       FROM review_assignment a JOIN juror j ON j.id = a.juror_id JOIN app_user u ON u.id = j.user_id WHERE a.challenge_id = $1 GROUP BY u.email`,
    [judging.id],
  );
  return {
    current,
    past,
    judging,
    results,
    company,
    draftIdeaId: draft.ideaId,
    rosterTeamId: roster.teamId,
    rosterStudents,
    resultsIdeaId: winner.ideaId,
    resultsTeamId: winner.teamId,
    miniCompanyId: adopted.miniCompanyId,
    jurorLoad: new Map(load.map((l) => [l.email.toLowerCase(), { pending: l.pending, submitted: l.submitted }])),
  };
}

export interface GuideEntry {
  /** Who this is, in the demo's story (e.g. "in giuria (Centro Ricerche Ambiente Alpino)"). */
  role: string;
  /** The email to sign in with (password DEMO_PASSWORD), or a roster student's username. */
  login: string;
  /** A roster student's one-time code, when it was just created. */
  code?: string;
  try: string;
  url: string;
}

export interface GuidePhase {
  number: number;
  name: string;
  edition: DemoEdition;
  entries: GuideEntry[];
}

/** The guide: one section per phase (1-5: submissions, judging, results, mini-company, roster class), then last year's. */
export function demoGuide(world: DemoWorld, publicUrl: string, codes: readonly RosterLogin[] = []): GuidePhase[] {
  const url = (path: string) => absoluteLink(publicUrl, path);
  const organizer = `chi organizza (${PROMOTER.name})`;
  const coach = (school: number) => `docente coach (${SCHOOLS[school].name})`;
  const juror = (index: number) => {
    const email = JURORS[index].email;
    const load = world.jurorLoad.get(email.toLowerCase()) ?? { pending: 0, submitted: 0 };
    const done = load.submitted > 0 ? `${load.submitted} valutazioni inviate (modificabili fino alla chiusura) e ` : '';
    return {
      role: index === 0 ? `in giuria (${LAB.name})` : 'in giuria',
      login: email,
      try: `${done}${load.pending} idee da valutare alla cieca (squadra e scuola nascoste): un punteggio per ciascuno dei tre criteri`,
      url: url(webPaths.challengeReviews(world.judging.id)),
    };
  };
  const [resultsWinner] = RESULTS_EDITION.classes;
  const [companyWinner] = COMPANY_EDITION.classes;
  const code = new Map(codes.map((c) => [c.username, c.code]));
  return [
    {
      number: 1,
      name: 'Iscrizioni aperte',
      edition: world.current,
      entries: [
        {
          role: `membro della squadra «${DRAFT_CLASS.name}» (${DRAFT_CLASS.className})`,
          login: DRAFT_CLASS.students[0].email,
          try: "l'idea della squadra è ancora in bozza: modificala (titolo, soluzione, tag) e salvala",
          url: url(webPaths.idea(world.draftIdeaId)),
        },
        {
          role: coach(DRAFT_CLASS.school),
          login: SCHOOLS[DRAFT_CLASS.school].teacher.email,
          try: `invia l'idea della squadra «${DRAFT_CLASS.name}»: da bozza diventa inviata e la giuria la vedrà`,
          url: url(webPaths.idea(world.draftIdeaId)),
        },
        {
          role: organizer,
          login: ORGANIZER.email,
          try: 'segui squadre e idee inviate; la giuria è già nominata: «Avvia la valutazione» chiude le iscrizioni e assegna le idee',
          url: url(webPaths.organizerChallenge(world.current.id)),
        },
      ],
    },
    {
      number: 2,
      name: 'Valutazione in corso',
      edition: world.judging,
      entries: [
        juror(0),
        juror(1),
        {
          role: organizer,
          login: ORGANIZER.email,
          try: "l'avanzamento della giuria e la classifica provvisoria; poi «Pubblica i risultati» con i premi",
          url: url(webPaths.organizerChallenge(world.judging.id)),
        },
      ],
    },
    {
      number: 3,
      name: 'Risultati pubblicati',
      edition: world.results,
      entries: [
        {
          role: `impresa madrina (${COMPANY.name})`,
          login: SPONSORS[0].email,
          try: `la proposta di adottare «${resultsWinner.idea.title}» aspetta la risposta della scuola; sfoglia le altre idee pubblicate e proponine un'altra`,
          url: url(webPaths.sponsor()),
        },
        {
          role: coach(resultsWinner.school),
          login: SCHOOLS[resultsWinner.school].teacher.email,
          try: `${COMPANY.name} propone di adottare l'idea della squadra «${resultsWinner.name}»: accetta o rifiuta`,
          url: url(webPaths.teamAdoption(world.resultsTeamId)),
        },
        {
          role: organizer,
          login: ORGANIZER.email,
          try: 'classifica finale e premi, pubblici anche senza accesso; «Chiudi l’edizione» quando le adozioni sono avviate',
          url: url(webPaths.challengeResults(world.results.id)),
        },
      ],
    },
    {
      number: 4,
      name: 'Mini-impresa a metà percorso',
      edition: world.company,
      entries: [
        {
          role: `membro della squadra «${companyWinner.name}»`,
          login: companyWinner.students[0].email,
          try: 'concept e business plan approvati, prototipo consegnato e in revisione: carica le prove della tappa successiva',
          url: url(webPaths.miniCompany(world.miniCompanyId)),
        },
        {
          role: `tutor aziendale (${COMPANY.name})`,
          login: SPONSORS[1].email,
          try: 'approva il prototipo consegnato dalla squadra, o rimandalo con un commento',
          url: url(webPaths.miniCompany(world.miniCompanyId)),
        },
        {
          role: coach(companyWinner.school),
          login: SCHOOLS[companyWinner.school].teacher.email,
          try: 'anche chi fa da coach approva le tappe e ne sposta le scadenze',
          url: url(webPaths.miniCompany(world.miniCompanyId)),
        },
      ],
    },
    {
      number: 5,
      name: 'Classe senza email',
      edition: world.current,
      entries: [
        ...world.rosterStudents.map((s) => ({
          role: `classe ${ROSTER_CLASS.className}, «${ROSTER_CLASS.name}»: ${s.displayName}`,
          login: s.username,
          code: code.get(s.username),
          try: code.has(s.username)
            ? "entra con username e codice, senza email né password; poi completa la bozza dell'idea della classe"
            : 'il codice è stato stampato quando la classe è stata creata: per averne uno nuovo la docente lo rigenera, o npm run seed:demo -- --reset',
          url: url(webPaths.codeSignIn()),
        })),
        {
          role: coach(ROSTER_CLASS.school),
          login: SCHOOLS[ROSTER_CLASS.school].teacher.email,
          try: `la classe ${ROSTER_CLASS.className} senza email: rigenera il codice di chi lo ha perso, aggiungi altri studenti`,
          url: url(webPaths.team(world.rosterTeamId)),
        },
      ],
    },
    {
      number: 6,
      name: "Edizione dell'anno scorso, chiusa",
      edition: world.past,
      entries: [
        {
          role: organizer,
          login: ORGANIZER.email,
          try: "premi, un'adozione accettata e una mini-impresa avviata; impactReport (GraphQL) riassume tutte le edizioni per i finanziatori",
          url: url(webPaths.challengeResults(world.past.id)),
        },
        { role: 'amministrazione della piattaforma', login: ADMIN.email, try: 'vede e può fare tutto', url: url(webPaths.home()) },
      ],
    },
  ];
}

const STATUS_LABEL: Record<string, string> = {
  DRAFT: 'bozza',
  PUBLISHED: 'pubblicata',
  JUDGING: 'in valutazione',
  RESULTS_PUBLISHED: 'risultati pubblicati',
  CLOSED: 'chiusa',
};

/**
 * The guide as text. Its shape is stable (test/seed-demo.e2e-spec.ts reads it): a section header
 * `<n> · <phase> — «<title>» (<status>)`, then per entry a line `  <role>  <login>[  codice <code>]` followed by
 * `      prova  <what to try>` and `      apri   <url>`.
 */
export function formatGuide(headline: string, phases: readonly GuidePhase[], publicUrl: string): string {
  const lines = [
    headline,
    '',
    `Password di tutti gli account demo: ${DEMO_PASSWORD}`,
    `Pagine: ${absoluteLink(publicUrl, webPaths.home())} (npm start avvia API e worker; accesso con email ${absoluteLink(publicUrl, webPaths.signIn())})`,
  ];
  const width = Math.max(...phases.flatMap((p) => p.entries.map((e) => e.role.length)));
  for (const phase of phases) {
    lines.push('', `${phase.number} · ${phase.name} — «${phase.edition.title}» (${STATUS_LABEL[phase.edition.status] ?? phase.edition.status})`);
    for (const entry of phase.entries) {
      lines.push(`  ${entry.role.padEnd(width)}  ${entry.login}${entry.code ? `  codice ${entry.code}` : ''}`);
      lines.push(`      prova  ${entry.try}`);
      lines.push(`      apri   ${entry.url}`);
    }
  }
  return lines.join('\n');
}
