import type { EntityManager } from 'typeorm';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { Organization } from './organization.entity.js';
import { ORGANIZATION_MEMBER_ADDED, type OrganizationMemberAddedPayload } from './organizations.service.js';

/** ORGANIZATION_MEMBER_ADDED (the kind keeps its first name): an owner invited the recipient, who is not yet a member. */
export const organizationTemplates: TemplateSet = {
  ORGANIZATION_MEMBER_ADDED: {
    labels: { role: 'organizationRole' },
    it: {
      title: 'Invito a far parte di {organization}',
      body: "Hai ricevuto un invito in {organization} con il ruolo di {role}. Puoi accettarlo o rifiutarlo dalla pagina dell'organizzazione.",
      reason: 'Ricevi questa email perché un responsabile di questa organizzazione su Climathon ti ha proposto un ruolo.',
    },
    en: {
      title: 'Invitation to join {organization}',
      body: "You have an invitation to {organization} as {role}. You can accept or decline it on the organization's page.",
      reason: 'You receive this email because an owner of this organization on Climathon offered you a role.',
    },
  },
};

export const organizationNotificationRules: NotificationRule<any>[] = [
  {
    eventType: ORGANIZATION_MEMBER_ADDED,
    async plan(manager: EntityManager, payload: OrganizationMemberAddedPayload) {
      const organization = await manager.findOneBy(Organization, { id: payload.organizationId });
      if (!organization) return null;
      return {
        kind: 'ORGANIZATION_MEMBER_ADDED',
        recipientIds: [payload.userId],
        subjectId: organization.id,
        path: clientPaths.organization(organization.id),
        params: { organization: organization.name, role: payload.role },
      };
    },
  } satisfies NotificationRule<OrganizationMemberAddedPayload>,
];
