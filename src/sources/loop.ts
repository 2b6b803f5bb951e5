// Runs the re-ingestion again and again in one process, the way the EventBridge schedule
// does on AWS: for the local stack (`npm start` with a sources file). Runs never overlap;
// a failed run is reported and the next one still comes.
export interface ReingestLoopOptions<T> {
  /** Pause between the end of one run and the start of the next. */
  intervalMs: number;
  /** One run: the local stack passes the reingest handler invoked with a scheduled event. */
  run: () => Promise<T>;
  onRun?: (result: T) => void;
  onError?: (error: unknown) => void;
  /** Wait one interval before the first run (the caller has just run it itself). */
  delayFirstRun?: boolean;
}

export interface ReingestLoop {
  /** Resolves once no run is in progress and none will start. */
  stop(): Promise<void>;
}

/** Starts the first run at once, or after one interval with `delayFirstRun`. */
export function startReingestLoop<T>(options: ReingestLoopOptions<T>): ReingestLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = () => {
    timer = undefined;
    current = options
      .run()
      .then(
        (result) => options.onRun?.(result),
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  if (options.delayFirstRun) timer = setTimeout(tick, options.intervalMs);
  else tick();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
