import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import type { EventBus } from '../../../kernel/events/index.js';
import type { BlobStore } from '../../../kernel/storage/index.js';

/** What the blog's use cases need from the application. */
export interface Deps {
  db: Db;
  events: EventBus;
  clock: Clock;
  blobs: BlobStore;
  /** Largest upload, for re-encoded variants too. */
  maxBytes: number;
}

export function blogDeps(app: FastifyInstance): Deps {
  return { db: app.db, events: app.events, clock: app.clock, blobs: app.blobs, maxBytes: app.config.uploadMaxBytes };
}
