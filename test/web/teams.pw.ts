// Issue 13, "Teacher and students": a teacher forms a class team, creates its roster and prints the sheet; students
// sign in with the codes and write the idea together; a stale save is shown and resolved without losing any text;
// the coach submits and withdraws; after the results the team reads its reviews. Real API, worker and database.
import { devices, expect, test, type Browser, type Page } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { publishedChallenge, school } from '../helpers/challenge-factories.js';
import { signUp, type TestUser } from '../helpers/factories.js';
import { gql, gqlOk } from '../helpers/graphql.js';
import { judgingFixture, myAssignments, PUBLISH_RESULTS, startJudging, submitReview, uniformScores } from '../helpers/judging-factories.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';
import { signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const url = `${fixture.baseURL}/graphql`;
const IDEA = `query($id: ID!) { team(id: $id) { memberCount members { role user { id displayName } } idea { id title summary problem solution version status } } }`;
const CODE_SIGN_IN = `mutation($u: String!, $c: String!) { signInWithCode(username: $u, code: $c) { accessToken user { id } } }`;

interface Credential {
  name: string;
  username: string;
  code: string;
}

/** A roster student signs in through the code form in their own browser context. */
async function codeSignIn(browser: Browser, student: Credential, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: fixture.baseURL, ...options });
  const page = await context.newPage();
  await page.goto('/sign-in/code');
  await page.getByLabel('Nome utente').fill(student.username);
  await page.getByLabel('Codice di accesso').fill(student.code);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('link', { name: student.name })).toBeVisible();
  return page;
}

/** The fields of the idea editor, by their Italian labels. */
const editor = (page: Page) => ({
  title: page.getByLabel('Titolo', { exact: true }),
  summary: page.getByLabel('Riassunto', { exact: true }),
  problem: page.getByLabel('Il problema', { exact: true }),
  solution: page.getByLabel('La soluzione', { exact: true }),
  save: page.getByRole('button', { name: 'Salva', exact: true }),
});

/** The page has no horizontal scroll (nothing wider than a phone's screen). */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

test.describe.serial('a class team, its roster and its idea', () => {
  const tag = unique();
  const challengeTitle = `Climathon Val di Non ${tag}`;
  const teamName = `4B Ambiente ${tag}`;
  let teacher: TestUser;
  let teamId = '';
  const students: Credential[] = [];

  test.beforeAll(async () => {
    await publishedChallenge(url, { title: challengeTitle });
    const owner = await school(url, { name: `Liceo Bertagnolli ${tag}`, district: 'Val di Non' });
    teacher = owner.teacher;
    await gqlOk(url, `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { displayName: 'Anna Docente' } }, teacher.token);
  });

  test('the teacher forms a team, accepts the agreement, creates the roster and prints the sheet of codes', async ({ page }, info) => {
    test.setTimeout(120_000);
    await signIn(page, teacher, 'Anna Docente');
    await page.getByRole('link', { name: 'Le mie squadre' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Le tue squadre' })).toBeVisible();
    await expect(page.getByText('Non fai ancora parte di nessuna squadra.')).toBeVisible();
    await expectAccessible(page);

    // ---- create the team: the school is the teacher's only one
    await page.getByRole('link', { name: 'Crea una squadra' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nuova squadra' })).toBeVisible();
    await page.getByLabel('Sfida').selectOption({ label: challengeTitle });
    await expect(page.getByLabel('Scuola')).toHaveValue(/.+/);
    await page.getByLabel('Nome della squadra').fill(teamName);
    await page.getByLabel('Classe', { exact: true }).fill('4B');
    await screenshot(page, 'teams-create', info.project.name);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Crea la squadra' }).click();
    await expect(page.getByRole('heading', { level: 1, name: teamName })).toBeVisible();
    teamId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByText('Il tuo ruolo: coach')).toBeVisible();
    await expect(page.getByText(/serve il codice/)).toBeVisible();

    // ---- the school's data-processing agreement, then the roster
    const roster = page.getByRole('region', { name: 'Account degli studenti' });
    await expect(roster.getByLabel('Nomi degli studenti')).toHaveCount(0);
    await roster.getByText(/Accetto l'accordo per conto di/).click();
    await roster.getByRole('button', { name: "Accetta l'accordo" }).click();
    const names = roster.getByLabel('Nomi degli studenti');
    await expect(names).toBeVisible();
    await expect(roster.getByText(/versione 2026-01, accettato il/)).toBeVisible();

    // A name that is not "first name and initial", and no attestation: both refused at once, next to their fields.
    await names.fill('Giulia R.\nMarco Antonio Bianchi\n\nLuca B.');
    await roster.getByRole('button', { name: 'Crea gli account' }).click();
    await expect(names).toHaveAttribute('aria-invalid', 'true');
    await expect(names).toHaveAccessibleDescription(/Controlla la riga 2: ogni riga è un nome e l'iniziale del cognome/);
    await expect(names).toBeFocused();
    const attestation = roster.getByRole('checkbox', { name: /Confermo che le famiglie hanno ricevuto/ });
    await expect(attestation).toHaveAccessibleDescription('Per creare gli account serve questa conferma.');
    await screenshot(page, 'teams-roster-errors', info.project.name);
    await expectAccessible(page);
    expect((await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.memberCount).toBe(1); // nothing was created

    await names.fill('Giulia R.\n\nLuca B.');
    await roster.getByText(/Confermo che le famiglie hanno ricevuto/).click();
    await roster.getByRole('button', { name: 'Crea gli account' }).click();

    // ---- the sheet: each student's username and one-time code, shown once
    const sheet = page.getByRole('region', { name: 'Foglio di accesso' });
    await expect(sheet.getByRole('heading', { name: 'Foglio di accesso' })).toBeFocused();
    await expect(sheet.getByText(/I codici si vedono solo ora/)).toBeVisible();
    const rows = sheet.getByRole('row');
    await expect(rows).toHaveCount(3);
    for (const name of ['Giulia R.', 'Luca B.']) {
      const cells = rows.filter({ has: page.getByRole('rowheader', { name }) }).getByRole('cell');
      const username = (await cells.nth(0).textContent())!.trim();
      const code = (await cells.nth(1).textContent())!.trim();
      expect(username).toMatch(/^[a-z0-9-]+$/);
      expect(code.replace(/-/g, '').length).toBeGreaterThanOrEqual(10);
      students.push({ name, username, code });
    }
    await expect(page.getByRole('region', { name: 'Chi fa parte della squadra (3)' }).getByRole('listitem').filter({ hasText: 'Giulia R.' })).toHaveCount(1);
    await screenshot(page, 'teams-sheet', info.project.name);
    await expectAccessible(page);

    // "Print" opens the browser's print dialog; on paper only the slips are printed, one per student.
    await page.evaluate(() => {
      const w = globalThis as unknown as { print: () => void; printed?: number };
      w.print = () => (w.printed = (w.printed ?? 0) + 1);
    });
    await sheet.getByRole('button', { name: 'Stampa', exact: true }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { printed?: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#root')).toBeHidden();
    const slips = page.locator('.print-sheet .slip');
    await expect(slips).toHaveCount(2);
    await expect(slips.filter({ hasText: 'Giulia R.' })).toContainText(students[0].code);
    await expect(slips.filter({ hasText: 'Giulia R.' })).toContainText(students[0].username);
    await expect(slips.first()).toContainText(`${fixture.baseURL.replace(/\/$/, '')}/sign-in/code`);
    await screenshot(page, 'teams-sheet-print', info.project.name);
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('#root')).toBeVisible();
  });

  test('a roster student signs in with the code in another browser and writes the idea', async ({ browser }, info) => {
    const student = await codeSignIn(browser, students[0]);
    await student.getByRole('link', { name: 'Le mie squadre' }).click();
    await student.getByRole('link', { name: teamName }).click();
    await expect(student.getByText('Il tuo ruolo: membro')).toBeVisible();
    await expect(student.getByRole('region', { name: 'Account degli studenti' })).toHaveCount(0); // the roster is the coach's
    await expect(student.getByText(/serve il codice/)).toHaveCount(0); // the join code is the leads'
    await student.getByRole('link', { name: "Scrivi l'idea" }).click();
    await expect(student.getByRole('heading', { level: 1, name: "Scrivi l'idea della squadra" })).toBeVisible();
    const fields = editor(student);
    await fields.title.fill('Borracce per tutta la scuola');
    await fields.summary.fill('Meno bottiglie di plastica in classe.');
    await fields.problem.fill('Ogni giorno buttiamo centinaia di bottiglie.');
    await fields.solution.fill('Fontanelle e borracce con il logo della scuola.');
    await expect(student.getByText('Modifiche non salvate.')).toBeVisible();
    await screenshot(student, 'teams-editor-new', info.project.name);
    await expectAccessible(student);
    await fields.save.click();
    await expect(student.getByRole('status').filter({ hasText: 'Salvata (versione 1).' })).toBeVisible();
    await expect(student.getByText("Quando l'idea è pronta, l'insegnante che segue la squadra la presenta alla giuria.")).toBeVisible();
    await expect(student.getByRole('button', { name: "Presenta l'idea alla giuria" })).toHaveCount(0);
    const { team } = await gqlOk(url, IDEA, { id: teamId }, teacher.token);
    expect(team.idea).toMatchObject({ title: 'Borracce per tutta la scuola', version: 1, status: 'DRAFT' });
    await student.context().close();
  });

  test("two people edit at once: the stale save is shown beside the other's and resolved without losing either text", async ({ page, browser }, info) => {
    test.setTimeout(120_000);
    const student = await codeSignIn(browser, students[1]);
    await student.goto(`/teams/${teamId}/idea`);
    await signIn(page, teacher, 'Anna Docente');
    await page.goto(`/teams/${teamId}/idea`);
    const mine = editor(student);
    const theirs = editor(page);
    await expect(mine.summary).toHaveValue('Meno bottiglie di plastica in classe.');
    await expect(theirs.summary).toHaveValue('Meno bottiglie di plastica in classe.');

    // The teacher saves first (version 2); the student, still on version 1, saves their own summary.
    await theirs.summary.fill('Meno plastica: una borraccia per ogni studente.');
    await theirs.save.click();
    await expect(page.getByRole('status').filter({ hasText: 'Salvata (versione 2).' })).toBeVisible();
    const studentText = 'Fontanelle in ogni piano e borracce per tutte le classi.';
    await mine.summary.fill(studentText);
    await mine.title.fill('Borracce e fontanelle');
    await mine.save.click();

    const conflict = student.getByRole('region', { name: "L'idea è stata modificata nel frattempo" });
    await expect(conflict).toBeVisible();
    await expect(conflict).toBeFocused();
    await expect(conflict.getByTestId('mine-summary')).toHaveText(studentText);
    await expect(conflict.getByTestId('theirs-summary')).toHaveText('Meno plastica: una borraccia per ogni studente.');
    await expect(conflict.getByTestId('mine-title')).toHaveText('Borracce e fontanelle');
    await expect(conflict.getByTestId('theirs-title')).toHaveText('Borracce per tutta la scuola');
    await expect(mine.summary).toHaveValue(studentText); // nothing of the student's text is lost
    await expect(student.getByRole('status').filter({ hasText: 'Salvata' })).toHaveCount(0);
    let saved = (await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.idea;
    expect(saved).toMatchObject({ version: 2, summary: 'Meno plastica: una borraccia per ogni studente.', title: 'Borracce per tutta la scuola' });
    await screenshot(student, 'teams-editor-conflict', info.project.name);
    await expectAccessible(student);

    // The student takes the teacher's title, keeps their own summary and saves over version 2.
    await conflict.getByRole('button', { name: 'Copia nel mio testo: Titolo' }).click();
    await expect(mine.title).toHaveValue('Borracce per tutta la scuola');
    await expect(mine.summary).toHaveValue(studentText);
    await conflict.getByRole('button', { name: 'Salva il mio testo al posto della versione 2' }).click();
    await expect(student.getByRole('status').filter({ hasText: 'Salvata (versione 3).' })).toBeVisible();
    await expect(conflict).toHaveCount(0);
    saved = (await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.idea;
    expect(saved).toMatchObject({ version: 3, summary: studentText, title: 'Borracce per tutta la scuola' });

    // The teacher's page is now the stale one: saving again shows the student's text, and "keep the saved version" takes it.
    await theirs.problem.fill('Troppe bottiglie nei cestini.');
    await theirs.save.click();
    const teacherConflict = page.getByRole('region', { name: "L'idea è stata modificata nel frattempo" });
    await expect(teacherConflict.getByTestId('theirs-summary')).toHaveText(studentText);
    await teacherConflict.getByRole('button', { name: 'Scarta il mio testo e tieni la versione salvata' }).click();
    await expect(theirs.summary).toHaveValue(studentText);
    await expect(theirs.problem).toHaveValue('Ogni giorno buttiamo centinaia di bottiglie.');
    expect((await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.idea.version).toBe(3); // discarding saves nothing
    await student.context().close();
  });

  test('the coach submits and withdraws the idea; a student cannot', async ({ page }, info) => {
    await signIn(page, teacher, 'Anna Docente');
    await page.goto(`/teams/${teamId}/idea`);
    await expect(page.getByText(/L'idea è in bozza/)).toBeVisible();
    // Unsaved changes are saved before submitting.
    await editor(page).problem.fill('Ogni giorno buttiamo centinaia di bottiglie, anche in palestra.');
    const submit = page.getByRole('button', { name: "Presenta l'idea alla giuria" });
    await expect(submit).toBeDisabled();
    await expect(page.getByText("Salva le modifiche prima di presentare l'idea.")).toBeVisible();
    await editor(page).save.click();
    await expect(page.getByRole('status').filter({ hasText: 'Salvata (versione 4).' })).toBeVisible();
    await submit.click();
    await expect(page.getByText(/L'idea è stata presentata il/)).toBeVisible();
    await expect(page.getByText('Presentata', { exact: true })).toBeVisible();
    expect((await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.idea.status).toBe('SUBMITTED');
    await screenshot(page, 'teams-editor-submitted', info.project.name);
    await expectAccessible(page);

    await page.getByRole('button', { name: "Ritira l'idea" }).click();
    await expect(page.getByText(/L'idea è stata ritirata/)).toBeVisible();
    expect((await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.idea.status).toBe('WITHDRAWN');
    await page.getByRole('button', { name: "Presenta l'idea alla giuria" }).click();
    await expect(page.getByText(/L'idea è stata presentata il/)).toBeVisible();
    expect((await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.idea.status).toBe('SUBMITTED');

    // A student's submit is refused by the API (FORBIDDEN), and the editor offers them no such button.
    const { signInWithCode } = await gqlOk(url, CODE_SIGN_IN, { u: students[0].username, c: students[0].code });
    const ideaId = (await gqlOk(url, IDEA, { id: teamId }, teacher.token)).team.idea.id;
    const refused = await gql(url, `mutation($id: ID!) { withdrawIdea(ideaId: $id) { id } }`, { id: ideaId }, signInWithCode.accessToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('the coach issues a new code to a student: the old one stops working', async ({ page }, info) => {
    await signIn(page, teacher, 'Anna Docente');
    await page.goto(`/teams/${teamId}`);
    await page.getByRole('button', { name: 'Nuovo codice per Luca B.' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Nuovo codice per Luca B.?' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Crea un nuovo codice' }).click();
    const sheet = page.getByRole('region', { name: 'Foglio di accesso' });
    const cells = sheet
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Luca B.' }) })
      .getByRole('cell');
    await expect(cells.nth(0)).toHaveText(students[1].username);
    const code = (await cells.nth(1).textContent())!.trim();
    expect(code).not.toBe(students[1].code);
    await screenshot(page, 'teams-new-code', info.project.name);
    const old = await gql(url, CODE_SIGN_IN, { u: students[1].username, c: students[1].code });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await gqlOk(url, CODE_SIGN_IN, { u: students[1].username, c: code });
    students[1] = { ...students[1], code };
  });

  test('on a phone, the idea editor fits the screen and stays usable', async ({ browser }, info) => {
    const phone = await codeSignIn(browser, students[0], { ...devices['Pixel 7'] });
    await phone.goto(`/teams/${teamId}/idea`);
    const fields = editor(phone);
    await expect(fields.title).toHaveValue('Borracce per tutta la scuola');
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'teams-editor-phone', info.project.name);
    await expectAccessible(phone);
    await fields.solution.fill('Fontanelle in ogni piano, borracce con il logo e una gara tra classi.');
    await fields.save.tap();
    await expect(phone.getByRole('status').filter({ hasText: 'Salvata (versione 5).' })).toBeVisible();
    await expect(phone.getByText(/L'idea è stata presentata il/)).toBeVisible(); // saving keeps it submitted
    await phone.goto(`/teams/${teamId}`);
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'teams-team-phone', info.project.name);
    await phone.context().close();
  });

  test('in English, on desktop and on a phone', async ({ browser }, info) => {
    await gqlOk(url, `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { locale: 'en' } }, teacher.token);
    for (const [name, options] of [
      ['desktop', { viewport: { width: 1280, height: 860 } }],
      ['phone', { ...devices['Pixel 7'] }],
    ] as const) {
      const context = await browser.newContext({ baseURL: fixture.baseURL, ...options });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Email o nome utente').fill(teacher.email);
      await page.getByLabel('Password').fill(teacher.password);
      await page.getByRole('button', { name: 'Accedi' }).click();
      await expect(page.getByRole('link', { name: 'My teams' })).toBeVisible();
      await page.getByRole('link', { name: 'My teams' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your teams' })).toBeVisible();
      await expect(page.getByRole('link', { name: teamName })).toBeVisible();
      await screenshot(page, `teams-en-list-${name}`, info.project.name);
      await page.getByRole('link', { name: teamName }).click();
      await expect(page.getByRole('heading', { level: 2, name: "Students' accounts" })).toBeVisible();
      await expect(page.getByText('Your role: coach')).toBeVisible();
      await screenshot(page, `teams-en-team-${name}`, info.project.name);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Edit the idea' }).click();
      await expect(page.getByRole('heading', { level: 1, name: "The team's idea" })).toBeVisible();
      await expect(page.getByLabel('Summary', { exact: true })).toBeVisible();
      await screenshot(page, `teams-en-editor-${name}`, info.project.name);
      await expectAccessible(page);
      await context.close();
    }
  });
});

test('a student joins a team with its code; an unknown code is refused next to the field', async ({ page }, info) => {
  const tag = unique();
  const { challenge } = await publishedChallenge(url, { title: `Hackathon Aperto ${tag}`, format: 'OPEN_HACKATHON' });
  const captain = await signUp(url, { label: 'captain', displayName: 'Chiara Capitana' });
  const team = await gqlOk(
    url,
    `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id joinCode } }`,
    {
      input: { challengeId: challenge.id, name: `Pedali ${tag}` },
    },
    captain.token,
  );
  const joiner = await signUp(url, { label: 'joiner', displayName: 'Nico Nuovo' });
  await signIn(page, joiner, 'Nico Nuovo');
  await page.goto('/teams/join');
  const code = page.getByLabel('Codice della squadra');
  await code.fill('NONESISTE1');
  await page.getByRole('button', { name: 'Entra nella squadra' }).click();
  await expect(code).toHaveAccessibleDescription(/Nessuna squadra con questo codice/);
  await expect(code).toBeFocused();
  await screenshot(page, 'teams-join-error', info.project.name);
  await expectAccessible(page);

  // The captain's shared link fills the code in.
  await page.goto(`/teams/join?code=${team.createTeam.joinCode}`);
  await expect(code).toHaveValue(team.createTeam.joinCode);
  await page.getByRole('button', { name: 'Entra nella squadra' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Pedali ${tag}` })).toBeVisible();
  await expect(page.getByText('Il tuo ruolo: membro')).toBeVisible();
  expect((await gqlOk(url, IDEA, { id: team.createTeam.id }, captain.token)).team.memberCount).toBe(2);

  // Joining again is refused (already in a team of the challenge), told next to the code.
  await page.goto(`/teams/join?code=${team.createTeam.joinCode}`);
  await page.getByRole('button', { name: 'Entra nella squadra' }).click();
  await expect(code).toHaveAccessibleDescription(/Fai già parte di una squadra di questa sfida\./);
});

test("after the results the team reads its idea's place, score and anonymous reviews", async ({ page }, info) => {
  test.setTimeout(120_000);
  const judged = await judgingFixture(url, { ideas: 2, jurors: 2 });
  await startJudging(url, judged.organizer, judged.challenge.id);
  for (const [j, juror] of judged.jurors.entries()) {
    for (const assignment of await myAssignments(url, juror.user, judged.challenge.id)) {
      await submitReview(url, juror.user, assignment.id, uniformScores(judged.challenge, j === 0 ? 8 : 6), j === 0 ? 'Ottima idea, ben argomentata.' : undefined);
    }
  }
  await gqlOk(url, PUBLISH_RESULTS, { input: { challengeId: judged.challenge.id } }, judged.organizer.token);
  await gqlOk(url, `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`, { input: { displayName: 'Bruno Docente' } }, judged.teacher.token);
  await signIn(page, judged.teacher, 'Bruno Docente');
  await page.goto(`/teams/${judged.ideas[0].teamId}`);
  const reviews = page.getByRole('region', { name: 'Valutazioni della giuria' });
  await expect(reviews).toBeVisible();
  // Totals: 100 * (2 * 8/10 + 1 * 8/10) / 3 = 80 and 60; the mean 70.
  await expect(reviews.getByText('Posizione in classifica: 1. Punteggio: 70 su 100 (2 valutazioni).')).toBeVisible();
  await expect(reviews.getByRole('heading', { name: /^Valutazione \d: 80 su 100$/ })).toBeVisible();
  await expect(reviews.getByRole('heading', { name: /^Valutazione \d: 60 su 100$/ })).toBeVisible();
  await expect(reviews.getByText('«Ottima idea, ben argomentata.»')).toBeVisible();
  await expect(reviews.getByRole('cell', { name: '8 su 10' }).first()).toBeVisible();
  await screenshot(page, 'teams-reviews', info.project.name);
  await expectAccessible(page);
});

test("the public gallery's first load stays within 200 KB gzipped: the new screens load with their routes", async ({ page }) => {
  const bodies = new Map<string, Buffer>();
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (['script', 'stylesheet', 'document'].includes(type)) bodies.set(response.url(), await response.body().catch(() => Buffer.alloc(0)));
  });
  await page.goto('/ideas');
  await expect(page.getByRole('heading', { level: 1, name: 'Galleria delle idee' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const loaded = [...bodies.keys()];
  expect(loaded.some((address) => /TeamPage|IdeaEditorPage|MyTeamsPage|teams\.it|accounts\.it|DataExport/.test(address))).toBe(false);
  const total = [...bodies.values()].reduce((sum, body) => sum + gzipSync(body).length, 0);
  expect(total).toBeLessThanOrEqual(200 * 1024);
});
