/** The service's notion of now; tests inject their own to cross time limits without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
