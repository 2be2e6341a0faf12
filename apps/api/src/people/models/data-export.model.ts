import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { DataExport } from '#domain/people/data-export.entity.js';

export enum DataExportStatus {
  PENDING = 'PENDING',
  READY = 'READY',
  FETCHED = 'FETCHED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(DataExportStatus, {
  name: 'DataExportStatus',
  description: 'PENDING: the worker is producing it; READY: download it once at downloadPath; FETCHED: downloaded; EXPIRED: 24 hours passed.',
});

@ObjectType('DataExport', { description: 'A data export produced by the worker, downloaded once within 24 hours by whoever requested it.' })
export class DataExportModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DataExportStatus)
  status!: DataExportStatus;

  @Field()
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  readyAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until when it may be downloaded.' })
  expiresAt!: Date | null;

  @Field(() => Int, { nullable: true })
  sizeBytes!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'When READY: GET this path on the API with the same bearer token to download the JSON document, once.',
  })
  downloadPath!: string | null;
}

export const toDataExportModel = (row: DataExport): DataExportModel => ({
  id: row.id,
  status: row.status as DataExportStatus,
  requestedAt: row.requestedAt,
  readyAt: row.readyAt,
  expiresAt: row.expiresAt,
  sizeBytes: row.sizeBytes,
  downloadPath: row.status === 'READY' ? `${DATA_EXPORT_PATH}/${row.id}` : null,
});

/** Where a ready export is downloaded. */
export const DATA_EXPORT_PATH = '/exports/data';
