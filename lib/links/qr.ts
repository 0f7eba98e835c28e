import 'server-only';
import QRCode from 'qrcode';

// Medium error correction and a quiet zone of 2 modules: scans reliably from print and from a screen.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The QR code of `url` as an SVG document (scales without loss; for print). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/** The QR code of `url` as a PNG, 512 px by default (for chat apps and office documents; posters ask for more). */
export function qrPng(url: string, width = 512): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width });
}
