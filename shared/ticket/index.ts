// The ticket layout shared by the kiosk preview (renderer) and the printer (electron/devices).
export { layoutTicket, renderTicketSvg, type CellFont, type CellLine, type TicketLayout, type TicketLayoutOptions, type TicketWidthDots } from './ticket-svg.ts';
export { qrMatrix, qrPathData, qrSvgPath, type QrMatrix } from './qr-matrix.ts';
