import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DataExportStatus = 'PENDING' | 'READY' | 'FETCHED' | 'EXPIRED';

/**
 * A data export produced by the worker (docs/rules.md "Export": large exports are fetched once through a link that
 * expires after 24 hours). The document is kept only until it is fetched or expires; then `document` is emptied.
 */
@Entity('data_export')
@Index('ix_data_export_subject', ['subjectId'])
export class DataExport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_data_export' })
  id!: string;

  /** The person the export is about. */
  @Column({ type: 'uuid' })
  subjectId!: string;

  /** Who asked for it, and the only one who may fetch it. */
  @Column({ type: 'uuid' })
  requestedById!: string;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status!: DataExportStatus;

  @Column({ type: 'text', nullable: true })
  document!: string | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readyAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  fetchedAt!: Date | null;
}
