// The schedule grid gains drag and drop and keyboard shortcuts from a script; its forms work without it.
export const csr = true;
