// The body of a piece the learner has not written yet. Calling it fails with a message that names the
// exercise and the command that grades it, wherever the piece is reached from (a test, a command, the site).
export class NotWrittenYet extends Error {
  constructor(readonly exercise: string) {
    super(`exercise ${exercise} is not written yet: write it in exercises/${exercise}.ts, then run npm run grade -- ${exercise}`);
    this.name = "NotWrittenYet";
  }
}

export function todo(exercise: string): never {
  throw new NotWrittenYet(exercise);
}
