import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { readRows } from '#platform/database/sql-reads.js';
import { assertPageSize } from '#platform/pagination/cursor.js';
import { DomainError, isUniqueViolation } from '#platform/errors/domain-error.js';
import { ideaAdopted } from '../access/grounds.js';
import { RESULTS_VISIBLE_STATUSES } from '../challenges/challenge-access.js';
import { IdeaReads } from '../ideas/idea-reads.js';
import { OrganizationMember, OrganizationRole } from '../organizations/organization-member.entity.js';
import { Organization, OrganizationKind } from '../organizations/organization.entity.js';
import { check, checkInput, isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { FollowedTheme } from './followed-theme.entity.js';
import { ideaMentions, interestKey, themeMatches } from './theme-match.js';

export interface OrganizationInterestsData {
  organizationId: string;
  /** Omitted or null: kept; an empty string clears it. */
  district?: string | null;
  /** Omitted or null: kept; an empty list clears them. */
  sectors?: string[] | null;
  themes?: string[] | null;
}

export const SPONSOR_LIMITS = { entry: [1, 120], entries: 20, followedThemes: 50, district: 120 } as const;

export enum SuggestionReasonKind {
  THEME = 'THEME',
  DISTRICT = 'DISTRICT',
  SECTOR = 'SECTOR',
}

/** Why an idea is suggested: which interest of the company met what of the idea. */
export interface SuggestionReason {
  kind: SuggestionReasonKind;
  /** The company's theme, district or sector that matched. */
  interest: string;
  /** What of the idea it met: its theme's name, its school's district; null for a sector (found in the idea's text). */
  matched: string | null;
}

export interface IdeaSuggestion {
  organizationId: string;
  ideaId: string;
  /** 3 for a theme match, 2 for the district, 1 per sector found: higher first. */
  score: number;
  reasons: SuggestionReason[];
}

/** Points of each kind of match in a suggestion's score. */
export const SUGGESTION_WEIGHTS = { theme: 3, district: 2, sector: 1 } as const;

/**
 * Sponsors finding ideas (issue 14.5): an organization's interests (district, sectors, themes), the themes a company
 * follows, and Organization.suggestedIdeas, the company's candidates among published, not yet adopted ideas of every
 * edition, ranked by theme, district and sector match, each with its reasons.
 */
@Injectable()
export class SponsorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ideas: IdeaReads,
  ) {}

  /** An OWNER of the organization (or an admin) sets its district and the sectors and themes it cares about. */
  async setInterests(viewer: Viewer, input: OrganizationInterestsData): Promise<Organization> {
    const user = requireUser(viewer);
    const organization = await this.organization(input.organizationId);
    if (!viewer.isAdmin) {
      const own = await this.dataSource.getRepository(OrganizationMember).findOneBy({ organizationId: organization.id, userId: user.userId });
      if (own?.role !== OrganizationRole.OWNER) throw DomainError.forbidden('sponsors.ownerOnlyInterests');
    }
    const changes: Partial<Pick<Organization, 'district' | 'sectorsOfInterest' | 'themesOfInterest'>> = {};
    checkInput((field) => {
      if (input.district !== null && input.district !== undefined) changes.district = field(() => check.optionalLine('district', input.district, SPONSOR_LIMITS.district));
      if (input.sectors !== null && input.sectors !== undefined) changes.sectorsOfInterest = field(() => this.checkEntries('sectors', input.sectors!));
      if (input.themes !== null && input.themes !== undefined) changes.themesOfInterest = field(() => this.checkEntries('themes', input.themes!));
    });
    if (Object.keys(changes).length > 0) await this.dataSource.getRepository(Organization).update({ id: organization.id }, changes);
    return { ...organization, ...changes };
  }

  /**
   * A member of a COMPANY (or an admin) follows a theme for it: the members are told when results with ideas on a
   * matching theme are published. The same theme twice is CONFLICT (by the primary key); at most 50 per company.
   */
  async follow(viewer: Viewer, organizationId: string, themeInput: string): Promise<Organization> {
    const user = requireUser(viewer);
    const organization = await this.companyOfMember(viewer, organizationId);
    const theme = check.line('theme', themeInput, ...SPONSOR_LIMITS.entry);
    try {
      await this.dataSource.transaction(async (manager) => {
        // Serialises follows of one company, so the limit holds under concurrent calls.
        await manager.query(`SELECT 1 FROM organization WHERE id = $1 FOR NO KEY UPDATE`, [organization.id]);
        const count = await manager.countBy(FollowedTheme, { organizationId: organization.id });
        if (count >= SPONSOR_LIMITS.followedThemes) throw DomainError.badInput('theme', 'sponsors.followLimit', { max: SPONSOR_LIMITS.followedThemes });
        await manager.insert(FollowedTheme, { organizationId: organization.id, themeKey: interestKey(theme), theme, followedById: user.userId });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'pk_followed_theme')) throw DomainError.conflict('sponsors.alreadyFollowing');
      throw error;
    }
    return organization;
  }

  /** A member of the company (or an admin) stops following a theme; NOT_FOUND when it does not follow it. */
  async unfollow(viewer: Viewer, organizationId: string, themeInput: string): Promise<Organization> {
    const organization = await this.companyOfMember(viewer, organizationId);
    const theme = check.line('theme', themeInput, ...SPONSOR_LIMITS.entry);
    const result = await this.dataSource.getRepository(FollowedTheme).delete({ organizationId: organization.id, themeKey: interestKey(theme) });
    if (!result.affected) throw DomainError.notFound('followedTheme');
    return organization;
  }

  /** Organization.followedThemes: per organization whose members the viewer is (all for admins), its themes in the order followed. */
  async followedThemesVisibleTo(viewer: Viewer, organizationIds: readonly string[]): Promise<Map<string, string[]>> {
    const visible = await this.memberOrganizations(viewer, organizationIds);
    const result = new Map<string, string[]>();
    if (visible.length === 0) return result;
    const rows = await this.dataSource.getRepository(FollowedTheme).find({
      select: { organizationId: true, theme: true },
      where: { organizationId: In(visible) },
      order: { createdAt: 'ASC', themeKey: 'ASC' },
    });
    for (const row of rows) result.set(row.organizationId, [...(result.get(row.organizationId) ?? []), row.theme]);
    return result;
  }

  /**
   * Organization.suggestedIdeas for the companies among `organizationIds` whose members the viewer is (all for admins):
   * SUBMITTED ideas of editions whose results are published, not adopted and without an open proposal of the company,
   * that match at least one of its themes (of interest or followed: the idea's theme), its district (the team's school's)
   * or its sectors (the idea's text); best score first, then the newest submission. One statement for all companies.
   */
  async suggestions(viewer: Viewer, organizationIds: readonly string[], first: number): Promise<Map<string, IdeaSuggestion[]>> {
    const limit = assertPageSize(first);
    const visible = await this.memberOrganizations(viewer, organizationIds);
    const result = new Map<string, IdeaSuggestion[]>();
    if (visible.length === 0) return result;
    // Blind judging keeps hiding a team's school from the jurors of its challenge: no district reason for them.
    const hidden = this.ideas.teamHidden(viewer, 'c');
    const rows = await readRows<{
      organization_id: string;
      interest_district: string | null;
      idea_id: string;
      score: number;
      themes: string[];
      theme_name: string;
      district: string | null;
      sectors: string[];
    }>(
      this.dataSource,
      `WITH org AS (
         SELECT o.id, o.district, nullif(lower(trim(o.district)), '') AS district_key, o.sectors_of_interest AS sectors,
                ARRAY(SELECT DISTINCT ON (lower(trim(x))) x
                        FROM unnest(o.themes_of_interest || ARRAY(SELECT f.theme FROM followed_theme f WHERE f.organization_id = o.id)) x
                       ORDER BY lower(trim(x)), x) AS themes
           FROM organization o
          WHERE o.id = ANY(CAST(:organizationIds AS uuid[])) AND o.kind = 'COMPANY'
       )
       SELECT org.id AS organization_id, org.district AS interest_district, s.idea_id, s.score, s.themes, s.theme_name, s.district, s.sectors
         FROM org CROSS JOIN LATERAL (
           SELECT i.id AS idea_id, i.submitted_at, th.name AS theme_name, m.themes, m.district, m.sectors,
                  (CASE WHEN cardinality(m.themes) > 0 THEN :themeWeight ELSE 0 END
                   + CASE WHEN m.district IS NOT NULL THEN :districtWeight ELSE 0 END
                   + :sectorWeight * cardinality(m.sectors))::int AS score
             FROM idea i
             JOIN challenge c ON c.id = i.challenge_id
             JOIN theme th ON th.id = i.theme_id
             JOIN team t ON t.id = i.team_id
             LEFT JOIN organization sc ON sc.id = t.school_id
             CROSS JOIN LATERAL (
               SELECT ARRAY(SELECT x FROM unnest(org.themes) x WHERE ${themeMatches('th.name', 'x')}) AS themes,
                      CASE WHEN org.district_key IS NOT NULL AND lower(trim(sc.district)) = org.district_key AND NOT ${hidden.sql} THEN sc.district END AS district,
                      ARRAY(SELECT x FROM unnest(org.sectors) x WHERE ${ideaMentions('i', 'x')}) AS sectors
             ) m
            WHERE i.status = 'SUBMITTED' AND c.status IN (:...published)
              AND NOT ${ideaAdopted('i.id')}
              AND NOT EXISTS (SELECT 1 FROM adoption p WHERE p.idea_id = i.id AND p.company_id = org.id AND p.status = 'PROPOSED')
              AND (cardinality(m.themes) > 0 OR m.district IS NOT NULL OR cardinality(m.sectors) > 0)
            ORDER BY score DESC, i.submitted_at DESC NULLS LAST, i.id
            LIMIT :limit
         ) s
        ORDER BY org.id, s.score DESC, s.submitted_at DESC NULLS LAST, s.idea_id`,
      {
        ...hidden.params,
        organizationIds: visible,
        published: RESULTS_VISIBLE_STATUSES,
        limit,
        themeWeight: SUGGESTION_WEIGHTS.theme,
        districtWeight: SUGGESTION_WEIGHTS.district,
        sectorWeight: SUGGESTION_WEIGHTS.sector,
      },
    );
    for (const r of rows) {
      const reasons: SuggestionReason[] = [
        ...r.themes.map((interest) => ({ kind: SuggestionReasonKind.THEME, interest, matched: r.theme_name })),
        ...(r.district ? [{ kind: SuggestionReasonKind.DISTRICT, interest: r.interest_district ?? r.district, matched: r.district }] : []),
        ...r.sectors.map((interest) => ({ kind: SuggestionReasonKind.SECTOR, interest, matched: null })),
      ];
      const list = result.get(r.organization_id) ?? [];
      list.push({ organizationId: r.organization_id, ideaId: r.idea_id, score: r.score, reasons });
      result.set(r.organization_id, list);
    }
    return result;
  }

  private async organization(id: string): Promise<Organization> {
    const organization = isUuid(id) ? await this.dataSource.getRepository(Organization).findOneBy({ id }) : null;
    if (!organization) throw DomainError.notFound('organization');
    return organization;
  }

  /** The organization, for a member of it (or an admin): NOT_FOUND if unknown, FORBIDDEN for others, BAD_USER_INPUT if it is no COMPANY. */
  private async companyOfMember(viewer: Viewer, organizationId: string): Promise<Organization> {
    const user = requireUser(viewer);
    const organization = await this.organization(organizationId);
    if (!viewer.isAdmin && !(await this.dataSource.getRepository(OrganizationMember).existsBy({ organizationId: organization.id, userId: user.userId }))) {
      throw DomainError.forbidden('sponsors.membersOnlyThemes');
    }
    if (organization.kind !== OrganizationKind.COMPANY) throw DomainError.badInput('organizationId', 'sponsors.companyOnlyThemes');
    return organization;
  }

  /** The ids among `organizationIds` whose members the viewer is (all valid ones for admins). */
  private async memberOrganizations(viewer: Viewer, organizationIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(organizationIds)].filter(isUuid);
    if (ids.length === 0 || !viewer.userId) return [];
    if (viewer.isAdmin) return ids;
    const rows: { organization_id: string }[] = await this.dataSource.query(
      `SELECT organization_id FROM organization_member WHERE user_id = $1 AND organization_id = ANY($2::uuid[])`,
      [viewer.userId, ids],
    );
    return rows.map((r) => r.organization_id);
  }

  /** A list of sectors or themes: one-line entries of 1-120 characters, at most 20, repeated ones (ignoring case) kept once. */
  private checkEntries(field: 'sectors' | 'themes', values: string[]): string[] {
    if (!Array.isArray(values)) throw DomainError.badInput(field, 'input.list', { field });
    if (values.length > SPONSOR_LIMITS.entries) throw DomainError.badInput(field, 'input.tooMany', { field, max: SPONSOR_LIMITS.entries });
    const seen = new Set<string>();
    const entries: string[] = [];
    checkInput((entryOf) =>
      values.forEach((value, i) => {
        const entry = entryOf(() => check.line(`${field}.${i}`, value, ...SPONSOR_LIMITS.entry));
        if (entry === undefined || seen.has(interestKey(entry))) return;
        seen.add(interestKey(entry));
        entries.push(entry);
      }),
    );
    return entries;
  }
}
