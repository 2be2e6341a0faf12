// impactFiguresSql counts each additive figure per school and readImpactRows adds the schools up per district and
// overall; only the distinct people and the days to adoption are computed per level. These tests hold the report equal
// to an independent count, in TypeScript, of random small worlds inserted in bulk: teams without a school, schools
// without a district, students in several teams, schools and districts over the editions, coaches of several schools,
// ideas of every status and none, reviews, awards, adoptions, mini-companies and milestones, and around them what must
// not count (a DRAFT edition, an edition outside the period).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { emptyFigures, impactFiguresSql, readImpactRows, type ImpactFigures } from '#domain/reports/impact-figures.js';
import { openDatabase } from './helpers/db.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T10:00:00Z');
const PERIOD = { from: new Date(T0 - 400 * DAY), to: new Date(T0 + 30 * DAY) };

let db: DataSource;
beforeAll(async () => {
  db = await openDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** mulberry32: the same world for the same seed, so that a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

interface World {
  promoterId: string;
  schoolDistrict: Map<string, string | null>;
  editions: { id: string; counted: boolean; resultsAt: number | null }[];
  teams: { id: string; edition: number; schoolId: string | null; className: string | null }[];
  members: { team: number; userId: string; coach: boolean }[];
  ideas: { id: string; team: number; status: string; theme: string }[];
  reviews: { idea: number; juror: string }[];
  awards: number[];
  adoptions: { idea: number; status: string; decidedAt: number | null }[];
  miniCompanies: { team: number; idea: number; status: string; milestones: { kind: string; status: string; dueAt: number; submittedAt: number | null }[] }[];
}

const ids = (n: number) => Array.from({ length: n }, () => randomUUID());

/** A random world, built in memory with its ids, then inserted. */
function buildWorld(seed: number): World {
  const r = random(seed);
  const schools = ids(5);
  const schoolDistrict = new Map(schools.map((s) => [s, r.pick(['Nord', 'Sud', 'Valle', null])]));
  const students = ids(14);
  const coaches = ids(3);
  // Three counted editions, a DRAFT and one outside the period (last two not counted).
  const editions = [0, 1, 2, 3, 4].map((e) => ({ id: randomUUID(), counted: e < 3, resultsAt: e === 0 || r.chance(0.5) ? T0 - (e + 1) * 30 * DAY : null }));
  const world: World = { promoterId: randomUUID(), schoolDistrict, editions, teams: [], members: [], ideas: [], reviews: [], awards: [], adoptions: [], miniCompanies: [] };
  editions.forEach((_, e) => {
    const pool = [...students].sort(() => r.next() - 0.5);
    for (let k = 0; k < 3 + r.int(4); k++) {
      const team = world.teams.push({ id: randomUUID(), edition: e, schoolId: r.chance(0.2) ? null : r.pick(schools), className: r.pick(['5A', ' 5a ', '4B', '', null]) }) - 1;
      for (let s = 0; s < 1 + r.int(3) && pool.length > 0; s++) world.members.push({ team, userId: pool.pop()!, coach: false });
      if (r.chance(0.7)) world.members.push({ team, userId: r.pick(coaches), coach: true });
      if (r.chance(0.15)) continue; // no idea yet
      const idea =
        world.ideas.push({ id: randomUUID(), team, status: r.pick(['SUBMITTED', 'SUBMITTED', 'DRAFT', 'WITHDRAWN']), theme: r.pick(['Acqua', 'Energia', 'Mobilità']) }) - 1;
      for (const juror of ['J1', 'J2', 'J3']) if (r.chance(0.5)) world.reviews.push({ idea, juror });
      if (r.chance(0.2)) world.awards.push(idea);
      let accepted = false;
      for (let p = 0; p < r.int(3); p++) {
        const status = accepted ? r.pick(['DECLINED', 'PROPOSED', 'WITHDRAWN']) : r.pick(['PROPOSED', 'ACCEPTED', 'COMPLETED', 'DECLINED']);
        accepted ||= status === 'ACCEPTED' || status === 'COMPLETED';
        world.adoptions.push({ idea, status, decidedAt: status === 'PROPOSED' ? null : T0 + r.int(90) * DAY + r.int(DAY) });
      }
      if (r.chance(0.3)) {
        const milestones = ['CONCEPT', 'BUSINESS_PLAN', 'MARKET_LAUNCH']
          .filter(() => r.chance(0.7))
          .map((kind) => {
            const dueAt = T0 + r.int(60) * DAY;
            const status = r.pick(['PLANNED', 'SUBMITTED', 'APPROVED', 'APPROVED', 'OVERDUE']);
            return { kind, status, dueAt, submittedAt: status === 'PLANNED' || r.chance(0.1) ? null : dueAt + (r.int(5) - 2) * DAY };
          });
        world.miniCompanies.push({ team, idea, status: r.pick(['ACTIVE', 'ACTIVE', 'LAUNCHED', 'CLOSED']), milestones });
      }
    }
  });
  return world;
}

async function insertWorld(w: World): Promise<void> {
  const tag = randomUUID().slice(0, 8);
  const users = [...new Set(w.members.map((m) => m.userId))];
  await db.transaction(async (m) => {
    await m.query(`INSERT INTO organization (id, name, kind) VALUES ($1, 'Promotore ' || $2::text, 'PROMOTER')`, [w.promoterId, tag]);
    await m.query(
      `INSERT INTO organization (id, name, kind, district) SELECT id, 'Scuola ' || $3::text || ' ' || n, 'SCHOOL', d FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS x(id, d, n)`,
      [[...w.schoolDistrict.keys()], [...w.schoolDistrict.values()], tag],
    );
    const [company] = await m.query(`INSERT INTO organization (name, kind) VALUES ('Impresa ' || $1::text, 'COMPANY') RETURNING id`, [tag]);
    await m.query(`INSERT INTO app_user (id, email, password_hash, display_name) SELECT id, id || '@impact.invalid', 'x', 'Persona' FROM unnest($1::uuid[]) AS id`, [users]);
    const [tutor] = await m.query(`INSERT INTO app_user (email, password_hash, display_name) VALUES ($1::text || '@impact.invalid', 'x', 'Tutor') RETURNING id`, [tag]);
    await m.query(
      `INSERT INTO challenge (id, organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size,
                              results_published_at)
       SELECT id, $2, 'impact-' || $3::text || '-' || n, 'Edizione ' || n, 'Prova.', 'SCHOOL_CLIMATHON', CASE WHEN n = 4 THEN 'DRAFT' ELSE 'CLOSED' END::challenge_status,
              to_timestamp($4::float8 / 1000) - CASE WHEN n = 5 THEN interval '500 days' ELSE n * interval '40 days' END, to_timestamp($4::float8 / 1000), to_timestamp($4::float8 / 1000),
              3, 30, to_timestamp(r / 1000)
         FROM unnest($1::uuid[], $5::float8[]) WITH ORDINALITY AS x(id, r, n)`,
      [w.editions.map((e) => e.id), w.promoterId, tag, T0, w.editions.map((e) => e.resultsAt)],
    );
    const themes = ['Acqua', 'Energia', 'Mobilità'];
    await m.query(`INSERT INTO theme (challenge_id, name, position) SELECT c, t.name, t.p FROM unnest($1::uuid[]) AS c, unnest($2::text[]) WITH ORDINALITY AS t(name, p)`, [
      w.editions.map((e) => e.id),
      themes,
    ]);
    await m.query(
      `INSERT INTO team (id, challenge_id, name, school_id, class_name, join_code) SELECT id, c, 'Squadra ' || n, s, k, $5::text || '-' || n
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS x(id, c, s, k, n)`,
      [w.teams.map((t) => t.id), w.teams.map((t) => w.editions[t.edition]!.id), w.teams.map((t) => t.schoolId), w.teams.map((t) => t.className), tag],
    );
    // A coach of several teams of one edition is one membership per team (the primary key is team and user).
    const memberships = [...new Map(w.members.map((x) => [`${x.team}/${x.userId}`, x])).values()];
    await m.query(
      `INSERT INTO team_member (team_id, user_id, challenge_id, role)
       SELECT t.id, u, t.challenge_id, CASE WHEN coach THEN 'COACH' ELSE 'STUDENT' END::team_role FROM unnest($1::uuid[], $2::uuid[], $3::bool[]) AS x(team, u, coach) JOIN team t ON t.id = x.team`,
      [memberships.map((x) => w.teams[x.team]!.id), memberships.map((x) => x.userId), memberships.map((x) => x.coach)],
    );
    await m.query(
      `INSERT INTO idea (id, team_id, challenge_id, theme_id, title, summary, problem, solution, status, submitted_at)
       SELECT x.id, t.id, t.challenge_id, th.id, 'Idea', 'Sintesi', 'Problema', 'Soluzione', x.status::idea_status, CASE WHEN x.status = 'SUBMITTED' THEN now() END
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS x(id, team, status, theme) JOIN team t ON t.id = x.team JOIN theme th ON th.challenge_id = t.challenge_id AND th.name = x.theme`,
      [w.ideas.map((i) => i.id), w.ideas.map((i) => w.teams[i.team]!.id), w.ideas.map((i) => i.status), w.ideas.map((i) => i.theme)],
    );
    await m.query(
      `WITH j AS (INSERT INTO juror (challenge_id, user_id) SELECT c.id, $2 FROM challenge c WHERE c.id = ANY($1::uuid[]) RETURNING id, challenge_id)
       SELECT 1`,
      [w.editions.map((e) => e.id), tutor.id],
    );
    await m.query(
      `WITH spec AS (SELECT i.id AS idea_id, i.challenge_id, j.id AS juror_id FROM unnest($1::uuid[]) WITH ORDINALITY AS x(idea, n) JOIN idea i ON i.id = x.idea JOIN juror j ON j.challenge_id = i.challenge_id AND j.user_id = $2),
            a AS (INSERT INTO review_assignment (challenge_id, idea_id, juror_id, status, due_at) SELECT challenge_id, idea_id, juror_id, 'SUBMITTED', now() FROM spec RETURNING id, challenge_id, idea_id, juror_id)
       INSERT INTO review (assignment_id, challenge_id, idea_id, juror_id, scores, total, version, submitted_at, updated_at) SELECT id, challenge_id, idea_id, juror_id, '[]', 50, 1, now(), now() FROM a`,
      [[...new Set(w.reviews.map((x) => w.ideas[x.idea]!.id))], tutor.id],
    );
    // A juror reviews an idea once: the other reviews of an idea come from jurors of their own.
    const extra = w.reviews.filter((x, k) => w.reviews.findIndex((y) => y.idea === x.idea) !== k);
    for (const x of extra) {
      const [juror] = await m.query(
        `WITH u AS (INSERT INTO app_user (email, password_hash, display_name) VALUES ($2::text || '@impact.invalid', 'x', 'Giurato') RETURNING id)
         INSERT INTO juror (challenge_id, user_id) SELECT i.challenge_id, u.id FROM idea i, u WHERE i.id = $1 RETURNING id, challenge_id`,
        [w.ideas[x.idea]!.id, randomUUID()],
      );
      await m.query(
        `WITH a AS (INSERT INTO review_assignment (challenge_id, idea_id, juror_id, status, due_at) VALUES ($1, $2, $3, 'SUBMITTED', now()) RETURNING id)
         INSERT INTO review (assignment_id, challenge_id, idea_id, juror_id, scores, total, version, submitted_at, updated_at) SELECT id, $1, $2, $3, '[]', 50, 1, now(), now() FROM a`,
        [juror.challenge_id, w.ideas[x.idea]!.id, juror.id],
      );
    }
    await m.query(
      `INSERT INTO award (challenge_id, idea_id, title, place, position) SELECT i.challenge_id, i.id, 'Premio', n, n FROM unnest($1::uuid[]) WITH ORDINALITY AS x(idea, n) JOIN idea i ON i.id = x.idea`,
      [w.awards.map((a) => w.ideas[a]!.id)],
    );
    // Each proposal from a company of its own (one open proposal per idea and company).
    for (const a of w.adoptions) {
      const [c] = await m.query(`INSERT INTO organization (name, kind) VALUES ('Impresa ' || $1::text, 'COMPANY') RETURNING id`, [randomUUID().slice(0, 8)]);
      await m.query(
        `INSERT INTO adoption (idea_id, company_id, proposed_by_id, message, status, decided_at) VALUES ($1, $2, $3, 'Vi adottiamo', $4::adoption_status, to_timestamp($5::float8 / 1000))`,
        [w.ideas[a.idea]!.id, c.id ?? company.id, tutor.id, a.status, a.decidedAt],
      );
    }
    for (const mc of w.miniCompanies) {
      const [row] = await m.query(
        `INSERT INTO mini_company (team_id, idea_id, name, status, founded_at) VALUES ($1, $2, 'Mini impresa', $3::mini_company_status, now()) RETURNING id`,
        [w.teams[mc.team]!.id, w.ideas[mc.idea]!.id, mc.status],
      );
      for (const [p, ms] of mc.milestones.entries()) {
        await m.query(
          `INSERT INTO milestone (mini_company_id, position, kind, title, due_at, status, submitted_at)
           VALUES ($1, $2, $3::milestone_kind, $3, to_timestamp($4::float8 / 1000), $5::milestone_status, to_timestamp($6::float8 / 1000))`,
          [row.id, p, ms.kind, ms.dueAt, ms.status, ms.submittedAt],
        );
      }
    }
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/** The figures of the counted editions' teams that `inGroup` keeps, counted straight from the world's lists. */
function reference(w: World, inGroup: (team: World['teams'][number]) => boolean): ImpactFigures {
  const teamOk = (t: number) => w.editions[w.teams[t]!.edition]!.counted && inGroup(w.teams[t]!);
  const teams = w.teams.map((t, k) => ({ ...t, k })).filter((t) => teamOk(t.k));
  const ideas = w.ideas.map((i, k) => ({ ...i, k })).filter((i) => teamOk(i.team));
  const ideaOk = (k: number) => teamOk(w.ideas[k]!.team);
  const members = w.members.filter((x) => teamOk(x.team));
  const themes = new Map<string, number>();
  for (const i of ideas) if (i.status === 'SUBMITTED') themes.set(i.theme, (themes.get(i.theme) ?? 0) + 1);
  // First accepted adoption per idea, in days after its edition's results.
  const firsts = new Map<number, { edition: number; days: number }>();
  for (const a of w.adoptions) {
    const results = w.editions[w.teams[w.ideas[a.idea]!.team]!.edition]!.resultsAt;
    if (!ideaOk(a.idea) || !['ACCEPTED', 'COMPLETED'].includes(a.status) || a.decidedAt === null || results === null) continue;
    const days = (a.decidedAt - results) / DAY;
    const seen = firsts.get(a.idea);
    if (!seen || days < seen.days) firsts.set(a.idea, { edition: w.teams[w.ideas[a.idea]!.team]!.edition, days });
  }
  const perEdition = new Map<number, number>();
  for (const f of firsts.values()) perEdition.set(f.edition, Math.min(perEdition.get(f.edition) ?? Infinity, f.days));
  const mcs = w.miniCompanies.filter((mc) => teamOk(mc.team));
  const approved = mcs.flatMap((mc) => mc.milestones).filter((ms) => ms.status === 'APPROVED');
  return {
    ...emptyFigures(),
    editions: new Set(teams.map((t) => t.edition)).size,
    schools: new Set(teams.filter((t) => t.schoolId).map((t) => t.schoolId)).size,
    classes: new Set(teams.filter((t) => t.schoolId).map((t) => `${t.edition}/${t.schoolId}/${t.className?.trim().toLowerCase() || `team ${t.k}`}`)).size,
    teams: teams.length,
    students: new Set(members.filter((x) => !x.coach).map((x) => x.userId)).size,
    teachers: new Set(members.filter((x) => x.coach).map((x) => x.userId)).size,
    ideasSubmitted: ideas.filter((i) => i.status === 'SUBMITTED').length,
    ideasByTheme: [...themes].map(([theme, count]) => ({ theme, count })).sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme, 'it')),
    reviews: w.reviews.filter((x) => ideaOk(x.idea)).length,
    awards: w.awards.filter(ideaOk).length,
    adoptionsProposed: w.adoptions.filter((a) => ideaOk(a.idea)).length,
    adoptionsAccepted: w.adoptions.filter((a) => ideaOk(a.idea) && ['ACCEPTED', 'COMPLETED'].includes(a.status)).length,
    daysToFirstAdoption: perEdition.size ? round2([...perEdition.values()].reduce((s, d) => s + d, 0) / perEdition.size) : null,
    medianDaysToAdoption: round2(median([...firsts.values()].map((f) => f.days))),
    miniCompaniesFounded: mcs.length,
    miniCompaniesLaunched: mcs.filter((mc) => mc.status === 'LAUNCHED' || mc.milestones.some((ms) => ms.kind === 'MARKET_LAUNCH' && ms.status === 'APPROVED')).length,
    milestonesApprovedOnTime: approved.filter((ms) => ms.submittedAt !== null && ms.submittedAt <= ms.dueAt).length,
    milestonesApprovedLate: approved.filter((ms) => ms.submittedAt === null || ms.submittedAt > ms.dueAt).length,
  };
}

describe('impactFiguresSql and readImpactRows', () => {
  for (const seed of [14, 1401, 2026, 9]) {
    it(`equal an independent count overall, per district and per school (seed ${seed})`, async () => {
      const world = buildWorld(seed);
      await insertWorld(world);
      const rows = await db.transaction(async (m) => {
        await m.query(`SET LOCAL jit = off`);
        return m.query(impactFiguresSql, [world.promoterId, PERIOD.from, PERIOD.to]);
      });
      const report = readImpactRows(rows);
      const counted = world.teams.filter((t) => world.editions[t.edition]!.counted);
      const districtOf = (t: World['teams'][number]) => (t.schoolId === null ? null : world.schoolDistrict.get(t.schoolId)!);
      const districts = [...new Set(counted.map(districtOf))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'it')));
      const schools = [...new Set(counted.flatMap((t) => (t.schoolId ? [t.schoolId] : [])))].sort();

      // The world has what the rollup must get right (else the seed proves little).
      expect(counted.some((t) => t.schoolId === null)).toBe(true);
      expect(world.members.some((x) => !x.coach && new Set(world.members.filter((y) => y.userId === x.userId).map((y) => districtOf(world.teams[y.team]!))).size > 1)).toBe(true);

      expect(report.overall).toEqual(reference(world, () => true));
      expect(report.byDistrict.map((d) => d.district)).toEqual(districts);
      for (const d of report.byDistrict) expect([d.district, d.figures]).toEqual([d.district, reference(world, (t) => districtOf(t) === d.district)]);
      expect(report.bySchool.map((s) => s.schoolId).sort()).toEqual(schools);
      for (const s of report.bySchool) expect([s.schoolId, s.figures]).toEqual([s.schoolId, reference(world, (t) => t.schoolId === s.schoolId)]);
    });
  }
});
