import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans SC (SIL Open Font License), installed from the npm registry by package.json
 * (@expo-google-fonts/noto-sans-sc): full TrueType files with CJK and Latin glyphs, which
 * pdfkit subsets into each document, so a report carries only the glyphs it uses.
 */
const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let loaded: Record<keyof typeof FILES, Buffer> | undefined;

/** The font files, read once per process (about 10 MB each). */
export function reportFonts(): Record<keyof typeof FILES, Buffer> {
  loaded ??= { regular: fs.readFileSync(require.resolve(FILES.regular)), bold: fs.readFileSync(require.resolve(FILES.bold)) };
  return loaded;
}
