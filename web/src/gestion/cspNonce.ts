// The nonce guichet put in this page's CSP (style-src): CodeMirror writes its styles in a
// <style> element, which the CSP only lets through with it.
export function cspNonce(): string | undefined {
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return nonce && !nonce.startsWith("__") ? nonce : undefined;
}
