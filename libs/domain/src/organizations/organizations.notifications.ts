import type { EntityManager } from 'typeorm';
import { clientPaths } from '../notifications/client-paths.js';
import type { NotificationRule } from '../notifications/notification-rule.js';
import type { TemplateSet } from '../notifications/template-set.js';
import { Organization } from './organization.entity.js';
import { ORGANIZATION_MEMBER_ADDED, type OrganizationMemberAddedPayload } from './organizations.service.js';

export const organizationTemplates: TemplateSet = {
  ORGANIZATION_MEMBER_ADDED: {
    labels: { role: 'organizationRole' },
    it: {
      title: 'Ora fai parte di {organization}',
      body: 'Hai un nuovo ruolo in {organization}: {role}.',
      reason: 'Ricevi questa email perché hai un ruolo in questa organizzazione su Climathon.',
    },
    en: {
      title: 'You are now part of {organization}',
      body: 'You have a new role in {organization}: {role}.',
      reason: 'You receive this email because you have a role in this organization on Climathon.',
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
