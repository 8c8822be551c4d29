/** Settings the server embeds in the page (see the server's `withClientConfig`). */
export interface ClientConfig {
  tldrawLicenseKey?: string;
}

export function clientConfig(): ClientConfig {
  const element = document.getElementById('roundtable-config');
  if (!element?.textContent) return {};
  try {
    return JSON.parse(element.textContent) as ClientConfig;
  } catch {
    return {};
  }
}
