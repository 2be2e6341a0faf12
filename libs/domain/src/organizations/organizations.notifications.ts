import type { EntityManager } from 'typeorm';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { Organization } from './organization.entity.js';
import { ORGANIZATION_MEMBER_ADDED, type OrganizationMemberAddedPayload } from './organizations.service.js';

export const organizationTemplates: TemplateSet = {
  ORGANIZATION_MEMBER_ADDED: {
    it: { title: 'Sei stato aggiunto a {organization}', body: 'Ora fai parte di {organization} con il ruolo {role}.' },
    en: { title: 'You were added to {organization}', body: 'You are now a member of {organization} with the role {role}.' },
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
        params: { organization: organization.name, role: payload.role },
      };
    },
  } satisfies NotificationRule<OrganizationMemberAddedPayload>,
];
