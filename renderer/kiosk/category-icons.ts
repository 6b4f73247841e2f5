// One pictogram per service category (the seeds' catalogue); unknown categories get a generic one.
const icons: Record<string, string> = {
  permits: '🏗️',
  building: '🏗️',
  licences: '📜',
  licenses: '📜',
  licensing: '📜',
  planning: '🗺️',
  land: '🗺️',
  inspection: '🔍',
  complaints: '📞',
  payments: '💳',
  fees: '💳',
  certificates: '📄',
  documents: '📄',
  enquiries: '💬',
  reception: '💬',
  general: '💬',
};

export function categoryIcon(category: string): string {
  const key = category.toLowerCase();
  return icons[key] ?? Object.entries(icons).find(([k]) => key.includes(k))?.[1] ?? '🏛️';
}
