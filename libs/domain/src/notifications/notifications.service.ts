import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Clock } from '#platform/clock/clock.js';
import { readRows } from '#platform/database/sql-reads.js';
import { DomainError } from '#platform/errors/domain-error.js';
import { assertPageSize, countOnlyPage, CursorCodec, keysetCondition, lazyCount, type Page } from '#platform/pagination/cursor.js';
import { isUuid } from '../validation.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Notification } from './notification.entity.js';

const ORDER = { columns: ['n.created_at', 'n.id'], directions: ['DESC', 'DESC'] as ('ASC' | 'DESC')[] };

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cursors: CursorCodec,
  ) {}

  /**
   * The viewer's notifications, newest first. Each part is read only when asked: the page's rows unless
   * `options.rows` is false (the bell asks for the unread count alone), and each count only when called. With
   * `unreadOnly` the list is the unread notifications, so its total is the unread count: one COUNT for both.
   */
  async listMine(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
    options: { rows?: boolean } = {},
  ): Promise<Page<Notification> & { unreadCount: () => Promise<number> }> {
    const user = requireUser(viewer);
    const first = assertPageSize(args.first);
    const repo = this.dataSource.getRepository(Notification);
    const query = repo.createQueryBuilder('n').where('n.recipient_id = :userId', { userId: user.userId });
    if (args.unreadOnly) query.andWhere('n.read_at IS NULL');
    // Asked on every page by the bell: a prepared statement.
    const unreadCount = lazyCount(async () => {
      const [row] = await readRows<{ n: number }>(this.dataSource, 'SELECT count(*)::int AS n FROM notification WHERE recipient_id = :userId AND read_at IS NULL', {
        userId: user.userId,
      });
      return row.n;
    });
    const counted = query.clone();
    const totalCount = args.unreadOnly ? unreadCount : lazyCount(() => counted.getCount());
    // Sealed for this recipient: another user's cursor is not one the service issued to the viewer.
    const list = `Query.myNotifications:${user.userId}`;
    if (args.after) {
      // Checked even when no row is read: a cursor the service did not issue is refused all the same.
      const { sql, params } = keysetCondition(ORDER, this.cursors.decodeKeyed(list, args.after, 'time'));
      query.andWhere(sql, params);
    }
    if (options.rows === false) return { ...countOnlyPage<Notification>(totalCount), unreadCount };
    const rows = await query
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return { ...this.cursors.page(list, rows, first, totalCount, (n) => [n.createdAt.toISOString(), n.id]), unreadCount };
  }

  /** Marks the viewer's own notifications read; ids of others' notifications are ignored. Returns how many changed. */
  async markRead(viewer: Viewer, ids: string[]): Promise<number> {
    const user = requireUser(viewer);
    if (ids.length > 1000) throw DomainError.badInput('ids', 'notifications.tooManyIds', { max: 1000 });
    if (!ids.every(isUuid)) throw DomainError.badInput('ids', 'notifications.notificationIds');
    // Well-formed ids of notifications that are not the viewer's are ignored: the count says what changed.
    const valid = [...new Set(ids)];
    if (valid.length === 0) return 0;
    const result = await this.dataSource.getRepository(Notification).update({ id: In(valid), recipientId: user.userId, readAt: IsNull() }, { readAt: this.clock.now() });
    return result.affected ?? 0;
  }
}
