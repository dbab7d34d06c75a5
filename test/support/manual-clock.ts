/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-11-26T10:00:10Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(time: Date) {
      now = time.getTime();
    },
  };
}
