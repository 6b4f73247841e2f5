// Line icons drawn here (no emoji font is guaranteed on a kiosk, and no network for icon fonts).
const paths: Record<string, string> = {
  building: 'M4 21V8l8-5 8 5v13M9 21v-6h6v6M8 10h.01M12 10h.01M16 10h.01',
  licence: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h5',
  map: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM21 21l-5-5',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  card: 'M3 6h18v12H3zM3 10h18M7 15h4',
  document: 'M6 3h12v18H6zM9 8h6M9 12h6M9 16h3',
  info: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5h.01',
  hall: 'M3 21h18M5 21V10M19 21V10M9 21V10M15 21V10M2 10l10-6 10 6z',
  elderly: 'M12 3.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM12 9v6l-3 6M12 15l3 6M8 12l4-2 3 2M18 11v10',
  disability: 'M11 3.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM11 9v6h6l2 5M11 12h5M8 11a6 6 0 1 0 7 8',
  pregnancy: 'M11 3.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM11 9c-2 2-2 5 0 6M11 9c3 1 5 3 4 6h-4M10 15l-1 6M13 15l1 6',
  arrow: 'M20 12H5M11 5l-7 7 7 7',
  star: 'M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z',
  idcard: 'M3 5h18v14H3zM8 9.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM5 17c.5-2 5.5-2 6 0M14 10h4M14 14h4',
  people: 'M9 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM3 20c0-4 3-6 6-6s6 2 6 6M16 4.5a3 3 0 0 1 0 5.5M18 14c2 .7 3 2.6 3 6',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2',
  closed: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM5.6 5.6l12.8 12.8',
  sound: 'M4 9v6h4l5 4V5L8 9zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11',
  mute: 'M4 9v6h4l5 4V5L8 9zM17 9l4 6M21 9l-4 6',
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 56, filled = false }: { name: string; size?: number; filled?: boolean }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={paths[name] ?? paths.hall} />
    </svg>
  );
}
