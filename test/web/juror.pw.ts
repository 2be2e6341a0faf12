import { expect, test, type Page } from '@playwright/test';
import { createTeam, ideaInput, publishedChallenge, saveIdea, school, submitIdea, type TestChallenge } from '../helpers/challenge-factories.js';
import { signUp, type TestUser } from '../helpers/factories.js';
import { gqlOk } from '../helpers/graphql.js';
import { addJuror, myAssignments, PUBLISH_RESULTS, startJudging } from '../helpers/judging-factories.js';
import { waitFor } from '../helpers/wait.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';
import { signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const url = `${fixture.baseURL}/graphql`;

// Three criteria whose weights and maxima differ, so the live total is a real weighted mean:
// 7/10, 3/5, 2/4 give 100 * (2 * 0.7 + 1 * 0.6 + 1.5 * 0.5) / 4.5 = 61.11; 9/10, 5/5, 4/4 give 95.56.
const CRITERIA = [
  { name: 'Impatto', weight: 2, maxScore: 10, description: 'Quanto cambia le cose per il clima.' },
  { name: 'Fattibilità', weight: 1, maxScore: 5 },
  { name: 'Originalità', weight: 1.5, maxScore: 4 },
];

const REVIEW = `query($id: ID!) { myAssignments(challengeId: $id) { id status review { total comment scores { value criterion { name } } } } }`;

/** A PUBLISHED challenge with one submitted idea per title (one school, one team each), the juror on its jury; judging started. */
async function juryOf(juror: TestUser, options: { title: string; ideas: string[]; teamName?: (i: number) => string; schoolName?: string; blindJudging?: boolean }) {
  const edition = await publishedChallenge(url, { title: options.title, reviewsPerIdea: 1, criteria: CRITERIA, blindJudging: options.blindJudging ?? false });
  const { teacher, schoolId } = await school(url, { name: options.schoolName ?? `Liceo Galilei ${unique()}`, district: 'Valsugana' });
  const ideas: { id: string; title: string }[] = [];
  for (const [i, title] of options.ideas.entries()) {
    const team = await createTeam(url, teacher, { challengeId: edition.challenge.id, schoolId, name: options.teamName?.(i) ?? `Squadra ${i} ${unique()}` });
    const idea = await saveIdea(url, teacher, ideaInput(team.id, edition.challenge.themes[0]!.id, { title }));
    await submitIdea(url, teacher, idea.id);
    ideas.push({ id: idea.id, title });
  }
  await addJuror(url, edition.organizer, edition.challenge.id, juror);
  await startJudging(url, edition.organizer, edition.challenge.id);
  return { ...edition, ideas, teacher };
}

const reviewOf = async (juror: TestUser, challenge: TestChallenge, assignmentId: string) =>
  ((await gqlOk(url, REVIEW, { id: challenge.id }, juror.token)).myAssignments as { id: string; status: string; review: { total: number; comment: string | null } | null }[]).find(
    (a) => a.id === assignmentId,
  )!;

/** The scoring form's score input of a criterion (its accessible name is the criterion's name). */
const score = (page: Page, name: string) => page.getByRole('spinbutton', { name, exact: true });

const atBottom = (page: Page) => page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');

const total = (page: Page) => page.getByRole('status', { name: /Punteggio totale|Total score/ });

test('a juror reviews with a live total, resubmits before the deadline, recuses, and never learns a blind team', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'the phone run is the next test');
  test.setTimeout(300_000); // many steps, several people, on a shared 2-core machine
  const tag = unique();
  const juror = await signUp(url, { label: 'juror', displayName: 'Andrea Esperto' });
  // An open edition where the juror reviews every idea (the only juror when judging starts), then a second juror who
  // can take a recused idea; and a blind edition whose team and school names must never reach the juror's pages.
  const open = await juryOf(juror, { title: `Climathon Valsugana ${tag}`, ideas: [`Orti sui tetti ${tag}`, `Bici condivise ${tag}`, `Compost di classe ${tag}`] });
  const second = await signUp(url, { label: 'juror2' });
  await addJuror(url, open.organizer, open.challenge.id, second);
  const secretTeam = `Squadra Segreta ${tag}`;
  const secretSchool = `Liceo Nascosto ${tag}`;
  const blind = await juryOf(juror, {
    title: `Climathon Anonimo ${tag}`,
    ideas: [`Pannelli in palestra ${tag}`],
    teamName: () => secretTeam,
    schoolName: secretSchool,
    blindJudging: true,
  });
  // The names are really the blind idea's: its organizer sees them.
  const seen = await gqlOk(url, `query($id: ID!) { idea(id: $id) { team { name school { name } } } }`, { id: blind.ideas[0]!.id }, blind.organizer.token);
  expect(seen.idea.team).toEqual({ name: secretTeam, school: { name: secretSchool } });
  const held = await myAssignments(url, juror, open.challenge.id);
  const byTitle = (title: string) => held.find((a) => a.idea.title === title)!;
  const first = byTitle(`Orti sui tetti ${tag}`);

  // ---- home: every jury with its progress
  await signIn(page, juror, 'Andrea Esperto');
  await page.getByRole('link', { name: 'Giuria', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le tue valutazioni' })).toBeVisible();
  const openSeat = page.getByRole('region', { name: `Climathon Valsugana ${tag}` });
  const blindSeat = page.getByRole('region', { name: `Climathon Anonimo ${tag}` });
  await expect(openSeat.getByText('Valutazioni inviate: 0 su 3')).toBeVisible();
  await expect(openSeat.getByRole('progressbar')).toHaveAttribute('aria-valuetext', 'Valutazioni inviate: 0 su 3');
  await expect(blindSeat.getByText('Valutazioni inviate: 0 su 1')).toBeVisible();
  await expect(blindSeat.getByText('Valutazione anonima: le squadre non sono indicate')).toBeVisible();
  await expect(openSeat.getByRole('listitem')).toHaveCount(3);
  await expect(openSeat.getByRole('listitem').filter({ hasText: `Orti sui tetti ${tag}` })).toContainText('Da valutare');
  await expect(page.locator('body')).not.toContainText(secretTeam);
  await expect(page.locator('body')).not.toContainText(secretSchool);
  await screenshot(page, 'juror-home-it', info.project.name);
  await expectAccessible(page);

  // ---- the scoring form: each criterion with its weight and maximum, the total live before submitting
  await openSeat.getByRole('link', { name: `Orti sui tetti ${tag}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Orti sui tetti ${tag}` })).toBeVisible();
  await expect(score(page, 'Impatto')).toHaveAccessibleDescription(/Peso 2 \(44% del totale\) · da 0 a 10/);
  await expect(score(page, 'Fattibilità')).toHaveAccessibleDescription(/Peso 1 \(22% del totale\) · da 0 a 5/);
  await expect(score(page, 'Originalità')).toHaveAccessibleDescription(/Peso 1,5 \(33% del totale\) · da 0 a 4/);
  await expect(total(page)).toHaveText('– (dai un punteggio a ogni criterio)');
  await score(page, 'Impatto').fill('7');
  await score(page, 'Fattibilità').fill('3');
  await expect(total(page)).toHaveText('– (dai un punteggio a ogni criterio)');
  await score(page, 'Originalità').fill('2');
  await expect(total(page)).toHaveText('61,11 su 100');
  expect((await reviewOf(juror, open.challenge, first.id)).review).toBeNull(); // shown before anything was sent

  // A score above its criterion's maximum: the API refuses it, named next to that field, and stores nothing.
  await score(page, 'Originalità').fill('5');
  await expect(total(page)).toHaveText('– (dai un punteggio a ogni criterio)');
  await page.getByRole('button', { name: 'Invia la valutazione' }).click();
  const originality = score(page, 'Originalità');
  await expect(originality).toHaveAttribute('aria-invalid', 'true');
  await expect(originality).toHaveAccessibleDescription(/Scrivi un numero intero da 0 a 4\./);
  await expect(originality).toBeFocused();
  await expect(score(page, 'Impatto')).not.toHaveAttribute('aria-invalid', 'true');
  expect(await reviewOf(juror, open.challenge, first.id)).toMatchObject({ status: 'PENDING', review: null });
  await screenshot(page, 'juror-scoring-error-it', info.project.name);
  await expectAccessible(page);
  await originality.fill('2');
  await expect(originality).not.toHaveAttribute('aria-invalid', 'true'); // the message leaves with the edit
  // An empty score is said before anything is sent (the API's Int cannot carry it).
  await score(page, 'Fattibilità').fill('');
  await page.getByRole('button', { name: 'Invia la valutazione' }).click();
  await expect(score(page, 'Fattibilità')).toHaveAccessibleDescription(/Dai un punteggio a questo criterio\./);
  await expect(score(page, 'Fattibilità')).toBeFocused();
  await expect(originality).not.toHaveAttribute('aria-invalid', 'true');
  await score(page, 'Fattibilità').fill('3');
  await page.getByLabel('Commento (facoltativo)').fill('Progetto concreto, da misurare meglio.');
  await expect(total(page)).toHaveText('61,11 su 100');
  await page.getByRole('button', { name: 'Invia la valutazione' }).click();
  await expect(page.getByText('Valutazione inviata.', { exact: true })).toBeVisible();
  const submitted = await reviewOf(juror, open.challenge, first.id);
  expect(submitted).toMatchObject({ status: 'SUBMITTED', review: { comment: 'Progetto concreto, da misurare meglio.' } });
  expect(Math.round(submitted.review!.total * 100) / 100).toBe(61.11); // the API's total is the one shown
  await expect(page.getByRole('button', { name: 'Aggiorna la valutazione' })).toBeVisible();
  await screenshot(page, 'juror-scoring-it', info.project.name);

  // ---- resubmission before the deadline: the form comes back with the previous review
  await page.reload();
  await expect(score(page, 'Impatto')).toHaveValue('7');
  await expect(score(page, 'Fattibilità')).toHaveValue('3');
  await expect(score(page, 'Originalità')).toHaveValue('2');
  await expect(page.getByLabel('Commento (facoltativo)')).toHaveValue('Progetto concreto, da misurare meglio.');
  await expect(page.getByText(/Ultimo invio il .*Puoi modificare la valutazione fino al/)).toBeVisible();
  await expect(total(page)).toHaveText('61,11 su 100');
  await score(page, 'Impatto').fill('10');
  await score(page, 'Fattibilità').fill('5');
  await score(page, 'Originalità').fill('4');
  await expect(total(page)).toHaveText('100 su 100');
  await score(page, 'Impatto').fill('9');
  await expect(total(page)).toHaveText('95,56 su 100');
  await page.getByLabel('Commento (facoltativo)').fill('Rivista: ottima.');
  await page.getByRole('button', { name: 'Aggiorna la valutazione' }).click();
  await expect(page.getByText('Valutazione aggiornata: sostituisce quella precedente.')).toBeVisible();
  const resubmitted = await reviewOf(juror, open.challenge, first.id);
  expect(resubmitted.review!.comment).toBe('Rivista: ottima.');
  expect(Math.round(resubmitted.review!.total * 100) / 100).toBe(95.56);

  // ---- recusal of the next idea: a reason is needed, then a confirmation; the worker gives it to the second juror
  // (the next pending one, in the order of the assignments)
  const next = page.getByRole('link', { name: /^Prossima idea da valutare: / });
  const nextTitle = (await next.textContent())!.replace('Prossima idea da valutare: ', '');
  const toRecuse = byTitle(nextTitle);
  expect(toRecuse.id).not.toBe(first.id);
  await next.click();
  await expect(page.getByRole('heading', { level: 1, name: nextTitle })).toBeVisible();
  const reason = page.getByLabel('Motivo della rinuncia');
  await page.getByRole('button', { name: 'Rinuncia a valutare' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Scrivi il motivo della rinuncia\./);
  await reason.fill('Conosco chi ha proposto questa idea.');
  await page.getByRole('button', { name: 'Rinuncia a valutare' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Rinunciare a valutare questa idea?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Sì, rinuncio' }).click();
  await expect(page.getByText('Hai rinunciato a valutare questa idea', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invia la valutazione' })).toHaveCount(0);
  expect((await reviewOf(juror, open.challenge, toRecuse.id)).status).toBe('RECUSED');
  await waitFor(async () => (await myAssignments(url, second, open.challenge.id)).some((a) => a.idea.id === toRecuse.idea.id), {
    what: 'the recused idea reassigned',
    timeoutMs: 30_000,
  });

  // ---- progress: one of two held assignments submitted (the recused one no longer counts)
  await page.getByRole('link', { name: 'Le tue valutazioni' }).click();
  await expect(openSeat.getByText('Valutazioni inviate: 1 su 2')).toBeVisible();
  await expect(openSeat.getByRole('listitem').filter({ hasText: nextTitle })).toContainText('Rinuncia per conflitto di interessi');
  await expect(openSeat.getByRole('listitem').filter({ hasText: `Orti sui tetti ${tag}` })).toContainText('Totale: 95,56 su 100');

  // ---- blind judging: the team and its school appear nowhere on the juror's pages
  await blindSeat.getByRole('link', { name: `Pannelli in palestra ${tag}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Pannelli in palestra ${tag}` })).toBeVisible();
  await expect(page.getByText('Valutazione anonima: le squadre non sono indicate')).toBeVisible();
  for (const name of [secretTeam, secretSchool]) await expect(page.locator('body')).not.toContainText(name);
  await score(page, 'Impatto').fill('6');
  await score(page, 'Fattibilità').fill('4');
  await score(page, 'Originalità').fill('3');
  await page.getByRole('button', { name: 'Invia la valutazione' }).click();
  await expect(page.getByText('Valutazione inviata.', { exact: true })).toBeVisible();
  for (const name of [secretTeam, secretSchool]) await expect(page.locator('body')).not.toContainText(name);
  await page.getByRole('link', { name: `Climathon Anonimo ${tag}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'I tuoi incarichi di giuria' })).toBeVisible();
  await expect(page.getByText('Valutazioni inviate: 1 su 1')).toBeVisible();
  for (const name of [secretTeam, secretSchool]) await expect(page.locator('body')).not.toContainText(name);
  await expectAccessible(page);

  // ---- once results are published the review is read-only, and the team is still not named
  await gqlOk(url, PUBLISH_RESULTS, { input: { challengeId: blind.challenge.id } }, blind.organizer.token);
  await page.goto(`/challenges/${blind.challenge.slug}/reviews/${(await myAssignments(url, juror, blind.challenge.id))[0].id}`);
  await expect(page.getByText('Ecco quanto hai inviato.')).toBeVisible();
  await expect(page.getByRole('spinbutton')).toHaveCount(0);
  await expect(page.getByText('La valutazione è chiusa', { exact: false })).toBeVisible();
  for (const name of [secretTeam, secretSchool]) await expect(page.locator('body')).not.toContainText(name);
  await screenshot(page, 'juror-closed-it', info.project.name);
  await expectAccessible(page);

  // ---- in English (the juror's language, stored with the account)
  await gqlOk(url, `mutation { updateProfile(input: { locale: "en" }) { id } }`, {}, juror.token);
  await page.goto('/jury');
  await expect(page.getByRole('heading', { level: 1, name: 'Your reviews' })).toBeVisible();
  await expect(openSeat.getByText('Reviews submitted: 1 of 2')).toBeVisible();
  await screenshot(page, 'juror-home-en', info.project.name);
  await page.goto(`/challenges/${open.challenge.slug}/reviews/${first.id}`);
  await expect(page.getByRole('button', { name: 'Update the review' })).toBeVisible();
  await expect(total(page)).toHaveText('95.56 out of 100');
  await expect(score(page, 'Originalità')).toHaveAccessibleDescription(/Weight 1\.5 \(33% of the total\) · 0 to 4/);
  await screenshot(page, 'juror-scoring-en', info.project.name);
  await expectAccessible(page);
});

test('the scoring form on a phone', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'the desktop run is the previous test');
  test.setTimeout(180_000);
  const tag = unique();
  const juror = await signUp(url, { label: 'juror', displayName: 'Chiara Giuria' });
  const edition = await juryOf(juror, { title: `Climathon Fiemme ${tag}`, ideas: [`Sentieri puliti ${tag}`] });
  const [assignment] = await myAssignments(url, juror, edition.challenge.id);
  await signIn(page, juror, 'Chiara Giuria');
  await page.goto(`/challenges/${edition.challenge.slug}/reviews/${assignment.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Sentieri puliti ${tag}` })).toBeVisible();
  await score(page, 'Impatto').fill('7');
  await score(page, 'Fattibilità').fill('3');
  await score(page, 'Originalità').fill('2');
  await expect(total(page)).toHaveText('61,11 su 100');
  // Nothing wider than the screen (no sideways scrolling), and the total stays in view while scoring.
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  await score(page, 'Impatto').scrollIntoViewIfNeeded();
  await expect(total(page)).toBeInViewport();
  await atBottom(page); // a full-page screenshot shows the sticky total where the form ends
  await screenshot(page, 'juror-scoring-it', info.project.name);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Invia la valutazione' }).click();
  await expect(page.getByText('Valutazione inviata.', { exact: true })).toBeVisible();
  expect((await reviewOf(juror, edition.challenge, assignment.id)).status).toBe('SUBMITTED');
  await gqlOk(url, `mutation { updateProfile(input: { locale: "en" }) { id } }`, {}, juror.token);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Update the review' })).toBeVisible();
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
  await atBottom(page);
  await screenshot(page, 'juror-scoring-en', info.project.name);
  await page.goto('/jury');
  await expect(page.getByText('Reviews submitted: 1 of 1')).toBeVisible();
  await screenshot(page, 'juror-home-en', info.project.name);
});
