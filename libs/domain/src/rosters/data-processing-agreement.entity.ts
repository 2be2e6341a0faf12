import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A school's acceptance of the data-processing agreement (the school is the controller, the service its processor):
 * who accepted which version, when. One row per version; the newest is the one in force. Rosters need one.
 */
@Entity({ name: 'data_processing_agreement' })
@Index('uq_data_processing_agreement_version', ['organizationId', 'version'], { unique: true })
export class DataProcessingAgreement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column({ type: 'text' })
  version!: string;

  /** The owner who accepted; null only if that account row were ever removed (erasure keeps the row). */
  @Column({ type: 'uuid', nullable: true })
  acceptedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  acceptedBy?: Relation<User>;

  @Column({ type: 'timestamptz', precision: 3 })
  acceptedAt!: Date;
}
