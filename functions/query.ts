// PLACEHOLDER: the query Lambda handler.
export const handler = async (): Promise<void> => {};
