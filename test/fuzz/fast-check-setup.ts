// Lets a failing fuzz run be replayed exactly: FC_SEED (and FC_PATH, from the failure message)
// pin fast-check's generator. (FC_RUNS, the number of runs, is read by the tests themselves.)
import fc from 'fast-check';

const seed = process.env.FC_SEED;
const path = process.env.FC_PATH;
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  ...(seed === undefined ? {} : { seed: Number(seed) }),
  ...(path === undefined ? {} : { path }),
});
