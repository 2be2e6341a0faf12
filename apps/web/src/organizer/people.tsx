import { FormattedMessage, type IntlShape } from 'react-intl';
import type { MessageId } from '../i18n/IntlRoot';

export interface PersonLike {
  displayName: string;
  erased: boolean;
  nameHidden: boolean;
}

/** A person's name as the viewer may see it: erased people and hidden names get a label in the viewer's language. */
export function PersonName({ user, erasedLabel = 'person.erased' }: { user: PersonLike; erasedLabel?: MessageId }) {
  if (user.erased) return <FormattedMessage id={erasedLabel} />;
  if (user.nameHidden) return <FormattedMessage id="person.hidden" />;
  return <>{user.displayName}</>;
}

/** The same as text (for labels and aria-labels). */
export function personLabel(intl: IntlShape, user: PersonLike, erasedLabel: MessageId = 'person.erased'): string {
  if (user.erased) return intl.formatMessage({ id: erasedLabel });
  if (user.nameHidden) return intl.formatMessage({ id: 'person.hidden' });
  return user.displayName;
}
