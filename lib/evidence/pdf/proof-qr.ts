import QRCode from 'qrcode';

/**
 * The QR code of a receipt's inclusion proof (the C2SP tlog-proof text: index, proof hashes, signed checkpoint) as a
 * PNG data URL. Low error correction keeps the code small enough to print (≈ 1.2 kB at 1M events: version ≈ 25);
 * the same text always gives the same bytes, so a receipt composed again is identical.
 */
export async function proofQrDataUrl(proofText: string): Promise<string> {
  const png = await QRCode.toBuffer(proofText, { errorCorrectionLevel: 'L', margin: 2, type: 'png', width: 600 });
  return `data:image/png;base64,${png.toString('base64')}`;
}
