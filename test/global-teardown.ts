export default async function globalTeardown(): Promise<void> {
  await globalThis.__BROADSHEET_STACK__?.stop();
}
