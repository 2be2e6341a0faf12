import { expect, test, type Browser, type Page } from '@playwright/test';
import { createTeam, ideaInput, publishedChallenge, saveIdea, school, student, submitIdea } from '../helpers/challenge-factories.js';
import { addMember, createOrganization, signUp, type TestUser } from '../helpers/factories.js';
import { gqlOk } from '../helpers/graphql.js';
import { myAssignments, newJuror, PUBLISH_RESULTS, startJudging, submitReview } from '../helpers/judging-factories.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';
import { signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const TEAM_STATE = `query($id: ID!) { team(id: $id) { idea { adoption { id status company { id } tutors { id } } } miniCompany { milestones { title status } } } }`;

/** A page of its own (cookies, storage, session) for one more person. */
async function pageOf(browser: Browser, user: TestUser, displayName: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: fixture.baseURL, locale: 'it-IT' });
  const page = await context.newPage();
  await signIn(page, user, displayName);
  return page;
}

test('a company proposes to take charge of an idea, the team accepts, a tutor is named, and a milestone advances', async ({ page, browser }, info) => {
  test.setTimeout(300_000); // many steps, several people, on a shared 2-core machine
  const url = `${fixture.baseURL}/graphql`;
  const tag = unique();
  // Seeded through the API: an edition whose results are published, with one team (a coach and a student) whose idea
  // was reviewed; a company with its owner and an employee who will be the tutor.
  const ideaTitle = `Compostiera di quartiere ${tag}`;
  const edition = await publishedChallenge(url, { title: `Climathon Rovereto ${tag}`, reviewsPerIdea: 1 });
  const { teacher, schoolId } = await school(url, { name: `Liceo Rosmini ${tag}`, district: 'Vallagarina' });
  const coach = await signUp(url, { label: 'coach', displayName: 'Marco Docente' });
  await addMember(url, teacher, schoolId, coach);
  const team = await createTeam(url, coach, { challengeId: edition.challenge.id, schoolId, name: '3C Compost' });
  const pupil = await student(url, team.joinCode, 'pupil');
  await gqlOk(url, `mutation { updateProfile(input: { displayName: "Sara B." }) { id } }`, {}, pupil.token);
  const idea = await saveIdea(url, pupil, ideaInput(team.id, edition.challenge.themes[0]!.id, { title: ideaTitle }));
  await submitIdea(url, coach, idea.id);
  const juror = await newJuror(url, edition.organizer, edition.challenge.id);
  await startJudging(url, edition.organizer, edition.challenge.id);
  const [assignment] = await myAssignments(url, juror.user, edition.challenge.id);
  await submitReview(
    url,
    juror.user,
    assignment.id,
    edition.challenge.criteria.map((c) => ({ criterionId: c.id, value: 7 })),
  );
  await gqlOk(url, PUBLISH_RESULTS, { input: { challengeId: edition.challenge.id } }, edition.organizer.token);
  const sponsor = await signUp(url, { label: 'sponsor', displayName: 'Chiara Impresa' });
  const companyName = `Cooperativa Energia Verde ${tag}`;
  const companyId = await createOrganization(url, sponsor, { kind: 'COMPANY', name: companyName });
  const tutor = await signUp(url, { label: 'tutor', displayName: 'Luca Tutor' });
  await addMember(url, sponsor, companyId, tutor);

  // ---- the company proposes (presa in carico)
  await signIn(page, sponsor, 'Chiara Impresa');
  await page.getByRole('link', { name: 'Impresa', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'La tua impresa' })).toBeVisible();
  await expect(page.getByText(`Per conto di ${companyName}`)).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Cerca' });
  await search.fill(tag);
  await search.press('Enter');
  await page.getByRole('link', { name: `Proponi la presa in carico di ${ideaTitle}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Presa in carico: ${ideaTitle}` })).toBeVisible();
  await page.getByLabel('Messaggio alla squadra').fill('Siamo una cooperativa energetica: vorremmo aiutarvi a realizzare la compostiera.');
  await page.getByLabel('Il vostro impegno (facoltativo)').fill('20 ore di tutoraggio e uno spazio nel nostro magazzino.');
  await screenshot(page, 'sponsor-propose', info.project.name);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Invia la proposta' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Proposta inviata per «${ideaTitle}»` })).toBeVisible();
  const proposal = page
    .getByRole('region', { name: 'Le vostre proposte di presa in carico' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: ideaTitle }) });
  await expect(proposal).toContainText('In attesa di risposta');
  await expect(page.getByRole('link', { name: `Proponi la presa in carico di ${ideaTitle}` })).toHaveCount(0);
  await screenshot(page, 'sponsor-home', info.project.name);
  await expectAccessible(page);

  // ---- the coach accepts on the team's adoption page
  const coachPage = await pageOf(browser, coach, 'Marco Docente');
  await coachPage.goto(`/teams/${team.id}/adoption`);
  await expect(coachPage.getByRole('heading', { level: 1, name: 'Adozione della squadra 3C Compost' })).toBeVisible();
  await expect(coachPage.getByRole('listitem').filter({ hasText: companyName })).toContainText('20 ore di tutoraggio');
  await screenshot(coachPage, 'team-adoption', info.project.name);
  await expectAccessible(coachPage);
  await coachPage.getByLabel("Nota per l'impresa (facoltativa)").fill('Grazie, accettiamo volentieri!');
  await coachPage.getByRole('button', { name: `Accetta la proposta di ${companyName}` }).click();
  await expect(coachPage.getByRole('heading', { name: `Adottata da ${companyName}` })).toBeVisible();
  let state = (await gqlOk(url, TEAM_STATE, { id: team.id }, coach.token)).team;
  expect(state.idea.adoption).toMatchObject({ status: 'ACCEPTED', company: { id: companyId }, tutors: [] });

  // ---- the company sees it accepted and names its tutor
  await page.reload();
  await expect(proposal).toContainText('Accettata');
  await expect(proposal).toContainText('Grazie, accettiamo volentieri!');
  await proposal.getByLabel('Email del tutor').fill(tutor.email);
  await proposal.getByRole('button', { name: 'Assegna il tutor' }).click();
  await expect(proposal.getByRole('status')).toHaveText('Tutor assegnato.');
  await expect(proposal.getByRole('listitem').filter({ hasText: 'Luca Tutor' })).toBeVisible();

  // ---- the coach founds the mini-company with the default plan
  await coachPage.reload();
  await coachPage.getByRole('link', { name: 'Fonda la mini-impresa' }).click();
  await coachPage.getByLabel('Nome della mini-impresa').fill('CompostaMente');
  await coachPage.getByRole('button', { name: 'Fonda la mini-impresa' }).click();
  await expect(coachPage.getByRole('heading', { level: 1, name: 'CompostaMente' })).toBeVisible();
  await expect(
    coachPage
      .getByRole('list')
      .filter({ has: coachPage.getByRole('heading', { name: 'Concept' }) })
      .getByRole('listitem'),
  ).toHaveCount(6);
  await expect(coachPage.getByText('Tappe approvate: 0%')).toBeVisible();

  // ---- a student submits the first milestone's evidence
  const pupilPage = await pageOf(browser, pupil, 'Sara B.');
  await pupilPage.goto(`/teams/${team.id}/mini-company`);
  const concept = pupilPage.getByRole('listitem').filter({ has: pupilPage.getByRole('heading', { name: 'Concept' }) });
  await expect(concept).toContainText('Da fare');
  await concept.getByLabel('Cosa avete fatto').fill('Abbiamo scritto il concept e intervistato 30 famiglie del quartiere.');
  await concept.getByRole('button', { name: 'Invia la tappa «Concept»' }).click();
  await expect(concept).toContainText('Da approvare');
  await expect(concept.getByRole('button', { name: 'Approva «Concept»' })).toHaveCount(0); // students do not review
  await screenshot(pupilPage, 'mini-company-student', info.project.name);
  await expectAccessible(pupilPage);

  // ---- the tutor reaches it from the company's area and approves it
  const tutorPage = await pageOf(browser, tutor, 'Luca Tutor');
  await tutorPage.getByRole('link', { name: 'Impresa', exact: true }).click();
  await tutorPage.getByRole('region', { name: 'Le vostre proposte di presa in carico' }).getByRole('link', { name: 'Mini-impresa e tappe' }).click();
  const reviewed = tutorPage.getByRole('listitem').filter({ has: tutorPage.getByRole('heading', { name: 'Concept' }) });
  await expect(reviewed).toContainText('intervistato 30 famiglie');
  await reviewed.getByLabel('Commento:').fill('Ottimo lavoro di indagine.');
  await screenshot(tutorPage, 'mini-company-tutor', info.project.name);
  await expectAccessible(tutorPage);
  await reviewed.getByRole('button', { name: 'Approva «Concept»' }).click();
  await expect(reviewed).toContainText('Approvata');
  await expect(tutorPage.getByText('Tappe approvate: 17%')).toBeVisible();
  state = (await gqlOk(url, TEAM_STATE, { id: team.id }, coach.token)).team;
  expect(state.miniCompany.milestones.map((m: { status: string }) => m.status)).toEqual(['APPROVED', 'PLANNED', 'PLANNED', 'PLANNED', 'PLANNED', 'PLANNED']);

  for (const other of [coachPage, pupilPage, tutorPage]) await other.context().close();
});
