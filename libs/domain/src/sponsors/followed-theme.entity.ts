import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../identity/user.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A theme a company follows: when the results of an edition are published with ideas on a matching theme, the
 * company's members are told (MATCHING_IDEAS_PUBLISHED). Themes are free text, since every edition has its own;
 * `themeKey` (trimmed, lowercase) keeps one row per theme and company, by the database.
 */
@Entity({ name: 'followed_theme' })
export class FollowedTheme {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_followed_theme' })
  organizationId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_followed_theme' })
  themeKey!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  /** The theme as the company wrote it. */
  @Column({ type: 'text' })
  theme!: string;

  @Column({ type: 'uuid', nullable: true })
  followedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  followedBy?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
