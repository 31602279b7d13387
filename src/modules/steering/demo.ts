export async function seedSteeringDemo(): Promise<void> {}
export async function steeringDemoLogins(): Promise<never[]> {
  return [];
}
