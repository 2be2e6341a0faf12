import type { NotificationAddedPayload } from '#domain/notifications/notification-added.js';
import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { NotificationsService } from '#domain/notifications/notifications.service.js';
import { requireUser, type Viewer } from '#domain/viewer.js';
import { PubSubChannels } from '#platform/pubsub/pubsub.js';
import { CurrentViewer } from '../common/current-viewer.decorator.js';
import { toConnection } from '../common/page-info.model.js';
import { PUB_SUB } from '../graphql/pubsub.provider.js';
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
  ): Promise<NotificationConnection> {
    const page = await this.notifications.listMine(viewer, { first, after, unreadOnly });
    return { ...toConnection(page, toNotificationModel), unreadCount: page.unreadCount };
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
