// A modal form: opened and closed by `open` (showModal, so focus stays inside and Esc cancels),
// a title, the fields given as children, then the submit button and Cancel.
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function FormDialog({ open, id, title, submitLabel, submitDisabled, onOpen, onClose, onSubmit, children }: {
  open: boolean;
  /** Names the dialog (`${id}-dialog`, `${id}-submit` test ids; `${id}-title` labels it). */
  id: string;
  title: ReactNode;
  submitLabel: string;
  submitDisabled?: boolean;
  /** Called each time it opens (reset the fields here). */
  onOpen?: () => void;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      onOpen?.();
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby={`${id}-title`} data-testid={`${id}-dialog`}>
      <form className="form" onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <div className="row">
          <button type="submit" className="btn-primary" data-testid={`${id}-submit`} disabled={submitDisabled}>{submitLabel}</button>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </dialog>
  );
}
