// PLACEHOLDER: the tag Lambda handler.
export const handler = async (): Promise<void> => {};
