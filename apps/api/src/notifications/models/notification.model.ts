import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Notification } from '#domain/notifications/notification.entity.js';
import { Connection } from '../../common/page-info.model.js';

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'One of the kinds listed in docs/rules.md, e.g. IDEA_SUBMITTED.' })
  kind!: string;

  @Field()
  title!: string;

  @Field()
  body!: string;

  @Field(() => ID, { nullable: true, description: 'ID of the object the notification is about (an idea, an adoption, a milestone ...).' })
  subjectId!: string | null;

  @Field({ description: "The web client's route of the page the notification is about, e.g. `/ideas/<id>`; its email links to PUBLIC_URL + path." })
  path!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  readAt!: Date | null;
}

@ObjectType('NotificationConnection')
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {
  /** A getter in the resolver: the COUNT runs only when the field is selected. */
  @Field(() => Int)
  unreadCount!: number | Promise<number>;
}

/** What travels on the notificationAdded channel: the stored row's public fields. */
export const toNotificationModel = (n: Pick<Notification, keyof NotificationModel>): NotificationModel => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  subjectId: n.subjectId,
  path: n.path,
  createdAt: new Date(n.createdAt),
  readAt: n.readAt ? new Date(n.readAt) : null,
});
