/** Issues the signed links a shopper opens a stored document with. */
export interface LinkIssuer {
  linksFor(document: { key: string; tenant: string; fileName: string }): { viewUrl: string; downloadUrl: string };
}
