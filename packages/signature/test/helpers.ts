/** A fixed clock at `seconds` (Unix), as verify options. */
export const at = (seconds: number) => ({ now: () => seconds * 1000 });

/** A fixed instant used across tests: 2023-11-14T22:13:20Z. */
export const T0 = 1_700_000_000;
