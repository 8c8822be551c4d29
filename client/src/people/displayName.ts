const STORAGE_KEY = 'roundtable:displayName';

export function rememberedName(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberName(name: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, name);
  } catch {
    // private mode: the name lasts for this visit only
  }
}

/** A stable, readable colour per name, so a person keeps their colour across visits. */
export function colourFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return `hsl(${hash % 360} 70% 42%)`;
}
