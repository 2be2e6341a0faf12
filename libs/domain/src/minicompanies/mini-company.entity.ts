import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Adoption } from '../adoption/adoption.entity.js';
import { Idea } from '../ideas/idea.entity.js';
import { Team } from '../teams/team.entity.js';

export enum MiniCompanyStatus {
  ACTIVE = 'ACTIVE',
  LAUNCHED = 'LAUNCHED',
  CLOSED = 'CLOSED',
}

/** An educational mini-company founded by a team on its submitted idea; one per team. */
@Entity({ name: 'mini_company' })
@Unique('uq_mini_company_team', ['teamId'])
@Index('ix_mini_company_idea', ['ideaId'])
@Index('ix_mini_company_adoption', ['adoptionId'])
export class MiniCompany {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  team?: Relation<Team>;

  @Column({ type: 'uuid' })
  ideaId!: string;

  @ManyToOne(() => Idea, { onDelete: 'CASCADE' })
  idea?: Relation<Idea>;

  /** The idea's accepted adoption when the mini-company was founded, if any. */
  @Column({ type: 'uuid', nullable: true })
  adoptionId!: string | null;

  @ManyToOne(() => Adoption, { onDelete: 'SET NULL' })
  adoption?: Relation<Adoption> | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: MiniCompanyStatus, enumName: 'mini_company_status', default: MiniCompanyStatus.ACTIVE })
  status!: MiniCompanyStatus;

  @Column({ type: 'timestamptz', precision: 3 })
  foundedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
