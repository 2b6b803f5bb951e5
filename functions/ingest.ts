// PLACEHOLDER: the ingest Lambda handler.
export const handler = async (): Promise<void> => {};
