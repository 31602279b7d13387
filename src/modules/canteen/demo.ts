export async function seedCanteenDemo(): Promise<void> {}
