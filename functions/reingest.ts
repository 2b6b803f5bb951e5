// PLACEHOLDER: the reingest Lambda handler.
export const handler = async (): Promise<void> => {};
