import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { streamRows } from '#platform/database/sql-stream.js';
import { type Challenge } from '../challenges/challenge.entity.js';
import { Criterion } from '../challenges/criterion.entity.js';
import { Juror } from '../judging/juror.entity.js';
import { LeaderboardService } from '../judging/leaderboard.service.js';
import type { CriterionScore } from '../judging/scoring.js';
import { PeopleService } from '../people/people.service.js';
import { requireUser, type Viewer } from '../viewer.js';
import { csvWriter, round2, type CsvSeparator } from './csv.js';
import type { ExportRequest } from './export-request.js';
import type { ImpactFigures } from './impact-figures.js';
import { ReportsService, checkPeriod, type ImpactReportData } from './reports.service.js';

/** An export ready to send: its body streams, the headers are known before the first byte. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

/** What the reviews export calls an erased juror (docs/rules.md "Erasure": "Former juror" to organizers). */
const FORMER_JUROR: Record<string, string> = { it: 'Ex membro della giuria', en: 'Former juror' };

export const jurorPseudonym = (juror: Pick<Juror, 'number'>): string => `J${juror.number}`;

interface ResultRow {
  position: string;
  rank: number | null;
  raw_score: number | null;
  normalized_score: number | null;
  review_count: number;
  idea_id: string;
  title: string;
  team_id: string;
  team_name: string;
  class_name: string | null;
  school_id: string | null;
  school_name: string | null;
  district: string | null;
  theme_id: string;
  theme: string;
  submitted_at: Date | null;
  means: Record<string, number>;
  awards: { title: string; place: number | null }[];
}

interface ReviewRow {
  id: string;
  idea_id: string;
  title: string;
  juror_number: number;
  juror_user_id: string;
  scores: CriterionScore[];
  total: number;
  comment: string | null;
  version: number;
  submitted_at: Date;
  updated_at: Date;
}

/**
 * The ranking with everything an organizer puts in a spreadsheet, one row per SUBMITTED idea in the ranking's order:
 * the ranking itself ($2...$6, computed as the leaderboard computes it) joined to each idea's team, school, district,
 * theme, the mean of each criterion over the reviews the leaderboard counts, and the awards. Streamed.
 */
const RESULTS_SQL = `
WITH rk AS (
  SELECT * FROM unnest($2::uuid[], $3::int[], $4::float8[], $5::float8[], $6::int[]) WITH ORDINALITY AS x(idea_id, rank, raw_score, normalized_score, review_count, position)
), means AS (
  SELECT idea_id, jsonb_object_agg(criterion_id, mean) AS means FROM (
    SELECT r.idea_id, s."criterionId" AS criterion_id, avg(s.value) AS mean
      FROM review r CROSS JOIN LATERAL jsonb_to_recordset(r.scores) AS s("criterionId" text, value float8)
     WHERE r.challenge_id = $1 AND r.total BETWEEN 0 AND 100
     GROUP BY r.idea_id, s."criterionId"
  ) per_criterion GROUP BY idea_id
), aw AS (
  SELECT idea_id, jsonb_agg(jsonb_build_object('title', title, 'place', place) ORDER BY position) AS awards FROM award WHERE challenge_id = $1 GROUP BY idea_id
)
SELECT rk.position, rk.rank, rk.raw_score, rk.normalized_score, rk.review_count, i.id AS idea_id, i.title, t.id AS team_id, t.name AS team_name, t.class_name,
       s.id AS school_id, s.name AS school_name, s.district, th.id AS theme_id, th.name AS theme, i.submitted_at,
       coalesce(m.means, '{}'::jsonb) AS means, coalesce(aw.awards, '[]'::jsonb) AS awards
  FROM rk JOIN idea i ON i.id = rk.idea_id JOIN team t ON t.id = i.team_id JOIN theme th ON th.id = i.theme_id
  LEFT JOIN organization s ON s.id = t.school_id LEFT JOIN means m ON m.idea_id = i.id LEFT JOIN aw ON aw.idea_id = i.id
 ORDER BY rk.position`;

/** Every review of the challenge, grouped by idea in submission order, jurors by their number. Streamed. */
const REVIEWS_SQL = `
SELECT r.id, i.id AS idea_id, i.title, j.number AS juror_number, j.user_id AS juror_user_id, r.scores, r.total, r.comment, r.version, r.submitted_at, r.updated_at
  FROM review r JOIN idea i ON i.id = r.idea_id JOIN juror j ON j.id = r.juror_id
 WHERE r.challenge_id = $1
 ORDER BY i.submitted_at, i.id, j.number`;

/** A Transform from database rows (object mode) to anything, one output per row. */
const mapRows = <T>(map: (row: T) => unknown) =>
  new Transform({
    objectMode: true,
    transform(row: T, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        callback(null, map(row));
      } catch (error) {
        callback(error as Error);
      }
    },
  });

/**
 * Chains streams (stream.pipeline): an error or an early close of any of them destroys all, so a client that goes away
 * closes the cursor and frees its connection; the last stream carries the error to whoever sends it.
 */
function chain(source: Readable, ...stages: Transform[]): Readable {
  return pipeline([source, ...stages], () => undefined) as unknown as Readable;
}

const awardsText = (awards: ResultRow['awards']) => awards.map((a) => (a.place !== null ? `${a.title} (${a.place})` : a.title)).join(' | ');
const nullableRound = (value: number | null) => (value === null ? null : round2(value));

/**
 * The exports of docs/rules.md "Results export" and the impact report's CSV: authorization as the GraphQL fields
 * (ReportsService), then rows streamed from PostgreSQL through a cursor into the CSV writer (or the JSON array).
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly leaderboard: LeaderboardService,
    private readonly people: PeopleService,
  ) {}

  /** Every check `open` makes before it reads a row (for signing a link): the same errors. */
  async authorize(viewer: Viewer, request: ExportRequest): Promise<void> {
    requireUser(viewer);
    if (request.kind === 'impact.csv') {
      // Access first (NOT_FOUND, FORBIDDEN), then the period, as impactReport checks them; without computing it.
      await this.reports.impactAccess(viewer, request.id);
      checkPeriod(request.from!, request.to!);
      return;
    }
    await this.reports.judgedChallengeFor(viewer, request.id, 'exports');
  }

  async open(viewer: Viewer, request: ExportRequest): Promise<ExportFile> {
    switch (request.kind) {
      case 'results.csv':
      case 'results.json':
        return this.results(viewer, request);
      case 'reviews.csv':
        return this.reviews(viewer, request);
      case 'impact.csv': {
        const report = await this.reports.impactReport(viewer, { organizerId: request.id, from: request.from!, to: request.to! });
        return {
          filename: `impact-${request.from!.toISOString().slice(0, 10)}-${request.to!.toISOString().slice(0, 10)}.csv`,
          contentType: CSV,
          body: impactCsv(report, request.separator),
        };
      }
    }
  }

  private async results(viewer: Viewer, request: ExportRequest): Promise<ExportFile> {
    const challenge = await this.reports.judgedChallengeFor(viewer, request.id, 'exports');
    const normalization = request.normalization ?? challenge.rankingNormalization;
    const [ranking, criteria] = await Promise.all([this.leaderboard.ranking(challenge, normalization), this.criteriaOf(challenge)]);
    const rows = await streamRows(this.dataSource, RESULTS_SQL, [
      challenge.id,
      ranking.map((e) => e.ideaId),
      ranking.map((e) => e.rank),
      ranking.map((e) => e.rawScore),
      ranking.map((e) => e.normalizedScore),
      ranking.map((e) => e.reviewCount),
    ]);
    const mean = (row: ResultRow, criterion: Criterion) => (row.review_count > 0 && row.means[criterion.id] !== undefined ? row.means[criterion.id] : null);
    if (request.kind === 'results.json') {
      const head = {
        challenge: { id: challenge.id, slug: challenge.slug, title: challenge.title, status: challenge.status, normalization },
        criteria: criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, maxScore: c.maxScore })),
      };
      const entry = (row: ResultRow) => ({
        rank: row.rank,
        rawScore: nullableRound(row.raw_score),
        normalizedScore: nullableRound(row.normalized_score),
        reviewCount: row.review_count,
        criteria: criteria.map((c) => ({ criterionId: c.id, mean: nullableRound(mean(row, c)) })),
        idea: { id: row.idea_id, title: row.title, submittedAt: row.submitted_at },
        team: { id: row.team_id, name: row.team_name, className: row.class_name },
        school: row.school_id ? { id: row.school_id, name: row.school_name } : null,
        district: row.district,
        theme: { id: row.theme_id, name: row.theme },
        awards: row.awards,
      });
      let first = true;
      const json = mapRows<ResultRow>((row) => {
        const text = `${first ? '' : ','}\n${JSON.stringify(entry(row))}`;
        first = false;
        return text;
      });
      const body = chain(rows, json, jsonEnvelope(`${JSON.stringify(head).slice(0, -1)},"results":[`, '\n]}\n'));
      return { filename: `results-${challenge.slug}.json`, contentType: 'application/json; charset=utf-8', body };
    }
    const header = [
      'rank',
      'idea_id',
      'idea',
      'team',
      'class',
      'school',
      'district',
      'theme',
      'raw_score',
      'normalized_score',
      'review_count',
      ...criteria.map((c) => `mean: ${c.name}`),
      'awards',
      'submitted_at',
    ];
    const record = (row: ResultRow) => [
      row.rank,
      row.idea_id,
      row.title,
      row.team_name,
      row.class_name,
      row.school_name,
      row.district,
      row.theme,
      row.raw_score,
      row.normalized_score,
      row.review_count,
      ...criteria.map((c) => mean(row, c)),
      awardsText(row.awards),
      row.submitted_at,
    ];
    return { filename: `results-${challenge.slug}.csv`, contentType: CSV, body: chain(rows, mapRows(record), csvWriter(header, request.separator)) };
  }

  private async reviews(viewer: Viewer, request: ExportRequest): Promise<ExportFile> {
    const challenge = await this.reports.judgedChallengeFor(viewer, request.id, 'exports');
    const criteria = await this.criteriaOf(challenge);
    let jurorName = (row: ReviewRow) => jurorPseudonym({ number: row.juror_number });
    if (request.jurorNames) {
      // The names through the person door, for the jury only (one read), before the first row.
      const jurors = await this.dataSource.getRepository(Juror).find({ where: { challengeId: challenge.id }, select: { userId: true } });
      const views = await this.people.viewsOf(viewer, [...jurors.map((j) => j.userId), viewer.userId!]);
      const former = FORMER_JUROR[views.get(viewer.userId!)?.locale ?? 'it'] ?? FORMER_JUROR.it;
      jurorName = (row) => {
        const view = views.get(row.juror_user_id);
        return !view ? jurorPseudonym({ number: row.juror_number }) : view.erased ? former : view.displayName;
      };
    }
    const rows = await streamRows(this.dataSource, REVIEWS_SQL, [challenge.id]);
    const header = ['review_id', 'idea_id', 'idea', 'juror', ...criteria.map((c) => `${c.name} (0-${c.maxScore})`), 'total', 'comment', 'version', 'submitted_at', 'updated_at'];
    const record = (row: ReviewRow) => {
      const values = new Map(row.scores.map((s) => [s.criterionId, s.value]));
      return [
        row.id,
        row.idea_id,
        row.title,
        jurorName(row),
        ...criteria.map((c) => values.get(c.id) ?? null),
        row.total,
        row.comment,
        row.version,
        row.submitted_at,
        row.updated_at,
      ];
    };
    return { filename: `reviews-${challenge.slug}.csv`, contentType: CSV, body: chain(rows, mapRows(record), csvWriter(header, request.separator)) };
  }

  private criteriaOf(challenge: Pick<Challenge, 'id'>): Promise<Criterion[]> {
    return this.dataSource.getRepository(Criterion).find({ where: { challengeId: challenge.id }, order: { position: 'ASC' } });
  }
}

const CSV = 'text/csv; charset=utf-8; header=present';

/** Wraps a stream of text chunks between a prefix and a suffix (the JSON document around the streamed array). */
function jsonEnvelope(prefix: string, suffix: string): Transform {
  let started = false;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const text = chunk.toString();
      callback(null, started ? text : ((started = true), prefix + text));
    },
    flush(callback) {
      callback(null, (started ? '' : prefix) + suffix);
    },
  });
}

/** The columns of the impact CSV, in order, after the scope columns. */
const IMPACT_COLUMNS: Exclude<keyof ImpactFigures, 'ideasByTheme'>[] = [
  'editions',
  'schools',
  'classes',
  'teams',
  'students',
  'teachers',
  'ideasSubmitted',
  'reviews',
  'awards',
  'adoptionsProposed',
  'adoptionsAccepted',
  'daysToFirstAdoption',
  'medianDaysToAdoption',
  'miniCompaniesFounded',
  'miniCompaniesLaunched',
  'milestonesApprovedOnTime',
  'milestonesApprovedLate',
];

/**
 * The impact report as CSV: one row overall, one per district, one per school (scope, district, school), then the
 * figures, then one column per theme with the ideas submitted under it. Counts only: the report names no person.
 */
export function impactCsv(report: ImpactReportData, separator: CsvSeparator): Readable {
  const themes = report.overall.ideasByTheme.map((t) => t.theme);
  const header = ['scope', 'district', 'school', 'school_id', ...IMPACT_COLUMNS, ...themes.map((t) => `ideas: ${t}`)];
  const row = (scope: string, district: string | null, school: { id: string; name: string } | null, figures: ImpactFigures) => {
    const byTheme = new Map(figures.ideasByTheme.map((t) => [t.theme, t.count]));
    return [scope, district, school?.name ?? null, school?.id ?? null, ...IMPACT_COLUMNS.map((c) => figures[c]), ...themes.map((t) => byTheme.get(t) ?? 0)];
  };
  const records = [
    row('overall', null, null, report.overall),
    ...report.byDistrict.map((g) => row('district', g.district, null, g.figures)),
    ...report.bySchool.map((g) => row('school', g.school.district, g.school, g.figures)),
  ];
  return Readable.from(records, { objectMode: true }).pipe(csvWriter(header, separator));
}
