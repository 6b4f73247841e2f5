// One pictogram per service category (the seeds' catalogue); unknown categories get the hall.
const icons: Record<string, string> = {
  permits: 'building',
  building: 'building',
  licences: 'licence',
  licenses: 'licence',
  licensing: 'licence',
  planning: 'map',
  land: 'map',
  inspection: 'search',
  complaints: 'phone',
  payments: 'card',
  fees: 'card',
  certificates: 'document',
  documents: 'document',
  enquiries: 'info',
  reception: 'info',
  general: 'info',
};

export function categoryIcon(category: string): string {
  const key = category.toLowerCase();
  return icons[key] ?? Object.entries(icons).find(([k]) => key.includes(k))?.[1] ?? 'hall';
}
