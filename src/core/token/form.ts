// application/x-www-form-urlencoded, every value encoded: secrets contain + & % / = and
// spaces, and an unencoded '+' would reach Entra as a space (→ AADSTS7000215).
export function formEncode(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
