import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../i18n/IntlRoot';

/** A dismissable alert dialog asking to confirm a step that cannot be undone: its title, its text, confirm and cancel. */
export function ConfirmDialog({
  isOpen,
  onOpenChange,
  onConfirm,
  messages,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  messages: { title: MessageId; text: MessageId; confirm: MessageId; cancel: MessageId };
}) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen={isOpen} onOpenChange={onOpenChange}>
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">
            <FormattedMessage id={messages.title} />
          </Heading>
          <p>
            <FormattedMessage id={messages.text} />
          </p>
          <div className="actions">
            <Button className="button button-danger" onPress={onConfirm}>
              <FormattedMessage id={messages.confirm} />
            </Button>
            <Button className="button button-secondary" slot="close">
              <FormattedMessage id={messages.cancel} />
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
