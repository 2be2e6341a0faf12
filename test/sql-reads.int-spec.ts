// The hot-read path (sql-reads.ts) must read exactly what TypeORM's hydration reads, entity by entity.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryFailedError, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Challenge } from '#domain/challenges/challenge.entity.js';
import { Theme } from '#domain/challenges/theme.entity.js';
import { Idea } from '#domain/ideas/idea.entity.js';
import { Organization } from '#domain/organizations/organization.entity.js';
import { Team } from '#domain/teams/team.entity.js';
import { EntityProjection, projectionOf, readRows, writeRows } from '#platform/database/sql-reads.js';
import { openDatabase } from './helpers/db.js';

describe('readRows and EntityProjection', () => {
  let dataSource: DataSource;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dataSource = await openDatabase();
    const [school] = await dataSource.query(
      `INSERT INTO organization (name, kind, city, district, sectors_of_interest, themes_of_interest) VALUES ('Liceo Rosmini', 'SCHOOL', 'Rovereto', 'Vallagarina', '{Energia,Agroalimentare}', '{Acqua}') RETURNING id`,
    );
    const [promoter] = await dataSource.query(`INSERT INTO organization (name, kind, website) VALUES ('Provincia', 'PROMOTER', 'https://example.org') RETURNING id`);
    const [challenge] = await dataSource.query(
      `INSERT INTO challenge (organizer_id, slug, title, description, format, status, submission_opens_at, submission_closes_at, judging_closes_at, reviews_per_idea, max_team_size,
                              public_voting_opens_at, public_voting_closes_at)
       VALUES ($1, 'sql-reads-' || md5(random()::text), 'Sfida', 'Descrizione', 'SCHOOL_CLIMATHON', 'PUBLISHED', '2026-01-01T10:00:00.123Z', '2026-03-01T10:00:00Z', now(), 3, 6,
               '2026-04-01T08:00:00.456Z', '2026-04-15T20:00:00Z') RETURNING id`,
      [promoter.id],
    );
    const [theme] = await dataSource.query(`INSERT INTO theme (challenge_id, name, position) VALUES ($1, 'Acqua', 0) RETURNING id`, [challenge.id]);
    const [team] = await dataSource.query(
      `INSERT INTO team (challenge_id, name, school_id, class_name, join_code) VALUES ($1, '4B', $2, '4B', 'SQLREADS' || md5(random()::text)) RETURNING id`,
      [challenge.id, school.id],
    );
    const [idea] = await dataSource.query(
      `INSERT INTO idea (team_id, challenge_id, theme_id, title, summary, problem, solution, tags, status, submitted_at)
       VALUES ($1, $2, $3, 'Borracce', 'Meno plastica', 'Bottiglie', 'Borracce per tutti', '{acqua,plastica}', 'SUBMITTED', clock_timestamp()) RETURNING id`,
      [team.id, challenge.id, theme.id],
    );
    Object.assign(ids, { Organization: school.id, Challenge: challenge.id, Theme: theme.id, Team: team.id, Idea: idea.id });
  });
  afterAll(async () => {
    await dataSource.query(`DELETE FROM challenge WHERE id = $1`, [ids.Challenge]);
    await dataSource.query(`DELETE FROM organization WHERE id = $1`, [ids.Organization]);
    await dataSource.destroy();
  });

  it.each([
    ['Organization', Organization],
    ['Challenge', Challenge],
    ['Theme', Theme],
    ['Team', Team],
    ['Idea', Idea],
  ] as [string, EntityTarget<ObjectLiteral>][])('reads a %s as TypeORM hydrates it', async (name, target) => {
    const projection = projectionOf(dataSource, target, 'x', 'p.');
    const [row] = await readRows(dataSource, `SELECT ${projection.select} FROM ${dataSource.getMetadata(target).tableName} x WHERE x.id = :id`, { id: ids[name] });
    const hydrated = await dataSource.getRepository(target).findOneByOrFail({ id: ids[name] });
    expect(projection.read(row)).toEqual({ ...hydrated });
  });

  it('leaves out the omitted properties, and reads an outer join that found nothing as null', async () => {
    const projection = projectionOf(dataSource, Idea, 'i', '', ['problem', 'solution']);
    const school = projectionOf(dataSource, Organization, 's', 'school.');
    const [row] = await readRows(dataSource, `SELECT ${projection.select}, ${school.select} FROM idea i LEFT JOIN organization s ON false WHERE i.id = :id`, { id: ids.Idea });
    const idea = projection.read(row)!;
    expect(idea.title).toBe('Borracce');
    expect(idea).not.toHaveProperty('problem');
    expect(idea).not.toHaveProperty('solution');
    expect(school.read(row)).toBeNull();
  });

  it('fails as TypeORM does, with the query, and refuses an entity it would read differently', async () => {
    await expect(readRows(dataSource, 'SELECT no_such_column FROM idea WHERE id = :id', { id: ids.Idea })).rejects.toBeInstanceOf(QueryFailedError);
    const metadata = dataSource.getMetadata(Idea);
    const tags = metadata.columns.find((c) => c.propertyName === 'tags')!;
    const original = tags.transformer;
    tags.transformer = { to: (v: unknown) => v, from: (v: unknown) => v };
    try {
      expect(() => new EntityProjection(dataSource, Idea, 'i')).toThrow(/cannot read Idea.tags/);
    } finally {
      tags.transformer = original;
    }
  });

  it('writes with writeRows as a prepared statement, one text for every set of values, and fails as TypeORM does', async () => {
    const rename = `UPDATE theme SET name = :name WHERE id = :id RETURNING name`;
    expect(await writeRows(dataSource, rename, { id: ids.Theme, name: 'Acqua pulita' })).toEqual([{ name: 'Acqua pulita' }]);
    expect(await writeRows(dataSource, rename, { id: ids.Theme, name: 'Acqua' })).toEqual([{ name: 'Acqua' }]);
    expect((await dataSource.query(`SELECT name FROM theme WHERE id = $1`, [ids.Theme]))[0].name).toBe('Acqua');
    await expect(writeRows(dataSource, `UPDATE theme SET no_such_column = 1 WHERE id = :id`, { id: ids.Theme })).rejects.toBeInstanceOf(QueryFailedError);
  });
});
