import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity({ name: 'app_user' })
@Index('uq_app_user_username', ['username'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** citext: unique case-insensitively. Null for roster students (created by their teacher, no email). */
  @Column({ type: 'citext', unique: true, nullable: true })
  email!: string | null;

  /** Null for a roster student until they choose a password (they sign in with their one-time code meanwhile). */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  /** Roster students only: generated, lowercase, unique platform-wide (e.g. `fermi-giulia-r-7k`); null otherwise. */
  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', default: 'it' })
  locale!: Locale;

  @Column({ type: 'boolean', default: false })
  isAdmin!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When the owner proved the address (verification or reset link); null until then: no email but the verification. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** When the person's data was erased (deleteMyAccount, eraseStudent, retention); the row stays as "Ex membro". */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;
}
