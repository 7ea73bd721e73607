/** Media types accepted for uploads, recognised by their first bytes rather than by what the client claims. */
const SIGNATURES: ReadonlyArray<{ mediaType: string; extensions: readonly string[]; magic: Buffer }> = [
  { mediaType: 'application/pdf', extensions: ['.pdf'], magic: Buffer.from('%PDF-', 'latin1') },
  { mediaType: 'image/png', extensions: ['.png'], magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

export const ALLOWED_MEDIA_TYPES: readonly string[] = SIGNATURES.map((s) => s.mediaType);

/** The file name endings a browser's file picker may offer for the accepted types. */
export const ALLOWED_EXTENSIONS: readonly string[] = SIGNATURES.flatMap((s) => s.extensions);

export function sniffMediaType(content: Buffer): string | undefined {
  return SIGNATURES.find((s) => content.subarray(0, s.magic.length).equals(s.magic))?.mediaType;
}
