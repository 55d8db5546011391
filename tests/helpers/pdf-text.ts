/**
 * The text of every page of a PDF as pdf.js reads it (as a viewer would, through each font's
 * ToUnicode map), concatenated with all white space removed: pdf.js splits text runs where it
 * likes, so expected strings are compared without spaces too (see `squeeze`).
 */
export async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
  }
  await doc.destroy();
  return squeeze(text);
}

export const squeeze = (s: string) => s.replace(/\s+/g, '');
