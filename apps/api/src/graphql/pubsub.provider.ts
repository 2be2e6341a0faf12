import type { Provider } from '@nestjs/common';
import { AppConfig } from '#platform/config/app-config.js';
import { createPubSub, PubSubChannels } from '#platform/pubsub/pubsub.js';

export const PUB_SUB = Symbol('PUB_SUB');

export const pubSubProviders: Provider[] = [
  { provide: PUB_SUB, inject: [AppConfig], useFactory: (config: AppConfig) => createPubSub(config.REDIS_URL) },
  { provide: PubSubChannels, inject: [AppConfig], useFactory: (config: AppConfig) => new PubSubChannels(config.QUEUE_PREFIX) },
];
