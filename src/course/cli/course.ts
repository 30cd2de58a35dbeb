// npm run course -- ship | map
//   ship  records the exercises as they are now as the shipped content (exercises/shipped.json)
//   map   prints the course map: chapters, exercises and their points
import { ship } from "../shipped.ts";
import { courseMap } from "../map.ts";
import { fail } from "./cli.ts";

const [command] = process.argv.slice(2);
if (command === "ship") {
  const shipped = ship();
  console.log(`recorded ${Object.keys(shipped).length} exercise(s) in exercises/shipped.json`);
} else if (command === "map" || command === undefined) {
  console.log(courseMap());
} else {
  fail(`unknown command '${command}'; use 'ship' or 'map'`);
}
