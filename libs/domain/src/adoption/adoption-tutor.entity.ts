import { CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { Adoption } from './adoption.entity.js';

/** A company member who takes charge of an adopted team; while the adoption is ACCEPTED they see and guide the team. */
@Entity({ name: 'adoption_tutor' })
@Index('ix_adoption_tutor_user', ['userId'])
export class AdoptionTutor {
  @PrimaryColumn({ type: 'uuid' })
  adoptionId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Adoption, { onDelete: 'CASCADE' })
  adoption?: Relation<Adoption>;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
