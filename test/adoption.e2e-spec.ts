import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource as DataSourceClass, type DataSource } from 'typeorm';
import {
  ACCEPT,
  accept,
  adoptableIdea,
  adoptedTeam,
  ASSIGN_TUTOR,
  assignTutor,
  company,
  COMPANY_ADOPTIONS,
  companyMember,
  DECLINE,
  edition,
  IDEA_ADOPTION,
  propose,
  PROPOSE,
  publishResults,
  submittedIdea,
  TEAM_INSIDE,
  WITHDRAW,
} from './helpers/adoption-factories.js';
import { forceStatus, makeAdmin } from './helpers/challenge-factories.js';
import { openDatabase } from './helpers/db.js';
import { addMember, createOrganization, signUp, type TestUser } from './helpers/factories.js';
import { gql, gqlError, gqlOk } from './helpers/graphql.js';
import { startApi, type RunningApi } from './helpers/api.js';
import { startSmtpSink } from './helpers/smtp-sink.js';
import { waitFor } from './helpers/wait.js';
import { startWorker, type RunningWorker } from './helpers/worker.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const MY_NOTIFICATIONS = `{ myNotifications(first: 100) { edges { node { kind title body subjectId path } } } }`;
type Note = { kind: string; title: string; body: string; subjectId: string; path: string };
const notificationsOf = async (url: string, user: TestUser, kind: string): Promise<Note[]> =>
  (await gqlOk(url, MY_NOTIFICATIONS, {}, user.token)).myNotifications.edges.map((e: { node: Note }) => e.node).filter((n: Note) => n.kind === kind);

describe('adoption', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: DataSource;
  let admin: TestUser;

  const adoptionCount = async () => (await db.query(`SELECT count(*)::int AS n FROM adoption`))[0].n as number;
  const statusOf = async (id: string) => (await db.query(`SELECT status FROM adoption WHERE id = $1`, [id]))[0]?.status as string;
  /** Waits until the user has `count` notifications of the kind (then gives them). */
  const notified = (user: TestUser, kind: string, count = 1) =>
    waitFor(
      async () => {
        const list = await notificationsOf(api.url, user, kind);
        return list.length >= count && list;
      },
      { what: `${kind} for ${user.email}` },
    );

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    api = await startApi();
    worker = await startWorker({ clock: api.clock });
    db = await openDatabase();
    admin = await makeAdmin(api.url, db, await signUp(api.url, { label: 'admin' }));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    await db.destroy();
  });

  describe('proposeAdoption', () => {
    it('lets a member of the company propose to adopt a submitted idea once results are published, telling the coach and the organizers', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url, 'Hera Ambiente');
      const { proposeAdoption: adoption } = await gqlOk(
        api.url,
        PROPOSE,
        { input: { ideaId: idea.ideaId, companyId, message: '  Vorremmo adottare la vostra idea.  ', commitment: '20 ore di mentoring, 2 stage' } },
        sponsor.token,
      );
      expect(adoption).toMatchObject({
        message: 'Vorremmo adottare la vostra idea.',
        commitment: '20 ore di mentoring, 2 stage',
        status: 'PROPOSED',
        decidedAt: null,
        decisionNote: null,
        idea: { id: idea.ideaId },
        company: { id: companyId, name: 'Hera Ambiente' },
        proposedBy: { id: sponsor.id },
        tutors: [],
      });
      const [toCoach] = await notified(idea.lead, 'ADOPTION_PROPOSED');
      expect(toCoach).toMatchObject({ subjectId: adoption.id, title: 'Hera Ambiente vuole adottare «Borracce per tutti»' });
      await notified(idea.organizer, 'ADOPTION_PROPOSED');
      await waitFor(() => smtp.messages.find((m) => m.to.includes(idea.lead.email) && m.headers['x-notification-kind'] === 'ADOPTION_PROPOSED'), { what: 'email' });
      // Not the student, not the proposer.
      expect(await notificationsOf(api.url, idea.student, 'ADOPTION_PROPOSED')).toEqual([]);
      expect(await notificationsOf(api.url, sponsor, 'ADOPTION_PROPOSED')).toEqual([]);
    });

    it('works on a closed challenge and tells the captain of an open hackathon team', async () => {
      const run = await edition(api.url, { format: 'OPEN_HACKATHON' });
      const idea = await submittedIdea(api.url, run, { format: 'OPEN_HACKATHON' });
      await publishResults(db, run, 'CLOSED');
      const { sponsor, companyId } = await company(api.url);
      await propose(api.url, sponsor, idea.ideaId, companyId);
      await notified(idea.lead, 'ADOPTION_PROPOSED');
    });

    it('validates message, commitment and the company kind, storing nothing', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const schoolOrg = await createOrganization(api.url, sponsor, { kind: 'SCHOOL' });
      const before = await adoptionCount();
      const input = (o: Record<string, unknown>) => ({ input: { ideaId: idea.ideaId, companyId, message: 'Ciao', ...o } });
      expect(await gqlError(api.url, PROPOSE, input({ message: '   ' }), sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'message' });
      expect(await gqlError(api.url, PROPOSE, input({ message: 'm'.repeat(2001) }), sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'message' });
      expect(await gqlError(api.url, PROPOSE, input({ commitment: 'c'.repeat(2001) }), sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'commitment' });
      expect(await gqlError(api.url, PROPOSE, input({ companyId: schoolOrg }), sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'companyId' });
      expect(await adoptionCount()).toBe(before);
      // The limits themselves are fine.
      await gqlOk(api.url, PROPOSE, input({ message: 'm'.repeat(2000), commitment: 'c'.repeat(2000) }), sponsor.token);
    });

    it('answers NOT_FOUND for unknown or hidden ideas and companies, FORBIDDEN to non-members, UNAUTHENTICATED anonymously', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const outsider = await signUp(api.url, { label: 'outsider' });
      const before = await adoptionCount();
      const input = (o: Record<string, unknown>) => ({ input: { ideaId: idea.ideaId, companyId, message: 'Ciao', ...o } });
      expect((await gqlError(api.url, PROPOSE, input({}), outsider.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, PROPOSE, input({ companyId: UNKNOWN }), sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, PROPOSE, input({ companyId: 'nope' }), sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, PROPOSE, input({ ideaId: UNKNOWN }), sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, PROPOSE, input({ ideaId: 'nope' }), sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, PROPOSE, input({}))).code).toBe('UNAUTHENTICATED');
      // An idea of a challenge still judging is hidden from a sponsor.
      const judging = await edition(api.url);
      const hidden = await submittedIdea(api.url, judging);
      await forceStatus(db, judging.challenge.id, 'JUDGING');
      expect((await gqlError(api.url, PROPOSE, input({ ideaId: hidden.ideaId }), sponsor.token)).code).toBe('NOT_FOUND');
      expect(await adoptionCount()).toBe(before);
    });

    it('is FAILED_PRECONDITION before results are published or for an idea that is not submitted', async () => {
      const run = await edition(api.url);
      const submitted = await submittedIdea(api.url, run);
      const draft = await submittedIdea(api.url, run, { submit: false });
      const { sponsor, companyId } = await company(api.url);
      // The organizer is also a member of the company, so the idea is visible while judging.
      await addMember(api.url, sponsor, companyId, run.organizer);
      await forceStatus(db, run.challenge.id, 'JUDGING');
      const before = await adoptionCount();
      const input = (ideaId: string) => ({ input: { ideaId, companyId, message: 'Ciao' } });
      expect((await gqlError(api.url, PROPOSE, input(submitted.ideaId), run.organizer.token)).code).toBe('FAILED_PRECONDITION');
      await publishResults(db, run);
      expect((await gqlError(api.url, PROPOSE, input(draft.ideaId), run.organizer.token)).code).toBe('FAILED_PRECONDITION');
      expect((await gqlError(api.url, PROPOSE, input(draft.ideaId), admin.token)).code).toBe('FAILED_PRECONDITION');
      expect(await adoptionCount()).toBe(before);
      await gqlOk(api.url, PROPOSE, input(submitted.ideaId), run.organizer.token);
    });

    it('allows one open proposal per company and idea, and none once the idea is adopted (CONFLICT)', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const colleague = await companyMember(api.url, sponsor, companyId);
      const first = await propose(api.url, sponsor, idea.ideaId, companyId);
      const before = await adoptionCount();
      expect((await gqlError(api.url, PROPOSE, { input: { ideaId: idea.ideaId, companyId, message: 'Ancora' } }, colleague.token)).code).toBe('CONFLICT');
      expect(await adoptionCount()).toBe(before);
      // Withdrawn, the company may propose again.
      await gqlOk(api.url, WITHDRAW, { id: first.id }, sponsor.token);
      const second = await propose(api.url, colleague, idea.ideaId, companyId);
      await accept(api.url, idea.lead, second.id);
      const other = await company(api.url);
      expect((await gqlError(api.url, PROPOSE, { input: { ideaId: idea.ideaId, companyId: other.companyId, message: 'Anche noi' } }, other.sponsor.token)).code).toBe('CONFLICT');
      expect((await gqlError(api.url, PROPOSE, { input: { ideaId: idea.ideaId, companyId, message: 'Di nuovo' } }, sponsor.token)).code).toBe('CONFLICT');
    });
  });

  describe('acceptAdoption', () => {
    it('accepts, declines the other open proposals in the same change, makes it Idea.adoption and tells the companies', async () => {
      const idea = await adoptableIdea(api.url, db);
      const winner = await company(api.url, 'Impresa Vincente');
      const loser = await company(api.url, 'Impresa Seconda');
      const winnerColleague = await companyMember(api.url, winner.sponsor, winner.companyId);
      const withdrawer = await company(api.url);
      const a = await propose(api.url, winner.sponsor, idea.ideaId, winner.companyId);
      const b = await propose(api.url, loser.sponsor, idea.ideaId, loser.companyId);
      const c = await propose(api.url, withdrawer.sponsor, idea.ideaId, withdrawer.companyId);
      await gqlOk(api.url, WITHDRAW, { id: c.id }, withdrawer.sponsor.token);

      const accepted = (await gqlOk(api.url, ACCEPT, { input: { adoptionId: a.id, note: ' Benvenuti! ' } }, idea.lead.token)).acceptAdoption;
      expect(accepted).toMatchObject({ id: a.id, status: 'ACCEPTED', decisionNote: 'Benvenuti!' });
      expect(Date.parse(accepted.decidedAt)).not.toBeNaN();
      expect(await statusOf(b.id)).toBe('DECLINED');
      expect(await statusOf(c.id)).toBe('WITHDRAWN');
      const { idea: read } = await gqlOk(api.url, IDEA_ADOPTION, { id: idea.ideaId }, idea.student.token);
      expect(read.adoption).toEqual({ id: a.id, status: 'ACCEPTED', company: { id: winner.companyId } });

      const [toWinner] = await notified(winner.sponsor, 'ADOPTION_ACCEPTED');
      expect(toWinner!.subjectId).toBe(a.id);
      expect(toWinner!.path).toBe(`/ideas/${idea.ideaId}`);
      expect(toWinner!.body).toMatch(/(Ora potete assegnare i tutor|You can now assign tutors)\.$/);
      await notified(winnerColleague, 'ADOPTION_ACCEPTED');
      // Issue 18.5: an acceptance also tells every member of the team (the decider included), once each, through the worker,
      // in words for the team (not the company's "you can now assign tutors").
      const [toLead] = await notified(idea.lead, 'ADOPTION_ACCEPTED');
      expect(toLead).toMatchObject({ subjectId: a.id, path: `/ideas/${idea.ideaId}` });
      expect(toLead!.body).toMatch(/^(La vostra squadra|Your team) .* (Impresa Vincente)/);
      expect(toLead!.body).not.toMatch(/assegnare i tutor|assign tutors/);
      const [toStudent] = await notified(idea.student, 'ADOPTION_ACCEPTED');
      expect(toStudent!.body).toMatch(/^(La vostra squadra|Your team) /);
      const teamMembers: { user_id: string }[] = await db.query(`SELECT tm.user_id FROM team_member tm JOIN idea i ON i.team_id = tm.team_id WHERE i.id = $1`, [idea.ideaId]);
      expect(teamMembers.length).toBeGreaterThan(0);
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT count(DISTINCT recipient_id)::int AS n FROM notification WHERE kind = 'ADOPTION_ACCEPTED' AND subject_id = $1 AND recipient_id = ANY($2::uuid[])`,
              [a.id, teamMembers.map((m) => m.user_id)],
            )
          )[0].n === teamMembers.length,
        { what: 'ADOPTION_ACCEPTED for every team member' },
      );
      expect(
        (await db.query(`SELECT recipient_id FROM notification WHERE kind = 'ADOPTION_ACCEPTED' AND subject_id = $1 GROUP BY recipient_id HAVING count(*) > 1`, [a.id])).length,
      ).toBe(0);
      const [toLoser] = await notified(loser.sponsor, 'ADOPTION_DECLINED');
      expect(toLoser!.subjectId).toBe(b.id);
      expect(await notificationsOf(api.url, withdrawer.sponsor, 'ADOPTION_DECLINED')).toEqual([]);
      // The accepted idea is "adopted" for IdeaFilter.
      const adopted = await gqlOk(api.url, `query($f: IdeaFilter) { ideas(first: 100, filter: $f) { edges { node { id } } } }`, {
        f: { adopted: true, challengeId: idea.challenge.id },
      });
      expect(adopted.ideas.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([idea.ideaId]);
    });

    it('lets an organizer and an open hackathon captain accept; a student, the sponsor or an outsider cannot', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const proposal = await propose(api.url, sponsor, idea.ideaId, companyId);
      const outsider = await signUp(api.url, { label: 'outsider' });
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: proposal.id } }, idea.student.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: proposal.id } }, sponsor.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: proposal.id } }, outsider.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: proposal.id } })).code).toBe('UNAUTHENTICATED');
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: 'nope' } }, idea.lead.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: UNKNOWN } }, idea.lead.token)).code).toBe('NOT_FOUND');
      expect(await gqlError(api.url, ACCEPT, { input: { adoptionId: proposal.id, note: 'n'.repeat(2001) } }, idea.lead.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'note',
      });
      expect(await statusOf(proposal.id)).toBe('PROPOSED');
      expect((await accept(api.url, idea.organizer, proposal.id)).status).toBe('ACCEPTED');

      const open = await adoptableIdea(api.url, db, { format: 'OPEN_HACKATHON' });
      const p2 = await propose(api.url, sponsor, open.ideaId, companyId);
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: p2.id } }, open.student.token)).code).toBe('NOT_FOUND');
      expect((await accept(api.url, open.lead, p2.id)).status).toBe('ACCEPTED');
      // An accepted adoption is visible to the team's students, who still may not decide.
      expect((await gqlError(api.url, DECLINE, { input: { adoptionId: p2.id } }, open.student.token)).code).toBe('FORBIDDEN');
    });

    it('is FAILED_PRECONDITION on an adoption no longer PROPOSED, and CONFLICT for a proposal declined because another was accepted', async () => {
      const idea = await adoptableIdea(api.url, db);
      const one = await company(api.url);
      const two = await company(api.url);
      const three = await company(api.url);
      const p1 = await propose(api.url, one.sponsor, idea.ideaId, one.companyId);
      const p2 = await propose(api.url, two.sponsor, idea.ideaId, two.companyId);
      const p3 = await propose(api.url, three.sponsor, idea.ideaId, three.companyId);
      await gqlOk(api.url, DECLINE, { input: { adoptionId: p3.id } }, idea.lead.token);
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: p3.id } }, idea.lead.token)).code).toBe('FAILED_PRECONDITION');
      await accept(api.url, idea.lead, p1.id);
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: p1.id } }, idea.lead.token)).code).toBe('FAILED_PRECONDITION');
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: p2.id } }, idea.lead.token)).code).toBe('CONFLICT');
      expect(await statusOf(p2.id)).toBe('DECLINED');
      expect((await gqlOk(api.url, IDEA_ADOPTION, { id: idea.ideaId }, idea.lead.token)).idea.adoption.id).toBe(p1.id);
    });

    it('of 100 concurrent accepts of 100 proposals for one idea, exactly one wins; the others are CONFLICT and DECLINED', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor } = await company(api.url);
      const companies = await Promise.all(Array.from({ length: 100 }, (_, i) => createOrganization(api.url, sponsor, { kind: 'COMPANY', name: `Concorrente ${i}` })));
      const proposals = await Promise.all(companies.map((companyId) => propose(api.url, sponsor, idea.ideaId, companyId)));
      const results = await Promise.all(proposals.map((p) => gql(api.url, ACCEPT, { input: { adoptionId: p.id } }, idea.lead.token)));
      const winners = results.filter((r) => r.data?.acceptAdoption?.status === 'ACCEPTED');
      expect(winners).toHaveLength(1);
      const codes = results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code);
      expect(codes).toHaveLength(99);
      expect(new Set(codes)).toEqual(new Set(['CONFLICT']));
      const winnerId = winners[0]!.data.acceptAdoption.id as string;
      const rows: { status: string; n: number }[] = await db.query(`SELECT status, count(*)::int AS n FROM adoption WHERE idea_id = $1 GROUP BY status ORDER BY status`, [
        idea.ideaId,
      ]);
      expect(rows).toEqual([
        { status: 'ACCEPTED', n: 1 },
        { status: 'DECLINED', n: 99 },
      ]);
      expect((await gqlOk(api.url, IDEA_ADOPTION, { id: idea.ideaId }, idea.lead.token)).idea.adoption.id).toBe(winnerId);
    });

    it('keeps at most one ACCEPTED adoption per idea in the database itself', async () => {
      const idea = await adoptableIdea(api.url, db);
      const one = await company(api.url);
      const two = await company(api.url);
      const p1 = await propose(api.url, one.sponsor, idea.ideaId, one.companyId);
      const p2 = await propose(api.url, two.sponsor, idea.ideaId, two.companyId);
      await db.query(`UPDATE adoption SET status = 'ACCEPTED' WHERE id = $1`, [p1.id]);
      await expect(db.query(`UPDATE adoption SET status = 'ACCEPTED' WHERE id = $1`, [p2.id])).rejects.toMatchObject({ driverError: { constraint: 'uq_adoption_idea_accepted' } });
    });
  });

  describe('declineAdoption and withdrawAdoption', () => {
    it('lets the coach decline a proposal once, telling the company', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const proposal = await propose(api.url, sponsor, idea.ideaId, companyId);
      expect((await gqlError(api.url, DECLINE, { input: { adoptionId: proposal.id } }, sponsor.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, DECLINE, { input: { adoptionId: proposal.id } })).code).toBe('UNAUTHENTICATED');
      const { declineAdoption: declined } = await gqlOk(api.url, DECLINE, { input: { adoptionId: proposal.id, note: 'Grazie, ma no.' } }, idea.lead.token);
      expect(declined).toMatchObject({ status: 'DECLINED', decisionNote: 'Grazie, ma no.' });
      expect((await gqlError(api.url, DECLINE, { input: { adoptionId: proposal.id } }, idea.lead.token)).code).toBe('FAILED_PRECONDITION');
      const [note] = await notified(sponsor, 'ADOPTION_DECLINED');
      expect(note!.subjectId).toBe(proposal.id);
      // Declined, it can still be proposed again.
      await propose(api.url, sponsor, idea.ideaId, companyId);
    });

    it("lets the proposing company's members withdraw a PROPOSED adoption, nobody else", async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const colleague = await companyMember(api.url, sponsor, companyId);
      const other = await company(api.url);
      const proposal = await propose(api.url, sponsor, idea.ideaId, companyId);
      expect((await gqlError(api.url, WITHDRAW, { id: proposal.id }, idea.lead.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, WITHDRAW, { id: proposal.id }, idea.organizer.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, WITHDRAW, { id: proposal.id }, other.sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, WITHDRAW, { id: proposal.id })).code).toBe('UNAUTHENTICATED');
      expect(await statusOf(proposal.id)).toBe('PROPOSED');
      expect((await gqlOk(api.url, WITHDRAW, { id: proposal.id }, colleague.token)).withdrawAdoption.status).toBe('WITHDRAWN');
      expect((await gqlError(api.url, WITHDRAW, { id: proposal.id }, sponsor.token)).code).toBe('FAILED_PRECONDITION');
      expect((await gqlError(api.url, ACCEPT, { input: { adoptionId: proposal.id } }, idea.lead.token)).code).toBe('FAILED_PRECONDITION');
      // An accepted adoption cannot be withdrawn.
      const again = await propose(api.url, sponsor, idea.ideaId, companyId);
      await accept(api.url, idea.lead, again.id);
      expect((await gqlError(api.url, WITHDRAW, { id: again.id }, sponsor.token)).code).toBe('FAILED_PRECONDITION');
      expect(await statusOf(again.id)).toBe('ACCEPTED');
    });
  });

  describe('assignTutor', () => {
    it('makes a company member tutor of an accepted adoption, telling the tutor and the team', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url, 'Tutor SpA');
      const tutor = await companyMember(api.url, sponsor, companyId, 'tutor');
      const proposal = await propose(api.url, sponsor, idea.ideaId, companyId);
      expect((await gqlError(api.url, ASSIGN_TUTOR, { input: { adoptionId: proposal.id, email: tutor.email } }, sponsor.token)).code).toBe('FAILED_PRECONDITION');
      await accept(api.url, idea.lead, proposal.id);
      const { assignTutor: adoption } = await gqlOk(api.url, ASSIGN_TUTOR, { input: { adoptionId: proposal.id, email: tutor.email.toUpperCase() } }, sponsor.token);
      expect(adoption.tutors).toEqual([{ id: tutor.id }]);
      const [toTutor] = await notified(tutor, 'TUTOR_ASSIGNED');
      expect(toTutor!.subjectId).toBe(proposal.id);
      await notified(idea.student, 'TUTOR_ASSIGNED');
      await notified(idea.lead, 'TUTOR_ASSIGNED');
      // The same tutor twice: CONFLICT; the sponsor themself may also be a tutor.
      expect((await gqlError(api.url, ASSIGN_TUTOR, { input: { adoptionId: proposal.id, email: tutor.email } }, sponsor.token)).code).toBe('CONFLICT');
      await assignTutor(api.url, tutor, proposal.id, sponsor);
      const { companyAdoptions } = await gqlOk(api.url, COMPANY_ADOPTIONS, { companyId }, sponsor.token);
      expect(companyAdoptions[0].tutors).toEqual([{ id: tutor.id }, { id: sponsor.id }]);
    });

    it('refuses non-members of the company as tutors or assigners, unknown and malformed emails', async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const proposal = await propose(api.url, sponsor, idea.ideaId, companyId);
      await accept(api.url, idea.lead, proposal.id);
      const stranger = await signUp(api.url, { label: 'stranger' });
      const tutorCount = async () => (await db.query(`SELECT count(*)::int AS n FROM adoption_tutor WHERE adoption_id = $1`, [proposal.id]))[0].n as number;
      const input = (email: string) => ({ input: { adoptionId: proposal.id, email } });
      expect(await gqlError(api.url, ASSIGN_TUTOR, input(stranger.email), sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect(await gqlError(api.url, ASSIGN_TUTOR, input('not an email'), sponsor.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      expect((await gqlError(api.url, ASSIGN_TUTOR, input('nobody@example.test'), sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ASSIGN_TUTOR, input(sponsor.email), idea.lead.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, ASSIGN_TUTOR, input(sponsor.email), stranger.token)).code).toBe('NOT_FOUND'); // the accepted adoption's terms are not public
      expect((await gqlError(api.url, ASSIGN_TUTOR, { input: { adoptionId: UNKNOWN, email: sponsor.email } }, sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, ASSIGN_TUTOR, input(sponsor.email))).code).toBe('UNAUTHENTICATED');
      expect(await tutorCount()).toBe(0);
    });
  });

  describe('companyAdoptions', () => {
    it("lists a company's adoptions, newest first, filtered by status, for its members only", async () => {
      const first = await adoptableIdea(api.url, db);
      const second = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const colleague = await companyMember(api.url, sponsor, companyId);
      const a1 = await propose(api.url, sponsor, first.ideaId, companyId);
      const a2 = await propose(api.url, colleague, second.ideaId, companyId);
      await accept(api.url, first.lead, a1.id);
      const all = (await gqlOk(api.url, COMPANY_ADOPTIONS, { companyId }, colleague.token)).companyAdoptions;
      expect(all.map((a: { id: string }) => a.id)).toEqual([a2.id, a1.id]);
      expect(all[1]).toMatchObject({ status: 'ACCEPTED', idea: { id: first.ideaId }, company: { id: companyId }, proposedBy: { id: sponsor.id } });
      const accepted = (await gqlOk(api.url, COMPANY_ADOPTIONS, { companyId, status: 'ACCEPTED' }, sponsor.token)).companyAdoptions;
      expect(accepted.map((a: { id: string }) => a.id)).toEqual([a1.id]);
      expect((await gqlOk(api.url, COMPANY_ADOPTIONS, { companyId }, admin.token)).companyAdoptions).toHaveLength(2);
      expect((await gqlError(api.url, COMPANY_ADOPTIONS, { companyId }, first.lead.token)).code).toBe('FORBIDDEN');
      expect((await gqlError(api.url, COMPANY_ADOPTIONS, { companyId: UNKNOWN }, sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, COMPANY_ADOPTIONS, { companyId: 'nope' }, sponsor.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, COMPANY_ADOPTIONS, { companyId })).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('visibility', () => {
    it("shows every proposal to the team's coach and the organizers, a company its own, and nobody else any", async () => {
      const idea = await adoptableIdea(api.url, db);
      const one = await company(api.url);
      const two = await company(api.url);
      const p1 = await propose(api.url, one.sponsor, idea.ideaId, one.companyId);
      const p2 = await propose(api.url, two.sponsor, idea.ideaId, two.companyId);
      const proposals = async (user?: TestUser) => (await gqlOk(api.url, IDEA_ADOPTION, { id: idea.ideaId }, user?.token)).idea.adoptionProposals.map((a: { id: string }) => a.id);
      expect(await proposals(idea.lead)).toEqual([p1.id, p2.id]);
      expect(await proposals(idea.organizer)).toEqual([p1.id, p2.id]);
      expect(await proposals(admin)).toEqual([p1.id, p2.id]);
      expect(await proposals(one.sponsor)).toEqual([p1.id]);
      expect(await proposals(two.sponsor)).toEqual([p2.id]);
      expect(await proposals(idea.student)).toEqual([]);
      expect(await proposals(undefined)).toEqual([]);
      expect((await gqlOk(api.url, IDEA_ADOPTION, { id: idea.ideaId })).idea.adoption).toBeNull();
      // A PROPOSED adoption is hidden from others: acting on it is NOT_FOUND.
      expect((await gqlError(api.url, DECLINE, { input: { adoptionId: p1.id } }, two.sponsor.token)).code).toBe('NOT_FOUND');
    });

    it("shows the team's members, idea and tutors to its tutors; not to anonymous users, students of other teams or sponsors whose adoption is not accepted", async () => {
      const idea = await adoptableIdea(api.url, db);
      const { sponsor, companyId } = await company(api.url);
      const tutor = await companyMember(api.url, sponsor, companyId, 'tutor');
      // A rival company whose proposal is declined when the other is accepted, and a student of another team.
      const rival = await company(api.url);
      await propose(api.url, rival.sponsor, idea.ideaId, rival.companyId);
      const winning = await propose(api.url, sponsor, idea.ideaId, companyId);
      await accept(api.url, idea.lead, winning.id);
      await assignTutor(api.url, sponsor, winning.id, tutor);
      const adopted = { ...idea, sponsor, tutor, adoptionId: winning.id };
      const otherTeam = await submittedIdea(api.url, await edition(api.url));
      const otherStudent = otherTeam.student;
      const read = async (user?: TestUser) => (await gqlOk(api.url, TEAM_INSIDE, { id: adopted.team.id }, user?.token)).team;
      const asTutor = await read(adopted.tutor);
      expect(asTutor.members.map((m: { user: { id: string } }) => m.user.id).sort()).toEqual([adopted.lead.id, adopted.student.id].sort());
      expect(asTutor.tutors).toEqual([{ id: adopted.tutor.id }]);
      expect(asTutor.idea).toEqual({ id: adopted.ideaId });
      expect((await read(adopted.student)).tutors).toEqual([{ id: adopted.tutor.id }]);
      expect((await read(adopted.organizer)).tutors).toEqual([{ id: adopted.tutor.id }]);
      for (const viewer of [undefined, otherStudent, rival.sponsor]) {
        const team = await read(viewer);
        expect(team.members).toEqual([]);
        expect(team.tutors).toEqual([]);
      }
      // A member of the adopting company who is not a tutor does not see inside the team either.
      const notTutor = await read(adopted.sponsor);
      expect(notTutor.members).toEqual([]);
      // A tutor of a proposal that is no longer accepted sees nothing: tutors go with ACCEPTED adoptions only.
      await db.query(`UPDATE adoption SET status = 'COMPLETED' WHERE id = $1`, [adopted.adoptionId]);
      expect((await read(adopted.tutor)).members).toEqual([]);
      await db.query(`UPDATE adoption SET status = 'ACCEPTED' WHERE id = $1`, [adopted.adoptionId]);
      expect((await read(adopted.tutor)).members).toHaveLength(2);
    });

    it("names the adopting company to everyone who sees the idea, and shows the adoption's terms only to the team, its tutors, the organizers and the company", async () => {
      const adopted = await adoptedTeam(api.url, db);
      const note = 'Benvenuti a bordo';
      await db.query(`UPDATE adoption SET decision_note = $2 WHERE id = $1`, [adopted.adoptionId, note]);
      const colleague = await companyMember(api.url, adopted.sponsor, adopted.companyId); // of the company, not a tutor
      const otherTeam = await submittedIdea(api.url, await edition(api.url));
      const rival = await company(api.url);
      const stranger = await signUp(api.url, { label: 'stranger' });
      const TERMS = `query($id: ID!) { idea(id: $id) { adoptedBy { id name } adoption { id message commitment decisionNote proposedBy { id } tutors { id } } } }`;
      const read = async (user?: TestUser) => (await gqlOk(api.url, TERMS, { id: adopted.ideaId }, user?.token)).idea;
      const companyName = (await db.query(`SELECT name FROM organization WHERE id = $1`, [adopted.companyId]))[0].name;
      const terms = {
        id: adopted.adoptionId,
        message: 'Vorremmo adottare la vostra idea.',
        commitment: '20 ore di mentoring',
        decisionNote: note,
        proposedBy: { id: adopted.sponsor.id },
        tutors: [{ id: adopted.tutor.id }],
      };
      for (const viewer of [adopted.student, adopted.lead, adopted.tutor, adopted.organizer, adopted.sponsor, colleague, admin]) {
        expect(await read(viewer)).toEqual({ adoptedBy: { id: adopted.companyId, name: companyName }, adoption: terms });
      }
      for (const viewer of [undefined, stranger, otherTeam.student, otherTeam.lead, rival.sponsor]) {
        expect(await read(viewer)).toEqual({ adoptedBy: { id: adopted.companyId, name: companyName }, adoption: null });
      }
      // Nor can they reach it by its id: acting on it is NOT_FOUND for them, FORBIDDEN for the team's student who sees it.
      expect((await gqlError(api.url, DECLINE, { input: { adoptionId: adopted.adoptionId } }, stranger.token)).code).toBe('NOT_FOUND');
      expect((await gqlError(api.url, DECLINE, { input: { adoptionId: adopted.adoptionId } }, adopted.student.token)).code).toBe('FORBIDDEN');
      // Not adopted (yet): no adopter; an open proposal names nobody.
      const open = await adoptableIdea(api.url, db);
      await propose(api.url, rival.sponsor, open.ideaId, rival.companyId);
      expect((await gqlOk(api.url, TERMS, { id: open.ideaId })).idea).toEqual({ adoptedBy: null, adoption: null });
    });

    it('reads adoptedBy and adoption for a page of ideas in the same number of SQL statements for 10 and 100 ideas', async () => {
      const run = await edition(api.url);
      const { sponsor, companyId } = await company(api.url);
      // 120 submitted, adopted ideas written directly: the point here is reading them.
      await db.query(
        `WITH t AS (
           INSERT INTO team (challenge_id, name, join_code) SELECT $1, 'Squadra ' || g, 'AB' || md5(random()::text || g) FROM generate_series(1, 120) g RETURNING id, name
         ), i AS (
           INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, status, submitted_at)
           SELECT t.id, $1, $2, 'Idea di ' || t.name, 's', 'p', 's', 'SUBMITTED', now() FROM t RETURNING id
         )
         INSERT INTO adoption (idea_id, company_id, proposed_by_id, message, status) SELECT i.id, $3, $4, 'Vi adottiamo', 'ACCEPTED' FROM i`,
        [run.challenge.id, run.challenge.themes[0]!.id, companyId, sponsor.id],
      );
      await publishResults(db, run);
      const apiDataSource = api.app.get(DataSourceClass);
      const statements: string[] = [];
      const logger = apiDataSource.logger;
      const original = logger.logQuery.bind(logger);
      logger.logQuery = (query, parameters, queryRunner) => {
        statements.push(query);
        original(query, parameters, queryRunner);
      };
      const QUERY = `query($first: Int, $filter: IdeaFilter) { ideas(first: $first, filter: $filter) { edges { node { id adoptedBy { id name } adoption { id message tutors { id } } } } } }`;
      const page = async (first: number, viewer: TestUser) => {
        statements.length = 0;
        const edges = (await gqlOk(api.url, QUERY, { first, filter: { challengeId: run.challenge.id } }, viewer.token)).ideas.edges;
        expect(edges).toHaveLength(first);
        return { edges, count: statements.length };
      };
      try {
        const asCompany = [await page(10, sponsor), await page(100, sponsor)];
        expect(asCompany[1]!.count).toBe(asCompany[0]!.count);
        expect(asCompany[1]!.edges.every((e: any) => e.node.adoptedBy.id === companyId && e.node.adoption.message === 'Vi adottiamo')).toBe(true);
        const asOrganizer = [await page(10, run.organizer), await page(100, run.organizer)];
        expect(asOrganizer[1]!.count).toBe(asOrganizer[0]!.count);
        const stranger = await signUp(api.url, { label: 'stranger' });
        await page(10, stranger); // a new user's first request reads what later ones find cached
        const asStranger = [await page(10, stranger), await page(100, stranger)];
        expect(asStranger[1]!.count).toBe(asStranger[0]!.count);
        expect(asStranger[1]!.edges.every((e: any) => e.node.adoptedBy.id === companyId && e.node.adoption === null)).toBe(true);
      } finally {
        logger.logQuery = original;
      }
    });

    it("lets a tutor see a team's idea that is not public (through the same access policy as everyone)", async () => {
      const adopted = await adoptedTeam(api.url, db);
      // Withdrawn (as if), the idea is no longer public: the tutor still sees it, the public and other sponsors do not.
      await db.query(`UPDATE idea SET status = 'WITHDRAWN' WHERE id = $1`, [adopted.ideaId]);
      try {
        expect((await gqlOk(api.url, `query($id: ID!) { idea(id: $id) { id } }`, { id: adopted.ideaId }, adopted.tutor.token)).idea.id).toBe(adopted.ideaId);
        expect((await gqlError(api.url, `query($id: ID!) { idea(id: $id) { id } }`, { id: adopted.ideaId })).code).toBe('NOT_FOUND');
        expect((await gqlError(api.url, `query($id: ID!) { idea(id: $id) { id } }`, { id: adopted.ideaId }, adopted.sponsor.token)).code).toBe('NOT_FOUND');
      } finally {
        await db.query(`UPDATE idea SET status = 'SUBMITTED' WHERE id = $1`, [adopted.ideaId]);
      }
    });
  });
});
