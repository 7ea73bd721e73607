/** Media types accepted for uploads, recognised by their first bytes rather than by what the client claims. */
const SIGNATURES: ReadonlyArray<{ mediaType: string; magic: Buffer }> = [
  { mediaType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { mediaType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

export const ALLOWED_MEDIA_TYPES: readonly string[] = SIGNATURES.map((s) => s.mediaType);

export function sniffMediaType(content: Buffer): string | undefined {
  return SIGNATURES.find((s) => content.subarray(0, s.magic.length).equals(s.magic))?.mediaType;
}
