import type { Provider } from '@nestjs/common';
import { AppConfig } from '../../../../libs/platform/src/config/app-config.js';
import { createPubSub, PubSubChannels } from '../../../../libs/platform/src/pubsub/pubsub.js';

export const PUB_SUB = Symbol('PUB_SUB');

export const pubSubProviders: Provider[] = [
  { provide: PUB_SUB, inject: [AppConfig], useFactory: (config: AppConfig) => createPubSub(config.REDIS_URL) },
  { provide: PubSubChannels, inject: [AppConfig], useFactory: (config: AppConfig) => new PubSubChannels(config.QUEUE_PREFIX) },
];
