import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/**
 * A dismissable alert dialog asking to confirm a step before it is taken: its title, its text (the children), confirm
 * and cancel. `danger` marks a step that cannot be undone (erasing an account, signing out everywhere).
 */
export function ConfirmDialog({
  isOpen,
  onOpenChange,
  onConfirm,
  title,
  confirmLabel,
  cancelLabel,
  children,
  danger = false,
  isConfirmDisabled = false,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  title: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  children: ReactNode;
  danger?: boolean;
  isConfirmDisabled?: boolean;
}) {
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen={isOpen} onOpenChange={onOpenChange}>
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title">{title}</Heading>
          {children}
          <div className="actions">
            <Button className={danger ? 'button button-danger' : 'button'} isDisabled={isConfirmDisabled} onPress={onConfirm}>
              {confirmLabel}
            </Button>
            <Button className="button button-secondary" slot="close">
              {cancelLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
