// A list from an admin endpoint, reloadable after a save; the form that saves to it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { hubErrorText } from '../i18n/error-text.ts';

export function useAdminList<T>(path: string) {
  const hub = useHub();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    hub
      .get<T[]>(path)
      .then((r) => {
        setItems(r);
        setError(null);
      })
      .catch((e: unknown) => setError(hubErrorText(e)));
  }, [hub, path]);
  useEffect(reload, [reload]);
  return { items, error, reload };
}

/** In the screen's language, from the error's code (i18n/error-text.ts). */
export const errorText = (e: unknown): string => hubErrorText(e);

/** The edit form of an admin list: posts `toBody(form)` to `path`, then says so, clears the form and calls `onSaved`. */
export function useAdminForm<F>(path: string, blank: F, toBody: (form: F) => unknown, onSaved: () => void) {
  const { t } = useTranslation();
  const hub = useHub();
  const [form, setForm] = useState(blank);
  const [msg, setMsg] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await hub.post(path, toBody(form));
      setMsg(t('admin.saved'));
      setForm(blank);
      onSaved();
    } catch (err) {
      setMsg(errorText(err));
    }
  };
  return { form, setForm, msg, save };
}
