import { expect, test } from '@playwright/test';
import { createOrganization, inviteMember, signUp } from '../helpers/factories.js';
import { gqlOk } from '../helpers/graphql.js';
import { expectAccessible, fixture, screenshot } from './fixture.js';
import { signIn, unique } from './session.js';

test.use({ baseURL: fixture.baseURL });

const MEMBERSHIPS = `{ me { memberships { role organization { id } } invitations { id } } }`;

test("an invitee accepts an invitation on the organization's page (where the notification leads), another one declines", async ({ page }, info) => {
  const url = `${fixture.baseURL}/graphql`;
  const tag = unique();
  const owner = await signUp(url, { label: 'owner', displayName: 'Carla Preside' });
  const schoolId = await createOrganization(url, owner, { kind: 'SCHOOL', name: `Liceo Invitante ${tag}` });
  const companyId = await createOrganization(url, owner, { kind: 'COMPANY', name: `Impresa Invitante ${tag}` });
  const teacher = await signUp(url, { label: 'teacher', displayName: 'Dario Docente' });
  await inviteMember(url, owner, schoolId, teacher, 'OWNER');
  await inviteMember(url, owner, companyId, teacher);

  await signIn(page, teacher, 'Dario Docente');
  await page.goto(`/organizations/${schoolId}`);
  const invitation = page.getByRole('region', { name: 'Invito' });
  await expect(invitation).toContainText('Carla Preside ti invita a far parte di questa organizzazione con il ruolo di responsabile.');
  await expectAccessible(page);
  await screenshot(page, 'invitation', info.project.name);
  await invitation.getByRole('button', { name: "Accetta l'invito" }).click();
  await expect(page.getByRole('status')).toHaveText('Invito accettato: ora fai parte di questa organizzazione.');

  await page.goto(`/organizations/${companyId}`);
  await page.getByRole('region', { name: 'Invito' }).getByRole('button', { name: 'Rifiuta' }).click();
  await expect(page.getByRole('status')).toHaveText('Invito rifiutato.');

  const me = (await gqlOk(url, MEMBERSHIPS, {}, teacher.token)).me;
  expect(me.memberships).toEqual([{ role: 'OWNER', organization: { id: schoolId } }]);
  expect(me.invitations).toEqual([]);
  // Nothing left to decide: the panel is gone.
  await page.goto(`/organizations/${schoolId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Liceo Invitante ${tag}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Invito' })).toHaveCount(0);
  // From the organization back to the viewer's own list, where the school now is.
  await page.getByRole('link', { name: 'Le tue organizzazioni' }).click();
  await expect(page.getByRole('region', { name: `Liceo Invitante ${tag}` })).toContainText('Il tuo ruolo: responsabile');
});
