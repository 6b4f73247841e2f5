// The key figures shown first in every file and on the screen's cards.
import type { I18nText } from '../../../shared/protocol/entities.ts';
import type { ReportResponse } from '../../../shared/protocol/reports.ts';

export const KEY_FIGURES: { key: keyof ReportResponse['key']; type: 'int' | 'minutes' | 'percent' | 'number'; label: I18nText }[] = [
  { key: 'issued', type: 'int', label: { ar: 'التذاكر الصادرة', en: 'Tickets issued' } },
  { key: 'served', type: 'int', label: { ar: 'المخدومة', en: 'Served' } },
  { key: 'noShow', type: 'int', label: { ar: 'لم يحضر', en: 'No-show' } },
  { key: 'cancelled', type: 'int', label: { ar: 'الملغاة', en: 'Cancelled' } },
  { key: 'transferred', type: 'int', label: { ar: 'المحوّلة', en: 'Transferred' } },
  { key: 'waitMean', type: 'minutes', label: { ar: 'متوسط الانتظار (دقيقة)', en: 'Mean wait (min)' } },
  { key: 'waitMedian', type: 'minutes', label: { ar: 'وسيط الانتظار (دقيقة)', en: 'Median wait (min)' } },
  { key: 'waitP90', type: 'minutes', label: { ar: 'الانتظار عند ٩٠٪ (دقيقة)', en: '90th percentile wait (min)' } },
  { key: 'serviceMean', type: 'minutes', label: { ar: 'متوسط مدة الخدمة (دقيقة)', en: 'Mean service time (min)' } },
  { key: 'serviceLevel', type: 'percent', label: { ar: 'مستوى الخدمة', en: 'Service level' } },
  { key: 'ratingMean', type: 'number', label: { ar: 'متوسط التقييم (من ٥)', en: 'Mean rating (of 5)' } },
];
