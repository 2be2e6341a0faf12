import { expect, test } from '@playwright/test';
import { createTeam, ideaInput, saveIdea, school, submitIdea } from '../helpers/challenge-factories.js';
import { addMember, createOrganization, signUp } from '../helpers/factories.js';
import { gqlOk } from '../helpers/graphql.js';
import { myAssignments, submitReview } from '../helpers/judging-factories.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';
import { DAY, localInput, signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const STATE = `query($id: ID!) { challenge(id: $id) { id status themes { id } criteria { id } } }`;

test('an organizer creates a challenge, runs its jury and judging with a live ranking, publishes the results and closes it', async ({ page }, info) => {
  test.setTimeout(300_000); // many steps, several people, on a shared 2-core machine
  const url = `${fixture.baseURL}/graphql`;
  const tag = unique();
  // Seeded through the API: the organizer's promoter, two schools with their teachers, and two future jurors, the
  // first of whom teaches at the first school (a conflict of interest with its team's idea).
  const organizer = await signUp(url, { label: 'organizer', displayName: 'Paola Organizzatrice' });
  await createOrganization(url, organizer, { kind: 'PROMOTER', name: `Agenzia Clima ${tag}` });
  const first = await school(url, { name: `Liceo Galilei ${tag}`, district: 'Valsugana' });
  const second = await school(url, { name: `ITIS Buonarroti ${tag}`, district: 'Valsugana' });
  const conflicted = await signUp(url, { label: 'juror1', displayName: 'Giorgio Giurato' });
  await addMember(url, first.teacher, first.schoolId, conflicted);
  const expert = await signUp(url, { label: 'juror2', displayName: 'Elena Esperta' });
  const passing = await signUp(url, { label: 'juror3', displayName: 'Piero Provvisorio' });

  // The leaderboard subscription's "subscribe" message, seen on the page's socket.
  let subscribed!: () => void;
  const leaderboardSubscribed = new Promise<void>((resolve) => (subscribed = resolve));
  page.on('websocket', (socket) => socket.on('framesent', (frame) => typeof frame.payload === 'string' && frame.payload.includes('leaderboardUpdated') && subscribed()));

  await signIn(page, organizer, 'Paola Organizzatrice');
  await page.getByRole('link', { name: 'Organizza', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le tue sfide' })).toBeVisible();
  await page
    .getByRole('region', { name: `Agenzia Clima ${tag}` })
    .getByRole('link', { name: 'Nuova sfida' })
    .click();

  // ---- create, with a bad weight first
  await expect(page.getByRole('heading', { level: 1, name: 'Nuova sfida' })).toBeVisible();
  const title = `Climathon Valsugana ${tag}`;
  await page.getByLabel('Titolo', { exact: true }).fill(title);
  await page.getByLabel('Descrizione', { exact: true }).fill('Idee delle scuole per il clima della valle.');
  await page.getByLabel('Apertura delle proposte').fill(localInput(-DAY));
  await page.getByLabel('Chiusura delle proposte').fill(localInput(7 * DAY));
  await page.getByLabel('Fine della valutazione').fill(localInput(14 * DAY));
  await page.getByRole('spinbutton', { name: 'Valutazioni per idea' }).fill('1');
  await page.getByText('Valutazione anonima').click();
  await page.getByRole('group', { name: 'Tema 1' }).getByLabel('Nome', { exact: true }).fill('Acqua');
  const criterion1 = page.getByRole('group', { name: 'Criterio 1' });
  await criterion1.getByLabel('Nome', { exact: true }).fill('Impatto');
  await criterion1.getByRole('spinbutton', { name: 'Peso' }).fill('2');
  const criterion2 = page.getByRole('group', { name: 'Criterio 2' });
  await criterion2.getByLabel('Nome', { exact: true }).fill('Fattibilità');
  const weight = criterion2.getByRole('spinbutton', { name: 'Peso' });
  await weight.fill('0'); // the client does not check the bounds: the API does, and names the field
  await page.getByRole('button', { name: 'Crea la bozza' }).click();
  await expect(weight).toHaveAttribute('aria-invalid', 'true');
  const weightError = 'Il peso deve essere maggiore di 0 e al massimo 100, con al massimo due decimali.';
  await expect(criterion2.locator('.field', { has: page.getByRole('spinbutton', { name: 'Peso' }) }).locator('.field-error')).toHaveText(weightError);
  await expect(weight).toHaveAccessibleDescription(weightError); // tied to the field by aria-describedby
  await expect(weight).toBeFocused();
  await expect(criterion1.getByRole('spinbutton', { name: 'Peso' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/organizer\/challenges\/new/); // nothing was created
  await screenshot(page, 'organizer-new-challenge-error', info.project.name);
  await expectAccessible(page);
  await weight.fill('1');
  await page.getByRole('button', { name: 'Crea la bozza' }).click();

  // ---- the draft, published
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const challengeId = new URL(page.url()).pathname.split('/').pop()!;
  const step = page.getByRole('list', { name: 'Fasi della sfida' }).locator('[aria-current="step"]');
  await expect(step).toHaveText('Bozza');
  await expect(page.getByText('Impatto: peso 2 (67%), punteggio massimo 10')).toBeVisible();

  // ---- themes and criteria change before judging: a theme added, a criterion reweighted, in place
  await page.getByRole('link', { name: 'Modifica la sfida' }).click();
  await expect(page.getByRole('group', { name: 'Tema 1' }).getByLabel('Nome', { exact: true })).toHaveValue('Acqua');
  await page.getByRole('button', { name: 'Aggiungi un tema' }).click();
  await page.getByRole('group', { name: 'Tema 2' }).getByLabel('Nome', { exact: true }).fill('Cibo e sprechi');
  await page.getByRole('group', { name: 'Criterio 1' }).getByRole('spinbutton', { name: 'Peso' }).fill('3');
  await screenshot(page, 'organizer-edit-challenge', info.project.name);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Salva', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Impatto: peso 3 (75%), punteggio massimo 10')).toBeVisible();
  await expect(page.getByText('Acqua, Cibo e sprechi')).toBeVisible();
  const edited = (await gqlOk(url, `query($id: ID!) { challenge(id: $id) { themes { name } criteria { name weight } } }`, { id: challengeId }, organizer.token)).challenge;
  expect(edited).toEqual({
    themes: [{ name: 'Acqua' }, { name: 'Cibo e sprechi' }],
    criteria: [
      { name: 'Impatto', weight: 3 },
      { name: 'Fattibilità', weight: 1 },
    ],
  });

  await page.getByRole('button', { name: 'Pubblica la sfida' }).click();
  await expect(step).toHaveText('Proposte aperte');

  // Two schools' teams submit their ideas, through the API.
  const { challenge } = await gqlOk(url, STATE, { id: challengeId }, organizer.token);
  expect(challenge.status).toBe('PUBLISHED');
  const ideas: Record<string, string> = {};
  for (const [owner, name, ideaTitle] of [
    [first, '4A Acqua', 'Acqua pulita in cortile'],
    [second, '5B Orti', 'Orti sui tetti'],
  ] as const) {
    const team = await createTeam(url, owner.teacher, { challengeId, schoolId: owner.schoolId, name });
    const idea = await saveIdea(url, owner.teacher, ideaInput(team.id, challenge.themes[0].id, { title: ideaTitle }));
    await submitIdea(url, owner.teacher, idea.id);
    ideas[ideaTitle] = idea.id;
  }
  await page.reload();
  await expect(page.getByText('2 squadre, 2 idee presentate')).toBeVisible();

  // ---- the jury: an unknown email is refused next to the field; a juror added by mistake is removed
  const jury = page.getByRole('region', { name: 'Giuria', exact: true });
  const jurorEmail = page.getByLabel('Email del membro della giuria');
  await jurorEmail.fill('nessuno@example.test');
  await page.getByRole('button', { name: 'Aggiungi alla giuria' }).click();
  await expect(jurorEmail).toHaveAccessibleDescription(/Nessun account con questa email/);
  await jurorEmail.fill(passing.email);
  await page.getByRole('button', { name: 'Aggiungi alla giuria' }).click();
  await expect(jury.getByRole('row', { name: /Piero Provvisorio/ })).toBeVisible();
  await page.getByRole('button', { name: 'Rimuovi Piero Provvisorio dalla giuria' }).click();
  await expect(jury.getByRole('row', { name: /Piero Provvisorio/ })).toHaveCount(0);
  expect((await gqlOk(url, `query($id: ID!) { challenge(id: $id) { jurors { id } } }`, { id: challengeId }, organizer.token)).challenge.jurors).toEqual([]);

  // ---- one juror, who cannot review the first school's idea
  await page.getByLabel('Email del membro della giuria').fill(conflicted.email);
  await page.getByRole('button', { name: 'Aggiungi alla giuria' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Giorgio Giurato fa ora parte della giuria.' })).toBeVisible();
  await expect(jury.getByRole('row', { name: /Giorgio Giurato/ })).toBeVisible();

  await page.getByRole('button', { name: 'Avvia la valutazione' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'La valutazione non è partita' });
  await expect(refusal).toContainText('dare 1 valutazione a questa idea');
  await expect(refusal.getByRole('listitem')).toHaveCount(1);
  await expect(refusal.getByRole('link', { name: 'Acqua pulita in cortile' })).toBeVisible();
  await expect(refusal).not.toContainText('Orti sui tetti');
  await expect(step).toHaveText('Proposte aperte');
  expect((await gqlOk(url, STATE, { id: challengeId }, organizer.token)).challenge.status).toBe('PUBLISHED');
  expect(await myAssignments(url, conflicted, challengeId)).toEqual([]); // nothing was assigned
  await screenshot(page, 'organizer-uncoverable', info.project.name);
  await expectAccessible(page);

  // ---- a second juror, and judging starts
  await page.getByLabel('Email del membro della giuria').fill(expert.email);
  await page.getByRole('button', { name: 'Aggiungi alla giuria' }).click();
  await expect(jury.getByRole('row', { name: /Elena Esperta/ })).toBeVisible();
  await page.getByRole('button', { name: 'Avvia la valutazione' }).click();
  await expect(step).toHaveText('In valutazione');
  await expect(page.getByText('0 di 2 valutazioni inviate')).toBeVisible();
  const board = page.getByTestId('leaderboard');
  const waterRow = board.getByRole('row', { name: /Acqua pulita in cortile/ });
  await expect(waterRow.getByRole('cell').last()).toHaveText('0');
  await expect(waterRow.getByRole('cell').first()).toHaveText('–');
  await leaderboardSubscribed;

  // ---- a review through the API: the open page's ranking and progress follow without a reload
  const [assignment] = await myAssignments(url, expert, challengeId);
  expect(assignment.idea.id).toBe(ideas['Acqua pulita in cortile']); // the only juror without a conflict
  await submitReview(
    url,
    expert,
    assignment.id,
    challenge.criteria.map((c: { id: string }) => ({ criterionId: c.id, value: 8 })),
    'Solida.',
  );
  await expect(waterRow.getByRole('cell').last()).toHaveText('1');
  await expect(waterRow.getByRole('cell').first()).toHaveText('1');
  await expect(waterRow).toContainText('80,00');
  await expect(page.getByTestId('leaderboard-status')).toContainText('Classifica aggiornata alle');
  await expect(page.getByText('1 di 2 valutazioni inviate')).toBeVisible();
  await expect(
    jury
      .getByRole('row', { name: /Elena Esperta/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('1'); // submitted
  await screenshot(page, 'organizer-judging', info.project.name);
  await expectAccessible(page);

  // ---- results with an award, confirmed despite the pending review
  const award = page.getByRole('group', { name: 'Premio 1' });
  await award.getByLabel('Idea').selectOption({ label: '1. Acqua pulita in cortile' });
  await award.getByLabel('Nome del premio').fill('Premio Acqua Pulita');
  await page.getByRole('button', { name: 'Pubblica i risultati' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Pubblicare i risultati?' });
  await expect(dialog).toContainText("C'è ancora 1 valutazione da inviare");
  await expect(dialog).toContainText('1 premio.');
  await screenshot(page, 'organizer-confirm-results', info.project.name);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Pubblica i risultati' }).click();
  await expect(step).toHaveText('Risultati pubblicati');
  await expect(page.getByRole('heading', { name: 'Classifica finale' })).toBeVisible();

  // ---- closing
  await page.getByRole('button', { name: 'Chiudi la sfida' }).click();
  await expect(step).toHaveText('Conclusa');
  expect((await gqlOk(url, STATE, { id: challengeId }, organizer.token)).challenge.status).toBe('CLOSED');
  await page.getByRole('link', { name: 'Vedi i risultati' }).click();
  await expect(page.getByText('1° posto: Premio Acqua Pulita')).toBeVisible();
});
