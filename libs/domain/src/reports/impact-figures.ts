/**
 * The figures of the edition impact report (docs/rules.md "Reports" > Edition impact report), for every group at once:
 * one statement (impactFiguresSql) returns each additive figure per school and what does not add up per level, in long
 * form, and readImpactRows folds it into the three levels (overall, per district, per school).
 *
 * The editions ($1 organizer, submissions opening in [$2, $3), past DRAFT) reach their teams, and each team its
 * school's district. Decisions where docs/rules.md is silent:
 * - students: distinct people who are non-coach members (STUDENT, CAPTAIN) of the editions' teams; teachers: distinct coaches;
 * - classes: distinct (edition, school, class name, case- and space-insensitive) of teams with a school; a team without a
 *   class name is a class of its own;
 * - adoptions proposed: every proposal ever made for the editions' ideas; accepted: ACCEPTED or COMPLETED;
 * - days to first adoption: per edition, from its results to the first adoption accepted among the group's ideas,
 *   averaged over the group's editions that have one; median days to adoption: over adopted ideas;
 * - mini-companies launched: LAUNCHED, or with MARKET_LAUNCH approved;
 * - a milestone approved on time was submitted by its due date (as rescheduled), late otherwise.
 */

export interface ThemeCount {
  theme: string;
  count: number;
}

export interface ImpactFigures {
  editions: number;
  schools: number;
  classes: number;
  teams: number;
  students: number;
  teachers: number;
  ideasSubmitted: number;
  /** Submitted ideas per theme name (themes of several editions with the same name count together), most first. */
  ideasByTheme: ThemeCount[];
  reviews: number;
  awards: number;
  adoptionsProposed: number;
  adoptionsAccepted: number;
  daysToFirstAdoption: number | null;
  medianDaysToAdoption: number | null;
  miniCompaniesFounded: number;
  miniCompaniesLaunched: number;
  milestonesApprovedOnTime: number;
  milestonesApprovedLate: number;
}

export const emptyFigures = (): ImpactFigures => ({
  editions: 0,
  schools: 0,
  classes: 0,
  teams: 0,
  students: 0,
  teachers: 0,
  ideasSubmitted: 0,
  ideasByTheme: [],
  reviews: 0,
  awards: 0,
  adoptionsProposed: 0,
  adoptionsAccepted: 0,
  daysToFirstAdoption: null,
  medianDaysToAdoption: null,
  miniCompaniesFounded: 0,
  miniCompaniesLaunched: 0,
  milestonesApprovedOnTime: 0,
  milestonesApprovedLate: 0,
});

/**
 * Every figure of every group, in long form: rows (figure, challenge_id, school_id, district, theme, a, b, c, d).
 * The additive figures are counted once per school (per edition and school for teams and classes; a null school_id
 * stands for the teams without a school) with plain hash aggregates, and readImpactRows adds them up per district and
 * overall; a class belongs to one edition and school, so classes add up too. Only what does not add up is computed
 * per level here: the distinct students and teachers (`people:1` per school, `people:2` per district, `people:3`
 * overall, from one hashed grouping of the memberships), and the days to adoption (a median, and a minimum per edition,
 * over the few adopted ideas: level 0 school, 1 district, 3 overall). Each branch joins the tables itself, so that the
 * planner sees their statistics (a CTE shared by every branch has none, and made it hash 241,000 reviews instead of
 * 50,000 ideas), and the small tables (awards, adoptions, mini-companies) reach their teams through the primary keys.
 * Reviews are counted per idea before the join (one hash of 50,000 ideas, not of 241,000 reviews).
 */
export const impactFiguresSql = `
WITH ed AS MATERIALIZED (
  SELECT id, results_published_at FROM challenge
   WHERE organizer_id = $1 AND status <> 'DRAFT' AND submission_opens_at >= $2 AND submission_opens_at < $3
), people AS (
  SELECT tm.user_id, tm.role = 'COACH' AS coach, t.school_id, s.district, GROUPING(t.school_id, s.district) AS level
    FROM team_member tm JOIN team t ON t.id = tm.team_id LEFT JOIN organization s ON s.id = t.school_id WHERE t.challenge_id IN (SELECT id FROM ed)
   GROUP BY GROUPING SETS ((tm.user_id, coach, t.school_id), (tm.user_id, coach, s.district), (tm.user_id, coach))
), first_adoption AS (
  SELECT a.idea_id, t.challenge_id, s.district, t.school_id, date_part('epoch', min(a.decided_at) - ed.results_published_at) / 86400 AS days
    FROM adoption a JOIN idea i ON i.id = a.idea_id JOIN team t ON t.id = i.team_id JOIN ed ON ed.id = t.challenge_id LEFT JOIN organization s ON s.id = t.school_id
   WHERE a.status IN ('ACCEPTED', 'COMPLETED') AND a.decided_at IS NOT NULL AND ed.results_published_at IS NOT NULL
   GROUP BY a.idea_id, t.challenge_id, s.district, t.school_id, ed.results_published_at
)
SELECT 'teams' AS figure, c.challenge_id, c.school_id, s.district, NULL::text AS theme, sum(c.teams)::float8 AS a, count(*)::float8 AS b, NULL::float8 AS c, NULL::float8 AS d
  FROM (SELECT challenge_id, school_id, count(*) AS teams FROM team WHERE challenge_id IN (SELECT id FROM ed)
         GROUP BY challenge_id, school_id, coalesce(nullif(lower(btrim(class_name)), ''), 'team:' || id)) c
  LEFT JOIN organization s ON s.id = c.school_id GROUP BY c.challenge_id, c.school_id, s.district
UNION ALL
SELECT 'ideas', NULL, t.school_id, NULL, th.name, count(*) FILTER (WHERE i.status = 'SUBMITTED'), sum(r.n), sum(aw.n), NULL
  FROM team t JOIN idea i ON i.team_id = t.id LEFT JOIN theme th ON th.id = i.theme_id
  LEFT JOIN (SELECT idea_id, count(*) AS n FROM review GROUP BY idea_id) r ON r.idea_id = i.id
  LEFT JOIN (SELECT idea_id, count(*) AS n FROM award GROUP BY idea_id) aw ON aw.idea_id = i.id
 WHERE t.challenge_id IN (SELECT id FROM ed) GROUP BY t.school_id, th.name
UNION ALL
SELECT 'adoptions', NULL, t.school_id, NULL, NULL, count(*), count(*) FILTER (WHERE a.status IN ('ACCEPTED', 'COMPLETED')), NULL, NULL
  FROM adoption a JOIN idea i ON i.id = a.idea_id JOIN team t ON t.id = i.team_id WHERE t.challenge_id IN (SELECT id FROM ed) GROUP BY t.school_id
UNION ALL
SELECT 'miniCompanies', NULL, t.school_id, NULL, NULL, count(DISTINCT mc.id),
       count(DISTINCT mc.id) FILTER (WHERE mc.status = 'LAUNCHED' OR EXISTS (SELECT 1 FROM milestone m WHERE m.mini_company_id = mc.id AND m.kind = 'MARKET_LAUNCH' AND m.status = 'APPROVED')),
       count(m.id) FILTER (WHERE m.status = 'APPROVED' AND m.submitted_at <= m.due_at), count(m.id) FILTER (WHERE m.status = 'APPROVED' AND (m.submitted_at IS NULL OR m.submitted_at > m.due_at))
  FROM mini_company mc JOIN team t ON t.id = mc.team_id LEFT JOIN milestone m ON m.mini_company_id = mc.id WHERE t.challenge_id IN (SELECT id FROM ed) GROUP BY t.school_id
UNION ALL
SELECT 'people:' || level, NULL, school_id, district, NULL, count(*) FILTER (WHERE NOT coach), count(*) FILTER (WHERE coach), NULL, NULL
  FROM people WHERE level <> 0 OR school_id IS NOT NULL GROUP BY level, school_id, district
UNION ALL
SELECT 'medianDays:' || GROUPING(district, school_id), NULL, school_id, district, NULL, percentile_cont(0.5) WITHIN GROUP (ORDER BY days), NULL, NULL, NULL
  FROM first_adoption GROUP BY GROUPING SETS ((), (district), (district, school_id))
UNION ALL
SELECT 'firstDays:' || level, NULL, school_id, district, NULL, avg(first_days), NULL, NULL, NULL FROM (
  SELECT GROUPING(district, school_id) AS level, district, school_id, challenge_id, min(days) AS first_days FROM first_adoption GROUP BY challenge_id, GROUPING SETS ((), (district), (district, school_id))
) per_edition GROUP BY level, district, school_id`;
export interface ImpactRow {
  figure: string;
  challenge_id: string | null;
  school_id: string | null;
  district: string | null;
  theme: string | null;
  a: number | null;
  b: number | null;
  c: number | null;
  d: number | null;
}

/** Days and other fractional figures are given to two decimals. */
const round2 = (value: number) => Math.round(value * 100) / 100;
const num = (value: number | string | null) => (value === null ? 0 : Number(value));

/**
 * The rows of impactFiguresSql as figures per group: overall, per district (sorted by name, no district last) and per
 * school id (teams without a school appear overall and under no district, never as a school).
 */
export function readImpactRows(rows: readonly ImpactRow[]): {
  overall: ImpactFigures;
  byDistrict: { district: string | null; figures: ImpactFigures }[];
  bySchool: { schoolId: string; figures: ImpactFigures }[];
} {
  const overall = emptyFigures();
  const districts = new Map<string | null, ImpactFigures>();
  const schools = new Map<string, ImpactFigures>();
  const districtOf = new Map<string, string | null>();
  const editions = new Map<ImpactFigures, Set<string>>();
  const schoolIds = new Map<ImpactFigures, Set<string>>();
  const themes = new Map<ImpactFigures, Map<string, number>>();
  const groupOf = <K>(groups: Map<K, ImpactFigures>, key: K) => {
    let figures = groups.get(key);
    if (!figures) groups.set(key, (figures = emptyFigures()));
    return figures;
  };
  const addTo = <V>(sets: Map<ImpactFigures, Set<V>>, figures: ImpactFigures, value: V) => {
    const set = sets.get(figures) ?? new Set<V>();
    sets.set(figures, set.add(value));
  };
  // The teams name every group (a school's district with it); every other figure is of the editions' teams.
  for (const row of rows) {
    if (row.figure !== 'teams') continue;
    const groups = [overall, groupOf(districts, row.district)];
    if (row.school_id !== null) {
      districtOf.set(row.school_id, row.district);
      groups.push(groupOf(schools, row.school_id));
    }
    for (const figures of groups) {
      figures.teams += num(row.a);
      addTo(editions, figures, row.challenge_id!);
      if (row.school_id !== null) {
        figures.classes += num(row.b);
        addTo(schoolIds, figures, row.school_id);
      }
    }
  }
  /** The groups a school's counts add up into: overall, its district, itself (null: the teams without a school). */
  const rollup = (schoolId: string | null) => {
    if (schoolId === null) return [overall, groupOf(districts, null)];
    return [overall, groupOf(districts, districtOf.get(schoolId) ?? null), groupOf(schools, schoolId)];
  };
  /** A figure given per level (0 or 1 school, 1 or 2 district, 3 overall, as the figure's name says). */
  const atLevel = (row: ImpactRow, level: number, schoolLevel: number): ImpactFigures | null => {
    if (level === 3) return overall;
    if (level === schoolLevel) return row.school_id === null ? null : groupOf(schools, row.school_id);
    return groupOf(districts, row.district);
  };
  for (const row of rows) {
    const [figure, level] = row.figure.split(':');
    switch (figure) {
      case 'ideas':
        for (const figures of rollup(row.school_id)) {
          const submitted = num(row.a);
          figures.ideasSubmitted += submitted;
          figures.reviews += num(row.b);
          figures.awards += num(row.c);
          if (row.theme !== null && submitted > 0) {
            const counts = themes.get(figures) ?? new Map<string, number>();
            themes.set(figures, counts.set(row.theme, (counts.get(row.theme) ?? 0) + submitted));
          }
        }
        break;
      case 'adoptions':
        for (const figures of rollup(row.school_id)) {
          figures.adoptionsProposed += num(row.a);
          figures.adoptionsAccepted += num(row.b);
        }
        break;
      case 'miniCompanies':
        for (const figures of rollup(row.school_id)) {
          figures.miniCompaniesFounded += num(row.a);
          figures.miniCompaniesLaunched += num(row.b);
          figures.milestonesApprovedOnTime += num(row.c);
          figures.milestonesApprovedLate += num(row.d);
        }
        break;
      case 'people': {
        const figures = atLevel(row, Number(level), 1);
        if (figures) [figures.students, figures.teachers] = [num(row.a), num(row.b)];
        break;
      }
      case 'medianDays':
      case 'firstDays': {
        const figures = atLevel(row, Number(level), 0);
        const value = row.a === null ? null : round2(Number(row.a));
        if (figures) figures[figure === 'medianDays' ? 'medianDaysToAdoption' : 'daysToFirstAdoption'] = value;
        break;
      }
    }
  }
  for (const [figures, set] of editions) figures.editions = set.size;
  for (const [figures, set] of schoolIds) figures.schools = set.size;
  for (const [figures, counts] of themes) figures.ideasByTheme = [...counts].map(([theme, count]) => ({ theme, count }));
  const sortThemes = (f: ImpactFigures) => f.ideasByTheme.sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme, 'it'));
  sortThemes(overall);
  const byDistrict = [...districts]
    .map(([district, figures]) => ({ district, figures }))
    .sort((a, b) => (a.district === null ? 1 : b.district === null ? -1 : a.district.localeCompare(b.district, 'it')));
  byDistrict.forEach((g) => sortThemes(g.figures));
  const bySchool = [...schools].map(([schoolId, figures]) => ({ schoolId, figures }));
  bySchool.forEach((g) => sortThemes(g.figures));
  return { overall, byDistrict, bySchool };
}
