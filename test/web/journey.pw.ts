// Issue 13, "Tests in a real browser": the whole journey of an edition, each person in a browser context of their own,
// through the screens that exist, against the real API, worker, PostgreSQL, Redis and SMTP sink (global-setup.ts).
// The API seeds only what has no screen: the people's accounts, their organizations and the tutor's membership.
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from '../helpers/factories.js';
import { waitFor } from '../helpers/wait.js';
import { fixture } from './fixture.js';
import { DAY, localInput, signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const url = `${fixture.baseURL}/graphql`;

/** A browser context of its own (cookies, storage, session) for one more person, signed in through the form. */
async function pageOf(browser: Browser, user: TestUser, displayName: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: fixture.baseURL, locale: 'it-IT' });
  const page = await context.newPage();
  await signIn(page, user, displayName);
  return page;
}

test.describe('the journey of an edition', () => {
  let db: DataSource;
  test.beforeAll(async () => {
    db = await openDatabase();
  });
  test.afterAll(async () => {
    await db?.destroy();
  });

  test('from the draft to the milestone: organizer, coach, student, juror, public, sponsor and tutor, each in their own browser', async ({ page, browser }) => {
    test.setTimeout(240_000); // many people and steps on a shared 2-core machine
    const tag = unique();
    const title = `Climathon Alto Garda ${tag}`;
    const teamName = `3A Energia ${tag}`;
    const ideaTitle = `Pannelli solari in palestra ${tag}`;
    const companyName = `Solare Trentino ${tag}`;
    const awardTitle = 'Premio Sole';

    // ---- seeded through the API (no screen): accounts, organizations, the tutor's membership of the company
    const organizer = await signUp(url, { label: 'organizer', displayName: 'Olga Organizzatrice' });
    await createOrganization(url, organizer, { kind: 'PROMOTER', name: `Comunità Alto Garda ${tag}` });
    const coach = await signUp(url, { label: 'coach', displayName: 'Carla Docente' });
    const schoolName = `Liceo Maffei ${tag}`;
    const schoolId = await createOrganization(url, coach, { kind: 'SCHOOL', name: schoolName, district: 'Alto Garda' });
    const juror = await signUp(url, { label: 'juror', displayName: 'Gianni Giurato' });
    const sponsor = await signUp(url, { label: 'sponsor', displayName: 'Sofia Impresa' });
    const companyId = await createOrganization(url, sponsor, { kind: 'COMPANY', name: companyName });
    const tutor = await signUp(url, { label: 'tutor', displayName: 'Tommaso Tutor' });
    await addMember(url, sponsor, companyId, tutor);

    // ---- the organizer creates the challenge and publishes it
    await signIn(page, organizer, 'Olga Organizzatrice');
    await page.getByRole('link', { name: 'Organizza', exact: true }).click();
    await page
      .getByRole('region', { name: `Comunità Alto Garda ${tag}` })
      .getByRole('link', { name: 'Nuova sfida' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuova sfida' })).toBeVisible();
    await page.getByLabel('Titolo', { exact: true }).fill(title);
    await page.getByLabel('Descrizione', { exact: true }).fill('Le scuole del Garda propongono idee per il clima.');
    await page.getByLabel('Apertura delle proposte').fill(localInput(-DAY));
    await page.getByLabel('Chiusura delle proposte').fill(localInput(7 * DAY));
    await page.getByLabel('Fine della valutazione').fill(localInput(14 * DAY));
    await page.getByRole('spinbutton', { name: 'Valutazioni per idea' }).fill('1');
    await page.getByRole('group', { name: 'Tema 1' }).getByLabel('Nome', { exact: true }).fill('Energia');
    const impact = page.getByRole('group', { name: 'Criterio 1' });
    await impact.getByLabel('Nome', { exact: true }).fill('Impatto');
    await impact.getByRole('spinbutton', { name: 'Peso' }).fill('3');
    await page.getByRole('group', { name: 'Criterio 2' }).getByLabel('Nome', { exact: true }).fill('Fattibilità');
    await page.getByRole('button', { name: 'Crea la bozza' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const challengeId = new URL(page.url()).pathname.split('/').pop()!;
    const step = page.getByRole('list', { name: 'Fasi della sfida' }).locator('[aria-current="step"]');
    await expect(step).toHaveText('Bozza');
    await expect(page.getByText('Impatto: peso 3 (75%), punteggio massimo 10')).toBeVisible();
    await page.getByRole('button', { name: 'Pubblica la sfida' }).click();
    await expect(step).toHaveText('Proposte aperte');
    const stored = (await db.query(`SELECT status, slug, reviews_per_idea FROM challenge WHERE id = $1`, [challengeId]))[0];
    expect(stored).toMatchObject({ status: 'PUBLISHED', reviews_per_idea: 1 });
    const slug = stored.slug as string;

    // ---- the coach forms the class team, accepts the school's agreement, creates the roster and reads the printed sheet
    const coachPage = await pageOf(browser, coach, 'Carla Docente');
    await coachPage.getByRole('link', { name: 'Le mie squadre' }).click();
    await coachPage.getByRole('link', { name: 'Crea una squadra' }).click();
    await coachPage.getByLabel('Sfida').selectOption({ label: title });
    await expect(coachPage.getByLabel('Scuola')).toHaveValue(schoolId);
    await coachPage.getByLabel('Nome della squadra').fill(teamName);
    await coachPage.getByLabel('Classe', { exact: true }).fill('3A');
    await coachPage.getByRole('button', { name: 'Crea la squadra' }).click();
    await expect(coachPage.getByRole('heading', { level: 1, name: teamName })).toBeVisible();
    const teamId = new URL(coachPage.url()).pathname.split('/').pop()!;
    await expect(coachPage.getByText('Il tuo ruolo: coach')).toBeVisible();
    const roster = coachPage.getByRole('region', { name: 'Account degli studenti' });
    await roster.getByText(/Accetto l'accordo per conto di/).click();
    await roster.getByRole('button', { name: "Accetta l'accordo" }).click();
    await roster.getByLabel('Nomi degli studenti').fill('Giulia R.\nLuca B.');
    await roster.getByText(/Confermo che le famiglie hanno ricevuto/).click();
    await roster.getByRole('button', { name: 'Crea gli account' }).click();
    const sheet = coachPage.getByRole('region', { name: 'Foglio di accesso' });
    await expect(sheet.getByRole('row')).toHaveCount(3);
    const giulia = sheet
      .getByRole('row')
      .filter({ has: coachPage.getByRole('rowheader', { name: 'Giulia R.' }) })
      .getByRole('cell');
    const username = (await giulia.nth(0).textContent())!.trim();
    const code = (await giulia.nth(1).textContent())!.trim();
    // On paper, the slip of each student carries the same username and code.
    await coachPage.emulateMedia({ media: 'print' });
    const slip = coachPage.locator('.print-sheet .slip').filter({ hasText: 'Giulia R.' });
    await expect(slip).toContainText(username);
    await expect(slip).toContainText(code);
    await coachPage.emulateMedia({ media: 'screen' });
    await expect(coachPage.getByRole('region', { name: 'Chi fa parte della squadra (3)' })).toBeVisible();
    expect(
      (await db.query(`SELECT role, count(*)::int AS n FROM team_member WHERE team_id = $1 GROUP BY role ORDER BY role`, [teamId])).map((r: { role: string; n: number }) => [
        r.role,
        r.n,
      ]),
    ).toEqual([
      ['COACH', 1],
      ['STUDENT', 2],
    ]);

    // ---- the student signs in with the code, in another browser, and writes the idea
    const studentContext = await browser.newContext({ baseURL: fixture.baseURL, locale: 'it-IT' });
    const studentPage = await studentContext.newPage();
    await studentPage.goto('/sign-in/code');
    await studentPage.getByLabel('Nome utente').fill(username);
    await studentPage.getByLabel('Codice di accesso').fill(code);
    await studentPage.getByRole('button', { name: 'Accedi' }).click();
    await expect(studentPage.getByRole('link', { name: 'Giulia R.' })).toBeVisible();
    await studentPage.getByRole('link', { name: 'Le mie squadre' }).click();
    await studentPage.getByRole('link', { name: teamName }).click();
    await expect(studentPage.getByText('Il tuo ruolo: membro')).toBeVisible();
    await studentPage.getByRole('link', { name: "Scrivi l'idea" }).click();
    await studentPage.getByLabel('Titolo', { exact: true }).fill(ideaTitle);
    await studentPage.getByLabel('Riassunto', { exact: true }).fill('Il tetto della palestra produce la corrente della scuola.');
    await studentPage.getByLabel('Il problema', { exact: true }).fill('La scuola consuma molta energia elettrica.');
    await studentPage.getByLabel('La soluzione', { exact: true }).fill('Pannelli fotovoltaici e un display dei consumi in atrio.');
    await studentPage.getByRole('button', { name: 'Salva', exact: true }).click();
    await expect(studentPage.getByRole('status').filter({ hasText: 'Salvata (versione 1).' })).toBeVisible();
    await expect(studentPage.getByRole('button', { name: "Presenta l'idea alla giuria" })).toHaveCount(0); // the coach submits

    // ---- the coach submits it
    await coachPage.goto(`/teams/${teamId}/idea`);
    await expect(coachPage.getByLabel('Titolo', { exact: true })).toHaveValue(ideaTitle);
    await coachPage.getByRole('button', { name: "Presenta l'idea alla giuria" }).click();
    await expect(coachPage.getByText(/L'idea è stata presentata il/)).toBeVisible();
    const idea = (await db.query(`SELECT id, status FROM idea WHERE team_id = $1`, [teamId]))[0];
    expect(idea.status).toBe('SUBMITTED');

    // ---- the organizer names the juror and starts judging
    await page.reload();
    await expect(page.getByText('1 squadra, 1 idea presentata')).toBeVisible();
    await page.getByLabel('Email del membro della giuria').fill(juror.email);
    await page.getByRole('button', { name: 'Aggiungi alla giuria' }).click();
    await expect(page.getByRole('region', { name: 'Giuria', exact: true }).getByRole('row', { name: /Gianni Giurato/ })).toBeVisible();
    await page.getByRole('button', { name: 'Avvia la valutazione' }).click();
    await expect(step).toHaveText('In valutazione');
    await expect(page.getByText('0 di 1 valutazioni inviate')).toBeVisible();

    // ---- the juror scores the assignment
    const jurorPage = await pageOf(browser, juror, 'Gianni Giurato');
    await jurorPage.getByRole('link', { name: 'Giuria', exact: true }).click();
    const seat = jurorPage.getByRole('region', { name: title });
    await expect(seat.getByText('Valutazioni inviate: 0 su 1')).toBeVisible();
    await seat.getByRole('link', { name: ideaTitle }).click();
    await expect(jurorPage.getByRole('heading', { level: 1, name: ideaTitle })).toBeVisible();
    await jurorPage.getByRole('spinbutton', { name: 'Impatto', exact: true }).fill('9');
    await jurorPage.getByRole('spinbutton', { name: 'Fattibilità', exact: true }).fill('7');
    // 100 * (3 * 9/10 + 1 * 7/10) / 4 = 85
    await expect(jurorPage.getByRole('status', { name: 'Punteggio totale' })).toHaveText('85 su 100');
    await jurorPage.getByLabel('Commento (facoltativo)').fill('Concreta e misurabile.');
    await jurorPage.getByRole('button', { name: 'Invia la valutazione' }).click();
    await expect(jurorPage.getByText('Valutazione inviata.', { exact: true })).toBeVisible();
    const review = (await db.query(`SELECT ra.status, r.total FROM review_assignment ra JOIN review r ON r.assignment_id = ra.id WHERE ra.idea_id = $1`, [idea.id]))[0];
    expect(review.status).toBe('SUBMITTED');
    expect(Number(review.total)).toBeCloseTo(85, 5);
    await jurorPage.getByRole('link', { name: 'Giuria', exact: true }).click();
    await expect(seat.getByText('Valutazioni inviate: 1 su 1')).toBeVisible();

    // ---- the organizer publishes the results with an award
    await page.reload();
    await expect(page.getByText('1 di 1 valutazioni inviate')).toBeVisible();
    const award = page.getByRole('group', { name: 'Premio 1' });
    await award.getByLabel('Idea').selectOption({ label: `1. ${ideaTitle}` });
    await award.getByLabel('Nome del premio').fill(awardTitle);
    await page.getByRole('button', { name: 'Pubblica i risultati' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Pubblicare i risultati?' });
    await expect(dialog).toContainText('Tutte le valutazioni sono state inviate.');
    await dialog.getByRole('button', { name: 'Pubblica i risultati' }).click();
    await expect(step).toHaveText('Risultati pubblicati');
    expect((await db.query(`SELECT status FROM challenge WHERE id = $1`, [challengeId]))[0].status).toBe('RESULTS_PUBLISHED');

    // ---- the public results page, signed out: the ranking and the award
    const visitor = await browser.newContext({ baseURL: fixture.baseURL, locale: 'it-IT' });
    const publicPage = await visitor.newPage();
    await publicPage.goto(`/challenges/${slug}`);
    await publicPage.getByRole('link', { name: 'Vedi i risultati' }).click();
    await expect(publicPage.getByRole('heading', { level: 1, name: 'Risultati' })).toBeVisible();
    await expect(publicPage.getByText(`1° posto: ${awardTitle}`)).toBeVisible();
    const first = publicPage.getByRole('row').nth(1);
    await expect(first).toContainText(ideaTitle);
    await expect(first).toContainText(teamName);
    await expect(first.getByRole('cell').first()).toHaveText('1');
    await visitor.close();

    // ---- the team reads its place, score and the juror's comment (anonymous)
    await studentPage.goto(`/teams/${teamId}`);
    const reviews = studentPage.getByRole('region', { name: 'Valutazioni della giuria' });
    await expect(reviews.getByText('Posizione in classifica: 1. Punteggio: 85 su 100 (1 valutazione).')).toBeVisible();
    await expect(reviews.getByText('«Concreta e misurabile.»')).toBeVisible();
    await expect(reviews).not.toContainText('Gianni Giurato');

    // ---- the sponsor proposes to take the idea in charge
    const sponsorPage = await pageOf(browser, sponsor, 'Sofia Impresa');
    await sponsorPage.getByRole('link', { name: 'Impresa', exact: true }).click();
    await expect(sponsorPage.getByText(`Per conto di ${companyName}`)).toBeVisible();
    const search = sponsorPage.getByRole('searchbox', { name: 'Cerca' });
    await search.fill(tag);
    await search.press('Enter');
    await sponsorPage.getByRole('link', { name: `Proponi la presa in carico di ${ideaTitle}` }).click();
    await sponsorPage.getByLabel('Messaggio alla squadra').fill('Installiamo impianti solari: vi aiutiamo a realizzarlo.');
    await sponsorPage.getByLabel('Il vostro impegno (facoltativo)').fill('Un sopralluogo e 10 ore di progettazione.');
    await sponsorPage.getByRole('button', { name: 'Invia la proposta' }).click();
    await expect(sponsorPage.getByRole('status').filter({ hasText: `Proposta inviata per «${ideaTitle}»` })).toBeVisible();
    const proposal = sponsorPage
      .getByRole('region', { name: 'Le vostre proposte di presa in carico' })
      .getByRole('listitem')
      .filter({ has: sponsorPage.getByRole('heading', { name: ideaTitle }) });
    await expect(proposal).toContainText('In attesa di risposta');

    // ---- the coach accepts
    await coachPage.goto(`/teams/${teamId}/adoption`);
    await expect(coachPage.getByRole('listitem').filter({ hasText: companyName })).toContainText('10 ore di progettazione');
    await coachPage.getByRole('button', { name: `Accetta la proposta di ${companyName}` }).click();
    await expect(coachPage.getByRole('heading', { name: `Adottata da ${companyName}` })).toBeVisible();
    expect((await db.query(`SELECT status, company_id FROM adoption WHERE idea_id = $1`, [idea.id]))[0]).toEqual({ status: 'ACCEPTED', company_id: companyId });

    // ---- the sponsor sees it accepted and names the tutor
    await sponsorPage.reload();
    await expect(proposal).toContainText('Accettata');
    await proposal.getByLabel('Email del tutor').fill(tutor.email);
    await proposal.getByRole('button', { name: 'Assegna il tutor' }).click();
    await expect(proposal.getByRole('status')).toHaveText('Tutor assegnato.');
    await expect(proposal.getByRole('listitem').filter({ hasText: 'Tommaso Tutor' })).toBeVisible();

    // ---- the coach founds the mini-company; the student submits the first milestone's evidence
    await coachPage.reload();
    await coachPage.getByRole('link', { name: 'Fonda la mini-impresa' }).click();
    await coachPage.getByLabel('Nome della mini-impresa').fill('SolePalestra');
    await coachPage.getByRole('button', { name: 'Fonda la mini-impresa' }).click();
    await expect(coachPage.getByRole('heading', { level: 1, name: 'SolePalestra' })).toBeVisible();
    await studentPage.goto(`/teams/${teamId}/mini-company`);
    const concept = studentPage.getByRole('listitem').filter({ has: studentPage.getByRole('heading', { name: 'Concept' }) });
    await expect(concept).toContainText('Da fare');
    await concept.getByLabel('Cosa avete fatto').fill('Abbiamo misurato il tetto e chiesto tre preventivi.');
    await concept.getByRole('button', { name: 'Invia la tappa «Concept»' }).click();
    await expect(concept).toContainText('Da approvare');

    // ---- the tutor approves it from the company's area
    const tutorPage = await pageOf(browser, tutor, 'Tommaso Tutor');
    await tutorPage.getByRole('link', { name: 'Impresa', exact: true }).click();
    await tutorPage.getByRole('region', { name: 'Le vostre proposte di presa in carico' }).getByRole('link', { name: 'Mini-impresa e tappe' }).click();
    const reviewed = tutorPage.getByRole('listitem').filter({ has: tutorPage.getByRole('heading', { name: 'Concept' }) });
    await expect(reviewed).toContainText('tre preventivi');
    await reviewed.getByLabel('Commento:').fill('Ottimo inizio.');
    await reviewed.getByRole('button', { name: 'Approva «Concept»' }).click();
    await expect(reviewed).toContainText('Approvata');
    await studentPage.reload();
    await expect(concept).toContainText('Approvata');
    const milestones: { title: string; status: string }[] = await db.query(
      `SELECT m.title, m.status FROM milestone m JOIN mini_company c ON c.id = m.mini_company_id WHERE c.team_id = $1 ORDER BY m.position`,
      [teamId],
    );
    expect(milestones[0]).toEqual({ title: 'Concept', status: 'APPROVED' });
    expect(milestones.slice(1).every((m) => m.status === 'PLANNED')).toBe(true);

    // ---- the coach's bell: every notification of the journey arrived (the worker writes them), none read yet
    const kinds = await waitFor(
      async () => {
        const rows: { kind: string }[] = await db.query(`SELECT kind FROM notification WHERE recipient_id = $1 AND read_at IS NULL ORDER BY kind`, [coach.id]);
        const found = rows.map((r) => r.kind);
        return found.includes('MILESTONE_REVIEWED') && found.includes('TUTOR_ASSIGNED') && found.includes('MILESTONE_SUBMITTED') && found;
      },
      { what: "the coach's notifications", timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(kinds).toEqual(['ADOPTION_ACCEPTED', 'ADOPTION_PROPOSED', 'IDEA_SUBMITTED', 'MILESTONE_REVIEWED', 'MILESTONE_SUBMITTED', 'RESULTS_PUBLISHED', 'TUTOR_ASSIGNED']);
    await coachPage.goto(`/teams/${teamId}`);
    const bell = coachPage.getByRole('link', { name: /^Notifiche, / });
    await expect(bell).toHaveAccessibleName(`Notifiche, ${kinds.length} da leggere`);
    await expect(coachPage.getByTestId('unread-count')).toHaveText(String(kinds.length));

    for (const other of [coachPage, studentPage, jurorPage, sponsorPage, tutorPage]) await other.context().close();
  });
});
