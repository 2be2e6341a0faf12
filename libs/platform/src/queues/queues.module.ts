import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { createRedis } from '../redis/redis.js';
import { QUEUE_REDIS, QueueProducer } from './queue-producer.js';

/** One shared ioredis connection for producers; QueueProducer closes it (BullMQ never closes a connection it is given). */
@Global()
@Module({
  providers: [{ provide: QUEUE_REDIS, inject: [AppConfig], useFactory: (config: AppConfig) => createRedis(config.REDIS_URL, { connectionName: 'queue-producer' }) }, QueueProducer],
  exports: [QUEUE_REDIS, QueueProducer],
})
export class QueuesModule {}
