/** GeoReport v2 XML: a root element holding one element per item, each field a child element. */
function escape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function field(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const inner = value.map((v) => (typeof v === 'object' && v !== null ? element(singular(name), v as Record<string, unknown>) : field(singular(name), v))).join('');
    return `<${name}>${inner}</${name}>`;
  }
  if (typeof value === 'object') return element(name, value as Record<string, unknown>);
  return `<${name}>${escape(String(value))}</${name}>`;
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function element(name: string, item: Record<string, unknown>): string {
  return `<${name}>${Object.entries(item).map(([k, v]) => field(k, v)).join('')}</${name}>`;
}

export function toXml(root: string, itemName: string, items: Record<string, unknown>[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${items.map((i) => element(itemName, i)).join('')}</${root}>`;
}

/** A single object as the document's root element. */
export function objectToXml(root: string, value: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}
