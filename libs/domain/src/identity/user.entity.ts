import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** citext: unique case-insensitively. */
  @Column({ type: 'citext', unique: true })
  email!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

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
}
