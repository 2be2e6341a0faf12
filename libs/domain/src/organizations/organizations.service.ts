import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DomainError } from '#platform/errors/domain-error.js';
import { assertPageSize, CursorCodec, keysetCondition, type Page } from '#platform/pagination/cursor.js';
import { check, checkInput, isUuid } from '../validation.js';
import { requireUser, selfAmong, type Viewer } from '../viewer.js';
import { OrganizationMember, OrganizationRole } from './organization-member.entity.js';
import { Organization, OrganizationKind } from './organization.entity.js';

/** An owner invited `userId` (addOrganizationMember; the event keeps its first name): the invitee is told. */
export const ORGANIZATION_MEMBER_ADDED = 'organization.member_added';
export interface OrganizationMemberAddedPayload {
  organizationId: string;
  /** The invitee. */
  userId: string;
  role: OrganizationRole;
  /** The owner (or admin) who invited. */
  addedBy: string;
  /** Absent in events recorded before membership became an invitation. */
  invitationId?: string;
}

export interface CreateOrganizationData {
  name: string;
  kind: OrganizationKind;
  city?: string | null;
  district?: string | null;
  sector?: string | null;
  website?: string | null;
}

const ORDER = { columns: ['o.name', 'o.id'], directions: ['ASC', 'ASC'] as ('ASC' | 'DESC')[] };
/** The list its cursors are sealed for (CursorCodec). */
const CURSOR_LIST = 'Query.organizations';
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
  ) {}

  async create(viewer: Viewer, input: CreateOrganizationData): Promise<Organization> {
    const user = requireUser(viewer);
    const data = checkInput((field) => ({
      name: field(() => check.line('name', input.name, 1, 200)),
      kind: input.kind,
      city: field(() => check.optionalLine('city', input.city, 120)),
      district: field(() => check.optionalLine('district', input.district, 120)),
      sector: field(() => check.optionalLine('sector', input.sector, 200)),
      website: field(() => this.checkWebsite(input.website)),
    }));
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.save(Organization, manager.create(Organization, data));
      await manager.insert(OrganizationMember, { organizationId: organization.id, userId: user.userId, role: OrganizationRole.OWNER });
      return organization;
    });
  }

  /** Organizations are a public directory. */
  async get(id: string): Promise<Organization> {
    const organization = isUuid(id) ? await this.dataSource.getRepository(Organization).findOneBy({ id }) : null;
    if (!organization) throw DomainError.notFound('organization');
    return organization;
  }

  async byIds(ids: readonly string[]): Promise<Organization[]> {
    return this.dataSource.getRepository(Organization).findBy({ id: In([...ids]) });
  }

  async list(args: { first?: number | null; after?: string | null; kind?: OrganizationKind | null; search?: string | null }): Promise<Page<Organization>> {
    const first = assertPageSize(args.first);
    const query = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (args.kind) query.andWhere('o.kind = :kind', { kind: args.kind });
    const search = args.search?.trim();
    if (search) {
      if (search.length > 200) throw DomainError.badInput('search', 'input.tooLong', { field: 'search', max: 200 });
      query.andWhere('(o.name ILIKE :search OR o.city ILIKE :search OR o.district ILIKE :search)', { search: `%${escapeLike(search)}%` });
    }
    const totalCount = await query.clone().getCount();
    if (args.after) {
      const { sql, params } = keysetCondition(ORDER, this.cursors.decodeKeyed(CURSOR_LIST, args.after, 'text'));
      query.andWhere(sql, params);
    }
    const rows = await query
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(first + 1)
      .getMany();
    return this.cursors.page(CURSOR_LIST, rows, first, totalCount, (o) => [o.name, o.id]);
  }

  /** The organizations the viewer is a member of (any role), optionally of one kind, by name. */
  async mine(viewer: Viewer, kind?: OrganizationKind | null): Promise<Organization[]> {
    const user = requireUser(viewer);
    const query = this.dataSource
      .getRepository(Organization)
      .createQueryBuilder('o')
      .innerJoin(OrganizationMember, 'm', 'm.organization_id = o.id AND m.user_id = :userId', { userId: user.userId });
    if (kind) query.andWhere('o.kind = :kind', { kind });
    return query.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').getMany();
  }

  /**
   * User.memberships: the accepted memberships of each user, with their organization, by organization name; only the
   * viewer's own (everyone else's read as none, for admins too).
   */
  async membershipsOf(viewer: Viewer, userIds: readonly string[]): Promise<Map<string, (OrganizationMember & { organization: Organization })[]>> {
    const self = selfAmong(viewer, userIds);
    const result = new Map<string, (OrganizationMember & { organization: Organization })[]>();
    if (!self) return result;
    const rows = await this.dataSource.getRepository(OrganizationMember).find({
      where: { userId: self },
      relations: { organization: true },
      order: { organization: { name: 'ASC', id: 'ASC' } },
    });
    result.set(self, rows as (OrganizationMember & { organization: Organization })[]);
    return result;
  }

  /** Members per organization, for the organizations whose members the viewer may see. */
  async membersVisibleTo(viewer: Viewer, organizationIds: readonly string[]): Promise<Map<string, OrganizationMember[]>> {
    const visible = viewer.isAdmin ? [...organizationIds] : await this.organizationsOf(viewer, organizationIds);
    const result = new Map<string, OrganizationMember[]>();
    if (visible.length === 0) return result;
    const members = await this.dataSource.getRepository(OrganizationMember).find({
      where: { organizationId: In(visible) },
      order: { createdAt: 'ASC' },
    });
    for (const member of members) {
      const list = result.get(member.organizationId) ?? [];
      list.push(member);
      result.set(member.organizationId, list);
    }
    return result;
  }

  /** The ids among `organizationIds` the viewer belongs to. */
  async organizationsOf(viewer: Viewer, organizationIds: readonly string[]): Promise<string[]> {
    if (!viewer.userId || organizationIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(OrganizationMember).find({
      select: { organizationId: true },
      where: { userId: viewer.userId, organizationId: In([...organizationIds]) },
    });
    return rows.map((r) => r.organizationId);
  }

  private checkWebsite(website: string | null | undefined): string | null {
    const value = check.optionalText('website', website, 500);
    if (value === null) return null;
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw DomainError.badInput('website', 'organizations.websiteUrl');
    }
    return value;
  }
}
