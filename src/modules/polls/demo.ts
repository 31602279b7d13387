export async function seedPollsDemo(): Promise<void> {}
