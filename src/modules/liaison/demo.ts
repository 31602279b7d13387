export async function seedLiaisonDemo(): Promise<void> {}
