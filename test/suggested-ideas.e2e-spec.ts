import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type DataSource as DataSourceType } from 'typeorm';
import { accept, company, companyMember, propose, type Edition } from './helpers/adoption-factories.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { createTeam, forceStatus, ideaInput, makeAdmin, publishedChallenge, saveIdea, school, student, submitIdea } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gqlError, gqlOk } from './helpers/graphql.js';
import { addJuror, PUBLISH_RESULTS, startJudging } from './helpers/judging-factories.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const SET_INTERESTS = `mutation($input: OrganizationInterestsInput!) { setOrganizationInterests(input: $input) { id district sectorsOfInterest themesOfInterest } }`;
const FOLLOW = `mutation($org: ID!, $theme: String!) { followTheme(organizationId: $org, theme: $theme) { id followedThemes } }`;
const UNFOLLOW = `mutation($org: ID!, $theme: String!) { unfollowTheme(organizationId: $org, theme: $theme) { id followedThemes } }`;
const SUGGESTIONS = `query($id: ID!, $first: Int) { organization(id: $id) {
  followedThemes
  suggestedIdeas(first: $first) { score reasons { kind interest matched } idea { id title theme { name } } }
} }`;

type Suggestion = { score: number; reasons: { kind: string; interest: string; matched: string | null }[]; idea: { id: string; title: string; theme: { name: string } } };

/**
 * Sponsors finding ideas (issue 14.5): an organization's district, sectors and themes of interest; followed themes;
 * Organization.suggestedIdeas ranking a company's candidates among published, not yet adopted ideas of every edition,
 * each with its reasons; and MATCHING_IDEAS_PUBLISHED, through the real worker, when results with ideas on a followed
 * theme are published.
 */
describe('suggested ideas for sponsors', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSourceType;
  let admin: TestUser;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi();
    worker = await startWorker({ clock: api.clock });
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
    await db?.destroy();
  });

  const interestsRow = async (id: string) =>
    (await db.query(`SELECT district, sectors_of_interest AS sectors, themes_of_interest AS themes FROM organization WHERE id = $1`, [id]))[0] as {
      district: string | null;
      sectors: string[];
      themes: string[];
    };
  const suggestions = async (companyId: string, viewer?: TestUser, first?: number): Promise<Suggestion[]> =>
    (await gqlOk(api.url, SUGGESTIONS, { id: companyId, first }, viewer?.token)).organization.suggestedIdeas;

  /** A team of the edition from a school in `district`, with a SUBMITTED idea on theme `themeIndex` (the idea's texts overridden). */
  async function idea(run: Edition, title: string, options: { district?: string; themeIndex?: number; overrides?: Record<string, unknown>; submit?: boolean } = {}) {
    const s = await school(api.url, { name: `Istituto ${title}`, district: options.district });
    const team = await createTeam(api.url, s.teacher, { challengeId: run.challenge.id, schoolId: s.schoolId, name: `Squadra ${title}` });
    const pupil = await student(api.url, team.joinCode);
    const saved = await saveIdea(api.url, pupil, ideaInput(team.id, run.challenge.themes[options.themeIndex ?? 0]!.id, { title, ...options.overrides }));
    if (options.submit !== false) await submitIdea(api.url, s.teacher, saved.id);
    return { id: saved.id, lead: s.teacher };
  }

  describe('setOrganizationInterests', () => {
    it('lets an owner set the district, sectors and themes; validates every entry and changes nothing when refused', async () => {
      const { sponsor, companyId } = await company(api.url, 'Hera Interessi');
      const member = await companyMember(api.url, sponsor, companyId);
      const outsider = await signUp(api.url, { label: 'outsider' });
      const set = (input: Record<string, unknown>, user?: TestUser) => gqlError(api.url, SET_INTERESTS, { input: { organizationId: companyId, ...input } }, user?.token);
      expect(await set({ sectors: Array.from({ length: 21 }, (_, i) => `Settore ${i}`) }, sponsor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sectors' });
      expect(await set({ sectors: ['Energia\nBcc'] }, sponsor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sectors.0' });
      expect(await set({ themes: ['Acqua', '   '] }, sponsor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'themes.1' });
      expect(await set({ themes: ['t'.repeat(121)] }, sponsor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'themes.0' });
      expect(await set({ district: 'd'.repeat(121) }, sponsor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'district' });
      expect((await set({ themes: ['Acqua'] }, member)).code).toBe('FORBIDDEN');
      expect((await set({ themes: ['Acqua'] }, outsider)).code).toBe('FORBIDDEN');
      expect((await set({ themes: ['Acqua'] })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, SET_INTERESTS, { input: { organizationId: UNKNOWN, themes: ['Acqua'] } }, sponsor.token)).code).toBe('NOT_FOUND');
      expect(await interestsRow(companyId)).toEqual({ district: null, sectors: [], themes: [] });

      const saved = await gqlOk(
        api.url,
        SET_INTERESTS,
        { input: { organizationId: companyId, district: ' Pianura Est ', sectors: ['Energia', 'energia ', 'Agroalimentare'], themes: ['Mobilità'] } },
        sponsor.token,
      );
      expect(saved.setOrganizationInterests).toEqual({ id: companyId, district: 'Pianura Est', sectorsOfInterest: ['Energia', 'Agroalimentare'], themesOfInterest: ['Mobilità'] });
      // Omitted fields keep their value; an empty list or string clears.
      await gqlOk(api.url, SET_INTERESTS, { input: { organizationId: companyId, sectors: [] } }, sponsor.token);
      expect(await interestsRow(companyId)).toEqual({ district: 'Pianura Est', sectors: [], themes: ['Mobilità'] });
      await gqlOk(api.url, SET_INTERESTS, { input: { organizationId: companyId, district: '' } }, admin.token);
      expect(await interestsRow(companyId)).toEqual({ district: null, sectors: [], themes: ['Mobilità'] });
      // The profile is public, like the organization.
      const read = await gqlOk(api.url, `query($id: ID!) { organization(id: $id) { sectorsOfInterest themesOfInterest } }`, { id: companyId });
      expect(read.organization).toEqual({ sectorsOfInterest: [], themesOfInterest: ['Mobilità'] });
    });
  });

  describe('followTheme / unfollowTheme', () => {
    it('lets members follow and unfollow themes once each; followed themes are shown to members only', async () => {
      const { sponsor, companyId } = await company(api.url, 'Hera Temi');
      const member = await companyMember(api.url, sponsor, companyId);
      const outsider = await signUp(api.url, { label: 'outsider' });
      const schoolId = await createOrganization(api.url, outsider, { kind: 'SCHOOL' });
      const count = async () => (await db.query(`SELECT count(*)::int AS n FROM followed_theme WHERE organization_id = $1`, [companyId]))[0].n as number;

      expect((await gqlOk(api.url, FOLLOW, { org: companyId, theme: ' Mobilità sostenibile ' }, member.token)).followTheme.followedThemes).toEqual(['Mobilità sostenibile']);
      expect((await gqlError(api.url, FOLLOW, { org: companyId, theme: 'mobilità SOSTENIBILE' }, sponsor.token)).code).toBe('CONFLICT');
      expect(await gqlError(api.url, FOLLOW, { org: companyId, theme: '' }, sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'theme' });
      expect(await gqlError(api.url, FOLLOW, { org: companyId, theme: 'a\u0007b' }, sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'theme' });
      expect((await gqlError(api.url, FOLLOW, { org: companyId, theme: 'Acqua' }, outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, FOLLOW, { org: companyId, theme: 'Acqua' })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, FOLLOW, { org: UNKNOWN, theme: 'Acqua' }, sponsor.token)).code).toBe('NOT_FOUND');
      expect(await gqlError(api.url, FOLLOW, { org: schoolId, theme: 'Acqua' }, outsider.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
      expect((await gqlError(api.url, UNFOLLOW, { org: companyId, theme: 'Acqua' }, sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, UNFOLLOW, { org: companyId, theme: 'Mobilità sostenibile' }, outsider.token)).code).toBe('FORBIDDEN');
      expect(await count()).toBe(1);

      await gqlOk(api.url, FOLLOW, { org: companyId, theme: 'Energia' }, sponsor.token);
      expect((await gqlOk(api.url, SUGGESTIONS, { id: companyId }, member.token)).organization.followedThemes).toEqual(['Mobilità sostenibile', 'Energia']);
      expect((await gqlOk(api.url, SUGGESTIONS, { id: companyId }, outsider.token)).organization.followedThemes).toEqual([]);
      expect((await gqlOk(api.url, SUGGESTIONS, { id: companyId })).organization.followedThemes).toEqual([]);
      expect((await gqlOk(api.url, UNFOLLOW, { org: companyId, theme: 'MOBILITÀ SOSTENIBILE' }, member.token)).unfollowTheme.followedThemes).toEqual(['Energia']);
      expect(await count()).toBe(1);
    });
  });

  describe('Organization.suggestedIdeas', () => {
    it('ranks published, not adopted ideas of every edition by theme, district and sector, and says why', async () => {
      // Other test files publish editions in the same database: this test's themes, district and sector are its own words.
      const tag = `zq${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
      const [district, sector, mobility, waste] = [`Pianura ${tag}`, `energia${tag}`, `Mobilità ${tag}`, `Rifiuti ${tag}`];
      const { sponsor, companyId } = await company(api.url, 'Hera Suggerimenti');
      await gqlOk(api.url, SET_INTERESTS, { input: { organizationId: companyId, district, sectors: [sector], themes: [mobility.toLowerCase()] } }, sponsor.token);
      const themes = [{ name: `${mobility} sostenibile`, description: 'Muoversi meglio' }, { name: `${waste} e riuso` }];
      const run = await publishedChallenge(api.url, { title: 'Edizione 2026', themes });
      const energy = { summary: `Pannelli solari e più ${sector} pulita per la scuola.` };
      const all = await idea(run, 'Tutto insieme', { district, themeIndex: 0, overrides: energy });
      const themeOnly = await idea(run, 'Solo tema', { district: 'Montagna', themeIndex: 0 });
      const districtOnly = await idea(run, 'Solo distretto', { district: ` ${district.toLowerCase()}`, themeIndex: 1 });
      const sectorOnly = await idea(run, 'Solo settore', { themeIndex: 1, overrides: { tags: [sector] } });
      await idea(run, 'Niente', { district: 'Montagna', themeIndex: 1 });
      const draft = await idea(run, 'Bozza', { district, themeIndex: 0, submit: false });
      const adopted = await idea(run, 'Adottata', { district, themeIndex: 0 });
      const proposed = await idea(run, 'Già proposta', { district, themeIndex: 0 });
      // Another edition whose results are not published yet: none of its ideas.
      const judging = await publishedChallenge(api.url, { title: 'Edizione in corso', themes });
      await idea(judging, 'Non ancora', { district, themeIndex: 0, overrides: energy });
      await forceStatus(db, judging.challenge.id, 'JUDGING');
      await forceStatus(db, run.challenge.id, 'RESULTS_PUBLISHED');
      const other = await company(api.url, 'Altra Impresa');
      await accept(api.url, adopted.lead, (await propose(api.url, other.sponsor, adopted.id, other.companyId)).id);
      await propose(api.url, sponsor, proposed.id, companyId);

      const list = await suggestions(companyId, sponsor);
      expect(list.map((s) => [s.idea.id, s.score])).toEqual([
        [all.id, 6],
        [themeOnly.id, 3],
        [districtOnly.id, 2],
        [sectorOnly.id, 1],
      ]);
      expect(list[0]!.reasons).toEqual([
        { kind: 'THEME', interest: mobility.toLowerCase(), matched: `${mobility} sostenibile` },
        { kind: 'DISTRICT', interest: district, matched: district },
        { kind: 'SECTOR', interest: sector, matched: null },
      ]);
      expect(list[2]!.reasons).toEqual([{ kind: 'DISTRICT', interest: district, matched: district.toLowerCase() }]);
      expect(list.map((s) => s.idea.id)).not.toContain(draft.id);
      expect((await suggestions(companyId, sponsor, 2)).map((s) => s.idea.id)).toEqual([all.id, themeOnly.id]);

      // A followed theme counts as a theme of interest.
      await gqlOk(api.url, FOLLOW, { org: companyId, theme: waste }, sponsor.token);
      const withFollowed = await suggestions(companyId, sponsor);
      expect(withFollowed.find((s) => s.idea.id === districtOnly.id)).toMatchObject({
        score: 5,
        reasons: [
          { kind: 'THEME', interest: waste, matched: `${waste} e riuso` },
          { kind: 'DISTRICT', interest: district, matched: district.toLowerCase() },
        ],
      });

      // Only the company's members (and admins) see its suggestions; bad page sizes are refused.
      expect(await suggestions(companyId, admin)).toHaveLength(5);
      expect(await suggestions(companyId, await signUp(api.url, { label: 'outsider' }))).toEqual([]);
      expect(await suggestions(companyId)).toEqual([]);
      for (const first of [0, 101]) expect(await gqlError(api.url, SUGGESTIONS, { id: companyId, first }, sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('reads the suggestions of 2 and of 8 companies with the same number of statements', async () => {
      const tag = `Batch${Math.random().toString(36).slice(2, 7)}`;
      const run = await publishedChallenge(api.url, { title: 'Edizione batch' });
      for (let i = 0; i < 3; i++) await idea(run, `Batch ${i}`, { district: 'Bassa', themeIndex: 0 });
      await forceStatus(db, run.challenge.id, 'RESULTS_PUBLISHED');
      for (let i = 0; i < 8; i++) {
        const { sponsor, companyId } = await company(api.url, `${tag} ${i}`);
        await gqlOk(api.url, SET_INTERESTS, { input: { organizationId: companyId, district: 'Bassa', themes: ['Mobilità'] } }, sponsor.token);
      }
      const apiDataSource = api.app.get(DataSource);
      const statements: string[] = [];
      const logger = apiDataSource.logger;
      const original = logger.logQuery.bind(logger);
      logger.logQuery = (query, parameters, queryRunner) => {
        statements.push(query);
        original(query, parameters, queryRunner);
      };
      const QUERY = `query($first: Int, $search: String) { organizations(first: $first, kind: COMPANY, search: $search) { edges { node {
        name followedThemes suggestedIdeas { score reasons { kind } idea { title theme { name } team { name school { district } } } }
      } } } }`;
      const read = async (first: number) => {
        statements.length = 0;
        const edges = (await gqlOk(api.url, QUERY, { first, search: tag }, admin.token)).organizations.edges;
        expect(edges).toHaveLength(first);
        expect(edges.every((e: any) => e.node.suggestedIdeas.length >= 3 && e.node.suggestedIdeas[0].idea.team.school.district === 'Bassa')).toBe(true);
        return [...statements];
      };
      try {
        const two = await read(2);
        const eight = await read(8);
        expect(eight.length).toBe(two.length);
        expect(two.length).toBeLessThanOrEqual(12);
      } finally {
        logger.logQuery = original;
      }
    });
  });

  describe('MATCHING_IDEAS_PUBLISHED', () => {
    it('tells the members of companies following a matching theme when results are published, through the worker, once', async () => {
      const run = await publishedChallenge(api.url, { title: 'Climathon Temi Seguiti', reviewsPerIdea: 1 });
      await idea(run, 'Bici condivise', { themeIndex: 0 });
      await idea(run, 'Navette elettriche', { themeIndex: 0 });
      await idea(run, 'Compost in cortile', { themeIndex: 1 });
      const follower = await company(api.url, 'Trasporti Verdi');
      const colleague = await companyMember(api.url, follower.sponsor, follower.companyId, 'colleague');
      await db.query(`UPDATE app_user SET locale = 'en' WHERE id = $1`, [colleague.id]);
      await gqlOk(api.url, FOLLOW, { org: follower.companyId, theme: 'mobilità' }, colleague.token);
      // The colleague also belongs to a second following company, and is a juror of the challenge.
      const second = await company(api.url, 'Bici Srl');
      await addMember(api.url, second.sponsor, second.companyId, colleague);
      await gqlOk(api.url, FOLLOW, { org: second.companyId, theme: 'Mobilità sostenibile' }, second.sponsor.token);
      await addJuror(api.url, run.organizer, run.challenge.id, colleague);
      const unrelated = await company(api.url, 'Acque Chiare');
      await gqlOk(api.url, FOLLOW, { org: unrelated.companyId, theme: 'energia' }, unrelated.sponsor.token);

      await startJudging(api.url, run.organizer, run.challenge.id);
      await gqlOk(api.url, PUBLISH_RESULTS, { input: { challengeId: run.challenge.id, awards: [] } }, run.organizer.token);

      const notes = async () =>
        (await db.query(`SELECT recipient_id, title, body FROM notification WHERE kind = 'MATCHING_IDEAS_PUBLISHED' AND subject_id = $1 ORDER BY recipient_id`, [
          run.challenge.id,
        ])) as { recipient_id: string; title: string; body: string }[];
      // Earlier tests left other companies following themes: only these people are looked at here.
      const people = [follower.sponsor.id, colleague.id, second.sponsor.id, unrelated.sponsor.id];
      const ours = async () => (await notes()).filter((n) => people.includes(n.recipient_id));
      const told = await waitFor(async () => ((await ours()).length >= 3 ? await ours() : null), { what: 'MATCHING_IDEAS_PUBLISHED' });
      expect(told.map((n) => n.recipient_id)).toEqual([follower.sponsor.id, colleague.id, second.sponsor.id].sort());
      const toOwner = told.find((n) => n.recipient_id === follower.sponsor.id)!;
      expect(toOwner.title).toBe('Nuove idee sui temi seguiti: «Climathon Temi Seguiti»');
      expect(toOwner.body).toContain('Idee sui temi seguiti da Trasporti Verdi: 2.');
      const toColleague = told.find((n) => n.recipient_id === colleague.id)!;
      expect(toColleague.title).toBe('New ideas on the themes you follow: "Climathon Temi Seguiti"');
      expect(toColleague.body).toContain('Ideas on the themes followed by Bici Srl, Trasporti Verdi: 2.');
      // The juror also got RESULTS_PUBLISHED, a notification of its own.
      await waitFor(async () => (await db.query(`SELECT 1 FROM notification WHERE kind = 'RESULTS_PUBLISHED' AND recipient_id = $1`, [colleague.id])).length === 1, {
        what: 'RESULTS_PUBLISHED',
      });
      await waitFor(() => smtp.messages.find((m) => m.to.includes(follower.sponsor.email) && m.headers['x-notification-kind'] === 'MATCHING_IDEAS_PUBLISHED'), { what: 'email' });
      expect(await ours()).toHaveLength(3);
    });
  });
});
