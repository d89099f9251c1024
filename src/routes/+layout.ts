// Every page works without JavaScript: the server renders HTML and forms post back.
// Pages that gain from scripts (drag and drop in the schedule editor) opt in on their own.
export const csr = false;
