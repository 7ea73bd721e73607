import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** Font folders shipped by npm packages: regular, italic, bold and bold italic of Noto Serif and Noto Sans. */
const FONT_DIRECTORIES = ['@expo-google-fonts/noto-serif', '@expo-google-fonts/noto-sans'].flatMap((pkg) => {
  const root = packageRoot(pkg).directory;
  return ['400Regular', '400Regular_Italic', '700Bold', '700Bold_Italic'].map((style) => join(root, style));
});

/** Family names templates may ask for, mapped onto the fonts the platform ships. */
const SERIF_ALIASES = ['serif', 'Times New Roman', 'Times', 'Liberation Serif', 'DejaVu Serif'];
const SANS_ALIASES = ['sans-serif', 'Arial', 'Helvetica', 'Liberation Sans', 'DejaVu Sans', 'monospace', 'system-ui'];

/**
 * Writes a fontconfig file that lists only the shipped fonts. Without a TrueType font visible to
 * fontconfig Chromium prints PDFs without any text, and fonts of the host would make the output
 * differ between machines; so the browser sees these and nothing else.
 */
export async function writeFontConfig(directory: string): Promise<string> {
  await mkdir(join(directory, 'cache'), { recursive: true });
  const alias = (family: string, target: string) =>
    `  <alias binding="same"><family>${escapeXml(family)}</family><prefer><family>${target}</family></prefer></alias>`;
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    ...FONT_DIRECTORIES.map((dir) => `  <dir>${escapeXml(dir)}</dir>`),
    `  <cachedir>${escapeXml(join(directory, 'cache'))}</cachedir>`,
    ...SERIF_ALIASES.map((family) => alias(family, 'Noto Serif')),
    ...SANS_ALIASES.map((family) => alias(family, 'Noto Sans')),
    '</fontconfig>',
    '',
  ].join('\n');
  const file = join(directory, 'fonts.conf');
  await writeFile(file, xml);
  return file;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
