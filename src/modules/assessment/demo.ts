export async function seedAssessmentDemo() {}
