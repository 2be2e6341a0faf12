import type { NotificationAddedPayload } from '#domain/notifications/notification-added.js';
import { Inject } from '@nestjs/common';
import { Args, ID, Info, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { NotificationsService } from '#domain/notifications/notifications.service.js';
import { requireUser, type Viewer } from '#domain/viewer.js';
import { PubSubChannels } from '#platform/pubsub/pubsub.js';
import { CurrentViewer } from '../common/current-viewer.decorator.js';
import { toConnection } from '../common/page-info.model.js';
import { PUB_SUB } from '../graphql/pubsub.provider.js';
import { selectedFieldsAt } from '../graphql/selection.js';
import { NotificationConnection, NotificationModel, toNotificationModel } from './models/notification.model.js';

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(PUB_SUB) private readonly pubSub: RedisPubSub,
    private readonly channels: PubSubChannels,
  ) {}

  @Query(() => NotificationConnection)
  async myNotifications(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly: boolean,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NotificationConnection> {
    // The bell asks for unreadCount alone on every page: no rows, and one COUNT (see listMine).
    const selected = selectedFieldsAt(info, []);
    const page = await this.notifications.listMine(viewer, { first, after, unreadOnly }, { rows: selected.has('edges') || selected.has('pageInfo') });
    return Object.defineProperty(toConnection(page, toNotificationModel), 'unreadCount', { get: page.unreadCount, enumerable: true }) as NotificationConnection;
  }

  @Mutation(() => Int)
  markNotificationsRead(@CurrentViewer() viewer: Viewer, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<number> {
    return this.notifications.markRead(viewer, ids);
  }

  @Subscription(() => NotificationModel, {
    description: 'Notifications for the authenticated viewer as they are created.',
    resolve: (payload: NotificationAddedPayload) => toNotificationModel(payload),
  })
  notificationAdded(@CurrentViewer() viewer: Viewer): AsyncIterableIterator<unknown> {
    const user = requireUser(viewer);
    return this.pubSub.asyncIterableIterator(this.channels.notificationAdded(user.userId)) as AsyncIterableIterator<unknown>; // typed `any` upstream
  }
}
