// Helpers of the registration specs.
import { activeAccount, expect, staffToken, type Guichet } from "./guichet";

export { activeAccount };

/** The office withdraws a registration (désinscription), as staff would from the back office:
 * an admin made with `guichet admin create-user`, logged in with its TOTP code. */
export async function withdrawnByOffice(g: Guichet, registrationId: string, reason: string) {
  const token = await staffToken(g, { roles: "admin,manager" });
  const w = await fetch(`${g.baseURL}/api/v1/admin/registrations/${registrationId}/withdraw`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ reason }),
  });
  expect(w.status, await w.clone().text()).toBe(200);
}
