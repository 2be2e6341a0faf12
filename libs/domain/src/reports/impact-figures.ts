/**
 * The figures of the edition impact report (docs/rules.md "Reports" > Edition impact report), for every group at once:
 * one statement, every aggregate computed by PostgreSQL over GROUPING SETS ((), (district), (district, school_id)),
 * returned in long form (one row per group, figure and theme) and folded here into the three levels.
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

type NumericFigure = Exclude<keyof ImpactFigures, 'ideasByTheme' | 'daysToFirstAdoption' | 'medianDaysToAdoption'>;

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

const GROUPS = `GROUPING SETS ((), (district), (district, school_id))`;
const LEVEL = `GROUPING(district, school_id)`;

/** Every figure of every group: rows (level: 3 overall, 1 district, 0 school; district; school_id; figure; theme; value). */
export const impactFiguresSql = `
WITH ed AS (
  SELECT id, results_published_at FROM challenge
   WHERE organizer_id = $1 AND status <> 'DRAFT' AND submission_opens_at >= $2 AND submission_opens_at < $3
), ts AS (
  SELECT t.id AS team_id, t.challenge_id, t.school_id, s.district, t.class_name
    FROM team t JOIN ed ON ed.id = t.challenge_id LEFT JOIN organization s ON s.id = t.school_id
), ti AS (
  SELECT i.id AS idea_id, i.status, i.theme_id, ts.challenge_id, ts.district, ts.school_id FROM idea i JOIN ts ON ts.team_id = i.team_id
), first_adoption AS (
  SELECT ti.idea_id, ti.challenge_id, ti.district, ti.school_id,
         date_part('epoch', min(a.decided_at) - ed.results_published_at) / 86400 AS days
    FROM adoption a JOIN ti ON ti.idea_id = a.idea_id JOIN ed ON ed.id = ti.challenge_id
   WHERE a.status IN ('ACCEPTED', 'COMPLETED') AND a.decided_at IS NOT NULL AND ed.results_published_at IS NOT NULL
   GROUP BY ti.idea_id, ti.challenge_id, ti.district, ti.school_id, ed.results_published_at
)
SELECT g.level, g.district, g.school_id, f.figure, NULL::text AS theme, f.value FROM (
  SELECT ${LEVEL} AS level, district, school_id, count(*) AS teams, count(DISTINCT challenge_id) AS editions, count(DISTINCT school_id) AS schools,
         count(DISTINCT CASE WHEN school_id IS NOT NULL THEN concat_ws('/', challenge_id, school_id, coalesce(nullif(lower(btrim(class_name)), ''), 'team:' || team_id)) END) AS classes
    FROM ts GROUP BY ${GROUPS}
) g CROSS JOIN LATERAL (VALUES ('teams', g.teams::float8), ('editions', g.editions::float8), ('schools', g.schools::float8), ('classes', g.classes::float8)) f(figure, value)
UNION ALL
SELECT g.level, g.district, g.school_id, f.figure, NULL, f.value FROM (
  SELECT ${LEVEL} AS level, district, school_id,
         count(DISTINCT tm.user_id) FILTER (WHERE tm.role <> 'COACH') AS students, count(DISTINCT tm.user_id) FILTER (WHERE tm.role = 'COACH') AS teachers
    FROM ts JOIN team_member tm ON tm.team_id = ts.team_id GROUP BY ${GROUPS}
) g CROSS JOIN LATERAL (VALUES ('students', g.students::float8), ('teachers', g.teachers::float8)) f(figure, value)
UNION ALL
SELECT ${LEVEL}, district, school_id, 'ideasSubmitted', NULL, count(*)::float8 FROM ti WHERE status = 'SUBMITTED' GROUP BY ${GROUPS}
UNION ALL
SELECT ${LEVEL}, district, school_id, 'ideasByTheme', th.name, count(*)::float8
  FROM ti JOIN theme th ON th.id = ti.theme_id WHERE ti.status = 'SUBMITTED' GROUP BY th.name, ${GROUPS}
UNION ALL
SELECT ${LEVEL}, district, school_id, 'reviews', NULL, count(*)::float8 FROM review r JOIN ti ON ti.idea_id = r.idea_id GROUP BY ${GROUPS}
UNION ALL
SELECT ${LEVEL}, district, school_id, 'awards', NULL, count(*)::float8 FROM award a JOIN ti ON ti.idea_id = a.idea_id GROUP BY ${GROUPS}
UNION ALL
SELECT g.level, g.district, g.school_id, f.figure, NULL, f.value FROM (
  SELECT ${LEVEL} AS level, district, school_id, count(*) AS proposed, count(*) FILTER (WHERE a.status IN ('ACCEPTED', 'COMPLETED')) AS accepted
    FROM adoption a JOIN ti ON ti.idea_id = a.idea_id GROUP BY ${GROUPS}
) g CROSS JOIN LATERAL (VALUES ('adoptionsProposed', g.proposed::float8), ('adoptionsAccepted', g.accepted::float8)) f(figure, value)
UNION ALL
SELECT ${LEVEL}, district, school_id, 'medianDaysToAdoption', NULL, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM first_adoption GROUP BY ${GROUPS}
UNION ALL
SELECT level, district, school_id, 'daysToFirstAdoption', NULL, avg(first_days) FROM (
  SELECT ${LEVEL} AS level, district, school_id, challenge_id, min(days) AS first_days FROM first_adoption GROUP BY challenge_id, ${GROUPS}
) per_edition GROUP BY level, district, school_id
UNION ALL
SELECT g.level, g.district, g.school_id, f.figure, NULL, f.value FROM (
  SELECT ${LEVEL} AS level, district, school_id, count(*) AS founded,
         count(*) FILTER (WHERE mc.status = 'LAUNCHED' OR EXISTS (SELECT 1 FROM milestone m WHERE m.mini_company_id = mc.id AND m.kind = 'MARKET_LAUNCH' AND m.status = 'APPROVED')) AS launched
    FROM mini_company mc JOIN ts ON ts.team_id = mc.team_id GROUP BY ${GROUPS}
) g CROSS JOIN LATERAL (VALUES ('miniCompaniesFounded', g.founded::float8), ('miniCompaniesLaunched', g.launched::float8)) f(figure, value)
UNION ALL
SELECT g.level, g.district, g.school_id, f.figure, NULL, f.value FROM (
  SELECT ${LEVEL} AS level, district, school_id,
         count(*) FILTER (WHERE m.status = 'APPROVED' AND m.submitted_at <= m.due_at) AS on_time,
         count(*) FILTER (WHERE m.status = 'APPROVED' AND (m.submitted_at IS NULL OR m.submitted_at > m.due_at)) AS late
    FROM milestone m JOIN mini_company mc ON mc.id = m.mini_company_id JOIN ts ON ts.team_id = mc.team_id GROUP BY ${GROUPS}
) g CROSS JOIN LATERAL (VALUES ('milestonesApprovedOnTime', g.on_time::float8), ('milestonesApprovedLate', g.late::float8)) f(figure, value)`;

export interface ImpactRow {
  level: number;
  district: string | null;
  school_id: string | null;
  figure: string;
  theme: string | null;
  value: number | null;
}

/** Days and other fractional figures are given to two decimals. */
const round2 = (value: number) => Math.round(value * 100) / 100;

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
  for (const row of rows) {
    let figures: ImpactFigures;
    if (row.level === 3) figures = overall;
    else if (row.level === 1) {
      figures = districts.get(row.district) ?? emptyFigures();
      districts.set(row.district, figures);
    } else {
      if (row.school_id === null) continue;
      figures = schools.get(row.school_id) ?? emptyFigures();
      schools.set(row.school_id, figures);
    }
    const value = row.value === null ? null : Number(row.value);
    if (row.figure === 'ideasByTheme') figures.ideasByTheme.push({ theme: row.theme ?? '', count: value ?? 0 });
    else if (row.figure === 'daysToFirstAdoption' || row.figure === 'medianDaysToAdoption') figures[row.figure] = value === null ? null : round2(value);
    else figures[row.figure as NumericFigure] = value ?? 0;
  }
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
