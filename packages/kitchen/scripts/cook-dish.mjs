// Prints one library dish as the engine cooks it for a profile, with every broken rule: a tool for
// writing the library (data/LIBRARY.md). Reads the built package: run `npx tsc -b packages/kitchen` first.
//   node packages/kitchen/scripts/cook-dish.mjs <recipe-id> [target] [ko|en] ['{"allergies":["egg"]}']
import { profileWithDefaults } from '@ai-chef/contracts';
import { cookLibraryDish, defaultProfileFor, estimateBasket, getCatalog, getLibrary } from '@ai-chef/kitchen';

const [id, targetArg, language = 'ko', overrides = '{}'] = process.argv.slice(2).map((arg, i) => (arg === '' && i === 1 ? undefined : arg));
const recipe = getLibrary().find((entry) => entry.id === id);
if (recipe === undefined) {
  console.error(`no recipe ${id}`);
  process.exit(2);
}
const catalog = getCatalog();
const target = targetArg ?? recipe.targets[0];
const profile = profileWithDefaults({ ...defaultProfileFor(recipe, target, language, catalog), ...JSON.parse(overrides) });
const cooked = cookLibraryDish(id, profile, catalog);
if (cooked === undefined || 'kind' in cooked) {
  console.log('rejected:', JSON.stringify(cooked?.reasons, null, 1));
  process.exit(1);
}
const { recipe: written, nutrition, notices } = cooked;
console.log(`${written.recipeName} — ${written.description}`);
for (const line of written.ingredients) console.log(`  ${line.name} ${line.amount}${line.unit} (${line.grams} g)`);
written.instructions.forEach((step, index) => console.log(`${index + 1}. ${step}`));
console.log(`notes: ${written.targetNotes}`);
for (const notice of notices) console.log(`notice ${notice.code}: ${notice.message}`);
console.log('per serving:', JSON.stringify(nutrition.perServing));
const basket = estimateBasket(written.ingredients, profile, catalog);
console.log(`out of pocket ${basket.outOfPocket}원 for ${profile.servings} (used ${basket.usedCost}원)`);
const broken = nutrition.checks.filter((check) => !check.ok);
for (const check of broken) console.log(`BROKEN ${check.rule}: ${check.reason}`);
process.exit(broken.length > 0 ? 1 : 0);
