import { AdoptionStatus } from '../adoption/adoption.entity.js';
import { ChallengeStatus } from '../challenges/challenge.entity.js';
import type { Locale } from '../identity/user.entity.js';
import { MilestoneStatus } from '../minicompanies/milestone.entity.js';
import { OrganizationRole } from '../organizations/organization-member.entity.js';
import { TeamRole } from '../teams/team-member.entity.js';

type Labels<E extends string> = Record<Locale, Record<E, string>>;

/**
 * The words for enum values (docs/rules.md "Notifications": texts never show a raw enum value, "membro", not MEMBER).
 * Role names are ones that fit anyone in Italian ("membro", "responsabile", "coach"). Typed by the enums, so a new
 * value without its words does not compile; the catalogue test renders every one in both languages.
 */
export const LABELS = {
  organizationRole: {
    it: { [OrganizationRole.OWNER]: 'responsabile', [OrganizationRole.MEMBER]: 'membro' },
    en: { [OrganizationRole.OWNER]: 'owner', [OrganizationRole.MEMBER]: 'member' },
  } satisfies Labels<OrganizationRole>,
  teamRole: {
    it: { [TeamRole.COACH]: 'coach', [TeamRole.CAPTAIN]: 'caposquadra', [TeamRole.STUDENT]: 'membro della squadra' },
    en: { [TeamRole.COACH]: 'coach', [TeamRole.CAPTAIN]: 'team captain', [TeamRole.STUDENT]: 'team member' },
  } satisfies Labels<TeamRole>,
  challengeStatus: {
    // The stage's name as the web client shows it, so it fits "(fase attuale: in valutazione)" in any sentence.
    it: {
      [ChallengeStatus.DRAFT]: 'bozza',
      [ChallengeStatus.PUBLISHED]: 'proposte aperte',
      [ChallengeStatus.JUDGING]: 'in valutazione',
      [ChallengeStatus.RESULTS_PUBLISHED]: 'risultati pubblicati',
      [ChallengeStatus.CLOSED]: 'conclusa',
    },
    en: {
      [ChallengeStatus.DRAFT]: 'draft',
      [ChallengeStatus.PUBLISHED]: 'open for ideas',
      [ChallengeStatus.JUDGING]: 'being judged',
      [ChallengeStatus.RESULTS_PUBLISHED]: 'results published',
      [ChallengeStatus.CLOSED]: 'closed',
    },
  } satisfies Labels<ChallengeStatus>,
  adoptionStatus: {
    it: {
      [AdoptionStatus.PROPOSED]: 'proposta',
      [AdoptionStatus.ACCEPTED]: 'accettata',
      [AdoptionStatus.DECLINED]: 'non accettata',
      [AdoptionStatus.WITHDRAWN]: 'ritirata',
      [AdoptionStatus.COMPLETED]: 'completata',
    },
    en: {
      [AdoptionStatus.PROPOSED]: 'proposed',
      [AdoptionStatus.ACCEPTED]: 'accepted',
      [AdoptionStatus.DECLINED]: 'declined',
      [AdoptionStatus.WITHDRAWN]: 'withdrawn',
      [AdoptionStatus.COMPLETED]: 'completed',
    },
  } satisfies Labels<AdoptionStatus>,
  milestoneStatus: {
    it: { [MilestoneStatus.PLANNED]: 'da consegnare', [MilestoneStatus.SUBMITTED]: 'consegnata', [MilestoneStatus.APPROVED]: 'approvata', [MilestoneStatus.OVERDUE]: 'scaduta' },
    en: { [MilestoneStatus.PLANNED]: 'planned', [MilestoneStatus.SUBMITTED]: 'submitted', [MilestoneStatus.APPROVED]: 'approved', [MilestoneStatus.OVERDUE]: 'overdue' },
  } satisfies Labels<MilestoneStatus>,
};

export type LabelGroup = keyof typeof LABELS;

/** The words for one enum value in the given language; an unknown value throws rather than showing the raw token. */
export function label(group: LabelGroup, value: string, locale: Locale): string {
  const words = (LABELS[group][locale] as Record<string, string>)[value];
  if (words === undefined) throw new Error(`No ${locale} label for ${group} ${value}`);
  return words;
}
