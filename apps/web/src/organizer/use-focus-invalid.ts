import { useEffect, type RefObject } from 'react';

/**
 * After the API refuses a form, moves the focus to the first field it marked invalid (or to the form's alert), so
 * keyboard and screen-reader users land on the message instead of staying on the submit button.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error || !form.current) return;
    const target = form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.current.querySelector<HTMLElement>('[role="alert"]');
    if (target) {
      if (!target.matches('input, select, textarea')) target.tabIndex = -1;
      target.focus();
    }
  }, [form, error]);
}
