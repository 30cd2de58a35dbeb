// npm start: the course map and how to begin. (The course site replaces this with a local server.)
import { courseMap } from "../map.ts";

console.log(`Virtual Machines from the Source

${courseMap()}

Begin with a chapter's README under chapters/, then grade your work:
  npm run grade                      every exercise
  npm run grade -- 05                one chapter
  npm run grade -- 05-cpython-list/list-resize   one exercise`);
