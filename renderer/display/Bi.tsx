// A label in both languages at once (the hall screen speaks to everyone): Arabic, then English.
import { useTranslation } from 'react-i18next';

export function Bi({ k }: { k: string }) {
  const { i18n } = useTranslation();
  return (
    <span className="bi">
      <span lang="ar" dir="rtl">{i18n.getFixedT('ar')(k)}</span>
      <span lang="en" dir="ltr">{i18n.getFixedT('en')(k)}</span>
    </span>
  );
}
