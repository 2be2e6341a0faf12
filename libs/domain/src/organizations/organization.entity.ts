import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganizationKind {
  SCHOOL = 'SCHOOL',
  COMPANY = 'COMPANY',
  PROMOTER = 'PROMOTER',
  RESEARCH_LAB = 'RESEARCH_LAB',
  PUBLIC_BODY = 'PUBLIC_BODY',
  OTHER = 'OTHER',
}

@Entity({ name: 'organization' })
@Index('ix_organization_name_id', ['name', 'id'])
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'enum', enum: OrganizationKind, enumName: 'organization_kind' })
  kind!: OrganizationKind;

  @Column({ type: 'text', nullable: true })
  city!: string | null;

  @Column({ type: 'text', nullable: true })
  district!: string | null;

  @Column({ type: 'text', nullable: true })
  sector!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  /** Sectors the organization cares about (free text), matched against ideas' texts for Organization.suggestedIdeas. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectorsOfInterest!: string[];

  /** Themes the organization cares about (free text), matched against the themes of every edition's ideas. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themesOfInterest!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
